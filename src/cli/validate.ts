import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateDigestFiles, type ParsedDigest } from '../core/digestFile';
import { curationSummary, formatCurationSummary, type DigestRules } from '../core/digest';
import { listDigestFilesSync } from '../core/digest';
import { idClashMessage, resolveIdClaims } from '../core/digest';
import { nodeFolderFs, readDigestFileText } from './folderFs';
import { parseTopics } from '../core/digestFile';
import type { Problem, Topic } from '../core/types';
import { formatProblem } from './format';
import type { CliIO } from './io';
import { readArgs } from './options';

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

/** The folder's `topics.yaml`, or the bundled one when the folder has none (as user folders usually do). */
export function loadTopics(folder: string, problems: Problem[]): Topic[] {
  let topicsFile = path.join(folder, 'topics.yaml');
  if (!fs.existsSync(topicsFile)) {
    const bundled = bundledDigestsFolder();
    if (!bundled) {
      problems.push({ file: topicsFile, severity: 'error', message: 'no topics.yaml in this folder and no bundled vocabulary found' });
    }
    topicsFile = bundled ? path.join(bundled, 'topics.yaml') : topicsFile;
  }
  const topicsText = fs.existsSync(topicsFile) ? readText(topicsFile, problems) : undefined;
  if (topicsText === undefined) return [];
  const parsed = parseTopics(topicsText, topicsFile);
  problems.push(...parsed.problems);
  return parsed.topics;
}

/**
 * Loads and validates every digest of a folder as the extension reads a user folder: the same
 * walk, limits, size and binary checks (src/core/digestFolder), with the folder's topics. A folder
 * with its own vocabulary is a corpus and checked as `digests/` is; one without, as the extension
 * checks a reader's folder. `strict`: a corpus digest's missing curated fields are errors.
 */
export function loadDigestFolder(folder: string, options: { strict?: boolean } = {}): LoadedFolder {
  const problems: Problem[] = [];
  const rules: DigestRules = fs.existsSync(path.join(folder, 'topics.yaml')) ? 'corpus' : 'user';
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    return { digests: [], topics: [], problems: [{ file: folder, severity: 'error', message: 'not a folder' }], rules: 'user' };
  }
  const topics = loadTopics(folder, problems);
  const listing = listDigestFilesSync(nodeFolderFs, folder);
  for (const message of listing.problems) problems.push({ file: folder, severity: 'warning', message });
  const files: { path: string; text: string }[] = [];
  for (const file of listing.files) {
    const fail = (message: string): void => {
      problems.push({ file, line: 0, column: 0, severity: 'error', message });
    };
    let decoded: ReturnType<typeof readDigestFileText>;
    try {
      decoded = readDigestFileText(file);
    } catch (e) {
      fail(`cannot read file (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    if ('problem' in decoded) fail(decoded.problem);
    else files.push({ path: file, text: decoded.text });
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
  const read = readArgs(args, { strict: 'boolean' });
  if ('error' in read) {
    io.err(`validate: ${read.error}\nusage: validate [folder…] [--strict]`);
    return 2;
  }
  const strict = read.values.strict === true;
  const folders = read.positionals.length > 0 ? read.positionals : ['digests'];
  const problems: Problem[] = [];
  const all: (ParsedDigest & { file: string })[] = [];
  for (const folder of folders) {
    const abs = path.resolve(io.cwd, folder);
    const loaded = loadDigestFolder(abs, { strict });
    problems.push(...loaded.problems);
    all.push(...loaded.digests);
  }
  // Folders given together form one corpus: an id may appear only once across them, and the
  // same rule as within a folder picks the file that keeps it.
  const { kept, clashes } = resolveIdClaims(all);
  for (const { claim, owner } of clashes) problems.push({ file: claim.file, severity: 'error', message: idClashMessage(claim.id, owner) });
  const count = kept.length;
  const prefix = io.cwd.endsWith(path.sep) ? io.cwd : io.cwd + path.sep;
  const rel = (p: Problem): Problem => ({ ...p, file: path.relative(io.cwd, p.file) || p.file, message: p.message.split(prefix).join('') });
  for (const p of problems) io.out(formatProblem(rel(p)));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  io.err(`validate: ${count} digest(s), ${errors} error(s), ${warnings} warning(s)`);
  io.err(formatCurationSummary(curationSummary(all)));
  return errors > 0 ? 1 : 0;
}
