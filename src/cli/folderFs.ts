import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeDigestBytes, FileKind, fileSizeProblem, MAX_FILE_BYTES, type SyncFolderFs } from '../core/digest';

/** Entry kinds as `vscode.workspace.fs` reports them: a link has its target's kind plus `SymbolicLink`. */
function kindOf(dir: string, entry: fs.Dirent): number {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? FileKind.Directory : entry.isFile() ? FileKind.File : 0;
  try {
    const target = fs.statSync(path.join(dir, entry.name));
    return FileKind.SymbolicLink | (target.isDirectory() ? FileKind.Directory : target.isFile() ? FileKind.File : 0);
  } catch {
    return FileKind.SymbolicLink; // dangling
  }
}

/** The folder walk's file access on a local disk. */
export const nodeFolderFs: SyncFolderFs = {
  readDirectory: (dir) => fs.readdirSync(dir, { withFileTypes: true }).map((e) => [e.name, kindOf(dir, e)]),
  realPath: (dir) => fs.realpathSync(dir),
  join: (dir, name) => path.join(dir, name),
  display: (p) => p,
};

/**
 * A file's bytes, at most one past the digest limit even if it grew after it was listed: a 2 GB
 * file costs 1 MB of memory, and the size check refuses it.
 */
export function readBounded(file: string): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, MAX_FILE_BYTES) + 1);
    const bytesRead = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    fs.closeSync(fd);
  }
}

/** A digest file's text, or why it is not read (too large, binary), as the extension decides; I/O errors throw. */
export function readDigestFileText(file: string): { text: string } | { problem: string } {
  const tooLarge = fileSizeProblem(fs.statSync(file).size);
  return tooLarge ? { problem: tooLarge } : decodeDigestBytes(readBounded(file));
}
