// The public surface of src/core/commands: the extension's command ids.
export * from './commandIds';
