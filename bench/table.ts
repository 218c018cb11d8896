/**
 * Prints the README "Performance" section from `bench/results.json`:
 *   node out/bench/table.js [results.json]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface EngineRow {
  buildMs: number;
  heapMB: number;
  p50Ms: number;
  p99Ms: number;
  queries: number;
  sampled: boolean;
}
type Size = Record<string, unknown> & { coldLoad?: Record<string, number>; search?: Record<string, EngineRow | number | undefined> };
const engine = (s: Size, name: string): EngineRow | undefined => s.search?.[name] as EngineRow | undefined;
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
  ['Lower bound of the cold load (compile the bundle, read + parse `index.json`), ms; cold load ÷ bound', (s) => `${num(s.lowerBoundMs)}; ${num(s.coldLoadOverLowerBound)}×`],
  ['First hover, ms', (s) => num(s.firstHoverMs)],
  ['Cold load + first hover, ms', (s) => num(s.coldLoadPlusFirstHoverMs)],
  ['Hover p50 / p99, ms (typical code line)', (s) => `${num(s.hoverP50Ms)} / ${num(s.hoverP99Ms)}`],
  ['Hover p99 in a 100 KB minified line, ms', (s) => num(s.longLineHoverP99Ms)],
  ['"In this file", 10,000 lines, ms', (s) => num(s.inFileMs)],
  ['Search p50 / p99, ms (200 queries)', (s) => latency(engine(s, 'ours'))],
  ['… MiniSearch, same records and queries, p50 / p99, ms', (s) => latency(engine(s, 'minisearch'))],
  ['… plain fuse.js (short fields only), p50 / p99, ms', (s) => latency(engine(s, 'fuse'))],
  ['MiniSearch ÷ ours, p50 / p99', (s) => (typeof s.search?.minisearchOverOursP50 === 'number' ? `${num(s.search.minisearchOverOursP50)}× / ${num(s.search.minisearchOverOursP99)}×` : '—')],
  ['Search index build, ms: ours (at bundle time) / MiniSearch / fuse.js (at run time)', (s) => `${num(s.search?.oursBuildMs)} / ${num(engine(s, 'minisearch')?.buildMs)} / ${num(engine(s, 'fuse')?.buildMs)}`],
  ['Search heap, MB: ours / MiniSearch / fuse.js', (s) => `${num(engine(s, 'ours')?.heapMB)} / ${num(engine(s, 'minisearch')?.heapMB)} / ${num(engine(s, 'fuse')?.heapMB)}`],
  ['Search warm-up in idle time after activation (read `search.bin`, load it in place), ms', (s) => num(s.searchWarmMs)],
  ['First search after the warm-up, ms', (s) => num(s.firstSearchMs)],
  ['Heap after load / after first searches, MB', (s) => `${num(s.heapMB)} / ${num(s.heapAfterSearchMB)}`],
  ['`index.json` / `entries.json` / `search.bin` / `bodies.json`, KB', (s) => `${num(s.indexKB)} / ${num(s.entriesKB)} / ${num(s.searchIndexKB)} / ${num(s.bodiesKB)}`],
  ['Naive baseline: hover p99, ms', (s) => num(s.baselineHoverP99Ms)],
  ['Naive baseline: "in this file", ms', (s) => `${num(s.baselineInFileMs)}${s.baselineInFileExtrapolated ? ` (from ${String(s.baselineInFileLinesMeasured)} lines)` : ''}`],
  ['Speed-up vs baseline: hover p99 / in-file', (s) => (typeof s.hoverSpeedup !== 'number' ? '—' : `${num(s.hoverSpeedup)}× / ${num(s.inFileSpeedup)}×`)],
  ['Combined regex (all names in one alternation): compile, ms; hover p99, ms; "in this file", ms', (s) => (typeof s.combinedNames !== 'number' ? '—' : `${num(s.combinedCompileMs)}; ${num(s.combinedHoverP99Ms)}; ${num(s.combinedInFileMs)}${s.combinedInFileExtrapolated ? ' (extrapolated)' : ''}`)],
  ['Combined regex ÷ ours: hover p99 / in-file', (s) => (typeof s.combinedNames !== 'number' ? '—' : `${num(s.combinedOverOursHoverP99)}× / ${num(s.combinedOverOursInFile)}×`)],
  ['Name table load, ms: packed (ours) / a plain `Map` of the same keys; plain ÷ packed', (s) => `${num(s.packedTableMs)} / ${num(s.plainTableMs)}; ${num(s.plainOverPackedTable)}×`],
];

function latency(e: EngineRow | undefined): string {
  if (!e) return '—';
  return `${num(e.p50Ms)} / ${num(e.p99Ms)}${e.sampled ? ` (${String(e.queries)} queries)` : ''}`;
}

const out: string[] = [];
out.push('## Performance', '');
out.push(
  `Measured by \`npm run bench\` on a synthetic corpus (seeded; ~3 method names per digest, bodies of 1–4 KB in Russian and English), each size in a fresh \`node\` process. Machine: ${results.machine}. ` +
    'Hover and search times are per call of the core code the extension runs (`Recognizer.mentionsAt` + `buildHoverCard`; `DigestSearch.search`); hover and search percentiles keep the fastest of three passes per position or query, for every engine alike. ' +
    'Search is compared in one process on the same records and queries (method names, English and Russian words, typos): ours and MiniSearch (`prefix`, `fuzzy: 0.2`) over titles, methods, arXiv IDs, topics and whole bodies, fuse.js over the short fields; MiniSearch and fuse.js are not run past 10,000 digests. ' +
    'The baselines try one case-insensitive regex per method name, and every name in one combined alternation; neither runs past 150,000 names. ' +
    'The last row compares the packed name table the recognizer loads with the plain structure it would be replaced by (a `Map` of the same keys).',
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
