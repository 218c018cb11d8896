import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliIO } from './io';
import { buildBundle, bundleFiles } from '../core/corpus';
import { loadDigestFolder } from './validate';
import { formatProblem } from './format';
import { englishWord } from './englishWords';
import { readArgs } from './options';
import { notPlainFile, writeFileNoLinks } from './safeWrite';

/** `bundle <folder> --out <dir>`: digests/ → index.json, entries.json, search.json, bodies.json. Fails on any error. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const read = readArgs(args, { out: 'string' });
  const out = 'error' in read ? undefined : read.values.out;
  if ('error' in read || !out || read.positionals.length > 1) {
    io.err(`bundle: ${'error' in read ? read.error : !out ? 'missing --out <dir>' : 'one folder at most'}\nusage: bundle <folder> --out <dir>`);
    return 2;
  }
  const folder = read.positionals[0] ?? 'digests';
  const { digests, topics, problems } = loadDigestFolder(path.resolve(io.cwd, folder));
  const errors = problems.filter((p) => p.severity === 'error');
  // Warnings (curation still to do, mostly) are validate's to list; the build names their count.
  for (const p of errors) io.err(formatProblem(p));
  const warnings = problems.length - errors.length;
  if (warnings > 0) io.err(`bundle: ${warnings} warning(s) in ${folder}; "npm run validate" lists them`);
  if (errors.length > 0) {
    io.err(`bundle: ${errors.length} error(s) in ${folder}; fix them or run "npm run validate"`);
    return 1;
  }
  // Which names are English words is decided here, with the full word list, and compiled into
  // the name table: the extension ships the answers, not the list.
  const { index, bodies } = buildBundle(digests, topics, { isWord: englishWord() });
  const dir = path.resolve(io.cwd, out);
  fs.mkdirSync(dir, { recursive: true });
  const files = Object.entries(bundleFiles(index, bodies)).map(([name, content]) => ({ file: path.join(dir, name), content }));
  // Every name checked before any is written, so a refused corpus is not left half new.
  for (const { file } of files) {
    const refused = notPlainFile(file);
    if (refused) {
      io.err(`bundle: ${file}: ${refused}`);
      return 1;
    }
  }
  for (const { file, content } of files) writeFileNoLinks(file, content, 'create-or-replace');
  io.err(`bundle: ${index.digests.length} digests, ${index.topics.length} topics → ${path.relative(io.cwd, dir) || dir}`);
  return 0;
}
