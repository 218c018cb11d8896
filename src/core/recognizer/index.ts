// The public surface of src/core/recognizer: code outside this folder imports from here.
export * from './bibliography';
export * from './inFile';
export * from './mentionEvidence';
export * from './nameTable';
export * from './recognizer';
export * from './recognizerChars';
export * from './recognizerText';
