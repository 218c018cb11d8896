// The public surface of src/core/render: code outside this folder imports from here.
export * from './citation';
export * from './hoverCard';
export * from './localized';
export * from './summary';
