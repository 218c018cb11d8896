// The public surface of src/core/util: code outside this folder imports from here.
export * from './concurrency';
export * from './order';
