import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DigestLensApi } from '../../src/extension';
import type { UserFoldersService } from '../../src/features/userFolders';
import { getApi, isWebHost, waitFor, serviceOf } from './api';
import { digestText } from '../builders/digestText';

const fs = vscode.workspace.fs;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A digest file as a reader would write it; `extra` lines go into the front matter. */
function digest(id: string, o: { title: string; arxiv?: string[]; methods?: string[]; topics: string[]; extra?: string[]; body?: string }): string {
  return digestText({ id, source: { name: 'my-notes', date: '2025-02-03' }, lang: 'en', body: `Notes on ${o.title}. The method works well on small models.`, ...o });
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('digestLens');
}

function diagnosticsOf(uri: vscode.Uri, pattern: RegExp): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => pattern.test(d.message));
}

/**
 * Creates one folder and resolves once the workspace's file watcher has reported it. On Linux the
 * Node host's workspace watcher (@parcel/watcher, inotify) starts watching a new folder only when
 * it hears of it, so a folder created together with its parent (`createDirectory` of `a/b` when
 * neither exists is `mkdir -p`) is often never watched, and nothing written below it is reported
 * for the rest of the session (parcel-bundler/watcher#97). No extension can see those changes;
 * created one level at a time, each after its parent was reported, every folder is watched.
 */
async function createWatchedDirectory(dir: vscode.Uri): Promise<void> {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(dir, '..'), '*'), false, true, true);
  try {
    let seen = false;
    watcher.onDidCreate((u) => {
      if (u.toString() === dir.toString()) seen = true;
    });
    await fs.createDirectory(dir);
    await waitFor(() => (seen ? true : undefined), `the file watcher to report ${dir.path}`);
  } finally {
    watcher.dispose();
  }
}

suite('user folders: digests from digestLens.extraFolders', function () {
  let api: DigestLensApi;
  let service: UserFoldersService;
  let root: vscode.Uri;
  let rel: string;
  let saved: unknown;
  /** A topic of the vocabulary, so the user digests are valid (none when no bundle is loaded). */
  let topics: string[] = [];
  const file = (...path: string[]): vscode.Uri => vscode.Uri.joinPath(root, ...path);
  const write = (uri: vscode.Uri, text: string): Thenable<void> => fs.writeFile(uri, enc(text));

  suiteSetup(async () => {
    api = await getApi();
    service = api.services.userFolders;
    assert.ok(service, 'the userFolders feature did not start');
    await service.ready;
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(ws, 'the test host opens a workspace folder');
    rel = `tmp-user-folders-${Math.random().toString(36).slice(2, 10)}`;
    root = vscode.Uri.joinPath(ws, rel);
    await createWatchedDirectory(root);
    await createWatchedDirectory(file('nested'));
    saved = config().inspect('extraFolders')?.globalValue;
    topics = api.corpus.topics.slice(0, 1).map((t) => t.id);
    await write(file('zorblax-net.md'), digest('zorblax-net', { title: 'ZorblaxNet: Counting Zorblaxes', arxiv: [sharedArxiv()], methods: ['ZorblaxNet'], topics }));
    await write(file('nested', 'quuxformer.md'), digest('quuxformer', { title: 'Quuxformer Attention', methods: ['Quuxformer'], topics }));
  });

  /** An arXiv ID a bundled digest covers (when a bundle is loaded). */
  const bundledWithArxiv = () => api.corpus.entries.find((e) => e.origin === 'bundled' && e.arxiv.length > 0);
  const sharedArxiv = (): string => bundledWithArxiv()?.arxiv[0] ?? '2405.18719';

  /** Points the setting at the test folder and waits until it has been read (each test can run alone). */
  async function useFolder(): Promise<void> {
    const current = config().inspect('extraFolders')?.globalValue;
    if (JSON.stringify(current) !== JSON.stringify([rel])) await config().update('extraFolders', [rel], vscode.ConfigurationTarget.Global);
    await service.reload();
    assert.ok(api.corpus.get('zorblax-net'), 'the test folder is loaded');
  }

  /**
   * A file watcher is live only some time after it is created (the Node host's recursive watcher
   * starts asynchronously): a file written in between is never reported. Write a canary into
   * `folder` (the one the test writes into) until the service sees it, so the test measures the
   * extension, not the watcher's start-up.
   */
  async function untilWatching(...folder: string[]): Promise<void> {
    const canary = file(...folder, `canary-${Math.random().toString(36).slice(2, 8)}.md`);
    const id = canary.path.split('/').pop()!.replace(/\.md$/, '');
    for (let attempt = 0; !api.corpus.get(id); attempt++) {
      if (attempt === 10) assert.fail('the folder watcher never reported a new file');
      await write(canary, digest(id, { title: `Canary ${attempt}`, topics }));
      await waitFor(() => api.corpus.get(id), 'the canary', 2_000).catch(() => undefined);
    }
    await fs.delete(canary, { useTrash: false });
    await waitFor(() => (api.corpus.get(id) ? undefined : true), 'the canary to go');
  }

  suiteTeardown(async () => {
    await config().update('extraFolders', saved, vscode.ConfigurationTarget.Global);
    await fs.delete(root, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('digests in a workspace-relative folder join the corpus, tree, hover and search', async () => {
    await config().update('extraFolders', [rel], vscode.ConfigurationTarget.Global);

    const entry = await waitFor(() => api.corpus.get('zorblax-net'), 'the user digest in the corpus');
    assert.strictEqual(entry.origin, root.toString(), 'origin is the folder');
    assert.strictEqual(entry.file, file('zorblax-net.md').toString());
    assert.strictEqual(entry.source.name, 'my-notes');
    assert.ok(api.corpus.get('quuxformer'), 'a digest in a subfolder is read too');
    assert.match(await api.corpus.body('zorblax-net') ?? '', /Notes on ZorblaxNet/);

    // The same arXiv ID as a bundled digest: both are kept, side by side.
    const both = api.corpus.byArxiv(sharedArxiv()).map((e) => e.id);
    assert.ok(both.includes('zorblax-net'));
    const bundled = bundledWithArxiv();
    if (bundled) assert.ok(both.includes(bundled.id), `bundled ${bundled.id} is still there: ${both}`);

    const tree = serviceOf(api, 'topicsTree').provider;
    const node = await waitFor(() => tree.findDigest('zorblax-net'), 'the user digest in the tree');
    const tooltip = tree.getTreeItem(node).tooltip as vscode.MarkdownString;
    // Markdown escapes the hyphen in the tooltip.
    assert.match(tooltip.value, /my\\?-notes/, 'the source is visible in the tree');

    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'model = ZorblaxNet(dim=64)\n' });
    const hovers = await waitFor(async () => {
      const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 11));
      const text = hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /Counting Zorblaxes/.test(text) ? text : undefined;
    }, 'a hover card for the user digest');
    assert.ok(hovers.length > 0);

    // Hovering the shared arXiv ID shows the bundled and the user digest together.
    const ref = await vscode.workspace.openTextDocument({ language: 'markdown', content: `See arXiv:${sharedArxiv()} for details.\n` });
    const openLink = (id: string): string => encodeURIComponent(JSON.stringify([id]));
    const card = await waitFor(async () => {
      const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ref.uri, new vscode.Position(0, 'See arXiv:'.length + 2));
      const text = hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes(openLink('zorblax-net')) ? text : undefined;
    }, 'the user digest in the arXiv ID hover');
    if (bundled) assert.ok(card.includes(openLink(bundled.id)), 'the bundled digest of the same paper is in the card too');

    const ids = (await vscode.commands.executeCommand('digestLens.search', 'Quuxformer')) as string[];
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(ids[0], 'quuxformer');
  });

  test('adding, editing and deleting files updates the corpus without a reload', async () => {
    await useFolder();
    await untilWatching('nested');
    const added = file('nested', 'plonk-attention.md');
    await write(added, digest('plonk-attention', { title: 'Plonk Attention', methods: ['PlonkAttn'], topics }));
    await waitFor(() => api.corpus.get('plonk-attention'), 'a new file in the corpus');

    await write(added, digest('plonk-attention', { title: 'Plonk Attention, Revised', methods: ['PlonkAttn', 'PlonkV2'], topics }));
    const edited = await waitFor(() => {
      const e = api.corpus.get('plonk-attention');
      return e?.title === 'Plonk Attention, Revised' ? e : undefined;
    }, 'the edited title');
    assert.deepStrictEqual(edited.methods, ['PlonkAttn', 'PlonkV2']);
    const ids = (await vscode.commands.executeCommand('digestLens.search', 'PlonkV2')) as string[];
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(ids.includes('plonk-attention'), 'search sees the edit');

    await fs.delete(added, { useTrash: false });
    await waitFor(() => (api.corpus.get('plonk-attention') ? undefined : true), 'the deleted digest to leave the corpus');
    assert.ok(api.corpus.get('zorblax-net'), 'the other digests stay');
  });

  test('a malformed file is a diagnostic at the offending token, and it clears when fixed', async () => {
    await useFolder();
    await untilWatching();
    const bad = file('broken-lang.md');
    const text = digest('broken-lang', { title: 'Broken Lang', topics }).replace('lang: en', 'lang: klingon');
    await write(bad, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('lang:'));
    const [d] = await waitFor(() => {
      const ds = diagnosticsOf(bad, /lang must be/);
      return ds.length > 0 ? ds : undefined;
    }, 'a diagnostic for the bad lang');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.range.start.line, line);
    assert.strictEqual(d.range.start.character, 'lang: '.length);
    assert.strictEqual(d.range.end.line, line);
    assert.strictEqual(d.range.end.character, 'lang: klingon'.length);
    assert.ok(api.corpus.get('zorblax-net'), 'the rest of the folder still loads');

    // Broken YAML: the file is reported and not loaded.
    const yaml = file('broken-yaml.md');
    await write(yaml, '---\nid: broken-yaml\ntitle: [unclosed\n---\n\nbody\n');
    const [y] = await waitFor(() => {
      const ds = diagnosticsOf(yaml, /YAML/);
      return ds.length > 0 ? ds : undefined;
    }, 'a YAML diagnostic');
    assert.ok(y.range.start.line >= 1 && y.range.start.line <= 3, `YAML error inside the front matter, got line ${y.range.start.line}`);
    assert.strictEqual(api.corpus.get('broken-yaml'), undefined);

    await write(bad, text.replace('lang: klingon', 'lang: en'));
    await waitFor(() => (diagnosticsOf(bad, /lang must be/).length === 0 ? true : undefined), 'the diagnostic to clear');
    assert.strictEqual(api.corpus.get('broken-lang')?.lang, 'en');
    await fs.delete(yaml, { useTrash: false });
    await waitFor(() => (vscode.languages.getDiagnostics(yaml).length === 0 ? true : undefined), 'diagnostics of a deleted file to go');
  });

  test('binary, oversized and clashing files are reported; everything else loads', async () => {
    await useFolder();
    await untilWatching();
    const binary = file('binary.md');
    await fs.writeFile(binary, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const huge = file('huge.md');
    await write(huge, digest('huge', { title: 'Huge', topics, body: 'x'.repeat(2 * 1024 * 1024 + 10) }));
    // Two files with one id (in different subfolders): the first by path wins, the other is reported.
    await fs.createDirectory(file('a'));
    await fs.createDirectory(file('b'));
    await write(file('a', 'twin.md'), digest('twin', { title: 'Twin A', topics }));
    await write(file('b', 'twin.md'), digest('twin', { title: 'Twin B', topics }));
    // A copy that sorts first keeps its original's id: the file named after the id wins.
    await write(file('a', 'copy-of-solo.md'), digest('solo', { title: 'Solo copy', topics }));
    await write(file('b', 'solo.md'), digest('solo', { title: 'Solo original', topics }));

    await waitFor(() => (diagnosticsOf(binary, /binary/).length > 0 ? true : undefined), 'the binary file diagnostic');
    await waitFor(() => (diagnosticsOf(huge, /too large/).length > 0 ? true : undefined), 'the oversized file diagnostic');
    const [clash] = await waitFor(() => {
      const ds = diagnosticsOf(file('b', 'twin.md'), /already used/);
      return ds.length > 0 ? ds : undefined;
    }, 'the id clash diagnostic');
    assert.strictEqual(clash.range.start.line, 1, 'the clash is shown on the id line');
    assert.strictEqual(api.corpus.get('twin')?.title, 'Twin A');
    assert.strictEqual(diagnosticsOf(file('a', 'twin.md'), /already used/).length, 0);
    await waitFor(() => (diagnosticsOf(file('a', 'copy-of-solo.md'), /already used/).length > 0 ? true : undefined), 'the copy reported as the clash');
    assert.strictEqual(api.corpus.get('solo')?.title, 'Solo original');
    assert.strictEqual(api.corpus.get('huge'), undefined);
    assert.ok(api.corpus.get('zorblax-net'));

    const bundled = api.corpus.entries.find((e) => e.origin === 'bundled');
    if (bundled) {
      const shadow = file(`${bundled.id}.md`);
      await write(shadow, digest(bundled.id, { title: 'A user copy', topics }));
      await waitFor(() => (diagnosticsOf(shadow, /bundled digest/).length > 0 ? true : undefined), 'the clash with a bundled id');
      assert.strictEqual(api.corpus.get(bundled.id)?.origin, 'bundled', 'the bundled digest is not replaced');
      await fs.delete(shadow, { useTrash: false });
    }
    for (const u of [binary, huge, file('a'), file('b')]) await fs.delete(u, { recursive: true, useTrash: false });
    await waitFor(() => (api.corpus.get('twin') ? undefined : true), 'deleted folders to leave the corpus');
  });

  test('a missing folder is reported and the others still load; removing the setting unloads', async () => {
    const flagged = file('flagged.md');
    await write(flagged, digest('flagged', { title: 'Flagged', topics }).replace('lang: en', 'lang: xx'));
    await config().update('extraFolders', [`${rel}-does-not-exist`, rel], vscode.ConfigurationTarget.Global);
    await waitFor(() => (service.problems().some((p) => /folder not found/.test(p.message)) ? true : undefined), 'the missing folder problem');
    await waitFor(() => api.corpus.get('zorblax-net'), 'the existing folder still loads');
    await waitFor(() => (diagnosticsOf(flagged, /lang must be/).length > 0 ? true : undefined), 'a diagnostic in the loaded folder');

    await config().update('extraFolders', [], vscode.ConfigurationTarget.Global);
    await waitFor(() => (api.corpus.get('zorblax-net') ? undefined : true), 'user digests to leave with the setting');
    assert.deepStrictEqual(service.folders(), []);
    await waitFor(() => (vscode.languages.getDiagnostics(flagged).length === 0 ? true : undefined), 'no diagnostics for an unloaded folder');
    await fs.delete(flagged, { useTrash: false });
  });

  // Only a Node host can make a symbolic link: the web lane's workspace is an in-memory file
  // system without links, so there the test is not registered.
  if (!isWebHost) {
    test('a symbolic link loop is reported and not followed; the rest of the folder loads (Node host)', async () => {
      // A computed name keeps the web bundle from trying to resolve `fs`.
      const builtin = 'fs';
      const nodeFs = module.require(builtin) as typeof import('fs');
      await useFolder();
      const looped = file('looped');
      nodeFs.mkdirSync(looped.fsPath);
      nodeFs.symlinkSync('..', `${looped.fsPath}/back`);
      try {
        await service.reload();
        const problem = await waitFor(() => service.problems().find((p) => /symbolic link loop/.test(p.message)), 'the symbolic link loop problem');
        assert.match(problem.message, /back/);
        assert.ok(api.corpus.get('zorblax-net'), 'the digests beside the loop still load');
        assert.ok(api.corpus.get('quuxformer'), 'the digests in real subfolders still load');
      } finally {
        nodeFs.rmSync(looped.fsPath, { recursive: true, force: true });
      }
    });
  }

  test('~ resolves to the home folder in a Node host and is reported in the browser', async () => {
    const name = `digest-lens-missing-${Math.random().toString(36).slice(2, 10)}`;
    await config().update('extraFolders', [`~/${name}`, rel], vscode.ConfigurationTarget.Global);
    const problem = await waitFor(() => service.problems().find((p) => p.message.includes(name) || (isWebHost && /~/.test(p.message) && /resolved/.test(p.message))), 'a problem about the ~ folder');
    if (isWebHost) assert.match(problem.message, /cannot be resolved/);
    else assert.match(problem.message, new RegExp(`${name}: folder not found`));
    await waitFor(() => api.corpus.get('zorblax-net'), 'the other folder still loads');
  });

  test('New Digest creates a template in the first extra folder, never overwriting', async () => {
    await useFolder();
    const first = (await vscode.commands.executeCommand('digestLens.newDigest', { query: 'arXiv:2405.99999v2', open: false })) as { id: string; uri: string };
    assert.strictEqual(first.id, 'arxiv-2405-99999');
    assert.strictEqual(first.uri, file('arxiv-2405-99999.md').toString());
    const second = (await vscode.commands.executeCommand('digestLens.newDigest', { query: '2405.99999', open: false })) as { id: string; uri: string };
    assert.strictEqual(second.id, 'arxiv-2405-99999-2', 'an existing file gets a suffix, not overwritten');
    const text = new TextDecoder().decode(await fs.readFile(vscode.Uri.parse(first.uri)));
    assert.match(text, /^id: arxiv-2405-99999$/m);
    assert.match(text, /^arxiv: \["2405\.99999"\]$/m);
    assert.match(text, /^ {2}name: notes$/m);

    const entry = await waitFor(() => api.corpus.get('arxiv-2405-99999'), 'the new digest in the corpus');
    assert.deepStrictEqual(entry.arxiv, ['2405.99999']);
    // Topics, the TL;DR and the authors are left to fill in: the Problems panel says so, as
    // warnings (a fresh draft is not an error), and the card shows the template's text.
    assert.match(text, /^tldr: ""$/m);
    assert.match(text, /^authors: \[\]$/m);
    const fresh = await waitFor(() => {
      const ds = vscode.languages.getDiagnostics(vscode.Uri.parse(first.uri));
      return [/topic/, /TL;DR/, /authors/].every((re) => ds.some((d) => re.test(d.message))) ? ds : undefined;
    }, 'the "fill in topics, TL;DR, authors" diagnostics');
    assert.deepStrictEqual(fresh.filter((d) => d.severity !== vscode.DiagnosticSeverity.Warning).map((d) => d.message), [], 'a fresh template has only warnings');

    const titled = (await vscode.commands.executeCommand('digestLens.newDigest', { query: 'Retentive Network Revisited', folder: file('nested').toString(), open: true })) as { id: string; uri: string };
    assert.strictEqual(titled.id, 'retentive-network-revisited');
    await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === titled.uri ? true : undefined), 'the new file to open');
    assert.strictEqual(await vscode.commands.executeCommand('digestLens.newDigest', { query: '   ', open: false }), undefined, 'empty input creates nothing');
  });
});
