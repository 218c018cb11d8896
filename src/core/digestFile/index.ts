// The public surface of src/core/digestFile: reading, writing and validating digest files and
// the topic vocabulary (YAML front matter), and the file "New Digest…" creates. It loads the
// YAML parser, so the extension requires it only when a file is read or written.
export * from './digestFile';
export * from './digestTemplate';
export * from './fields';
export * from './topicsFile';
