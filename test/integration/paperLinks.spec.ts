import * as assert from 'assert';
import * as vscode from 'vscode';
import { bibtex } from '../../src/core/render/citation';
import { isArxivId, normalizeArxivId } from '../../src/core/arxiv/arxiv';
import type { DigestEntry } from '../../src/core/types';
import { getApi } from './api';

const SENTINEL = 'digest-lens clipboard sentinel';

function validIds(e: DigestEntry): string[] {
  return [...new Set(e.arxiv.map(normalizeArxivId).filter(isArxivId))];
}

suite('paper links', () => {
  setup(async () => {
    await vscode.env.clipboard.writeText(SENTINEL);
  });

  test('copyArxivId copies the single arXiv ID of a digest (id or tree node argument)', async () => {
    const api = await getApi();
    const entry = api.corpus.entries.find((e) => validIds(e).length === 1);
    assert.ok(entry, 'the bundled corpus has no digest with exactly one arXiv ID');
    const expected = validIds(entry)[0];

    await vscode.commands.executeCommand('digestLens.copyArxivId', entry.id);
    assert.strictEqual(await vscode.env.clipboard.readText(), expected);

    await vscode.env.clipboard.writeText(SENTINEL);
    await vscode.commands.executeCommand('digestLens.copyArxivId', { digest: entry });
    assert.strictEqual(await vscode.env.clipboard.readText(), expected);
  });

  test('copyCitation copies the BibTeX of the digest', async () => {
    const api = await getApi();
    const entry = api.corpus.entries.find((e) => validIds(e).length >= 1) ?? api.corpus.entries[0];
    assert.ok(entry, 'the bundled corpus is empty');
    await vscode.commands.executeCommand('digestLens.copyCitation', entry.id);
    const text = await vscode.env.clipboard.readText();
    assert.strictEqual(text, bibtex(entry));
    assert.match(text, /^@misc\{[^,\s]+,/);
    for (const id of entry.kind === 'paper' ? validIds(entry).slice(0, 1) : []) {
      assert.ok(text.includes(`eprint`) && text.includes(id), `citation lacks eprint ${id}`);
    }
  });

  test('copyCitation of a digest without arXiv IDs cites the post', async function () {
    const api = await getApi();
    const entry = api.corpus.entries.find((e) => validIds(e).length === 0);
    if (!entry) this.skip(); // every bundled digest has an arXiv ID
    await vscode.commands.executeCommand('digestLens.copyCitation', { digest: entry });
    const text = await vscode.env.clipboard.readText();
    assert.strictEqual(text, bibtex(entry!));
    assert.doesNotMatch(text, /eprint/);
  });

  test('an unknown digest id copies nothing', async () => {
    await getApi();
    await vscode.commands.executeCommand('digestLens.copyArxivId', 'no-such-digest');
    await vscode.commands.executeCommand('digestLens.copyCitation', 'no-such-digest');
    assert.strictEqual(await vscode.env.clipboard.readText(), SENTINEL);
  });

  test('copyCitation accepts a bare arXiv ID that has no digest', async () => {
    await getApi();
    await vscode.commands.executeCommand('digestLens.copyCitation', { arxiv: 'arXiv:1706.03762v7' });
    const text = await vscode.env.clipboard.readText();
    assert.match(text, /eprint\s*=\s*\{1706\.03762\}/);
    assert.match(text, /archivePrefix\s*=\s*\{arXiv\}/);
  });
});
