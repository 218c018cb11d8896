// The public surface of src/core/digest: code outside this folder imports from here. Nothing
// here loads the YAML parser (reading and writing digest files is src/core/digestFile), so the
// extension's activation can use these without it.
export * from './curation';
export * from './digestDate';
export * from './digestFolder';
export * from './digestIds';
export * from './topics';
