/**
 * Times each step of the cold load separately, for finding where it goes:
 *   node out/bench/profileLoad.js <corpus dir>
 * (Run under `node --cpu-prof` for a profile.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENTRIES_FILE, SEARCH_FILE, bundleRecognizer, checkBundleIndex } from '../src/core/corpus';
import { Corpus } from '../src/core/corpus';
import { bundleSearch } from '../src/core/search';

const dir = process.argv[2];
const steps: Record<string, number> = {};
let t = performance.now();
const lap = (name: string): void => {
  const now = performance.now();
  steps[name] = Number((now - t).toFixed(1));
  t = now;
};
const text = new TextDecoder().decode(fs.readFileSync(path.join(dir, 'index.json')));
lap('read');
const parsed: unknown = JSON.parse(text);
lap('parse');
const summaries = fs.readFileSync(path.join(dir, ENTRIES_FILE));
lap('read entries.json (bytes)');
const index = checkBundleIndex(parsed, summaries);
lap('check (entries parsed on use)');
const corpus = new Corpus(index.entries, index.topics, async () => undefined);
lap('corpus');
const recognizer = bundleRecognizer(index);
lap('recognizer');
index.searchIndex = fs.readFileSync(path.join(dir, SEARCH_FILE));
lap('read search.bin (idle, after activation)');
const search = bundleSearch(index, corpus);
lap('search load (idle, after activation)');
console.log(JSON.stringify({ steps, keys: recognizer.nameCount, sized: search !== undefined }));
