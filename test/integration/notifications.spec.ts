import * as assert from 'assert';
import * as vscode from 'vscode';
import { getApi, waitFor } from './api';
import { digestText } from '../builders/digestText';
import { startTags } from '../builders/html';

/**
 * Notifications render `[label](command:…)` as a live link. Untrusted text in them (here a
 * setting value from a repository's `.vscode/settings.json`) must show as text. The Node host
 * lane's runner reads the workbench DOM for the tests (DIGEST_LENS_DOM); elsewhere there is no
 * page to read and the suite is not registered.
 */

interface Found {
  text: string;
  html: string;
  links: number;
}

const domUrl = typeof process !== 'undefined' ? process.env?.DIGEST_LENS_DOM : undefined;

async function query(selector: string): Promise<Found[]> {
  const res = await fetch(`${domUrl}/dom?selector=${encodeURIComponent(selector)}`);
  assert.ok(res.ok, `DOM query failed: ${res.status}`);
  return (await res.json()) as Found[];
}

const toasts = (): Promise<Found[]> => query('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * The notification whose text matches, as the workbench renders it: a toast, or, when the
 * workbench shows no toast for it (a busy or long-running window may not), its entry in the
 * notification center, which renders the message with the same link renderer.
 */
async function notification(match: (t: Found) => boolean, what: string): Promise<Found> {
  const toast = await waitFor(async () => (await toasts()).find(match), what, 5_000).catch(() => undefined);
  if (toast) return toast;
  await vscode.commands.executeCommand('notifications.showList');
  return waitFor(async () => (await toasts()).find(match), what, 30_000).catch(async (e: Error) => {
    throw new Error(`${e.message}; shown: ${JSON.stringify((await toasts()).map((t) => t.html))}`);
  });
}

if (domUrl) {
  suite('untrusted text in the workbench DOM: notifications and hover cards', function () {
    this.timeout(60_000);
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('digestLens');

    suiteSetup(async () => {
      await getApi();
    });

    // At most three toasts show at once; earlier suites' notifications must not hide ours.
    setup(async () => {
      await vscode.commands.executeCommand('notifications.clearAll');
    });

    teardown(async () => {
      await config().update('topics.groupBy', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('notifications.hideList');
    });

    test('the DOM channel sees a notification and its links (the check can fail)', async () => {
      const marker = `dl-probe-${Math.random().toString(36).slice(2, 8)}`;
      // A warning, as the settings reader shows: the same kind of toast the checks below look for.
      void vscode.window.showWarningMessage(`${marker} [probe](https://example.org/)`);
      const found = await notification((t) => t.text.includes(marker), 'the probe notification');
      assert.strictEqual(found.links, 1, 'a link in a notification renders as <a>: the check below would see one');
    });

    test('a hostile digestLens.topics.groupBy value shows as text, not as a command link', async () => {
      const hostile = `[Fix ${Math.random().toString(36).slice(2, 8)}](command:workbench.action.terminal.new)`;
      await config().update('topics.groupBy', hostile, vscode.ConfigurationTarget.Global);
      const label = hostile.slice(1, hostile.indexOf(']'));
      const found = await notification((t) => t.text.includes('digestLens.topics.groupBy') && t.text.includes(label), 'the settings warning');
      assert.strictEqual(found.links, 0, found.html);
      assert.deepStrictEqual(startTags(found.html).filter((t) => t.name === 'a' || t.attrs.has('href')).map((t) => t.raw), [], found.html);
    });

    test('a hover card shows theme-icon syntax in a digest title as text, not as icons', async () => {
      const api = await getApi();
      const service = api.services.userFolders;
      const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
      assert.ok(ws);
      const folder = vscode.Uri.joinPath(ws, `tmp-icons-${Math.random().toString(36).slice(2, 8)}`);
      const topic = api.corpus.topics[0]?.id ?? 'attention';
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(
        vscode.Uri.joinPath(folder, 'zq-icon-net.md'),
        enc(
          digestText({
            id: 'zq-icon-net',
            title: 'ZqIconNet $(loading~spin) Verified $(verified-filled) $(warning)',
            methods: ['ZqIconNet'],
            topics: [topic],
            source: { name: '$(shield) icons' },
            lang: 'en',
            body: 'Body.',
          }),
        ),
      );
      const saved = config().inspect('extraFolders')?.globalValue;
      await config().update('extraFolders', [folder.fsPath], vscode.ConfigurationTarget.Global);
      try {
        await service.reload();
        await waitFor(() => api.corpus.get('zq-icon-net'), 'the user digest');
        const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'x = ZqIconNet()\n' });
        const editor = await vscode.window.showTextDocument(doc, { preview: false });
        editor.selection = new vscode.Selection(0, 6, 0, 6);
        const card = await waitFor(async () => {
          await vscode.commands.executeCommand('editor.action.showHover');
          return (await query('.monaco-hover .hover-contents')).find((h) => h.text.includes('Verified'));
        }, 'the hover card in the workbench');
        const icons = startTags(card.html).flatMap((t) => t.classes.filter((c) => c.startsWith('codicon-')).map((c) => c.slice('codicon-'.length)));
        assert.deepStrictEqual(icons.filter((i) => ['loading', 'verified-filled', 'warning', 'shield'].includes(i)), [], card.html);
        assert.match(card.text, /\$\u2060?\(loading~spin\)/);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      } finally {
        await config().update('extraFolders', saved, vscode.ConfigurationTarget.Global);
        await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
      }
    });
  });
}
