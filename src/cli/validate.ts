import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateDigestFiles, type ParsedDigest } from '../core/digestFile';
import { curationSummary, formatCurationSummary, type DigestRules } from '../core/digestFields';
import { parseTopics } from '../core/topics';
import type { Problem, Topic } from '../core/types';
import { formatProblem } from './format';
import type { CliIO } from './io';

export interface LoadedFolder {
  digests: (ParsedDigest & { file: string })[];
  topics: Topic[];
  problems: Problem[];
  /** `corpus` for a folder with its own `topics.yaml` (as `digests/`), else `user`. */
  rules: DigestRules;
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
 * bundled one when the folder has none, as user folders usually do). A folder with its own
 * vocabulary is a corpus and checked as `digests/` is; one without, as the extension checks a
 * reader's folder. `strict`: a corpus digest's missing curated fields are errors.
 */
export function loadDigestFolder(folder: string, options: { strict?: boolean } = {}): LoadedFolder {
  const problems: Problem[] = [];
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    return { digests: [], topics: [], problems: [{ file: folder, severity: 'error', message: 'not a folder' }], rules: 'user' };
  }
  let topicsFile = path.join(folder, 'topics.yaml');
  const rules: DigestRules = fs.existsSync(topicsFile) ? 'corpus' : 'user';
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
  const result = validateDigestFiles(files, new Set(topics.map((t) => t.id)), { rules, strict: options.strict });
  return { digests: result.digests, topics, problems: [...problems, ...result.problems], rules };
}

/**
 * `validate [folder…] [--strict]` (default `digests`): prints every problem, the counts and how
 * complete the curated fields are; exit 1 when any problem is an error. `--strict`: a corpus
 * digest without its TL;DRs, a link, or the authors and year of an identified paper is an error.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const strict = args.includes('--strict');
  const folders = args.filter((a) => !a.startsWith('--'));
  if (folders.length === 0) folders.push('digests');
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  let count = 0;
  const all: ParsedDigest[] = [];
  for (const folder of folders) {
    const abs = path.resolve(io.cwd, folder);
    const loaded = loadDigestFolder(abs, { strict });
    problems.push(...loaded.problems);
    count += loaded.digests.length;
    all.push(...loaded.digests);
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
  io.err(formatCurationSummary(curationSummary(all)));
  return errors > 0 ? 1 : 0;
}
