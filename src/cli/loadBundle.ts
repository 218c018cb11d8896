import * as fs from 'node:fs';
import * as path from 'node:path';
import { BundleBodies, checkBundleIndex, ENTRIES_FILE, LoadedBundle, SEARCH_FILE } from '../core/corpus';
import { Corpus } from '../core/corpus';

/** `dist/corpus/`, next to the CLI bundle (`dist/cli.js`). */
export function defaultBundleDir(): string {
  return path.join(__dirname, 'corpus');
}

export function readBundleIndex(dir = defaultBundleDir()): LoadedBundle {
  const file = path.join(dir, 'index.json');
  if (!fs.existsSync(file)) throw new Error(`${file} not found; run "npm run build" first`);
  const entriesFile = path.join(dir, ENTRIES_FILE);
  const entries = fs.existsSync(entriesFile) ? fs.readFileSync(entriesFile) : undefined;
  const index = checkBundleIndex(JSON.parse(fs.readFileSync(file, 'utf8')), entries);
  // Without the compiled index the search indexes the summaries itself.
  const search = path.join(dir, SEARCH_FILE);
  if (!index.searchIndex && fs.existsSync(search)) index.searchIndex = fs.readFileSync(search);
  return index;
}

/** The bundled corpus as the extension sees it; bodies are read on first use. */
export function loadBundledCorpus(dir = defaultBundleDir()): { corpus: Corpus; index: LoadedBundle } {
  const index = readBundleIndex(dir);
  let bodies: BundleBodies | undefined;
  const corpus = new Corpus(index.entries, index.topics, async (e) => {
    bodies ??= JSON.parse(fs.readFileSync(path.join(dir, 'bodies.json'), 'utf8')) as BundleBodies;
    return bodies[e.id];
  });
  return { corpus, index };
}
