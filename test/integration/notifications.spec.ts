import * as assert from 'assert';
import * as vscode from 'vscode';
import { getApi, waitFor } from './api';

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

async function toasts(): Promise<Found[]> {
  const selector = '.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message';
  const res = await fetch(`${domUrl}/dom?selector=${encodeURIComponent(selector)}`);
  assert.ok(res.ok, `DOM query failed: ${res.status}`);
  return (await res.json()) as Found[];
}

if (domUrl) {
  suite('notifications show untrusted text as text (workbench DOM)', function () {
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
    });

    test('the DOM channel sees a notification and its links (the check can fail)', async () => {
      const marker = `dl-probe-${Math.random().toString(36).slice(2, 8)}`;
      void vscode.window.showInformationMessage(`${marker} [probe](https://example.org/)`);
      const found = await waitFor(async () => (await toasts()).find((t) => t.text.includes(marker)), 'the probe notification').catch(async (e: Error) => {
        throw new Error(`${e.message}; shown: ${JSON.stringify((await toasts()).map((t) => t.html))}`);
      });
      assert.strictEqual(found.links, 1, 'a link in a notification renders as <a>: the check below would see one');
    });

    test('a hostile digestLens.topics.groupBy value shows as text, not as a command link', async () => {
      const hostile = `[Fix ${Math.random().toString(36).slice(2, 8)}](command:workbench.action.terminal.new)`;
      await config().update('topics.groupBy', hostile, vscode.ConfigurationTarget.Global);
      const label = hostile.slice(1, hostile.indexOf(']'));
      const found = await waitFor(async () => (await toasts()).find((t) => t.text.includes('digestLens.topics.groupBy') && t.text.includes(label)), 'the settings warning');
      assert.strictEqual(found.links, 0, found.html);
      assert.ok(!/<a\b|href=/i.test(found.html), found.html);
    });
  });
}
