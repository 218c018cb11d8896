import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DigestLensApi } from '../../src/extension';
import type { UserFoldersService } from '../../src/features/userFolders';
import { generateUserDigests } from '../builders/userDigests';
import { getApi, waitFor, serviceOf } from './api';

const COUNT = 1000;

/**
 * A user folder of 1,000 digests: every one joins the corpus and the tree. The load time is
 * printed (`DIGEST_LENS_METRIC`) for the record, never asserted: timings belong to the bench.
 */
suite('scale: a user folder of 1,000 digests', function () {
  this.timeout(180_000);
  let api: DigestLensApi;
  let service: UserFoldersService;
  let root: vscode.Uri;
  let rel: string;
  let saved: unknown;

  suiteSetup(async () => {
    api = await getApi();
    service = api.services.userFolders;
    await service.ready;
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(ws, 'the test host opens a workspace folder');
    rel = `tmp-scale-${Math.random().toString(36).slice(2, 10)}`;
    root = vscode.Uri.joinPath(ws, rel);
    const files = generateUserDigests(COUNT, api.corpus.topics.map((t) => t.id));
    const enc = new TextEncoder();
    for (let i = 0; i < files.length; i += 50) {
      await Promise.all(files.slice(i, i + 50).map((f) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, ...f.path), enc.encode(f.text))));
    }
    saved = vscode.workspace.getConfiguration('digestLens').inspect('extraFolders')?.globalValue;
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('digestLens').update('extraFolders', saved, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(root, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('every digest of the folder reaches the corpus and the tree', async () => {
    const bundled = api.corpus.size;
    const started = Date.now();
    await vscode.workspace.getConfiguration('digestLens').update('extraFolders', [rel], vscode.ConfigurationTarget.Global);
    await waitFor(() => (api.corpus.size >= bundled + COUNT ? true : undefined), 'the 1,000 digests', 120_000);
    const loadMs = Date.now() - started;
    const reloadStarted = Date.now();
    await service.reload();
    const reloadMs = Date.now() - reloadStarted;
    console.log(`DIGEST_LENS_METRIC ${JSON.stringify({ userFolderDigests: COUNT, firstLoadMs: loadMs, reloadMs })}`);

    assert.strictEqual(api.corpus.size, bundled + COUNT);
    assert.ok(api.corpus.get('own-0000'), 'a digest at the top of the folder');
    assert.ok(api.corpus.get('own-0004'), 'a digest in a subfolder');
    assert.deepStrictEqual(service.problems().filter((p) => p.file.includes(rel)), [], 'the generated digests are valid');

    const tree = serviceOf(api, 'topicsTree').provider;
    const groups = tree.getChildren();
    const listed = new Set(groups.flatMap((g) => tree.getChildren(g).map((n) => ('digest' in n ? n.digest.id : ''))));
    assert.ok(listed.has('own-0999'), 'the last digest is in the tree');
    assert.ok([...listed].filter((id) => id.startsWith('own-')).length === COUNT, 'each generated digest is listed');
  });

  test('a folder of digests copied into a watched folder arrives without a reload', async () => {
    await vscode.workspace.getConfiguration('digestLens').update('extraFolders', [rel], vscode.ConfigurationTarget.Global);
    await service.reload();
    const before = api.corpus.size;
    const files = generateUserDigests(200, api.corpus.topics.map((t) => t.id)).map((f) => ({ ...f, id: f.id.replace('own-', 'copied-') }));
    const enc = new TextEncoder();
    const started = Date.now();
    for (let i = 0; i < files.length; i += 50) {
      await Promise.all(
        files.slice(i, i + 50).map((f) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'copied', ...f.path), enc.encode(f.text.replace(/^id: own-/m, 'id: copied-')))),
      );
    }
    await waitFor(() => (api.corpus.size >= before + files.length ? true : undefined), 'the copied digests', 120_000);
    console.log(`DIGEST_LENS_METRIC ${JSON.stringify({ copiedDigests: files.length, arrivedMs: Date.now() - started })}`);
    assert.ok(api.corpus.get('copied-0199'), 'the last copied digest');
  });
});
