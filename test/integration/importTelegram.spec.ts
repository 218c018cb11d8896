import * as assert from 'assert';
import * as vscode from 'vscode';
import { parseDigestFile } from '../../src/core/digestFile/digestFile';
import { importSource } from '../../src/core/import/index';
import type { DigestLensApi } from '../../src/extension';
import type { ImportSummary } from '../../src/features/importTelegram';
import exportFixture from '../fixtures/import/result.json';
import { getApi, isWebHost, waitFor } from './api';

const fs = vscode.workspace.fs;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

suite('Import Telegram Export', () => {
  let api: DigestLensApi;
  let root: vscode.Uri;
  let exportUri: vscode.Uri;
  let target: vscode.Uri;
  const exportText = JSON.stringify(exportFixture, null, 1);

  const run = async (file: vscode.Uri, into: vscode.Uri): Promise<ImportSummary | undefined> =>
    (await vscode.commands.executeCommand('digestLens.importTelegramExport', { file: file.toString(), target: into.toString() })) as ImportSummary | undefined;

  const mdFiles = async (dir: vscode.Uri): Promise<string[]> =>
    (await fs.readDirectory(dir)).filter(([n]) => n.endsWith('.md')).map(([n]) => n).sort();

  suiteSetup(async () => {
    api = await getApi();
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(ws, 'the test host opens a workspace folder');
    root = vscode.Uri.joinPath(ws, `tmp-import-${Math.random().toString(36).slice(2, 10)}`);
    target = vscode.Uri.joinPath(root, 'drafts');
    exportUri = vscode.Uri.joinPath(root, 'export', 'result.json');
    await fs.createDirectory(vscode.Uri.joinPath(root, 'export'));
    await fs.writeFile(exportUri, enc(exportText));
  });

  suiteTeardown(async () => {
    await fs.delete(root, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('writes one draft per paper post of the export, and reports the skipped ones', async () => {
    const expected = importSource(exportText, 'result.json');
    assert.ok(expected.drafts.length > 0 && expected.skipped.length > 0, 'the fixture has both paper posts and other posts');

    const summary = await run(exportUri, target);
    assert.ok(summary);
    assert.strictEqual(summary.format, 'telegram-json');
    assert.strictEqual(summary.imported, expected.drafts.length);
    assert.strictEqual(summary.skipped, expected.skipped.length);
    assert.strictEqual(summary.updated, 0);
    assert.deepStrictEqual((await mdFiles(target)).length, expected.drafts.length);

    const topicIds = new Set(api.corpus.topics.map((t) => t.id));
    const written = await Promise.all(
      summary.written.map(async (u) => {
        const r = parseDigestFile(dec(await fs.readFile(vscode.Uri.parse(u))), u, topicIds);
        assert.ok(r.digest, `${u} parses: ${r.problems.map((p) => p.message).join('; ')}`);
        // The id is the file name and does not shadow a digest already in the corpus.
        assert.ok(u.endsWith(`/${r.digest.id}.md`));
        const other = api.corpus.get(r.digest.id);
        assert.ok(!other || other.origin !== 'bundled', `${r.digest.id} clashes with a bundled digest`);
        return r.digest;
      }),
    );
    assert.deepStrictEqual(written.map((d) => d.title).sort(), expected.drafts.map((d) => d.title).sort());
    const cope = written.find((d) => d.arxiv.includes('2405.18719'));
    assert.ok(cope, 'the CoPE post with its arXiv link is a draft');
    assert.strictEqual(cope.source.name, 'ML Papers Club');
    assert.doesNotMatch(cope.body, /👀LINK|Please open Telegram/);
    assert.ok(!written.some((d) => /вакансия|рефералк/i.test(d.body)), 'the job ad is not a draft');
  });

  test('importing again changes nothing, and curated fields survive', async () => {
    const names = await mdFiles(target);
    const first = vscode.Uri.joinPath(target, names[0]);
    const original = dec(await fs.readFile(first));
    const curated = original
      .replace(/^title: .*$/m, 'title: A Curated English Title')
      .replace(/^methods: \[\]$/m, 'methods: ["CuratedMethod"]');
    assert.notStrictEqual(curated, original);
    await fs.writeFile(first, enc(curated));

    const again = await run(exportUri, target);
    assert.ok(again);
    assert.strictEqual(again.imported, 0, 'no duplicates of drafts already there');
    assert.deepStrictEqual(await mdFiles(target), names);
    const after = dec(await fs.readFile(first));
    assert.match(after, /^title: A Curated English Title$/m);
    assert.match(after, /^methods: \["CuratedMethod"\]$/m);
  });

  test('never overwrites a file it cannot read as a digest', async () => {
    const fresh = vscode.Uri.joinPath(root, 'fresh');
    const expected = importSource(exportText, 'result.json');
    await fs.createDirectory(fresh);
    // A broken file that has the name the first draft would take.
    const squatter = vscode.Uri.joinPath(fresh, `${expected.drafts[0].id}.md`);
    await fs.writeFile(squatter, enc('not a digest at all'));
    const summary = await run(exportUri, fresh);
    assert.ok(summary);
    assert.strictEqual(summary.imported, expected.drafts.length);
    assert.strictEqual(dec(await fs.readFile(squatter)), 'not a digest at all');
    assert.ok(!summary.written.includes(squatter.toString()));
  });

  test('a file that is not an export writes nothing', async () => {
    const garbage = vscode.Uri.joinPath(root, 'export', 'garbage.json');
    await fs.writeFile(garbage, new Uint8Array([0, 1, 2, 3, 0xff, 0xfe, 0, 0]));
    const empty = vscode.Uri.joinPath(root, 'empty-target');
    const summary = await run(garbage, empty);
    assert.ok(summary);
    assert.strictEqual(summary.imported, 0);
    assert.deepStrictEqual(summary.written, []);
    const exists = await fs.stat(empty).then(
      () => true,
      () => false,
    );
    assert.ok(!exists || (await mdFiles(empty)).length === 0);
  });

  test('drafts written into an extra folder show up in the corpus', async () => {
    const config = vscode.workspace.getConfiguration('digestLens');
    const saved = config.inspect('extraFolders')?.globalValue;
    const live = vscode.Uri.joinPath(root, 'live');
    try {
      await config.update('extraFolders', [live.toString()], vscode.ConfigurationTarget.Global);
      const summary = await run(exportUri, live);
      assert.ok(summary && summary.imported > 0);
      const ids = summary.written.map((u) => decodeURIComponent(u.split('/').pop()!.replace(/\.md$/, '')));
      await waitFor(() => (ids.every((id) => api.corpus.get(id)?.origin === live.toString()) ? true : undefined), 'the imported drafts in the corpus');
    } finally {
      await config.update('extraFolders', saved, vscode.ConfigurationTarget.Global);
    }
  });

  // Only a Node host can make a symbolic link (the web lane's file system has none).
  if (!isWebHost) {
    test('never writes through a symbolic link: a dangling link named like a draft, a linked digest (Node host)', async () => {
      const builtin = 'fs';
      const nodeFs = module.require(builtin) as typeof import('fs');
      const into = vscode.Uri.joinPath(root, 'linked');
      const outside = vscode.Uri.joinPath(root, 'outside');
      await fs.createDirectory(into);
      await fs.createDirectory(outside);
      const drafts = importSource(exportText, 'result.json').drafts;
      // A dangling link named like the first draft, pointing outside the folder.
      nodeFs.symlinkSync(vscode.Uri.joinPath(outside, 'planted.md').fsPath, vscode.Uri.joinPath(into, `${drafts[0].id}.md`).fsPath);
      const summary = await run(exportUri, into);
      assert.ok(summary);
      assert.deepStrictEqual(await fs.readDirectory(outside), [], 'nothing was written outside the chosen folder');
      assert.ok(nodeFs.lstatSync(vscode.Uri.joinPath(into, `${drafts[0].id}.md`).fsPath).isSymbolicLink(), 'the link is left as it was');
      assert.strictEqual(summary.imported, drafts.length, 'the draft took the next free name');

      // A digest moved outside and linked back in is not rewritten by the next import.
      const second = vscode.Uri.joinPath(into, `${drafts[1].id}.md`);
      const moved = vscode.Uri.joinPath(outside, 'moved.md');
      nodeFs.renameSync(second.fsPath, moved.fsPath);
      // Cut the body in half: the next import sees the complete text and wants to update it.
      const full = nodeFs.readFileSync(moved.fsPath, 'utf8');
      const bodyAt = full.indexOf('\n---\n', 4) + 5;
      const body = full.slice(bodyAt);
      nodeFs.writeFileSync(moved.fsPath, full.slice(0, bodyAt) + body.slice(0, Math.floor(body.length / 2)).trimEnd() + '\n');
      nodeFs.symlinkSync(moved.fsPath, second.fsPath);
      const before = nodeFs.readFileSync(moved.fsPath, 'utf8');
      const again = await run(exportUri, into);
      assert.ok(again?.refused?.some((f) => f.endsWith(`${drafts[1].id}.md`)), `the update was refused: ${JSON.stringify(again)}`);
      assert.strictEqual(nodeFs.readFileSync(moved.fsPath, 'utf8'), before, 'the linked digest outside was not rewritten');
    });
  }
});
