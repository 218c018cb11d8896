// Page script of the digest view. It never builds markup: it only turns clicks on the links
// the renderer wrote into two kinds of messages, which the extension validates again.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  const id = document.body.dataset.digestId;
  const previous = vscode.getState();
  if (id) {
    const sameDigest = previous && previous.id === id;
    vscode.setState({ id, scrollY: sameDigest && typeof previous.scrollY === 'number' ? previous.scrollY : 0 });
    if (sameDigest && typeof previous.scrollY === 'number') window.scrollTo(0, previous.scrollY);
  }

  /** @param {Event} event */
  function onClick(event) {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const anchor = target.closest('a');
    if (!anchor) return;
    // Handled here, never by the host's default link handling (capture phase, stopped).
    event.preventDefault();
    event.stopPropagation();
    if (event instanceof MouseEvent && event.button > 1) return;
    const digestId = anchor.getAttribute('data-digest-id');
    if (digestId) {
      vscode.postMessage({ type: 'open', id: digestId });
      return;
    }
    const href = anchor.getAttribute('href');
    if (href && /^https?:\/\//i.test(href)) vscode.postMessage({ type: 'link', href });
  }

  document.addEventListener('click', onClick, true);
  document.addEventListener('auxclick', onClick, true);

  let pending = 0;
  window.addEventListener('scroll', () => {
    if (!id || pending) return;
    pending = window.setTimeout(() => {
      pending = 0;
      vscode.setState({ id, scrollY: window.scrollY });
    }, 200);
  });
})();
