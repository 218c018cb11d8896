// The public surface of src/core/workspace: code outside this folder imports from here.
export * from './glob';
export * from './workspacePapers';
