import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DigestLensApi } from '../../src/extension';
import type { DigestEntry } from '../../src/core/types';
import type { LocationNode, PaperNode, WorkspacePapers } from '../../src/features/workspacePapers';
import { getApi, isWebHost, waitFor, serviceOf } from './api';
import { parseBib } from '../builders/bibtex';

const fs = vscode.workspace.fs;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const UNKNOWN = '2501.99991';

suite('Papers in This Workspace', function () {
  this.timeout(60_000);
  let api: DigestLensApi;
  let papers: WorkspacePapers;
  let ws: vscode.Uri;
  let root: vscode.Uri;
  let rel: string;
  let target: DigestEntry;
  let method: string;
  let savedExclude: unknown;
  let hadGitignore: Uint8Array | undefined;
  const file = (...p: string[]) => vscode.Uri.joinPath(root, ...p);
  const paperOf = (id: string) => papers.summary.digests.find((d) => d.key.id === id);

  suiteSetup(async () => {
    api = await getApi();
    papers = serviceOf(api, 'workspacePapers');
    ws = vscode.workspace.workspaceFolders![0].uri;
    rel = `tmp-papers-${Math.random().toString(36).slice(2, 8)}`;
    root = vscode.Uri.joinPath(ws, rel);
    // A name that counts anywhere (not an acronym or an English word, which need evidence in the file).
    target = api.corpus.get('retnet')!;
    assert.ok(target?.arxiv.length, 'the bundled RetNet digest, with its arXiv ID');
    method = 'RetNet';
    await fs.writeFile(file('src', 'model.py'), enc(`import torch\n\nlayer = ${method}(dim=64)\n# arXiv:${target.arxiv[0]} and arXiv:${UNKNOWN}\n`));
    await fs.writeFile(file('notes.md'), enc(`Reading ${method} again.\n`));
    await fs.writeFile(file('excluded', 'skip.py'), enc(`${method}()\n# arXiv:${UNKNOWN}\n`));
    await fs.writeFile(file('ignored', 'skip.py'), enc(`${method}()\n`));
    await fs.writeFile(file('blob.txt'), new Uint8Array([0, 1, 2, ...enc(method)]));
    hadGitignore = await Promise.resolve(fs.readFile(vscode.Uri.joinPath(ws, '.gitignore'))).catch(() => undefined);
    await fs.writeFile(vscode.Uri.joinPath(ws, '.gitignore'), enc(`${hadGitignore ? new TextDecoder().decode(hadGitignore) + '\n' : ''}${rel}/ignored/\n`));
    const files = vscode.workspace.getConfiguration('files');
    savedExclude = files.inspect('exclude')?.globalValue;
    await files.update('exclude', { ...((savedExclude as object) ?? {}), [`**/${rel}/excluded/**`]: true }, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('files').update('exclude', savedExclude, vscode.ConfigurationTarget.Global);
    if (hadGitignore) await fs.writeFile(vscode.Uri.joinPath(ws, '.gitignore'), hadGitignore);
    else await fs.delete(vscode.Uri.joinPath(ws, '.gitignore')).then(undefined, () => undefined);
    await fs.delete(root, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('lists the digests and unknown arXiv IDs the files mention, with counts and locations; excluded, ignored and binary files are not read', async () => {
    await vscode.commands.executeCommand('digestLens.workspacePapers.refresh');
    await papers.settled;
    const found = paperOf(target.id);
    assert.ok(found, `${target.id} not found: ${papers.summary.digests.map((d) => d.key.id)}`);
    const mine = found.locations.filter((l) => l.file.includes(rel));
    assert.deepStrictEqual(mine.map((l) => [l.file.slice(l.file.indexOf(rel) + rel.length + 1), l.line]).sort(), [['notes.md', 0], ['src/model.py', 2], ['src/model.py', 3]]);
    const unknown = papers.summary.unknown.find((u) => u.key === UNKNOWN);
    assert.ok(unknown, 'the unknown arXiv ID is listed');
    assert.deepStrictEqual(unknown.locations.map((l) => l.line), [3], 'only the mention outside files.exclude');
    assert.strictEqual(papers.stoppedAt, undefined);

    // The tree: a digest node with its count, its locations, and the unknown IDs' group.
    const roots = papers.getChildren();
    const node = roots.find((n) => (n as PaperNode).paper?.key.id === target.id) as PaperNode;
    assert.match(String(papers.getTreeItem(node).description), new RegExp(`^mentions: ${found.count} `));
    assert.ok(roots.some((n) => papers.getTreeItem(n).id === 'unknown'));
    const loc = papers.getChildren(node).find((n) => (n as LocationNode).location.file.endsWith('src/model.py')) as LocationNode;
    const item = papers.getTreeItem(loc);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.path.endsWith('src/model.py') ? vscode.window.activeTextEditor : undefined), 'the file opened at the mention');
    assert.strictEqual(editor.selection.start.line, loc.location.line);
  });

  test('a saved file is read again on its own', async () => {
    await papers.scan();
    const before = paperOf(target.id)!.count;
    const doc = await vscode.workspace.openTextDocument(file('notes.md'));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), `\nAnd ${method} once more.\n`));
    await doc.save();
    await waitFor(() => ((paperOf(target.id)?.count ?? 0) > before ? true : undefined), 'the new mention after the save');
    assert.strictEqual(paperOf(target.id)!.count, before + 1);
  });

  test('a scan can be cancelled', async () => {
    const run = papers.scan();
    await vscode.commands.executeCommand('digestLens.workspacePapers.cancel');
    await run;
    // Either the scan finished before the cancel arrived, or it says it stopped.
    assert.ok(papers.stoppedAt === 'cancelled' || papers.stoppedAt === undefined, String(papers.stoppedAt));
    await papers.scan();
    assert.strictEqual(papers.stoppedAt, undefined);
  });

  test('Export BibTeX writes a .bib of what was found', async () => {
    await papers.scan();
    const out = file('papers.bib');
    assert.ok(await papers.exportBibtex(out), 'written (the command asks with a save dialog; the test names the file)');
    const text = new TextDecoder().decode(await fs.readFile(out));
    const entries = parseBib(text);
    const eprints = entries.map((e) => e.fields.get('eprint'));
    assert.ok(eprints.includes(target.arxiv[0]), text);
    assert.ok(eprints.includes(UNKNOWN), text);
    const keys = entries.map((e) => e.key);
    assert.ok(keys.length >= 2, text);
    assert.strictEqual(new Set(keys).size, keys.length, 'no citation key twice');
  });

  if (!isWebHost) {
    test('Export BibTeX never writes through a symbolic link (Node host)', async () => {
      const builtin = 'fs';
      const nodeFs = module.require(builtin) as typeof import('fs');
      await papers.scan();
      const victim = file('victim.txt');
      await fs.writeFile(victim, enc('keep me'));
      const link = file('link.bib');
      nodeFs.symlinkSync(victim.fsPath, link.fsPath);
      assert.strictEqual(await papers.exportBibtex(link), undefined);
      assert.strictEqual(new TextDecoder().decode(await fs.readFile(victim)), 'keep me');
    });
  }
});
