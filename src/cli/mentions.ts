import * as fs from 'node:fs';
import * as path from 'node:path';
import { citationDigests, citationLookup, MAX_BIB_BYTES, MAX_BIB_FILES, parseBib } from '../core/recognizer';
import { bundleRecognizer, LoadedBundle } from '../core/corpus';
import { Citations, splitLines } from '../core/recognizer';
import { Mention } from '../core/types';
import { CliIO } from './io';
import { defaultBundleDir, readBundleIndex } from './loadBundle';
import { readArgs } from './options';
import { isBinaryBytes } from '../core/text';

/** Larger files are refused rather than read whole into memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type ReadResult = { text: string } | { error: string };

/** Reads a text file for scanning, refusing directories, huge files and binary content. */
export function readTextFile(file: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    return { error: `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message)}` };
  }
  if (!stat.isFile()) return { error: `${file}: not a regular file` };
  if (stat.size > maxBytes) return { error: `${file}: ${stat.size} bytes is larger than the ${maxBytes}-byte limit` };
  const bytes = fs.readFileSync(file);
  if (isBinaryBytes(bytes)) return { error: `${file}: looks like a binary file (NUL bytes); not scanned` };
  return { text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
}

/** What the command prints for one mention: DESIGN.md "CLI" field order. */
export function toJson(m: Mention): Record<string, unknown> {
  const row: Record<string, unknown> = {
    line: m.line,
    character: m.character,
    endCharacter: m.endCharacter,
    text: m.text,
    kind: m.kind,
  };
  if (m.arxiv !== undefined) row.arxiv = m.arxiv;
  row.digests = m.digests;
  return row;
}

function bibliographyOf(bibFiles: readonly string[], index: LoadedBundle): Citations | undefined {
  if (bibFiles.length === 0) return undefined;
  const entries = [];
  for (const f of bibFiles.slice(0, MAX_BIB_FILES)) {
    const read = readTextFile(f, MAX_BIB_BYTES);
    if (!('error' in read)) entries.push(...parseBib(read.text));
  }
  const digests = Array.from({ length: index.entries.length }, (_, i) => index.entries.at(i));
  const map = citationDigests(entries, citationLookup(digests));
  return map.size > 0 ? map : undefined;
}

/** Folders never walked into: dependencies and version control. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Bounds on one `--jsonl` run, so a mistaken `/` does not walk the whole disk. */
const MAX_FILES = 200_000;
const MAX_DEPTH = 32;

/** Files under `paths` (files as given, folders walked in name order, links not followed). */
function* walk(paths: readonly string[], io: CliIO): Generator<string> {
  let count = 0;
  const visit = function* (p: string, depth: number): Generator<string> {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      io.err(`mentions: ${p}: no such file`);
      return;
    }
    if (st.isFile()) {
      if (count++ < MAX_FILES) yield p;
      return;
    }
    if (!st.isDirectory() || depth > MAX_DEPTH) return;
    let names: string[];
    try {
      names = fs.readdirSync(p).sort();
    } catch (e) {
      io.err(`mentions: ${p}: ${(e as Error).message}`);
      return;
    }
    for (const name of names) {
      if (SKIPPED_DIRS.has(name)) continue;
      yield* visit(path.join(p, name), depth + 1);
      if (count >= MAX_FILES) return;
    }
  };
  for (const p of paths) yield* visit(p, 0);
  if (count > MAX_FILES) io.err(`mentions: stopped after ${MAX_FILES} files`);
}

/**
 * `mentions <file> [--corpus <dir>]`: what the hover recognizes in a file, as JSON.
 * `mentions <path…> --jsonl`: one line `{file, mentions}` per text file under the paths
 * (binaries, `node_modules` and `.git` skipped), in one process.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const read = readArgs(args, { corpus: 'string', jsonl: 'boolean' });
  if ('error' in read) {
    io.err(`mentions: ${read.error}`);
    return 2;
  }
  if (read.values.corpus === '') {
    io.err('mentions: --corpus needs a folder');
    return 2;
  }
  const corpusDir = read.values.corpus ? path.resolve(io.cwd, read.values.corpus) : defaultBundleDir();
  const jsonl = read.values.jsonl === true;
  const files = read.positionals;
  if (files.length === 0 || (!jsonl && files.length !== 1)) {
    io.err('Usage: mentions <file> [--corpus <dir>] | mentions <path…> --jsonl [--corpus <dir>]');
    return 2;
  }
  const index = readBundleIndex(corpusDir);
  // The compiled table the extension loads, so the CLI reports exactly what the hover sees.
  const recognizer = bundleRecognizer(index);
  if (!jsonl) {
    const read = readTextFile(path.resolve(io.cwd, files[0]));
    if ('error' in read) {
      io.err(`mentions: ${read.error}`);
      return 1;
    }
    io.out(JSON.stringify(recognizer.scanText(read.text).map(toJson), null, 2));
    return 0;
  }
  const all = [...walk(files.map((f) => path.resolve(io.cwd, f)), io)];
  // `.bib` files among the paths resolve `\cite{key}` and `@key`, as the workspace's do in the editor.
  const citations = bibliographyOf(all.filter((f) => f.endsWith('.bib')), index);
  for (const file of all) {
    const read = readTextFile(file);
    // Binaries and oversized files are skipped quietly: a folder scan meets many.
    if ('error' in read) continue;
    const shown = path.relative(io.cwd, file) || file;
    io.out(JSON.stringify({ file: shown, mentions: recognizer.analyze(splitLines(read.text), { citations }).mentions.map(toJson) }));
  }
  return 0;
}
