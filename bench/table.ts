/**
 * Prints the README "Performance" section from `bench/results.json`:
 *   node out/bench/table.js [results.json]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

type Size = Record<string, unknown> & { coldLoad?: Record<string, number> };
interface Results {
  machine: string;
  sizes: Record<string, Size>;
  vsixKB: number | null;
  totalSeconds?: number;
}

const file = process.argv[2] ?? path.resolve(__dirname, '..', '..', 'bench', 'results.json');
const results = JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
const sizes = Object.keys(results.sizes).sort((a, b) => Number(a) - Number(b));

const num = (v: unknown): string => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  if (v >= 100) return Math.round(v).toLocaleString('en-US');
  if (v >= 1) return v.toFixed(1);
  return v.toPrecision(2);
};

const rows: [string, (s: Size) => string][] = [
  ['Method names', (s) => num(s.methodNames)],
  ['Cold load, ms (bundle `require` + read/parse `index.json`, read `entries.json` + corpus, search, recognizer)', (s) => num(s.coldLoadMs)],
  ['… of which `require(dist/extension.js)`, ms', (s) => num(s.coldLoad?.bundleRequireMs)],
  ['… read + parse `index.json`, read `entries.json` (entries parsed on use), ms', (s) => num(s.coldLoad?.indexReadParseMs)],
  ['… build Corpus + search + Recognizer (from the compiled table), ms', (s) => num(s.coldLoad?.buildMs)],
  ['First hover, ms', (s) => num(s.firstHoverMs)],
  ['Cold load + first hover, ms', (s) => num(s.coldLoadPlusFirstHoverMs)],
  ['Hover p50 / p99, ms (typical code line)', (s) => `${num(s.hoverP50Ms)} / ${num(s.hoverP99Ms)}`],
  ['Hover p99 in a 100 KB minified line, ms', (s) => num(s.longLineHoverP99Ms)],
  ['"In this file", 10,000 lines, ms', (s) => num(s.inFileMs)],
  ['Search p50 / p99, ms (200 queries)', (s) => `${num(s.searchP50Ms)} / ${num(s.searchP99Ms)}${s.searchSampled ? ` (${String(s.searchQueries)} queries)` : ''}`],
  ['Search warm-up in idle time after activation (entries parsed, records, fuse index, word index), ms', (s) => num(s.searchWarmMs)],
  ['First search after the warm-up, ms', (s) => num(s.firstSearchMs)],
  ['Heap after load / after first searches, MB', (s) => `${num(s.heapMB)} / ${num(s.heapAfterSearchMB)}`],
  ['`index.json` / `entries.json` / `bodies.json`, KB', (s) => `${num(s.indexKB)} / ${num(s.entriesKB)} / ${num(s.bodiesKB)}`],
  ['Naive baseline: hover p99, ms', (s) => num(s.baselineHoverP99Ms)],
  ['Naive baseline: "in this file", ms', (s) => `${num(s.baselineInFileMs)}${s.baselineInFileExtrapolated ? ` (from ${String(s.baselineInFileLinesMeasured)} lines)` : ''}`],
  ['Speed-up vs baseline: hover p99 / in-file', (s) => (typeof s.hoverSpeedup !== 'number' ? '—' : `${num(s.hoverSpeedup)}× / ${num(s.inFileSpeedup)}×`)],
];

const out: string[] = [];
out.push('## Performance', '');
out.push(
  `Measured by \`npm run bench\` on a synthetic corpus (seeded; ~3 method names per digest, bodies of 1–4 KB in Russian and English), each size in a fresh \`node\` process. Machine: ${results.machine}. ` +
    'Hover and search times are per call of the core code the extension runs (`Recognizer.mentionsAt` + `buildHoverCard`; `DigestSearch.search`); hover percentiles keep the fastest of three passes per position. ' +
    'The baseline tries one case-insensitive regex per method name.',
  '',
);
out.push(`| | ${sizes.map((s) => `${Number(s).toLocaleString('en-US')} digests`).join(' | ')} |`);
out.push(`|---|${sizes.map(() => '---:').join('|')}|`);
for (const [label, f] of rows) out.push(`| ${label} | ${sizes.map((s) => f(results.sizes[s])).join(' | ')} |`);
const bundleKB = results.sizes[sizes[0]]?.bundleKB;
out.push('');
if (sizes.some((s) => typeof results.sizes[s].baselineNames !== 'number')) {
  out.push('The baseline is not run past 150,000 names: V8 compiles each of its regexes to native code and 300,000 of them overflow its code space.', '');
}
out.push(`Bundle \`dist/extension.js\`: ${num(bundleKB)} KB; \`.vsix\`: ${results.vsixKB === null ? 'not built' : `${num(results.vsixKB)} KB`}.`);
process.stdout.write(out.join('\n') + '\n');
