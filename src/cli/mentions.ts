import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleRecognizer } from '../core/bundle';
import { Mention } from '../core/types';
import { CliIO } from './io';
import { defaultBundleDir, readBundleIndex } from './loadBundle';

/** Larger files are refused rather than read whole into memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** How much of the start of a file is checked for NUL bytes, as git and grep do. */
const BINARY_PROBE_BYTES = 8192;

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
  const probe = bytes.subarray(0, BINARY_PROBE_BYTES);
  if (probe.includes(0)) return { error: `${file}: looks like a binary file (NUL bytes); not scanned` };
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

/** `mentions <file> [--corpus <dir>]`: what the hover recognizes in a file, as JSON. */
export async function run(args: string[], io: CliIO): Promise<number> {
  let corpusDir = defaultBundleDir();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--corpus') {
      const dir = args[++i];
      if (!dir) {
        io.err('mentions: --corpus needs a folder');
        return 2;
      }
      corpusDir = path.resolve(io.cwd, dir);
    } else files.push(args[i]);
  }
  if (files.length !== 1) {
    io.err('Usage: mentions <file> [--corpus <dir>]');
    return 2;
  }
  const read = readTextFile(path.resolve(io.cwd, files[0]));
  if ('error' in read) {
    io.err(`mentions: ${read.error}`);
    return 1;
  }
  const index = readBundleIndex(corpusDir);
  // The compiled table the extension loads, so the CLI reports exactly what the hover sees.
  const recognizer = bundleRecognizer(index);
  io.out(JSON.stringify(recognizer.scanText(read.text).map(toJson), null, 2));
  return 0;
}
