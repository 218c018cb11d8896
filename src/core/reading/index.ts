// The public surface of src/core/reading: code outside this folder imports from here.
export * from './readingState';
export * from './viewHistory';
