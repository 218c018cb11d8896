// The public surface of src/core/settings: code outside this folder imports from here.
export * from './paths';
export * from './settings';
