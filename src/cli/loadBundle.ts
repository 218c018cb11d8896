import * as fs from 'node:fs';
import * as path from 'node:path';
import { BundleBodies, BundleIndex, checkBundleIndex, SEARCH_FILE } from '../core/bundle';
import { checkWordIndex } from '../core/wordIndex';
import { Corpus } from '../core/corpus';

/** `dist/corpus/`, next to the CLI bundle (`dist/cli.js`). */
export function defaultBundleDir(): string {
  return path.join(__dirname, 'corpus');
}

export function readBundleIndex(dir = defaultBundleDir()): BundleIndex {
  const file = path.join(dir, 'index.json');
  if (!fs.existsSync(file)) throw new Error(`${file} not found; run "npm run build" first`);
  const index = checkBundleIndex(JSON.parse(fs.readFileSync(file, 'utf8')));
  // Without the word index the search indexes the summaries itself.
  const search = path.join(dir, SEARCH_FILE);
  if (!index.searchIndex && fs.existsSync(search)) index.searchIndex = checkWordIndex(JSON.parse(fs.readFileSync(search, 'utf8')));
  return index;
}

/** The bundled corpus as the extension sees it; bodies are read on first use. */
export function loadBundledCorpus(dir = defaultBundleDir()): { corpus: Corpus; index: BundleIndex } {
  const index = readBundleIndex(dir);
  let bodies: BundleBodies | undefined;
  const corpus = new Corpus(index.digests, index.topics, async (e) => {
    bodies ??= JSON.parse(fs.readFileSync(path.join(dir, 'bodies.json'), 'utf8')) as BundleBodies;
    return bodies[e.id];
  });
  return { corpus, index };
}
