/**
 * `npm run bench`: writes the synthetic corpora, measures each size in a fresh process
 * (bench/measure.ts), prints one JSON object and writes it to `bench/results.json`.
 *
 *   node out/bench/run.js [--sizes 1000,10000] [--out file]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCorpus } from './corpusFiles';

const root = path.resolve(__dirname, '..', '..');
const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const sizes = (arg('--sizes') ?? '1000,10000,100000').split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error('bench: --sizes takes positive integers, e.g. --sizes 1000,10000');
  process.exit(2);
}
const outFile = path.resolve(root, arg('--out') ?? 'bench/results.json');

if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
  console.error('bench: dist/extension.js is missing; run "node scripts/build.mjs --production" first');
  process.exit(1);
}

const cpus = os.cpus();
const machine = `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()}`;

const t0 = performance.now();
const results: Record<string, unknown> = {};
for (const n of sizes) {
  const files = ensureCorpus(root, n);
  if (files.buildMs > 0) console.error(`bench: wrote the ${n}-digest corpus in ${(files.buildMs / 1000).toFixed(1)} s`);
  // 300,000 compiled baseline regexes need more than the default heap.
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', path.join(__dirname, 'measure.js'), root, files.dir], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) {
    console.error(`bench: measuring ${n} digests failed (exit ${String(child.status)}):\n${child.stderr}`);
    process.exit(1);
  }
  // Our search beside MiniSearch and fuse.js, in a process of its own (searchBench.ts); the
  // other engines build their indexes from the records, which past 10,000 digests takes minutes.
  const engines = n <= 10_000 ? 'ours,minisearch,fuse' : 'ours';
  const compare = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=6144', path.join(__dirname, 'searchBench.js'), files.dir, '--engines', engines], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (compare.status !== 0) {
    console.error(`bench: comparing the search at ${n} digests failed (exit ${String(compare.status)}):\n${compare.stderr}`);
    process.exit(1);
  }
  results[String(n)] = { ...JSON.parse(child.stdout), search: JSON.parse(compare.stdout), corpusWriteMs: Math.round(files.buildMs) };
  console.error(`bench: measured ${n} digests (${((performance.now() - t0) / 1000).toFixed(1)} s so far)`);
}

const vsix = fs.readdirSync(root).filter((f) => /^digest-lens-.*\.vsix$/.test(f)).sort();
const report = {
  machine,
  sizes: results,
  vsixKB: vsix.length > 0 ? Math.round(fs.statSync(path.join(root, vsix[vsix.length - 1])).size / 1024) : null,
  totalSeconds: Math.round((performance.now() - t0) / 1000),
};
fs.writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
process.stdout.write(JSON.stringify(report) + '\n');
