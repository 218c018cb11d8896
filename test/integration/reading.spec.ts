import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DigestLensApi } from '../../src/extension';
import type { DigestEntry } from '../../src/core/types';
import type { DigestNode, GroupNode, TopicsTreeProvider } from '../../src/features/topicsTree';
import type { ReadingStateService } from '../../src/features/readingState';
import type { DigestViewController } from '../../src/features/digestView';
import { cardAt, getApi, waitFor, serviceOf } from './api';
import { elementWith } from '../builders/html';

function digestTabs(): { tab: vscode.Tab; column: vscode.ViewColumn }[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('digestLens.digest')).map((tab) => ({ tab, column: g.viewColumn })),
  );
}

function three(api: DigestLensApi): [DigestEntry, DigestEntry, DigestEntry] {
  const titles = new Set<string>();
  const picked = api.corpus.entries.filter((e) => !titles.has(e.title) && titles.add(e.title)).slice(0, 3);
  assert.strictEqual(picked.length, 3, 'the corpus needs three digests with different titles');
  return picked as [DigestEntry, DigestEntry, DigestEntry];
}

suite('reading: the digest view beside the code, with history and tabs', () => {
  let api: DigestLensApi;
  let view: DigestViewController;
  suiteSetup(async () => {
    api = await getApi();
    view = serviceOf(api, 'digestView');
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
  });

  test('opened from code, the view opens beside the editor and the editor keeps the focus', async () => {
    const [a] = three(api);
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: `# ${a.title}\n` });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.strictEqual(await vscode.commands.executeCommand('digestLens.openDigest', a.id), true);
    const shown = await waitFor(() => digestTabs().find((t) => t.tab.label === a.title), 'the digest tab');
    assert.notStrictEqual(shown.column, editor.viewColumn, 'the digest covers the code');
    assert.strictEqual(vscode.window.activeTextEditor?.document, doc, 'the focus left the editor');
  });

  test('Back and Forward move through the digests the panel showed; the page shows the buttons', async () => {
    const [a, b, c] = three(api);
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    await vscode.commands.executeCommand('digestLens.openDigest', b.id);
    await vscode.commands.executeCommand('digestLens.openDigest', c.id);
    assert.deepStrictEqual(view.historyState(), { id: c.id, history: [a.id, b.id, c.id], index: 2, main: true });
    const button = (action: string) => elementWith(view.currentHtml() ?? '', 'data-action', action);
    assert.strictEqual(button('forward')?.attrs.has('disabled'), true);
    assert.strictEqual(await vscode.commands.executeCommand('digestLens.back'), true);
    assert.strictEqual(view.currentDigestId(), b.id);
    await vscode.commands.executeCommand('digestLens.back');
    assert.strictEqual(view.currentDigestId(), a.id);
    assert.strictEqual(await vscode.commands.executeCommand('digestLens.back'), false, 'nothing before the first digest');
    assert.strictEqual(button('back')?.attrs.has('disabled'), true);
    await vscode.commands.executeCommand('digestLens.forward');
    assert.strictEqual(view.currentDigestId(), b.id);
    assert.deepStrictEqual([button('back')?.attrs.has('disabled'), button('forward')?.attrs.has('disabled')], [false, false]);
    // The state the page saves for the serializer carries the history.
    const saved = elementWith(view.currentHtml() ?? '', 'data-view-state')?.attrs.get('data-view-state');
    assert.deepStrictEqual(JSON.parse(saved ?? 'null'), { id: b.id, history: [a.id, b.id, c.id], index: 1, main: true });
    // A new digest drops the forward entries, as a browser does.
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    assert.deepStrictEqual(view.historyState()?.history, [a.id, b.id, a.id]);
  });

  test('after a reload the serializer restores the panel with its history', async () => {
    const [a, b, c] = three(api);
    const panel = vscode.window.createWebviewPanel('digestLens.digest', 'restored', vscode.ViewColumn.One, {});
    await view.restore(panel, { id: b.id, history: [a.id, b.id, c.id, 'no-such-digest'], index: 1, main: true, scrollY: 120 });
    assert.strictEqual(panel.title, b.title);
    assert.deepStrictEqual(view.historyState(), { id: b.id, history: [a.id, b.id, c.id], index: 1, main: true });
    await vscode.commands.executeCommand('digestLens.forward');
    assert.strictEqual(panel.title, c.title);
  });

  test('a restored extra tab is kept beside the main panel; a second restored main panel is closed', async () => {
    const [a, b, c] = three(api);
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    const extra = vscode.window.createWebviewPanel('digestLens.digest', 'restored', vscode.ViewColumn.One, {});
    await view.restore(extra, { id: b.id, history: [b.id], index: 0, main: false });
    assert.strictEqual(extra.title, b.title);
    const second = vscode.window.createWebviewPanel('digestLens.digest', 'restored', vscode.ViewColumn.One, {});
    let closed = false;
    second.onDidDispose(() => (closed = true));
    await view.restore(second, { id: c.id, history: [c.id], index: 0, main: true });
    assert.ok(closed, 'the second main panel is closed');
    assert.deepStrictEqual(view.openDigestIds(), [a.id, b.id]);
  });

  test('"Open in New Tab" keeps a second digest open while the main panel moves on', async () => {
    const [a, b, c] = three(api);
    await vscode.commands.executeCommand('digestLens.openDigest', a.id);
    assert.ok(elementWith(view.currentHtml() ?? '', 'data-action', 'newTab'), 'the page has the button');
    assert.strictEqual(await vscode.commands.executeCommand('digestLens.openDigestInNewTab', b.id), true);
    await waitFor(() => (digestTabs().length === 2 ? true : undefined), 'a second digest tab');
    await vscode.commands.executeCommand('digestLens.openDigest', c.id);
    await waitFor(() => (digestTabs().some((t) => t.tab.label === c.title) ? true : undefined), 'the main panel on the third digest');
    assert.deepStrictEqual(view.openDigestIds(), [c.id, b.id], 'the new tab still shows its digest');
    assert.deepStrictEqual(digestTabs().map((t) => t.tab.label).sort(), [b.title, c.title].sort());
  });
});

suite('reading: read / unread, star, filter', () => {
  let api: DigestLensApi;
  let tree: TopicsTreeProvider;
  let view: vscode.TreeView<unknown>;
  let reading: ReadingStateService;
  const nodeOf = (id: string): DigestNode => {
    const n = tree.findDigest(id);
    assert.ok(n, `no tree node for ${id}`);
    return n;
  };
  const allListed = (): string[] => (tree.getChildren() as GroupNode[]).flatMap((g) => (tree.getChildren(g) as DigestNode[]).map((n) => n.digest.id));

  suiteSetup(async () => {
    api = await getApi();
    ({ provider: tree, view } = serviceOf(api, 'topicsTree'));
    reading = serviceOf(api, 'readingState');
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('digestLens.clearFilter');
    for (const e of api.corpus.entries) {
      await reading.setRead(e.id, false);
      await reading.setStarred(e.id, false);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('mark read / unread and star from a tree node: the item shows it and its menu follows', async () => {
    const [a] = three(api);
    await reading.setRead(a.id, false);
    let item = tree.getTreeItem(nodeOf(a.id));
    assert.match(String(item.description), /^●/, 'an unread digest has a dot');
    assert.match(item.contextValue ?? '', /\.unread$/);

    assert.strictEqual(await vscode.commands.executeCommand('digestLens.markRead', nodeOf(a.id)), true);
    item = tree.getTreeItem(nodeOf(a.id));
    assert.doesNotMatch(String(item.description), /●/);
    assert.match(item.contextValue ?? '', /\.read$/);

    await vscode.commands.executeCommand('digestLens.star', nodeOf(a.id));
    item = tree.getTreeItem(nodeOf(a.id));
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'star-full');
    assert.match(item.contextValue ?? '', /\.read\.starred$/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /Starred/);

    await vscode.commands.executeCommand('digestLens.unstar', a.id);
    await vscode.commands.executeCommand('digestLens.markUnread', { id: a.id });
    item = tree.getTreeItem(nodeOf(a.id));
    assert.notStrictEqual((item.iconPath as vscode.ThemeIcon).id, 'star-full');
    assert.match(item.contextValue ?? '', /\.unread$/);
  });

  test('opening a digest marks it read; the view\'s buttons act on the digest on screen', async () => {
    const [, b] = three(api);
    await reading.setRead(b.id, false);
    await vscode.commands.executeCommand('digestLens.openDigest', b.id);
    assert.strictEqual(reading.isRead(b.id), true);
    const html = () => serviceOf(api, 'digestView').currentHtml() ?? '';
    const pressed = (action: string) => elementWith(html(), 'data-action', action)?.attrs.get('aria-pressed');
    assert.strictEqual(pressed('toggleRead'), 'true');
    // With no argument the commands act on the active digest view (as its buttons do).
    await waitFor(() => (vscode.window.tabGroups.activeTabGroup.activeTab?.label === b.title ? true : undefined), 'the digest view active');
    await vscode.commands.executeCommand('digestLens.star');
    assert.strictEqual(reading.isStarred(b.id), true);
    await waitFor(() => (pressed('toggleStar') === 'true' ? true : undefined), 'the page to show the star');
    await vscode.commands.executeCommand('digestLens.unstar');
    assert.strictEqual(reading.isStarred(b.id), false);
  });

  test('the hover card offers Star, then Unstar, as enabled command links', async () => {
    const target = api.corpus.entries.find((e) => e.arxiv.length > 0 && api.corpus.byArxiv(e.arxiv[0]).length === 1);
    assert.ok(target, 'a digest with its own arXiv ID');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `See arXiv:${target.arxiv[0]} here.\n` });
    const pos = new vscode.Position(0, 'See arXiv:'.length + 2);
    const before = await waitFor(() => cardAt(doc, pos), 'the card');
    const starLink = `command:digestLens.star?${encodeURIComponent(JSON.stringify([target.id]))}`;
    assert.ok(before.value.includes(starLink), before.value);
    const trusted = (before.hover.contents[0] as vscode.MarkdownString).isTrusted as { enabledCommands: string[] };
    assert.ok(trusted.enabledCommands.includes('digestLens.star'), 'the link is enabled');
    await vscode.commands.executeCommand('digestLens.star', target.id);
    const after = await waitFor(async () => {
      const c = await cardAt(doc, pos);
      return c?.value.includes('command:digestLens.unstar?') ? c : undefined;
    }, 'the Unstar link');
    assert.ok(((after.hover.contents[0] as vscode.MarkdownString).isTrusted as { enabledCommands: string[] }).enabledCommands.includes('digestLens.unstar'));
    await vscode.commands.executeCommand('digestLens.unstar', target.id);
  });

  test('the tree filters to starred, unread or text, and says so', async () => {
    const [a, b, c] = three(api);
    for (const e of api.corpus.entries) await reading.setStarred(e.id, false);
    await reading.setStarred(a.id, true);
    await reading.setStarred(b.id, true);
    await reading.setRead(a.id, true);
    await reading.setRead(b.id, false);

    assert.strictEqual(await vscode.commands.executeCommand('digestLens.filterStarred'), 2);
    assert.deepStrictEqual(new Set(allListed()), new Set([a.id, b.id]));
    assert.match(view.message ?? '', /starred/);
    assert.match(view.description ?? '', new RegExp(`^2 of ${api.corpus.size}`));

    await vscode.commands.executeCommand('digestLens.filterUnread');
    assert.deepStrictEqual(new Set(allListed()), new Set([b.id]));
    await vscode.commands.executeCommand('digestLens.filterStarred');
    assert.ok(!allListed().includes(a.id), 'a read digest is hidden by "unread"');
    assert.ok(allListed().includes(c.id) || reading.isRead(c.id));
    await vscode.commands.executeCommand('digestLens.filterUnread');

    const word = a.title.split(/\s+/).find((w) => w.length > 4) ?? a.title;
    const shown = (await vscode.commands.executeCommand('digestLens.filterText', word)) as number;
    assert.ok(shown >= 1 && allListed().includes(a.id));
    assert.ok(allListed().every((id) => api.corpus.get(id)!.title.toLowerCase().includes(word.toLowerCase()) || JSON.stringify(api.corpus.get(id)).toLowerCase().includes(word.toLowerCase())));
    assert.match(view.message ?? '', new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.strictEqual(await vscode.commands.executeCommand('digestLens.filterText', 'zzqx-no-such-words'), 0);
    assert.deepStrictEqual(allListed(), []);

    await vscode.commands.executeCommand('digestLens.clearFilter');
    assert.strictEqual(view.message, undefined);
    assert.strictEqual(new Set(allListed()).size, api.corpus.size);
  });

  test('sort newest first or by title, remembered as the setting', async () => {
    const config = () => vscode.workspace.getConfiguration('digestLens');
    const saved = config().inspect('topics.sortBy')?.globalValue;
    try {
      await vscode.commands.executeCommand('digestLens.groupByTopic');
      await vscode.commands.executeCommand('digestLens.sortByTitle');
      assert.strictEqual(tree.currentSortBy, 'title');
      assert.strictEqual(config().get('topics.sortBy'), 'title');
      const group = (tree.getChildren() as GroupNode[]).find((g) => g.group.digests.length > 2)!;
      const titles = (tree.getChildren(group) as DigestNode[]).map((n) => n.digest.title);
      assert.deepStrictEqual(titles, [...titles].sort((x, y) => x.localeCompare(y)));
      await vscode.commands.executeCommand('digestLens.sortByDate');
      assert.strictEqual(tree.currentSortBy, 'date');
      await vscode.commands.executeCommand('digestLens.groupByDate');
      const months = (tree.getChildren() as GroupNode[]).map((g) => g.group.key);
      assert.ok(months.length > 1, `Group by Date has more than one group: ${months}`);
    } finally {
      await config().update('topics.sortBy', saved, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('digestLens.groupByTopic');
    }
  });
});
