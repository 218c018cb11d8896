/**
 * Writes the synthetic corpus of size N in the bundle format (`index.json`, `search.bin`, `bodies.json`,
 * through the same `buildBundle` as `npm run build`) under `bench/corpus/<N>/`. A stamp of the
 * generator and of the bundle code lets a rerun reuse the files; any change rebuilds them.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildBundle, bundleFiles } from '../src/core/corpus';
import { generateCorpus, SYNTHETIC_TOPICS } from './synthetic';

/** Sources whose change changes the files written here. */
const STAMP_SOURCES = [
  'bench/synthetic.ts',
  'src/core/corpus/bundle.ts',
  'src/core/search/search.ts',
  'src/core/render/summary.ts',
  'src/core/types.ts',
  'src/core/recognizer/nameTable.ts',
  'src/core/search/searchIndex.ts',
  'src/core/search/searchText.ts',
  'src/core/recognizer/recognizerText.ts',
  'src/core/recognizer/recognizerChars.ts',
];

function stamp(root: string, n: number): string {
  const h = createHash('sha256').update(String(n));
  for (const f of STAMP_SOURCES) {
    const file = path.join(root, f);
    h.update(f).update(fs.existsSync(file) ? fs.readFileSync(file) : '');
  }
  return h.digest('hex');
}

export interface CorpusFiles {
  dir: string;
  /** Milliseconds spent generating and bundling; 0 when the files were reused. */
  buildMs: number;
}

export function ensureCorpus(root: string, n: number): CorpusFiles {
  const dir = path.join(root, 'bench', 'corpus', String(n));
  const stampFile = path.join(dir, 'stamp');
  const want = stamp(root, n);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === want && fs.existsSync(path.join(dir, 'index.json'))) {
    return { dir, buildMs: 0 };
  }
  const t0 = performance.now();
  const { digests } = generateCorpus(n);
  const { index, bodies } = buildBundle(digests, SYNTHETIC_TOPICS);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(bundleFiles(index, bodies))) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(stampFile, want);
  return { dir, buildMs: performance.now() - t0 };
}
