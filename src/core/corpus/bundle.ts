import { DigestEntry, DigestMeta, Topic } from '../types';
import { curatedOf } from '../digest/curation';
import { EntryList } from './corpus';
import { summarize } from '../render/summary';
import { buildSearchIndex, searchDoc } from '../search/searchIndex';
import { checkCompiledNames, CompiledNames, CompileOptions, compileNames } from '../recognizer/nameTable';
import { Recognizer } from '../recognizer/recognizer';
import { byUnits } from '../util/order';

/**
 * The one bundle format the extension reads: `index.json` keeps the ids, the recognizer's
 * compiled name table and where each entry ends in `entries.json` (each entry parsed on first
 * use); the search's index is `search.bin`. The bundle is built with the extension, so an index
 * of another version is a stale build, refused with a message that says to rebuild.
 */
export const BUNDLE_VERSION = 3;

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
  names: CompiledNames;
  /** The search's compiled index of the digests, in this order (`SearchIndex.load`); from `search.bin`. */
  searchIndex?: Uint8Array;
}

/** A bundle as loaded: `digests` are parsed on first access. */
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
  const sorted = [...digests].sort((a, b) => byUnits(a.id, b.id));
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
 * Checks the shape of a parsed index.json against the bytes of `entries.json`; throws a message
 * naming what is wrong. Entries are parsed on first use and marked as bundled.
 */
export function checkBundleIndex(value: unknown, entries: Uint8Array | undefined): LoadedBundle {
  const v = value as (Partial<BundleIndex> & { ids?: unknown; entryEnds?: unknown }) | null;
  if (!v || typeof v !== 'object') throw new Error('corpus index is not a JSON object');
  if (v.version !== BUNDLE_VERSION) throw new Error(`corpus index version ${String(v.version)} is not ${BUNDLE_VERSION}; rebuild with "npm run build"`);
  if (!Array.isArray(v.topics)) throw new Error('corpus index lacks "topics"');
  if (v.names === undefined) throw new Error('corpus index lacks its compiled name table "names"; rebuild with "npm run build"');
  checkCompiledNames(v.names);
  if (!Array.isArray(v.ids) || v.ids.some((id) => typeof id !== 'string')) throw new Error('corpus index lacks "ids"');
  if (!entries) throw new Error(`corpus index needs ${ENTRIES_FILE}; rebuild with "npm run build"`);
  const ids = v.ids as string[];
  const list = lazyEntries(ids, entries, checkEntryEnds(v.entryEnds, ids.length, entries));
  let all: DigestEntry[] | undefined;
  const searchIndex = v.searchIndex instanceof Uint8Array ? v.searchIndex : undefined;
  const loaded = { version: v.version, topics: v.topics, names: v.names, searchIndex, ids, entries: list } as unknown as LoadedBundle;
  // Enumerable, so a copy of the index still carries its digests.
  Object.defineProperty(loaded, 'digests', {
    enumerable: true,
    get: () => (all ??= Array.from({ length: list.length }, (_, i) => list.at(i))),
  });
  return loaded;
}

/** The recognizer of a loaded bundle: its compiled name table, read in place. */
export function bundleRecognizer(bundle: Pick<LoadedBundle, 'names' | 'ids' | 'entries'>): Recognizer {
  return Recognizer.load(bundle.names, bundle.ids, bundle.entries);
}
