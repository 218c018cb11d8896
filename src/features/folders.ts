import * as vscode from 'vscode';
import { FolderFs, FolderListing, idFromFileName, listDigestFiles } from '../core/digest';
import { FolderResolution, resolveFolders } from '../core/settings';
import { DigestLensSettings } from '../core/settings';
import { plainText } from '../core/text';

/** What the folder helpers read of the settings. */
export interface SettingsSource {
  readonly settings: () => DigestLensSettings;
}

// The reader's digest folders through `workspace.fs`: shared by the user-folder source, New
// Digest and the importer (none of them imports another).

/** The home folder in a Node extension host; none in the browser, where `~` is reported. */
export function homeDir(): string | undefined {
  // `os.homedir()` reads these too; `os` cannot be bundled for the web worker.
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  return process.env.HOME || process.env.USERPROFILE || undefined;
}

/** `digestLens.extraFolders` resolved against the home folder and the workspace folders. */
export function resolveExtraFolders(extraFolders: readonly string[]): FolderResolution[] {
  return resolveFolders(extraFolders, {
    home: homeDir(),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()),
    restricted: !vscode.workspace.isTrusted,
  });
}

/** How a file or folder is named in messages: a path on disk, else the URI. */
export function display(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/** Where a folder on the local disk really is; only a Node extension host can tell (web: undefined). */
function nodeRealPath(): ((fsPath: string) => Promise<string>) | undefined {
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  try {
    // Marked external in the web build; never reached there (no `process.versions.node`).
    const fs = require('node:fs') as typeof import('node:fs');
    return (p) => fs.promises.realpath(p);
  } catch {
    return undefined;
  }
}
const realPath = nodeRealPath();

/** `workspace.fs` as the core folder walk sees it (virtual workspaces too). */
export function workspaceFolderFs(root: vscode.Uri): FolderFs {
  return {
    readDirectory: async (dir) => await vscode.workspace.fs.readDirectory(vscode.Uri.parse(dir)),
    ...(root.scheme === 'file' && realPath ? { realPath: (dir: string) => realPath(vscode.Uri.parse(dir).fsPath) } : {}),
    join: (dir, name) => vscode.Uri.joinPath(vscode.Uri.parse(dir), name).toString(),
    display: (at) => display(vscode.Uri.parse(at)),
  };
}

/**
 * Every digest file below `root` (src/core/digestFolder: limits on depth, files and folders
 * read, each real folder once, loops reported and not followed).
 */
export async function listMarkdownFiles(root: vscode.Uri): Promise<{ uris: vscode.Uri[]; listing: FolderListing }> {
  const listing = await listDigestFiles(workspaceFolderFs(root), root.toString());
  return { uris: listing.files.map((f) => vscode.Uri.parse(f)), listing };
}

/** The first configured extra folder that resolves (a workspace-relative one: in the first workspace folder). */
/**
 * The digest ids (lower case) a new file in `folder` may not take: every name there, links and
 * broken files included, since `X.md` and `x.md` are one file on many disks.
 */
export async function takenNames(folder: vscode.Uri): Promise<Set<string>> {
  const names = new Set<string>();
  for (const [name] of await vscode.workspace.fs.readDirectory(folder)) names.add(idFromFileName(name).toLowerCase());
  return names;
}

export function firstExtraFolder(deps: SettingsSource): vscode.Uri | undefined {
  for (const r of resolveExtraFolders(deps.settings().extraFolders)) {
    if (r.uris.length > 0) return vscode.Uri.parse(r.uris[0]);
  }
  return undefined;
}

/** Lets the reader pick a folder; `undefined` when cancelled. */
export async function pickFolder(title: string, defaultUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Select Folder'),
    defaultUri: defaultUri ?? vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

/** True when `folder` is one of the resolved extra folders. */
export function isExtraFolder(deps: SettingsSource, folder: vscode.Uri): boolean {
  const key = folder.toString();
  return resolveExtraFolders(deps.settings().extraFolders).some((r) => r.uris.some((u) => vscode.Uri.parse(u).toString() === key));
}

/** Offers to add a folder the reader chose to `digestLens.extraFolders` (user settings). */
export async function offerToAddFolder(deps: SettingsSource, folder: vscode.Uri): Promise<void> {
  if (isExtraFolder(deps, folder)) return;
  const add = vscode.l10n.t('Add to Extra Folders');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Digest Lens reads digests only from its extra folders. Add {0} to "digestLens.extraFolders"?', plainText(display(folder))),
    add,
  );
  if (answer !== add) return;
  const config = vscode.workspace.getConfiguration('digestLens');
  const current = config.inspect<unknown>('extraFolders')?.globalValue;
  const list = Array.isArray(current) ? current.filter((x): x is string => typeof x === 'string') : [];
  const value = folder.scheme === 'file' ? folder.fsPath : folder.toString();
  if (!list.includes(value)) await config.update('extraFolders', [...list, value], vscode.ConfigurationTarget.Global);
}
