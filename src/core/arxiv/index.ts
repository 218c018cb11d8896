// The public surface of src/core/arxiv: code outside this folder imports from here.
export * from './arxiv';
