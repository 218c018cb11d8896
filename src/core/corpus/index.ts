// The public surface of src/core/corpus: code outside this folder imports from here.
export * from './bundle';
export * from './corpus';
export * from './grouping';
