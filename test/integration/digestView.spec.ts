import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DigestLensApi } from '../../src/extension';
import type { DigestViewController } from '../../src/features/digestView';
import type { DigestEntry } from '../../src/core/types';
import { getApi, serviceOf, waitFor } from './api';
import { startTags } from '../builders/html';

function digestView(api: DigestLensApi): DigestViewController {
  return serviceOf(api, 'digestView');
}

function digestTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('digestLens.digest'));
}

/** Two different digests from the bundled corpus (titles differ, so tabs can be told apart). */
function twoDigests(api: DigestLensApi): [DigestEntry, DigestEntry] {
  const entries = api.corpus.entries;
  assert.ok(entries.length >= 2, 'the bundled corpus needs at least two digests');
  const a = entries[0];
  const b = entries.find((e) => e.title !== a.title);
  assert.ok(b, 'no two digests with different titles');
  return [a, b];
}

suite('digest view', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('openDigest shows the digest in a webview tab titled with the digest title', async () => {
    const api = await getApi();
    const view = digestView(api);
    const [a] = twoDigests(api);
    const opened = await vscode.commands.executeCommand<boolean>('digestLens.openDigest', a.id);
    assert.strictEqual(opened, true);
    const tab = await waitFor(() => digestTabs().find((t) => t.label === a.title), `a tab titled "${a.title}"`);
    assert.ok(tab.isActive, 'the digest tab is not active');
    assert.strictEqual(view.currentDigestId(), a.id);
  });

  test('the page has a nonce CSP and every script carries the nonce', async () => {
    const api = await getApi();
    const view = digestView(api);
    const [a] = twoDigests(api);
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    const html = await waitFor(() => view.currentHtml(), 'the digest view HTML');

    const tags = startTags(html);
    const meta = tags.find((t) => t.name === 'meta' && t.attrs.get('http-equiv') === 'Content-Security-Policy');
    assert.ok(meta, 'no CSP meta tag');
    const csp = meta.attrs.get('content') ?? '';
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(csp)?.[1];
    assert.ok(nonce, `no script nonce in CSP: ${csp}`);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

    const scripts = tags.filter((t) => t.name === 'script');
    assert.ok(scripts.length > 0, 'the page has no script');
    for (const s of scripts) assert.strictEqual(s.attrs.get('nonce'), nonce, `script without the nonce: ${s.raw}`);
    const handlers = tags.filter((t) => [...t.attrs.keys()].some((name) => name.startsWith('on')));
    assert.deepStrictEqual(handlers.map((t) => t.raw), [], 'an event-handler attribute in the page');
    // The title is HTML-escaped in the page header.
    const escaped = a.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    assert.ok(html.includes(escaped), 'the digest title is missing from the page');
  });

  test('opening a second digest reuses the same panel', async () => {
    const api = await getApi();
    const view = digestView(api);
    const [a, b] = twoDigests(api);
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    await waitFor(() => digestTabs().find((t) => t.label === a.title), 'the first digest tab');
    const firstHtml = view.currentHtml();
    await vscode.commands.executeCommand('digestLens.openDigest', { id: b.id });
    await waitFor(() => digestTabs().find((t) => t.label === b.title), 'the panel retitled to the second digest');
    assert.strictEqual(digestTabs().length, 1, 'a second digest panel was opened');
    assert.strictEqual(view.currentDigestId(), b.id);
    assert.notStrictEqual(view.currentHtml(), firstHtml);
  });

  test('a tree node argument opens its digest', async () => {
    const api = await getApi();
    const view = digestView(api);
    const [, b] = twoDigests(api);
    assert.strictEqual(await vscode.commands.executeCommand('digestLens.openDigest', { digest: b }), true);
    assert.strictEqual(view.currentDigestId(), b.id);
  });

  test('an unknown id opens nothing and keeps the current digest', async () => {
    const api = await getApi();
    const view = digestView(api);
    const [a] = twoDigests(api);
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    await waitFor(() => digestTabs().find((t) => t.label === a.title), 'the digest tab');
    const opened = await vscode.commands.executeCommand('digestLens.openDigest', 'no-such-digest-\u202E<script>');
    assert.strictEqual(opened, false);
    assert.strictEqual(view.currentDigestId(), a.id);
    assert.deepStrictEqual(digestTabs().map((t) => t.label), [a.title]);
  });

  test('closing the panel clears the current digest', async () => {
    const api = await getApi();
    const view = digestView(api);
    const [a] = twoDigests(api);
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    await waitFor(() => digestTabs()[0], 'the digest tab');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => (view.currentDigestId() === undefined ? true : undefined), 'the panel to be disposed');
    assert.strictEqual(view.currentHtml(), undefined);
  });

  test('the serializer restores a saved panel to its digest', async () => {
    const api = await getApi();
    const view = digestView(api);
    const [, b] = twoDigests(api);
    const panel = vscode.window.createWebviewPanel('digestLens.digest', 'restored', vscode.ViewColumn.One, {});
    await view.restore(panel, { id: b.id });
    assert.strictEqual(view.currentDigestId(), b.id);
    assert.strictEqual(panel.title, b.title);
    assert.ok(panel.webview.options.enableScripts, 'scripts are off in the restored panel');
    assert.strictEqual(panel.webview.html, view.currentHtml());
    // Later digests go to the restored panel, not to a new one.
    const [a] = twoDigests(api);
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    assert.strictEqual(panel.title, a.title);
  });

  test('the serializer closes a panel whose saved state is unusable', async () => {
    const api = await getApi();
    const view = digestView(api);
    for (const state of [undefined, {}, { id: 42 }, { id: 'no-such-digest' }]) {
      const panel = vscode.window.createWebviewPanel('digestLens.digest', 'restored', vscode.ViewColumn.One, {});
      let disposed = false;
      panel.onDidDispose(() => (disposed = true));
      await view.restore(panel, state);
      assert.ok(disposed, `panel kept for state ${JSON.stringify(state)}`);
      assert.strictEqual(view.currentDigestId(), undefined);
    }
  });
});
