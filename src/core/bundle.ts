import { DigestEntry, DigestMeta, Topic } from './types';
import { summarize } from './summary';
import { createSearchIndex, SerializedSearchIndex } from './search';
import { checkCompiledNames, CompiledNames, compileNames } from './nameTable';
import { checkWordIndex } from './wordIndex';

/**
 * 2: entries without `origin` (set at load) and with short summaries; the recognizer's name
 * table and the search's word index compiled at build time. A version 1 index still loads:
 * the recognizer and the search then compile their tables at load, as before.
 */
export const BUNDLE_VERSION = 2;
const READABLE_VERSIONS = [1, 2];

/**
 * The longest summary an entry keeps: what a hover card or a tooltip shows. The search's word
 * index is built from a longer one at build time.
 */
export const ENTRY_SUMMARY_CHARS = 160;
const SEARCH_SUMMARY_CHARS = 320;

/**
 * The bundle in memory. On disk (`bundleFiles`): `index.json` holds what activation needs,
 * `search.json` the search's word index (read in idle time after activation), `bodies.json`
 * the bodies (read on demand).
 */
export interface BundleIndex {
  version: number;
  topics: Topic[];
  digests: DigestEntry[];
  /** The recognizer's table of the digests, in this order (`Recognizer.load`). */
  names?: CompiledNames;
  /** The search's word index of the digests, in this order (`DigestSearch`); from `search.json`. */
  searchIndex?: SerializedSearchIndex;
}

export type BundleBodies = Record<string, string>;

export function toEntry(d: DigestMeta & { body: string; file?: string }, origin: string): DigestEntry {
  const entry: DigestEntry = {
    id: d.id,
    title: d.title,
    ...(d.title_ru ? { title_ru: d.title_ru } : {}),
    arxiv: d.arxiv,
    methods: d.methods,
    topics: d.topics,
    source: d.source,
    lang: d.lang,
    kind: d.kind,
    ...(d.papers && d.papers.length > 0 ? { papers: d.papers } : {}),
    summary: summarize(d.body, ENTRY_SUMMARY_CHARS),
    origin,
    ...(d.file ? { file: d.file } : {}),
  };
  return entry;
}

/**
 * Compiles parsed digests into the bundle. Sorted by id so the output is reproducible. Bundled
 * entries carry no `file`: it would be a path on the machine that built the bundle.
 */
export function buildBundle(
  digests: readonly (DigestMeta & { body: string; file?: string })[],
  topics: readonly Topic[],
): { index: BundleIndex; bodies: BundleBodies } {
  const sorted = [...digests].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const entries = sorted.map((d) => toEntry({ ...d, file: undefined }, 'bundled'));
  const bodies: BundleBodies = {};
  for (const d of sorted) bodies[d.id] = d.body;
  return {
    index: {
      version: BUNDLE_VERSION,
      topics: [...topics],
      digests: entries,
      names: compileNames(entries),
      searchIndex: createSearchIndex(sorted.map((d) => ({ title: d.title, title_ru: d.title_ru, summary: summarize(d.body, SEARCH_SUMMARY_CHARS) }))),
    },
    bodies,
  };
}

export const INDEX_FILE = 'index.json';
export const SEARCH_FILE = 'search.json';
export const BODIES_FILE = 'bodies.json';

/**
 * The bundle's files by name. `index.json` leaves out `origin`, which every bundled entry shares
 * (`checkBundleIndex` sets it), and the word index, which activation does not need.
 */
export function bundleFiles(index: BundleIndex, bodies: BundleBodies): Record<string, string> {
  const { searchIndex, ...rest } = index;
  return {
    [INDEX_FILE]: JSON.stringify(rest, (key, value: unknown) => (key === 'origin' ? undefined : value)),
    ...(searchIndex ? { [SEARCH_FILE]: JSON.stringify(searchIndex) } : {}),
    [BODIES_FILE]: JSON.stringify(bodies),
  };
}

/**
 * Checks the shape of a parsed index.json and marks its entries as bundled; throws a message
 * naming what is wrong.
 */
export function checkBundleIndex(value: unknown): BundleIndex {
  const v = value as Partial<BundleIndex> | null;
  if (!v || typeof v !== 'object') throw new Error('corpus index is not a JSON object');
  if (!READABLE_VERSIONS.includes(v.version as number)) throw new Error(`corpus index version ${String(v.version)} is not ${BUNDLE_VERSION}; rebuild with "npm run build"`);
  if (!Array.isArray(v.digests) || !Array.isArray(v.topics)) throw new Error('corpus index lacks "digests" or "topics"');
  for (const d of v.digests as unknown[]) {
    if (!d || typeof d !== 'object') throw new Error('corpus index has an entry that is not an object');
    (d as DigestEntry).origin = 'bundled';
  }
  if (v.names !== undefined) checkCompiledNames(v.names);
  if (v.searchIndex !== undefined) checkWordIndex(v.searchIndex);
  return v as BundleIndex;
}
