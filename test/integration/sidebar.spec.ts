import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DigestNode, GroupNode } from '../../src/features/topicsTree';
import { getApi, waitFor, serviceOf } from './api';
import { entry, TOPICS } from '../builders/digests';
import { fakeDeps, fixedCorpus, fixedSettings } from '../builders/fakes';
import { TopicsTreeProvider } from '../../src/features/topicsTree';
import { InFileProvider } from '../../src/features/inFileView';
import { sortDigests } from '../../src/core/digest/digestDate';


async function services() {
  const api = await getApi();
  return {
    api,
    tree: serviceOf(api, 'topicsTree'),
    inFile: serviceOf(api, 'inFileView'),
  };
}

/** The label of the webview tab showing, or undefined. */
/** The digest view opens beside the editor, possibly keeping focus where it was: any group's shown tab. */
function shownWebviewTitles(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => (g.activeTab && g.activeTab.input instanceof vscode.TabInputWebview ? [g.activeTab.label] : []));
}

suite('sidebar: Digests tree', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('digestLens').update('topics.groupBy', undefined, vscode.ConfigurationTarget.Global);
  });

  test('topics and their counts match the corpus', async () => {
    const { api, tree } = await services();
    await vscode.commands.executeCommand('digestLens.groupByTopic');
    const roots = tree.provider.getChildren() as GroupNode[];
    assert.ok(roots.length > 0);
    const expected = new Map<string, number>();
    for (const e of api.corpus.entries) for (const t of e.topics) expected.set(t, (expected.get(t) ?? 0) + 1);
    assert.strictEqual(roots.length, expected.size);
    for (const node of roots) {
      const item = tree.provider.getTreeItem(node);
      assert.strictEqual(item.description, String(expected.get(node.group.key)), `count of topic ${node.group.key}`);
      const children = tree.provider.getChildren(node) as DigestNode[];
      assert.strictEqual(children.length, expected.get(node.group.key));
      const ids = children.map((c) => c.digest.id);
      assert.deepStrictEqual(ids, sortDigests(children.map((c) => c.digest), tree.provider.currentSortBy).map((d) => d.id), `digests in ${tree.provider.currentSortBy} order`);
    }
    const labels = roots.map((r) => r.group.label);
    assert.deepStrictEqual(labels, [...labels].sort((a, b) => a.localeCompare(b)), 'topics sorted by label');
  });

  test('the group-by switch regroups by source and by date, and remembers the choice', async () => {
    const { api, tree } = await services();
    await vscode.commands.executeCommand('digestLens.groupBySource');
    assert.strictEqual(tree.provider.currentGroupBy, 'source');
    const sources = new Set(api.corpus.entries.map((e) => e.source.name));
    assert.deepStrictEqual(new Set((tree.provider.getChildren() as GroupNode[]).map((g) => g.group.key)), sources);
    assert.strictEqual(vscode.workspace.getConfiguration('digestLens').get('topics.groupBy'), 'source');

    await vscode.commands.executeCommand('digestLens.groupByDate');
    const byDate = tree.provider.getChildren() as GroupNode[];
    const total = byDate.reduce((n, g) => n + g.group.digests.length, 0);
    assert.strictEqual(total, api.corpus.size, 'every digest in exactly one month group');

    await vscode.commands.executeCommand('digestLens.groupByTopic');
    assert.strictEqual(tree.provider.currentGroupBy, 'topic');
  });

  test('a digest item shows arXiv ID and methods, and its command opens the digest view', async () => {
    const { tree } = await services();
    const group = (tree.provider.getChildren() as GroupNode[])[0];
    const node = (tree.provider.getChildren(group) as DigestNode[])[0];
    const item = tree.provider.getTreeItem(node);
    assert.strictEqual(item.label, node.digest.title);
    if (node.digest.arxiv.length) assert.ok(String(item.description).includes(node.digest.arxiv[0]));
    if (node.digest.methods.length) assert.ok(String(item.description).includes(node.digest.methods[0]));
    assert.ok(item.contextValue?.startsWith('digest'));
    assert.ok(item.command, 'item has no command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    await waitFor(() => (shownWebviewTitles().includes(node.digest.title) ? true : undefined), `a digest view titled "${node.digest.title}"`);
  });

  test('reveal finds a digest node (getParent is implemented)', async () => {
    const { api, tree } = await services();
    const id = api.corpus.entries[api.corpus.entries.length - 1].id;
    const node = tree.provider.findDigest(id);
    assert.ok(node, `no tree node for ${id}`);
    assert.ok(tree.provider.getParent(node));
    await vscode.commands.executeCommand('workbench.view.extension.digestLens');
    await tree.view.reveal(node, { select: true, focus: false, expand: true });
  });
});

suite('sidebar: In This File', () => {
  test('lists the digests a document mentions, with their lines', async () => {
    const { api, inFile } = await services();
    const target = api.corpus.entries.find((e) => e.methods.some((m) => /^[A-Za-z][A-Za-z0-9-]{2,}$/.test(m)) && e.arxiv.length > 0);
    assert.ok(target, 'no digest with a plain method name and an arXiv ID');
    const method = target.methods.find((m) => /^[A-Za-z][A-Za-z0-9-]{2,}$/.test(m))!;
    const content = ['import torch', '', `# see arXiv:${target.arxiv[0]}`, `layer = ${method}(dim=512)`, 'print(layer)'].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
    await vscode.window.showTextDocument(doc);
    await inFile.refresh();
    const node = inFile.provider.digests.find((d) => d.digest.id === target.id);
    assert.ok(node, `${target.id} not listed; got ${inFile.provider.digests.map((d) => d.digest.id).join(', ')}`);
    const lines = inFile.provider.getChildren(node).map((c) => (c as { mention: { line: number } }).mention.line);
    assert.deepStrictEqual(lines, [2, 3]);
    const lineItem = inFile.provider.getTreeItem(inFile.provider.getChildren(node)[1]);
    assert.strictEqual(lineItem.command?.command, 'digestLens.revealMention');
  });

  test('honours muted digests and ignored names', async () => {
    const { api, inFile } = await services();
    const target = api.corpus.entries.find((e) => e.arxiv.length > 0 && e.methods.some((m) => /^[A-Za-z][A-Za-z0-9-]{2,}$/.test(m)))!;
    const method = target.methods.find((m) => /^[A-Za-z][A-Za-z0-9-]{2,}$/.test(m))!;
    const content = [`# see arXiv:${target.arxiv[0]}`, `layer = ${method}(dim=512)`].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
    await vscode.window.showTextDocument(doc);
    const config = vscode.workspace.getConfiguration('digestLens');
    const listed = async () => {
      await inFile.refresh();
      return inFile.provider.digests.find((d) => d.digest.id === target.id);
    };
    try {
      assert.ok(await listed(), `${target.id} not listed to begin with`);
      await config.update('hover.ignoreNames', [method], vscode.ConfigurationTarget.Global);
      const node = await listed();
      assert.ok(node, 'the arXiv ID still lists the digest');
      assert.deepStrictEqual(inFile.provider.getChildren(node).map((c) => (c as { mention: { kind: string } }).mention.kind), ['arxiv']);
      await config.update('hover.ignoreDigests', [target.id], vscode.ConfigurationTarget.Global);
      assert.strictEqual(await listed(), undefined, 'a muted digest is still listed');
    } finally {
      await config.update('hover.ignoreNames', undefined, vscode.ConfigurationTarget.Global);
      await config.update('hover.ignoreDigests', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.ok(await listed(), 'the digest is back after unmuting');
  });

  test('is empty for a document without mentions, and follows edits', async () => {
    const { inFile } = await services();
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Nothing to see here.\nJust prose about lunch.' });
    const editor = await vscode.window.showTextDocument(doc);
    await inFile.refresh();
    assert.deepStrictEqual(inFile.provider.digests, []);

    const { api } = await services();
    const target = api.corpus.entries.find((e) => e.arxiv.length > 0)!;
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), `Reading arXiv:${target.arxiv[0]} today.\n`));
    // The view updates on its own (debounced): wait for it rather than calling refresh.
    await waitFor(() => (inFile.provider.digests.some((d) => d.digest.id === target.id) ? true : undefined), 'the in-file view to follow the edit');
  });
});

suite('search', () => {
  teardown(() => vscode.commands.executeCommand('workbench.action.closeQuickOpen'));

  test('finds a digest by method name and opens it on Enter', async () => {
    const { api } = await services();
    const target = api.corpus.entries.find((e) => e.methods.length > 0)!;
    const ids = (await vscode.commands.executeCommand('digestLens.search', target.methods[0])) as string[];
    assert.ok(ids.includes(target.id), `${target.id} not among ${ids.join(', ')}`);
    const first = api.corpus.get(ids[0])!;
    await new Promise((r) => setTimeout(r, 300));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => (shownWebviewTitles().includes(first.title) ? true : undefined), `the digest view of "${first.title}"`);
  });

  test('finds a digest by a Russian word', async () => {
    const { api } = await services();
    let target: { id: string; word: string } | undefined;
    for (const e of api.corpus.entries) {
      const word = `${e.title_ru ?? ''} ${e.summary}`.match(/[а-яё]{7,}/i)?.[0];
      if (word) {
        target = { id: e.id, word };
        break;
      }
    }
    assert.ok(target, 'no digest with a Russian word in its title or summary');
    const ids = (await vscode.commands.executeCommand('digestLens.search', target.word)) as string[];
    assert.ok(ids.includes(target.id), `"${target.word}" did not find ${target.id}`);
  });

  test('an unknown word finds nothing and says so in one row', async () => {
    const ids = (await vscode.commands.executeCommand('digestLens.search', 'zzqqxxwwvvjj')) as string[];
    assert.deepStrictEqual(ids, []);
    const shown = serviceOf(await getApi(), 'searchCommand').shown();
    assert.strictEqual(shown.length, 1);
    assert.strictEqual(shown[0].id, '');
    assert.ok(shown[0].label.includes('zzqqxxwwvvjj') && shown[0].detail, JSON.stringify(shown[0]));
  });

  test('shows the engine order, and tells VS Code not to re-sort or filter it', async () => {
    const search = serviceOf(await getApi(), 'searchCommand');
    const ids = (await vscode.commands.executeCommand('digestLens.search', 'state space')) as string[];
    assert.ok(ids.length > 1);
    assert.deepStrictEqual(
      search.shown().map((s) => s.id),
      ids,
    );
    // The engine's order differs from the titles' order here, so a sort by label would show.
    const titles = search.shown().map((s) => s.label);
    assert.notDeepStrictEqual(titles, [...titles].sort((a, b) => a.localeCompare(b)));
    assert.deepStrictEqual(search.options(), { sortByLabel: false, matchOnDescription: false, matchOnDetail: false });
  });

  test('each item says where it matched and shows the body around the match', async () => {
    const { api } = await services();
    const search = serviceOf(api, 'searchCommand');
    let target: { id: string; word: string } | undefined;
    for (const e of api.corpus.entries) {
      const body = (await api.corpus.body(e.id)) ?? '';
      const word = body.match(/(?<![а-яё])[а-я]{9,}(?![а-яё])/i)?.[0];
      if (word && !`${e.title} ${e.title_ru ?? ''}`.toLowerCase().includes(word.toLowerCase())) {
        target = { id: e.id, word };
        break;
      }
    }
    assert.ok(target, 'no digest with a long Russian body word');
    const ids = (await vscode.commands.executeCommand('digestLens.search', target.word)) as string[];
    assert.ok(ids.includes(target.id), `"${target.word}" did not find ${target.id}`);
    const item = await waitFor(() => {
      const it = search.shown().find((s) => s.id === target!.id);
      return it?.detail?.toLowerCase().includes(target!.word.toLowerCase()) ? it : undefined;
    }, 'the body snippet in the detail line');
    assert.ok(item.description?.includes(target.word.toLowerCase()), item.description);
  });
});

/**
 * The providers themselves, built on a fixed corpus snapshot and fixed settings (no bundle, no
 * extension state): one call, one assertion. The suites above go through the registered views.
 */
suite('sidebar: providers on a fixed corpus', () => {
  const lora = entry({ id: 'fixed-lora', title: 'LoRA: Low-Rank Adaptation', arxiv: ['2106.09685'], methods: ['LoRA'], topics: ['llm'] });
  const ppo = entry({ id: 'fixed-ppo', title: 'Proximal Policy Optimization', arxiv: ['1707.06347'], methods: ['PPO'], topics: ['rl', 'llm'] });
  const snapshot = fixedCorpus([lora, ppo], TOPICS);
  // PPO is a short acronym: it counts with evidence of its own paper in the document (spelled out here).
  const text = 'We fine-tune with LoRA (arXiv:2106.09685).\nNothing here.\nLoRA again, and PPO (Proximal Policy Optimization).\n';

  test('the topics tree puts each digest under each of its topics', () => {
    const tree = new TopicsTreeProvider(() => snapshot.corpus, 'topic');
    const groups = Object.fromEntries(tree.getChildren().map((g) => [(g as GroupNode).group.key, tree.getChildren(g).map((n) => (n as DigestNode).digest.id).sort()]));
    assert.deepStrictEqual(groups, { llm: ['fixed-lora', 'fixed-ppo'], rl: ['fixed-ppo'] });
  });

  test('In This File lists each mentioned digest once, with the lines that mention it', async () => {
    const provider = new InFileProvider(fakeDeps(snapshot));
    await provider.update(await vscode.workspace.openTextDocument({ content: text }));
    assert.deepStrictEqual(provider.digests.map((d) => [d.digest.id, d.mentions.map((m) => m.line)]), [['fixed-lora', [0, 2]], ['fixed-ppo', [2]]]);
  });

  test('In This File follows digestLens.hover.methodNames: off, only arXiv IDs count', async () => {
    const provider = new InFileProvider(fakeDeps(snapshot, fixedSettings({ methodNames: false })));
    await provider.update(await vscode.workspace.openTextDocument({ content: text }));
    assert.deepStrictEqual(provider.digests.map((d) => [d.digest.id, d.mentions.map((m) => m.line)]), [['fixed-lora', [0]]]);
  });
});
