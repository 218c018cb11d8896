import * as assert from 'assert';
import * as vscode from 'vscode';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import type { DigestLensApi } from '../../src/extension';
import { getApi, waitFor, cardTextAt, serviceOf } from './api';

/**
 * Wrong types and values in `digestLens.*` (user settings): the defaults apply, each bad value
 * is logged once as a warning, and nothing throws — hover, views and commands keep working.
 */

const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('digestLens');

suite('settings: wrong types and values', function () {
  this.timeout(60_000);
  let api: DigestLensApi;
  const warnings: string[] = [];
  let listening: vscode.Disposable | undefined;
  const saved = new Map<string, unknown>();
  // A fresh bad value per run: the reader warns once per distinct value.
  const tag = Math.random().toString(36).slice(2, 8);
  const BAD: Record<string, unknown> = {
    'hover.maxCards': 'lots',
    'hover.enabled': 'no',
    'hover.methodNames': 3,
    'hover.unknownArxivIds': ['yes'],
    'hover.excludeLanguages': `python-${tag}`,
    'topics.groupBy': `colour-${tag}`,
    extraFolders: { folder: tag },
  };

  suiteSetup(async () => {
    api = await getApi();
    listening = api.onDidLog((e) => {
      if (e.level === 'warn') warnings.push(e.message);
    });
    for (const key of Object.keys(BAD)) saved.set(key, config().inspect(key)?.globalValue);
  });

  suiteTeardown(async () => {
    for (const [key, value] of saved) await config().update(key, value, vscode.ConfigurationTarget.Global);
    listening?.dispose();
  });

  test('every bad value falls back to its default with a warning naming the setting', async () => {
    for (const [key, value] of Object.entries(BAD)) {
      await config().update(key, value, vscode.ConfigurationTarget.Global);
    }
    for (const key of Object.keys(BAD)) {
      await waitFor(() => (warnings.some((w) => w.startsWith(`digestLens.${key}:`)) ? true : undefined), `a warning for ${key}`);
    }
    assert.deepStrictEqual(api.settings(), DEFAULT_SETTINGS);
  });

  test('hover still works with maxCards "lots" and enabled "no"', async () => {
    await config().update('hover.maxCards', 'lots', vscode.ConfigurationTarget.Global);
    await config().update('hover.enabled', 'no', vscode.ConfigurationTarget.Global);
    await waitFor(() => (config().get('hover.enabled') === 'no' ? true : undefined), 'the setting to be written');
    const recognizer = Recognizer.build(api.corpus.entries);
    const entry = api.corpus.entries.find((e) => e.arxiv.length > 0 && recognizer.mentionsAt(`x arXiv:${e.arxiv[0]} y`, 0, 10).length === 1);
    assert.ok(entry, 'no digest with an arXiv ID');
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `see arXiv:${entry.arxiv[0]} here` });
    const card = await waitFor(() => cardTextAt(doc, new vscode.Position(0, 12)), 'a card despite the bad settings');
    assert.ok(card.includes(encodeURIComponent(JSON.stringify([entry.id]))), card);
  });

  test('views and commands keep working', async () => {
    for (const [key, value] of Object.entries(BAD)) await config().update(key, value, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('digestLens.refresh');
    await api.ready;
    assert.ok(api.corpus.size > 0, 'the corpus is empty after a refresh with bad settings');
    const tree = serviceOf(api, 'topicsTree');
    const roots = (await tree.provider.getChildren()) ?? [];
    assert.ok(roots.length > 0, 'the Digests tree is empty');
    const inFile = serviceOf(api, 'inFileView');
    const entry = api.corpus.entries.find((e) => e.arxiv.length > 0)!;
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `arXiv:${entry.arxiv[0]}\n` });
    await vscode.window.showTextDocument(doc);
    await inFile.refresh();
    assert.ok(inFile.provider.digests.length > 0, 'the In This File view lists nothing');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('values of the wrong type in nested or huge form are shortened in the warning', async () => {
    const huge = 'x'.repeat(50_000) + tag;
    await config().update('topics.groupBy', huge, vscode.ConfigurationTarget.Global);
    const w = await waitFor(() => warnings.find((m) => m.startsWith('digestLens.topics.groupBy:') && m.includes('xxx')), 'a warning for the huge value');
    assert.ok(w.length < 300, `a ${w.length}-character warning`);
    assert.strictEqual(api.settings().groupBy, DEFAULT_SETTINGS.groupBy);
  });

  test('good values after bad ones take effect again', async () => {
    for (const key of Object.keys(BAD)) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await config().update('hover.maxCards', 5, vscode.ConfigurationTarget.Global);
    await waitFor(() => (api.settings().hover.maxCards === 5 ? true : undefined), 'maxCards 5 to apply');
    await config().update('hover.maxCards', undefined, vscode.ConfigurationTarget.Global);
    await waitFor(() => (api.settings().hover.maxCards === DEFAULT_SETTINGS.hover.maxCards ? true : undefined), 'maxCards back to its default');
  });
});
