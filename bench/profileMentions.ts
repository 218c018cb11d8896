/**
 * The recognizer's document decision as the hover and *In This File* use it: the whole
 * document decided once per version (`Recognizer.document`), then each hover a lookup of its
 * line. Prints JSON; compares with scanning every line alone (what In This File did before):
 *   node out/bench/profileMentions.js <corpus dir>     (e.g. bench/corpus/10000, after npm run bench)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBundleIndex } from '../src/cli/loadBundle';
import { bundleRecognizer, ENTRIES_FILE } from '../src/core/corpus';
import { hoverPoints, sourceFile } from './workload';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node out/bench/profileMentions.js <corpus dir>');
  process.exit(2);
}
const index = readBundleIndex(dir);
const recognizer = bundleRecognizer(index);
const digests = (JSON.parse(fs.readFileSync(path.join(dir, ENTRIES_FILE), 'utf8')) as { methods: string[]; arxiv: string[] }[]).map((d) => ({
  methods: d.methods,
  arxiv: d.arxiv,
}));
const lines = sourceFile(digests);
const points = hoverPoints(lines, 2000);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];
const round = (x: number): number => Math.round(x * 100) / 100;

// In This File (and the first hover of a document version): decide the whole document.
const analyze: number[] = [];
let mentions = 0;
for (let run = 0; run < 5; run++) {
  const t = performance.now();
  mentions = recognizer.analyze(lines).mentions.length;
  analyze.push(performance.now() - t);
}
// Before: every line scanned on its own (no document evidence).
const perLine: number[] = [];
for (let run = 0; run < 5; run++) {
  const t = performance.now();
  for (let i = 0; i < lines.length; i++) recognizer.scanLine(lines[i], i);
  perLine.push(performance.now() - t);
}
// A hover once the version is decided: the cached decision and a lookup of the line.
const doc = {};
recognizer.document(doc, 1, () => lines);
const hover: number[] = [];
for (const p of points) {
  const t = performance.now();
  recognizer.document(doc, 1, () => lines).at(p.line, p.character, lines[p.line]);
  hover.push(performance.now() - t);
}
process.stdout.write(
  JSON.stringify({
    lines: lines.length,
    mentions,
    decideDocumentMs: round(median(analyze)),
    scanEveryLineAloneMs: round(median(perLine)),
    cachedHoverP50Ms: round(median(hover) * 1000) / 1000,
    cachedHoverP99Ms: round(p99(hover) * 1000) / 1000,
  }) + '\n',
);
