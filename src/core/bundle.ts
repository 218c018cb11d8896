import { DigestEntry, DigestMeta, Topic } from './types';
import { summarize } from './summary';
import type { SerializedSearchIndex } from './search';

export const BUNDLE_VERSION = 1;

/** `dist/corpus/index.json`: everything needed at activation; bodies live in `bodies.json`. */
export interface BundleIndex {
  version: number;
  topics: Topic[];
  digests: DigestEntry[];
  /**
   * A serialized fuse index, when one is shipped. `buildBundle` leaves it out: it repeats every
   * searchable string, so it doubled index.json and its parse time at activation, while the
   * search builds the same index on first use (see `npm run bench`).
   */
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
    summary: summarize(d.body),
    origin,
    ...(d.file ? { file: d.file } : {}),
  };
  return entry;
}

/** Compiles parsed digests into the bundle. Sorted by id so the output is reproducible. */
export function buildBundle(
  digests: readonly (DigestMeta & { body: string; file?: string })[],
  topics: readonly Topic[],
): { index: BundleIndex; bodies: BundleBodies } {
  const sorted = [...digests].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const entries = sorted.map((d) => toEntry(d, 'bundled'));
  const bodies: BundleBodies = {};
  for (const d of sorted) bodies[d.id] = d.body;
  return {
    index: { version: BUNDLE_VERSION, topics: [...topics], digests: entries },
    bodies,
  };
}

/** Checks the shape of a parsed index.json; throws a message naming what is wrong. */
export function checkBundleIndex(value: unknown): BundleIndex {
  const v = value as Partial<BundleIndex> | null;
  if (!v || typeof v !== 'object') throw new Error('corpus index is not a JSON object');
  if (v.version !== BUNDLE_VERSION) throw new Error(`corpus index version ${String(v.version)} is not ${BUNDLE_VERSION}; rebuild with "npm run build"`);
  if (!Array.isArray(v.digests) || !Array.isArray(v.topics)) throw new Error('corpus index lacks "digests" or "topics"');
  return v as BundleIndex;
}
