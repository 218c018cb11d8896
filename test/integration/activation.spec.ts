import * as assert from 'assert';
import * as vscode from 'vscode';
import { getApi } from './api';

const FIXED_COMMANDS = [
  'digestLens.openDigest',
  'digestLens.search',
  'digestLens.openOnArxiv',
  'digestLens.copyCitation',
  'digestLens.refresh',
];

suite('activation', () => {
  test('the extension activates and loads the bundled corpus', async () => {
    const api = await getApi();
    assert.ok(api.corpus.size > 0, 'bundled corpus is empty');
    for (const e of api.corpus.entries) {
      assert.ok(e.title.length > 0, `digest ${e.id} has no title`);
      assert.strictEqual(api.corpus.get(e.id), e);
    }
  });

  test('every command named in the design is registered', async () => {
    await getApi();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of FIXED_COMMANDS) assert.ok(all.has(c), `${c} is not registered`);
  });

  test('every command contributed in package.json is registered', async () => {
    await getApi();
    const ext = vscode.extensions.getExtension('digest-lens.digest-lens')!;
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !all.has(c));
    assert.deepStrictEqual(missing, []);
  });
});
