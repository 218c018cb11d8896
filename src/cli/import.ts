import * as fs from 'node:fs';
import * as path from 'node:path';
import { idFromFileName } from '../core/digest';
import { parseDigestFile, serializeDigest, type ParsedDigest } from '../core/digestFile';
import { combineResults, importSource, planImport, type ImportResult } from '../core/import';
import type { Problem } from '../core/types';
import { formatProblem } from './format';
import type { CliIO } from './io';
import { loadTopics } from './validate';
import { readDigestFileText } from './folderFs';
import { readArgs } from './options';
import { notPlainFile, writeFileNoLinks } from './safeWrite';

const USAGE = 'usage: import <raw files…> [--out digests] [--source <channel name>] [--dry-run]';

interface Args {
  files: string[];
  out: string;
  source?: string;
  dryRun: boolean;
}

function importArgs(args: string[]): Args | string {
  const read = readArgs(args, { out: 'string', source: 'string', 'dry-run': 'boolean' });
  if ('error' in read) return read.error;
  const { out, source } = read.values;
  if (out === '') return '--out needs a value';
  if (source === '') return '--source needs a value';
  const files = read.positionals;
  return files.length ? { files, out: out ?? 'digests', source, dryRun: read.values['dry-run'] === true } : 'no input files';
}

/** Existing digests of the output folder, plus the names of files that exist but are not read (broken, links). */
function loadExisting(out: string, problems: Problem[]): { digests: (ParsedDigest & { text: string })[]; reserved: string[] } {
  if (!fs.existsSync(out)) return { digests: [], reserved: [] };
  // The vocabulary's own problems are validate's to report.
  const topicIds = new Set(loadTopics(out, []).map((t) => t.id));
  const digests: (ParsedDigest & { text: string })[] = [];
  const reserved: string[] = [];
  for (const name of fs.readdirSync(out).filter((n) => n.toLowerCase().endsWith('.md')).sort()) {
    const file = path.join(out, name);
    reserved.push(idFromFileName(name));
    const why = notPlainFile(file);
    if (why) {
      problems.push({ file, severity: 'warning', message: `${why}; left untouched and its name kept free` });
      continue;
    }
    let read: ReturnType<typeof readDigestFileText>;
    try {
      read = readDigestFileText(file);
    } catch (e) {
      read = { problem: (e as Error).message };
    }
    if ('problem' in read) {
      problems.push({ file, severity: 'warning', message: `not read (${read.problem}); left untouched and its name kept free` });
      continue;
    }
    const text = read.text;
    const { digest } = parseDigestFile(text, file, topicIds);
    if (digest && digest.id === idFromFileName(name)) digests.push({ ...digest, text });
    else problems.push({ file, severity: 'warning', message: 'existing file does not parse as a digest; left untouched (run validate)' });
  }
  return { digests, reserved };
}

/** `import <raw files…>`: raw pages / exports → draft digests in `--out` (default `digests/`). */
export async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = importArgs(args);
  if (typeof parsed === 'string') {
    io.err(`import: ${parsed}\n${USAGE}`);
    return 2;
  }
  const problems: Problem[] = [];
  const results: ImportResult[] = [];
  for (const f of parsed.files) {
    const abs = path.resolve(io.cwd, f);
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      problems.push({ file: f, severity: 'error', message: `cannot read: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const r = importSource(text, f, { sourceName: parsed.source });
    results.push(r);
    problems.push(...r.problems);
    io.out(`${f}: ${r.format}, ${r.posts.length} digest(s), ${r.merged.length} duplicate cop${r.merged.length === 1 ? 'y' : 'ies'} merged, ${r.skipped.length} skipped`);
    for (const s of r.skipped) io.out(`  skipped (line ${s.line + 1}): ${s.reason}${s.excerpt ? ` — «${s.excerpt}»` : ''}`);
  }
  const combined = combineResults(results);
  if (combined.merged > 0) io.out(`${combined.merged} post(s) appeared in more than one file and were merged`);

  const outDir = path.resolve(io.cwd, parsed.out);
  const existing = loadExisting(outDir, problems);
  const serialize = (d: ParsedDigest): string => serializeDigest(d, d.body);
  const plan = planImport(combined.drafts, existing.digests, (a, b) => serialize(a) === serialize(b), existing.reserved);
  const counts = { new: 0, updated: 0, unchanged: 0 };
  if (!parsed.dryRun && plan.some((p) => p.status !== 'unchanged')) fs.mkdirSync(outDir, { recursive: true });
  for (const p of plan) {
    counts[p.status]++;
    const target = path.join(outDir, `${p.digest.id}.md`);
    const shown = path.relative(io.cwd, target);
    if (p.status === 'unchanged') continue;
    if (!parsed.dryRun) {
      try {
        writeFileNoLinks(target, serialize(p.digest), p.status === 'new' ? 'new' : 'replace');
      } catch (e) {
        problems.push({ file: shown, severity: 'error', message: `cannot write: ${e instanceof Error ? e.message : String(e)}` });
        continue;
      }
    }
    io.out(`${p.status === 'new' ? 'new    ' : 'updated'} ${shown}  (${p.digest.title})`);
  }
  for (const p of problems) io.err(formatProblem(p));
  const errors = problems.filter((p) => p.severity === 'error').length;
  io.out(
    `import: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged${parsed.dryRun ? ' (dry run: nothing written)' : ''}; ` +
      `${results.reduce((n, r) => n + r.skipped.length, 0)} skipped; ${errors} error(s)`,
  );
  return errors > 0 ? 1 : 0;
}
