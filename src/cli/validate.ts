import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateDigestFiles, type ParsedDigest } from '../core/digestFile';
import { parseTopics } from '../core/topics';
import type { Problem, Topic } from '../core/types';
import { formatProblem } from './format';
import type { CliIO } from './io';

export interface LoadedFolder {
  digests: (ParsedDigest & { file: string })[];
  topics: Topic[];
  problems: Problem[];
}

/** Where the bundled corpus lives: next to `dist/` in a checkout or an installed extension. */
export function bundledDigestsFolder(): string | undefined {
  const candidates = [path.resolve(__dirname, '..', 'digests'), path.resolve(__dirname, '..', '..', 'digests'), path.resolve('digests')];
  return candidates.find((c) => fs.existsSync(path.join(c, 'topics.yaml')));
}

/** Reads a file as text, or reports why it cannot (permissions, a folder named *.md…). */
function readText(file: string, problems: Problem[]): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    problems.push({ file, severity: 'error', message: `cannot read: ${e instanceof Error ? e.message : String(e)}` });
    return undefined;
  }
}

/**
 * Loads and validates every `*.md` digest of a folder, with the folder's `topics.yaml` (or the
 * bundled one when the folder has none, as user folders usually do).
 */
export function loadDigestFolder(folder: string): LoadedFolder {
  const problems: Problem[] = [];
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    return { digests: [], topics: [], problems: [{ file: folder, severity: 'error', message: 'not a folder' }] };
  }
  let topicsFile = path.join(folder, 'topics.yaml');
  if (!fs.existsSync(topicsFile)) {
    const bundled = bundledDigestsFolder();
    if (!bundled) {
      problems.push({ file: topicsFile, severity: 'error', message: 'no topics.yaml in this folder and no bundled vocabulary found' });
    }
    topicsFile = bundled ? path.join(bundled, 'topics.yaml') : topicsFile;
  }
  let topics: Topic[] = [];
  const topicsText = fs.existsSync(topicsFile) ? readText(topicsFile, problems) : undefined;
  if (topicsText !== undefined) {
    const parsed = parseTopics(topicsText, topicsFile);
    topics = parsed.topics;
    problems.push(...parsed.problems);
  }
  const names = fs
    .readdirSync(folder)
    .filter((n) => n.toLowerCase().endsWith('.md') && !/^readme\.md$/i.test(n))
    .sort();
  const files: { path: string; text: string }[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    const text = readText(file, problems);
    if (text !== undefined) files.push({ path: file, text });
  }
  const result = validateDigestFiles(files, new Set(topics.map((t) => t.id)));
  return { digests: result.digests, topics, problems: [...problems, ...result.problems] };
}

/** `validate [folder…]` (default `digests`): prints every problem; exit 1 when any is an error. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const folders = args.filter((a) => !a.startsWith('--'));
  if (folders.length === 0) folders.push('digests');
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  let count = 0;
  for (const folder of folders) {
    const abs = path.resolve(io.cwd, folder);
    const loaded = loadDigestFolder(abs);
    problems.push(...loaded.problems);
    count += loaded.digests.length;
    // Folders given together form one corpus: an id may appear only once across them.
    for (const d of loaded.digests) {
      const other = seen.get(d.id);
      if (other) problems.push({ file: d.file, severity: 'error', message: `duplicate id "${d.id}" (also in ${other})` });
      else seen.set(d.id, d.file);
    }
  }
  const prefix = io.cwd.endsWith(path.sep) ? io.cwd : io.cwd + path.sep;
  const rel = (p: Problem): Problem => ({ ...p, file: path.relative(io.cwd, p.file) || p.file, message: p.message.split(prefix).join('') });
  for (const p of problems) io.out(formatProblem(rel(p)));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  io.err(`validate: ${count} digest(s), ${errors} error(s), ${warnings} warning(s)`);
  return errors > 0 ? 1 : 0;
}
