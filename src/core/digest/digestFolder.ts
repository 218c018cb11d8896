/**
 * How a folder of digests is read, for the extension's user folders, the CLI's `validate` and
 * `bundle`, and the importer alike: which files count, the limits on work (files, depth, folders
 * read, each real folder once), the per-file size and binary checks, and which file keeps an id
 * two files claim. File access comes in through `FolderFs`, so this stays free of Node and
 * `vscode` (the extension passes `workspace.fs`, the CLI `node:fs`).
 */
import { isBinaryBytes } from '../text/binary';
import { byUnits } from '../util/order';

/** Digest files larger than this are refused: a digest is a page of text, not a book. */
export const MAX_DIGEST_BYTES = 1_000_000;
/** Larger files are not read at all (bytes on disk; the parser's character limit is the same number). */
export const MAX_FILE_BYTES = MAX_DIGEST_BYTES;
/** How deep below a folder digests are looked for. */
export const MAX_DEPTH = 8;
/** More files than this is not a digest collection (a home folder, a repository). */
export const MAX_FILES = 5000;
/** Folders listed at most per folder read: the walk stops there, whatever links multiply. */
export const MAX_FOLDERS = 1000;
/** Folder problems named one by one in a notification; more become one summary. */
export const MAX_NOTICES = 3;
/** Folder problems kept for the log and the API; more are counted. */
export const MAX_FOLDER_PROBLEMS = 100;

/** The bits of `vscode.FileType`, which the CLI's adapter produces too. */
export const FileKind = { File: 1, Directory: 2, SymbolicLink: 64 } as const;

export interface FolderFs {
  /** Entries of a folder with `FileKind` bits (a link to a folder is `Directory | SymbolicLink`, a dangling one `SymbolicLink`). */
  readDirectory(dir: string): Promise<[name: string, type: number][]>;
  /**
   * Where a folder really is, symbolic links resolved, as one string per folder; absent where the
   * file system cannot tell (virtual and browser file systems): links to folders are then not followed.
   */
  realPath?(dir: string): Promise<string>;
  join(dir: string, name: string): string;
  /** How a location is named in messages. */
  display(location: string): string;
}

export interface FolderListing {
  /** Digest files, in walk order (names sorted in each folder). */
  files: string[];
  /** Every folder problem, for the log (at most `MAX_FOLDER_PROBLEMS`, then a count). */
  problems: string[];
  /** What a notification shows: each problem when there are few, else one summary. */
  notices: string[];
  /** Folders listed, the root included: the work done. */
  foldersRead: number;
}

/** Hidden folders (`.git`) and dependency trees are never digest collections. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** A file the folder reader takes as a digest: `*.md`, except a README. */
export function isDigestFileName(name: string): boolean {
  return /\.md$/i.test(name) && !/^readme\.md$/i.test(name);
}

const byName = ([a]: [string, number], [b]: [string, number]): number => byUnits(a, b);

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What the walk asks of the file system; the drivers below answer synchronously or not. */
type Request = { op: 'readDirectory'; dir: string } | { op: 'realPath'; dir: string };
type Answer = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The file access of `FolderFs`, answered at once (the CLI). */
export interface SyncFolderFs {
  readDirectory(dir: string): [name: string, type: number][];
  realPath?(dir: string): string;
  join(dir: string, name: string): string;
  display(location: string): string;
}

/**
 * Every digest file below `root`. Bounded by depth, file count and folders listed; each real
 * folder is listed once (a second link to it is skipped quietly, a link back to a folder above
 * it is reported as a loop). Problems come back counted and summarized, never one per folder
 * into the reader's face.
 */
export async function listDigestFiles(fs: FolderFs, root: string, top?: [string, number][]): Promise<FolderListing> {
  const steps = walkSteps(fs, Boolean(fs.realPath), root, top);
  let next = steps.next();
  while (!next.done) {
    const req = next.value;
    let answer: Answer;
    try {
      answer = { ok: true, value: req.op === 'readDirectory' ? await fs.readDirectory(req.dir) : await fs.realPath!(req.dir) };
    } catch (error) {
      answer = { ok: false, error };
    }
    next = steps.next(answer);
  }
  return next.value;
}

/** `listDigestFiles` on a file system that answers at once. */
export function listDigestFilesSync(fs: SyncFolderFs, root: string): FolderListing {
  const steps = walkSteps(fs, Boolean(fs.realPath), root);
  let next = steps.next();
  while (!next.done) {
    const req = next.value;
    let answer: Answer;
    try {
      answer = { ok: true, value: req.op === 'readDirectory' ? fs.readDirectory(req.dir) : fs.realPath!(req.dir) };
    } catch (error) {
      answer = { ok: false, error };
    }
    next = steps.next(answer);
  }
  return next.value;
}

function* walkSteps(
  fs: Pick<FolderFs, 'join' | 'display'>,
  hasRealPath: boolean,
  root: string,
  top?: [string, number][],
): Generator<Request, FolderListing, Answer> {
  const files: string[] = [];
  const problems: string[] = [];
  let problemCount = 0;
  const problem = (message: string): void => {
    problemCount++;
    if (problems.length < MAX_FOLDER_PROBLEMS) problems.push(message);
  };
  const seenReal = new Set<string>();
  const ancestors: string[] = [];
  let foldersRead = 1;
  let stopped = false;
  function* realOf(dir: string): Generator<Request, string | undefined, Answer> {
    if (!hasRealPath) return undefined;
    const a = yield { op: 'realPath', dir };
    return a.ok ? String(a.value).replace(/\\/g, '/') : undefined;
  }

  function* walk(dir: string, depth: number, real: string | undefined, entries: [string, number][]): Generator<Request, void, Answer> {
    entries.sort(byName);
    for (const [name, type] of entries) {
      if (stopped) return;
      if (isSkippedName(name)) continue;
      const at = fs.join(dir, name);
      if (type & FileKind.Directory) {
        if (depth >= MAX_DEPTH) {
          problem(`${fs.display(at)}: folder nested more than ${MAX_DEPTH} levels deep; not read`);
          continue;
        }
        const link = (type & FileKind.SymbolicLink) !== 0;
        const childReal = link ? yield* realOf(at) : real !== undefined ? `${real}/${name}` : undefined;
        if (link && childReal === undefined) {
          problem(`${fs.display(at)}: symbolic link to a folder; not followed here (where it leads cannot be told)`);
          continue;
        }
        if (childReal !== undefined) {
          if (childReal === real || ancestors.includes(childReal)) {
            problem(`${fs.display(at)}: symbolic link loop (points back to a folder above it); not followed`);
            continue;
          }
          // The same folder reached a second way (two links to it, a link to a sibling): read once.
          if (seenReal.has(childReal)) continue;
          seenReal.add(childReal);
        }
        if (foldersRead >= MAX_FOLDERS) {
          problem(`${fs.display(root)}: more than ${MAX_FOLDERS} folders; stopped reading there (a digest folder is not a disk)`);
          stopped = true;
          return;
        }
        foldersRead++;
        const listed = yield { op: 'readDirectory', dir: at };
        if (!listed.ok) {
          problem(`${fs.display(at)}: cannot read folder (${errorText(listed.error)})`);
          continue;
        }
        if (real !== undefined) ancestors.push(real);
        yield* walk(at, depth + 1, childReal, listed.value as [string, number][]);
        if (real !== undefined) ancestors.pop();
      } else if (isDigestFileName(name)) {
        if (type & FileKind.File) {
          if (files.length >= MAX_FILES) {
            problem(`${fs.display(root)}: more than ${MAX_FILES} markdown files; only the first ${MAX_FILES} are read`);
            stopped = true;
            return;
          }
          files.push(at);
        } else if (type & FileKind.SymbolicLink) {
          problem(`${fs.display(at)}: broken symbolic link`);
        }
      }
    }
  }

  const rootReal = yield* realOf(root);
  if (rootReal !== undefined) seenReal.add(rootReal);
  let entries = top;
  if (!entries) {
    const listed = yield { op: 'readDirectory', dir: root };
    if (!listed.ok) throw listed.error;
    entries = listed.value as [string, number][];
  }
  yield* walk(root, 0, rootReal, entries);
  if (problemCount > problems.length) problems.push(`${fs.display(root)}: ${problemCount - problems.length} more folder problem(s) not listed`);
  const notices =
    problemCount <= MAX_NOTICES
      ? [...problems]
      : [`${fs.display(root)}: ${problemCount} folder problems (${problems[0]}; …); see the Digest Lens output for the list`];
  return { files, problems, notices, foldersRead };
}

/** Why a file of this size is not read, or undefined. */
export function fileSizeProblem(size: number): string | undefined {
  if (size <= MAX_FILE_BYTES) return undefined;
  return `file too large (${size} bytes; a digest may have at most ${MAX_FILE_BYTES})`;
}

/** The text of a digest file's bytes, or why they are not one (too large, binary). */
export function decodeDigestBytes(bytes: Uint8Array): { text: string } | { problem: string } {
  const tooLarge = fileSizeProblem(bytes.byteLength);
  if (tooLarge) return { problem: tooLarge };
  if (isBinaryBytes(bytes)) return { problem: 'binary file, not a markdown digest' };
  return { text: new TextDecoder('utf-8').decode(bytes) };
}
