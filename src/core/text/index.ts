// The public surface of src/core/text: code outside this folder imports from here.
export * from './binary';
export * from './untrusted';
export * from './url';
