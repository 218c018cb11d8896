// Page script of the digest view. It never builds markup: it only turns clicks on the links
// and toolbar buttons the renderer wrote into three kinds of messages, which the extension
// validates again.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  const id = document.body.dataset.digestId;
  const previous = vscode.getState();
  // The extension's view of this panel (digest, history, main or not), written by the renderer.
  const toolbar = document.querySelector('nav.toolbar');
  let viewState = { id };
  try {
    const parsed = JSON.parse((toolbar instanceof HTMLElement && toolbar.dataset.viewState) || 'null');
    if (parsed && typeof parsed === 'object' && parsed.id === id) viewState = parsed;
  } catch {
    // keep the bare id
  }
  if (id) {
    const sameDigest = previous && previous.id === id;
    const scrollY = sameDigest && typeof previous.scrollY === 'number' ? previous.scrollY : 0;
    vscode.setState({ ...viewState, scrollY });
    // The host puts the old page's scroll offset back once the new content has loaded: scroll
    // again after that, so a new digest starts at its top and a restored one where it was.
    window.scrollTo(0, scrollY);
    window.addEventListener('load', () => window.setTimeout(() => window.scrollTo(0, scrollY), 50));
  }

  /** @param {string} action */
  function act(action) {
    vscode.postMessage({ type: 'action', action });
  }

  /** @param {Event} event */
  function onClick(event) {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const button = target.closest('button[data-action]');
    if (button instanceof HTMLButtonElement) {
      event.preventDefault();
      if (!button.disabled && event instanceof MouseEvent && event.button === 0) act(button.dataset.action || '');
      return;
    }
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
  // The mouse's back and forward buttons (3 and 4) move through this panel's history.
  document.addEventListener(
    'mouseup',
    (event) => {
      if (event.button === 3 || event.button === 4) {
        event.preventDefault();
        act(event.button === 3 ? 'back' : 'forward');
      }
    },
    true,
  );

  let pending = 0;
  window.addEventListener('scroll', () => {
    if (!id || pending) return;
    pending = window.setTimeout(() => {
      pending = 0;
      vscode.setState({ ...viewState, scrollY: window.scrollY });
    }, 200);
  });
})();
