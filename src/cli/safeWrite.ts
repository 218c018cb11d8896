import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a path may not be written: it is a symbolic link (even a dangling one) or not a plain file. */
export function notPlainFile(file: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : `cannot check it (${(e as Error).message})`;
  }
  if (st.isSymbolicLink()) return 'it is a symbolic link; nothing is written through one';
  if (!st.isFile()) return 'it is not a regular file';
  return undefined;
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Writes a file (a digest, a bundle file) without ever following a symbolic link: the content goes to a new temporary
 * file created exclusively (`wx`), which then either takes a name that must still be free (a
 * hard link fails on anything there, a dangling link included) or replaces a plain file by a
 * rename (which replaces a name, never writes through it). A crash leaves no half-written file.
 * `create-or-replace`: `new` when the name is free, else `replace`.
 */
export function writeFileNoLinks(file: string, content: string | Uint8Array, how: 'new' | 'replace' | 'create-or-replace'): void {
  const mode = how === 'create-or-replace' ? (fs.existsSync(file) || isLink(file) ? 'replace' : 'new') : how;
  const refused = mode === 'replace' ? notPlainFile(file) : undefined;
  if (refused) throw new Error(refused);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  try {
    if (mode === 'new') {
      try {
        fs.linkSync(tmp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${notPlainFile(file) ?? 'the file already exists'}; nothing was written`);
        throw e;
      }
    } else {
      fs.renameSync(tmp, file);
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
