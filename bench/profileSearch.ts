/** Times the benchmark's search queries alone: node out/bench/profileSearch.js <corpus dir> */
import { readBundleIndex } from '../src/cli/loadBundle';
import { Corpus } from '../src/core/corpus';
import { bundleSearch } from '../src/core/search';
import { searchQueries } from './workload';

const index = readBundleIndex(process.argv[2]);
const corpus = new Corpus(index.digests, index.topics, async () => undefined);
let t = performance.now();
const search = bundleSearch(index, corpus);
const buildMs = performance.now() - t;
const queries = searchQueries(index.digests).slice(0, Number(process.argv[3] ?? 200));
const byKind: Record<string, number[]> = {};
let first = 0;
for (const q of queries) {
  t = performance.now();
  const hits = search.search(q.text, 50);
  const ms = performance.now() - t;
  first ||= ms;
  (byKind[q.kind] ??= []).push(ms);
  if (process.argv[4]) console.log(q.kind, JSON.stringify(q.text), ms.toFixed(1), hits.length);
}
const summary = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { mean: Number((v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)), max: Number(Math.max(...v).toFixed(1)) }]));
console.log(JSON.stringify({ buildMs: Number(buildMs.toFixed(1)), first: Number(first.toFixed(1)), summary }));
