// The public surface of src/core/digest: code outside this folder imports from here.
export * from './digestDate';
export * from './digestFields';
export * from './digestFile';
export * from './digestFolder';
export * from './digestIds';
export * from './digestTemplate';
export * from './topics';
