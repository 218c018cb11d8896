// The public surface of src/core/search: code outside this folder imports from here.
export * from './search';
export * from './searchGlossary';
export * from './searchIndex';
export * from './searchText';
