import * as vscode from 'vscode';
import { plainText } from '../core/text';
import { Feature } from './deps';

type Target = 'user' | 'workspace';
type ListKey = 'hover.ignoreNames' | 'hover.ignoreDigests';

/**
 * "Don't show cards for ‘NAME’" and "Mute this digest" from a hover card: the name or digest id
 * is added to `digestLens.hover.ignoreNames` / `ignoreDigests` at the level the user picks (user
 * or workspace settings), and the notification offers Undo. Returns the level written, for tests.
 */
export async function addToList(key: ListKey, value: unknown, target?: unknown): Promise<Target | undefined> {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) return undefined;
  const level = target === 'user' || target === 'workspace' ? target : await pickTarget();
  if (!level) return undefined;
  const config = vscode.workspace.getConfiguration('digestLens');
  const scope = level === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
  const inspect = config.inspect<unknown>(key);
  const before = level === 'user' ? inspect?.globalValue : inspect?.workspaceValue;
  const list = Array.isArray(before) ? before.filter((x): x is string => typeof x === 'string') : [];
  if (!list.includes(value)) await config.update(key, [...list, value], scope);
  const undo = vscode.l10n.t('Undo');
  const shown =
    key === 'hover.ignoreNames'
      ? vscode.window.showInformationMessage(vscode.l10n.t('Cards for ‘{0}’ are no longer shown.', plainText(value, 80)), undo)
      : vscode.window.showInformationMessage(vscode.l10n.t('The digest ‘{0}’ is muted.', plainText(value, 80)), undo);
  void shown.then(async (choice) => {
    if (choice === undo) await config.update(key, before, scope);
  });
  return level;
}

async function pickTarget(): Promise<Target | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) return 'user';
  const items: (vscode.QuickPickItem & { target: Target })[] = [
    { label: vscode.l10n.t('User settings'), description: vscode.l10n.t('in every workspace'), target: 'user' },
    { label: vscode.l10n.t('Workspace settings'), description: vscode.l10n.t('in this workspace only'), target: 'workspace' },
  ];
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Where should this be remembered?') });
  return pick?.target;
}

export const activate: Feature = (_context, deps) => {
  deps.commands.register({
    'digestLens.ignoreName': (name: unknown, target?: unknown) => addToList('hover.ignoreNames', name, target),
    'digestLens.ignoreDigest': (id: unknown, target?: unknown) => addToList('hover.ignoreDigests', id, target),
  });
  return undefined;
};
