import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DigestLensApi } from '../../src/extension';
import type { UserFoldersService } from '../../src/features/userFolders';
import { EXTENSION_ID, getApi } from './api';
import { digestText } from '../builders/digestText';

/**
 * Workspace trust and virtual workspaces: the manifest declares limited support in untrusted
 * workspaces with `extraFolders` restricted, and at run time a folder named in *workspace*
 * settings is read only when the workspace is trusted; user settings always count.
 */

const fs = vscode.workspace.fs;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('digestLens');

/** A probe digest whose method is the first word of its title. */
const probe = (id: string, title: string, topic: string): string =>
  digestText({ id, title, methods: [title.split(' ')[0]], topics: [topic], source: { name: 'trust-test' }, lang: 'en', body: 'Body.' });

suite('workspace trust and virtual workspaces', function () {
  this.timeout(60_000);

  test('the manifest declares limited untrusted support, restricts extraFolders and supports virtual workspaces', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const caps = (ext.packageJSON as { capabilities?: Record<string, unknown> }).capabilities;
    assert.ok(caps, 'no capabilities in package.json');
    const untrusted = caps.untrustedWorkspaces as { supported?: unknown; restrictedConfigurations?: unknown; description?: unknown };
    assert.strictEqual(untrusted?.supported, 'limited');
    assert.deepStrictEqual(untrusted.restrictedConfigurations, ['digestLens.extraFolders']);
    assert.strictEqual(typeof untrusted.description, 'string');
    assert.strictEqual(caps.virtualWorkspaces, true);
    // A restricted setting must be one the extension contributes.
    const props = (ext.packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties;
    assert.ok(props['digestLens.extraFolders']);
  });

  suite('extraFolders from workspace and user settings', () => {
    let api: DigestLensApi;
    let service: UserFoldersService;
    let ws: vscode.Uri;
    let fromWorkspace: string;
    let fromUser: string;
    let savedGlobal: unknown;
    let savedWorkspace: unknown;
    let settingsFileExisted = true;

    suiteSetup(async function () {
      api = await getApi();
      service = api.services.userFolders;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!service || !folder) this.skip();
      ws = folder!;
      await service.ready;
      const topic = api.corpus.topics[0]?.id ?? 'attention';
      const rand = Math.random().toString(36).slice(2, 8);
      fromWorkspace = `tmp-trust-ws-${rand}`;
      fromUser = `tmp-trust-user-${rand}`;
      await fs.createDirectory(vscode.Uri.joinPath(ws, fromWorkspace));
      await fs.createDirectory(vscode.Uri.joinPath(ws, fromUser));
      await fs.writeFile(vscode.Uri.joinPath(ws, fromWorkspace, 'trust-ws-probe.md'), enc(probe('trust-ws-probe', 'Wsprobeformer digest', topic)));
      await fs.writeFile(vscode.Uri.joinPath(ws, fromUser, 'trust-user-probe.md'), enc(probe('trust-user-probe', 'Userprobeformer digest', topic)));
      const inspect = config().inspect('extraFolders');
      savedGlobal = inspect?.globalValue;
      savedWorkspace = inspect?.workspaceValue;
      settingsFileExisted = await fs.stat(vscode.Uri.joinPath(ws, '.vscode', 'settings.json')).then(
        () => true,
        () => false,
      );
    });

    suiteTeardown(async () => {
      if (!ws) return;
      await config().update('extraFolders', savedWorkspace, vscode.ConfigurationTarget.Workspace);
      await config().update('extraFolders', savedGlobal, vscode.ConfigurationTarget.Global);
      for (const f of [fromWorkspace, fromUser]) await fs.delete(vscode.Uri.joinPath(ws, f), { recursive: true, useTrash: false }).then(undefined, () => undefined);
      // Writing a workspace setting created the fixture's .vscode/settings.json: leave no trace.
      if (!settingsFileExisted) await fs.delete(vscode.Uri.joinPath(ws, '.vscode'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
      await service?.reload();
    });

    test('a workspace-settings folder loads only in a trusted workspace; a user-settings folder always', async () => {
      await config().update('extraFolders', [fromWorkspace], vscode.ConfigurationTarget.Workspace);
      await config().update('extraFolders', undefined, vscode.ConfigurationTarget.Global);
      await service.reload();
      const trusted = vscode.workspace.isTrusted;
      assert.strictEqual(!!api.corpus.get('trust-ws-probe'), trusted, `workspace folder ${trusted ? 'not loaded in a trusted' : 'loaded in an untrusted'} workspace`);
      if (!trusted) assert.strictEqual(service.folders().length, 0, `folders read: ${service.folders().join(', ')}`);

      await config().update('extraFolders', [fromUser], vscode.ConfigurationTarget.Global);
      await service.reload();
      if (trusted) {
        // The workspace value is more specific and replaces the user's list (lists are not merged).
        assert.ok(api.corpus.get('trust-ws-probe'));
        assert.strictEqual(api.corpus.get('trust-user-probe'), undefined);
      } else {
        assert.ok(api.corpus.get('trust-user-probe'), 'the user-settings folder is not loaded');
        assert.strictEqual(api.corpus.get('trust-ws-probe'), undefined);
      }

      await config().update('extraFolders', undefined, vscode.ConfigurationTarget.Workspace);
      await service.reload();
      assert.ok(api.corpus.get('trust-user-probe'), 'the user-settings folder is not loaded');
      assert.strictEqual(api.corpus.get('trust-ws-probe'), undefined);
    });
  });
});
