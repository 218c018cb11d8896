import { DigestEntry, DigestMeta, Topic } from '../types';
import { curatedOf } from '../digest/curation';
import { EntryList, entryList } from './corpus';
import { summarize } from '../render/summary';
import { buildSearchIndex, searchDoc } from '../search/searchIndex';
import { checkCompiledNames, CompiledNames, CompileOptions, compileNames } from '../recognizer/nameTable';
import { Recognizer } from '../recognizer/recognizer';

/**
 * 2: entries without `origin` (set at load) and with short summaries; the recognizer's name
 * table and the search's word index compiled at build time. 3: `index.json` keeps the ids and the
 * name table; the entries move to `entries.json`, each parsed on first use (`entryEnds`).
 * Versions 1 and 2 still load: the recognizer and the search then compile what the index lacks.
 */
export const BUNDLE_VERSION = 3;
const READABLE_VERSIONS = [1, 2, 3];

/**
 * The longest summary an entry keeps: what a hover card or a tooltip shows. The search indexes
 * the whole body at build time.
 */
export const ENTRY_SUMMARY_CHARS = 160;

/**
 * The bundle in memory. On disk (`bundleFiles`): `index.json` holds what activation needs,
 * `search.bin` the search's index (read in idle time after activation), `bodies.json`
 * the bodies (read on demand).
 */
export interface BundleIndex {
  version: number;
  topics: Topic[];
  digests: DigestEntry[];
  /** The recognizer's table of the digests, in this order (`Recognizer.load`). */
  names?: CompiledNames;
  /** The search's compiled index of the digests, in this order (`SearchIndex.load`); from `search.bin`. */
  searchIndex?: Uint8Array;
}

/** A bundle as loaded: `digests` of a version 3 index are parsed on first access. */
export interface LoadedBundle extends BundleIndex {
  ids: readonly string[];
  /** The digests, each parsed on first use: what activation and hovers go through. */
  entries: EntryList;
}

export type BundleBodies = Record<string, string>;

export function toEntry(d: DigestMeta & { body: string; file?: string }, origin: string): DigestEntry {
  const entry: DigestEntry = {
    id: d.id,
    title: d.title,
    ...(d.title_ru ? { title_ru: d.title_ru } : {}),
    ...curatedOf(d),
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
  names: CompileOptions = {},
): { index: BundleIndex; bodies: BundleBodies } {
  const sorted = [...digests].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const entries = sorted.map((d) => toEntry({ ...d, file: undefined }, 'bundled'));
  const bodies: BundleBodies = {};
  for (const d of sorted) bodies[d.id] = d.body;
  const topicById = new Map(topics.map((t) => [t.id, t]));
  return {
    index: {
      version: BUNDLE_VERSION,
      topics: [...topics],
      digests: entries,
      names: compileNames(entries, names),
      searchIndex: buildSearchIndex(
        sorted.map((d) => searchDoc(d, d.body)),
        (id) => topicById.get(id),
      ),
    },
    bodies,
  };
}

export const INDEX_FILE = 'index.json';
export const SEARCH_FILE = 'search.bin';
export const BODIES_FILE = 'bodies.json';
export const ENTRIES_FILE = 'entries.json';

/**
 * The bundle's files by name. `index.json` holds what activation needs: the ids, the name table
 * and where each entry ends in `entries.json` (`entryEnds`, UTF-8 bytes; an entry is the JSON
 * object between the previous end plus one byte, the comma or the opening bracket, and its end).
 * The entries themselves (mostly Cyrillic, so slow to decode and parse) are read as bytes and
 * parsed one by one when used: the first hover needs one or two. `origin`, which every bundled
 * entry shares, is set at load; the search index, which activation does not need, is `search.bin`.
 */
export function bundleFiles(index: BundleIndex, bodies: BundleBodies): Record<string, string | Uint8Array> {
  const encoder = new TextEncoder();
  const literals: string[] = [];
  const ends: number[] = [];
  let at = 1; // after '['
  for (const d of index.digests) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { origin, ...entry } = d;
    const literal = JSON.stringify(entry);
    at += encoder.encode(literal).length;
    ends.push(at);
    at += 1; // the comma
    literals.push(literal);
  }
  const ids = index.digests.map((d) => d.id);
  return {
    [INDEX_FILE]: JSON.stringify({ version: BUNDLE_VERSION, topics: index.topics, ids, names: index.names, entryEnds: ends }),
    [ENTRIES_FILE]: `[${literals.join(',')}]`,
    ...(index.searchIndex ? { [SEARCH_FILE]: index.searchIndex } : {}),
    [BODIES_FILE]: JSON.stringify(bodies),
  };
}

/** What a damaged slice of `entries.json` reads as: the digest is still listed, with no details. */
function damagedEntry(id: string): DigestEntry {
  return { id, title: id, arxiv: [], methods: [], topics: [], source: { name: '' }, lang: 'en', kind: 'paper', summary: '', origin: 'bundled' };
}

/** The entries of `entries.json`, each parsed on first use and then kept (so identity holds). */
function lazyEntries(ids: readonly string[], bytes: Uint8Array, ends: readonly number[]): EntryList {
  const decoder = new TextDecoder();
  const parsed = new Array<DigestEntry | undefined>(ids.length);
  const parse = (i: number): DigestEntry => {
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(bytes.subarray(i === 0 ? 1 : ends[i - 1] + 1, ends[i])));
    } catch {
      value = undefined;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return damagedEntry(ids[i]);
    const entry = value as DigestEntry;
    if (entry.id !== ids[i]) entry.id = ids[i];
    entry.origin = 'bundled';
    return entry;
  };
  return {
    length: ids.length,
    id: (i) => ids[i],
    at: (i) => (parsed[i] ??= parse(i)),
  };
}

function checkEntryEnds(ends: unknown, count: number, bytes: Uint8Array): number[] {
  if (!Array.isArray(ends) || ends.length !== count) throw new Error('corpus index "entryEnds" does not match its ids');
  let previous = 0;
  for (const end of ends as unknown[]) {
    if (typeof end !== 'number' || !Number.isInteger(end) || end <= previous || end > bytes.length) {
      throw new Error(`corpus index "entryEnds" does not match ${ENTRIES_FILE}`);
    }
    previous = end;
  }
  return ends as number[];
}

/**
 * Checks the shape of a parsed index.json and marks its entries as bundled; throws a message
 * naming what is wrong. `entries` is the bytes of `entries.json`, which a version 3 index needs.
 */
export function checkBundleIndex(value: unknown, entries?: Uint8Array): LoadedBundle {
  const v = value as (Partial<BundleIndex> & { ids?: unknown; entryEnds?: unknown }) | null;
  if (!v || typeof v !== 'object') throw new Error('corpus index is not a JSON object');
  if (!READABLE_VERSIONS.includes(v.version as number)) throw new Error(`corpus index version ${String(v.version)} is not ${BUNDLE_VERSION}; rebuild with "npm run build"`);
  if (!Array.isArray(v.topics)) throw new Error('corpus index lacks "topics"');
  if (v.names !== undefined) checkCompiledNames(v.names);
  // An index inline in index.json is an older search's format: the search builds its own then.
  if (v.searchIndex !== undefined && !(v.searchIndex instanceof Uint8Array)) delete v.searchIndex;
  // Version 3 on disk lists ids and keeps entries in entries.json; in memory (and in versions 1
  // and 2) the entries are inline.
  if (v.version === 3 && !Array.isArray(v.digests)) {
    if (!Array.isArray(v.ids) || v.ids.some((id) => typeof id !== 'string')) throw new Error('corpus index lacks "ids"');
    if (!entries) throw new Error(`corpus index needs ${ENTRIES_FILE}; rebuild with "npm run build"`);
    const ids = v.ids as string[];
    const list = lazyEntries(ids, entries, checkEntryEnds(v.entryEnds, ids.length, entries));
    let all: DigestEntry[] | undefined;
    const loaded = { version: v.version, topics: v.topics, names: v.names, searchIndex: v.searchIndex, ids, entries: list } as unknown as LoadedBundle;
    // Enumerable, so a copy of the index still carries its digests.
    Object.defineProperty(loaded, 'digests', {
      enumerable: true,
      get: () => (all ??= Array.from({ length: list.length }, (_, i) => list.at(i))),
    });
    return loaded;
  }
  if (!Array.isArray(v.digests)) throw new Error('corpus index lacks "digests" or "topics"');
  for (const d of v.digests as unknown[]) {
    if (!d || typeof d !== 'object') throw new Error('corpus index has an entry that is not an object');
    (d as DigestEntry).origin = 'bundled';
  }
  const digests = v.digests as DigestEntry[];
  return Object.assign(v as BundleIndex, { ids: digests.map((d) => d.id), entries: entryList(digests) });
}

/**
 * The recognizer of a loaded bundle: its compiled name table read in place, or (for an index
 * written before the table was compiled) the names compiled from the entries now.
 */
export function bundleRecognizer(bundle: Pick<LoadedBundle, 'names' | 'ids' | 'entries'>): Recognizer {
  if (bundle.names) return Recognizer.load(bundle.names, bundle.ids, bundle.entries);
  const list = bundle.entries;
  return Recognizer.build(Array.from({ length: list.length }, (_, i) => list.at(i)));
}
