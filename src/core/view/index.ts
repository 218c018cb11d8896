// The public surface of src/core/view: the digest view's HTML (markdown-it, the toolbar, the
// webview document and its messages). It loads markdown-it, so the extension requires it only
// when the first digest is shown.
export * from './render';
