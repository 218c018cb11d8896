/** Repeats one query against a corpus, for a CPU profile: [WARM=q1,q2] node --cpu-prof out/bench/profileQuery.js <corpus dir> <query> [times] (WARM: queries timed once each first) */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkBundleIndex, ENTRIES_FILE, INDEX_FILE, SEARCH_FILE } from '../src/core/corpus';
import { Corpus } from '../src/core/corpus';
import { bundleSearch } from '../src/core/search';

const [dir, query, times] = process.argv.slice(2);
const index = checkBundleIndex(JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8')), fs.readFileSync(path.join(dir, ENTRIES_FILE)));
const corpus = new Corpus(index.entries, index.topics, async () => undefined);
const search = bundleSearch({ ids: index.ids, entries: index.entries, searchIndex: fs.readFileSync(path.join(dir, SEARCH_FILE)) }, corpus);
for (const w of (process.env.WARM ?? "").split(",").filter(Boolean)) { const t = performance.now(); search.search(w, 50); console.log(w, (performance.now() - t).toFixed(2)); }
const ms: number[] = [];
for (let i = 0; i < Number(times ?? 50); i++) {
  const t = performance.now();
  search.search(query, 50);
  ms.push(performance.now() - t);
}
console.log(JSON.stringify({ first: ms[0].toFixed(2), min: Math.min(...ms).toFixed(2), hits: search.search(query, 50).slice(0, 5) }));
