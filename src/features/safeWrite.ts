import { trimTrailing } from '../core/settings';
import * as vscode from 'vscode';

/** A write that was not done because it would have gone through a symbolic link or over a file. */
export class RefusedWrite extends Error {}

async function typeOf(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch (e) {
    if (e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound')) return undefined;
    throw e;
  }
}

function randomName(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
}

/**
 * Fails when a folder between `root` and `file` (or the file itself) is a symbolic link: a file
 * reached through a linked folder lives outside the folder the reader pointed at.
 */
async function assertNoLinkBelow(root: vscode.Uri, file: vscode.Uri): Promise<void> {
  const rootPath = trimTrailing(root.path, '/');
  if (!file.path.startsWith(rootPath + '/')) throw new RefusedWrite('it is outside the chosen folder');
  let at = root;
  for (const segment of file.path.slice(rootPath.length + 1).split('/')) {
    at = vscode.Uri.joinPath(at, segment);
    const t = await typeOf(at);
    if (t !== undefined && t & vscode.FileType.SymbolicLink) throw new RefusedWrite('it is reached through a symbolic link');
  }
}

/**
 * Writes a file (a digest, an exported .bib) without following a symbolic link. `workspace.fs` has no lstat and no
 * exclusive create, so the content goes to a fresh, randomly named file in the same folder and
 * then a rename gives it its name: a rename replaces a name and never writes through a link.
 * `new` needs the name to be free (a dangling link counts as taken: `stat` reports it);
 * `replace` needs a plain file there, reached without a linked folder below `root`;
 * `create-or-replace` is `new` when the name is free, else `replace`.
 */
export async function writeFileNoLinks(root: vscode.Uri, file: vscode.Uri, content: Uint8Array, how: 'new' | 'replace' | 'create-or-replace'): Promise<void> {
  await assertNoLinkBelow(root, file);
  const existing = await typeOf(file);
  const mode = how === 'create-or-replace' ? (existing === undefined ? 'new' : 'replace') : how;
  if (mode === 'new' && existing !== undefined) {
    throw new RefusedWrite(existing & vscode.FileType.SymbolicLink ? 'a symbolic link has that name' : 'the file already exists');
  }
  if (mode === 'replace' && (existing === undefined || !(existing & vscode.FileType.File) || existing & vscode.FileType.SymbolicLink)) {
    throw new RefusedWrite(existing === undefined ? 'the file is gone' : 'it is not a plain file');
  }
  const folder = vscode.Uri.joinPath(file, '..');
  const tmp = vscode.Uri.joinPath(folder, `.digest-lens-${randomName()}.tmp`);
  if ((await typeOf(tmp)) !== undefined) throw new RefusedWrite('a temporary file name is taken; try again');
  await vscode.workspace.fs.writeFile(tmp, content);
  try {
    await vscode.workspace.fs.rename(tmp, file, { overwrite: mode === 'replace' });
  } catch (e) {
    await vscode.workspace.fs.delete(tmp, { useTrash: false }).then(undefined, () => undefined);
    if (e instanceof vscode.FileSystemError && e.code === 'FileExists') throw new RefusedWrite('the file already exists');
    throw e;
  }
}
