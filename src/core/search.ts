import Fuse, { FuseIndex, FuseResult, IFuseOptions } from 'fuse.js';
import { BigramFilter, IndexRecordLike } from './searchFilter';
import { DigestEntry, Topic } from './types';
import { normalizeArxivId } from './arxivId';

/** What fuse.js sees of a digest: both languages' titles and topic labels, methods, summary. */
export interface SearchRecord {
  id: string;
  title: string;
  title_ru: string;
  methods: string[];
  arxiv: string[];
  topics: string[];
  summary: string;
}

export const SEARCH_OPTIONS: IFuseOptions<SearchRecord> = {
  keys: [
    { name: 'methods', weight: 4 },
    { name: 'arxiv', weight: 4 },
    { name: 'title', weight: 3 },
    { name: 'title_ru', weight: 3 },
    { name: 'topics', weight: 1.5 },
    { name: 'summary', weight: 1 },
  ],
  includeScore: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.3,
  minMatchCharLength: 2,
};

export function toSearchRecord(entry: DigestEntry, topicLabel: (id: string) => Topic | undefined): SearchRecord {
  const topics: string[] = [];
  for (const id of entry.topics) {
    const t = topicLabel(id);
    topics.push(id);
    if (t) topics.push(t.label, t.label_ru);
  }
  return {
    id: entry.id,
    title: entry.title,
    title_ru: entry.title_ru ?? '',
    methods: entry.methods,
    arxiv: entry.arxiv,
    topics,
    summary: entry.summary,
  };
}

/** The serialized fuse index the build writes next to the metadata. */
export type SerializedSearchIndex = ReturnType<FuseIndex<SearchRecord>['toJSON']>;

export function createSearchIndex(records: readonly SearchRecord[]): SerializedSearchIndex {
  return Fuse.createIndex(SEARCH_OPTIONS.keys!, records as SearchRecord[]).toJSON();
}

export interface SearchHit {
  id: string;
  score: number;
}

/**
 * Fuzzy search over the corpus. Exact method names and arXiv IDs are looked up first (a map hit
 * is what a reader who typed `RetNet` expects on top); fuse.js ranks the rest.
 *
 * Nothing is indexed until the first search: activation only keeps the records. fuse then scores
 * only the values a bigram prefilter (searchFilter.ts) cannot rule out, which gives exactly the
 * results of a full fuse search at a fraction of the cost on large corpora.
 */
export class DigestSearch {
  private readonly source: () => readonly SearchRecord[];
  /** Every record, in fuse's document order (bundled first, then added ones). */
  private docsList: SearchRecord[] | undefined;
  private exactMap: Map<string, string[]> | undefined;
  private fuseInstance: Fuse<SearchRecord> | undefined;
  private filter: BigramFilter | undefined;

  /**
   * `records` may be a function: it is called on first use, so a corpus that is never searched
   * costs nothing at activation.
   */
  constructor(
    records: readonly SearchRecord[] | (() => readonly SearchRecord[]),
    private prebuilt?: SerializedSearchIndex,
    private readonly options: { prefilter?: boolean } = {},
  ) {
    this.source = typeof records === 'function' ? records : () => records;
  }

  /** Adds digests that were not in the prebuilt index (the user's folders). */
  add(record: SearchRecord): void {
    this.docs.push(record);
    this.fuseInstance?.add(record);
    if (this.exactMap) addExact(this.exactMap, record);
  }

  private get docs(): SearchRecord[] {
    return (this.docsList ??= [...this.source()]);
  }

  private get exact(): Map<string, string[]> {
    if (!this.exactMap) {
      this.exactMap = new Map();
      for (const r of this.docs) addExact(this.exactMap, r);
    }
    return this.exactMap;
  }

  search(query: string, limit = 50): SearchHit[] {
    const q = query.trim().slice(0, 200);
    if (q.length === 0) return [];
    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    for (const id of this.exact.get(exactKey(q)) ?? []) {
      if (!seen.has(id)) {
        seen.add(id);
        hits.push({ id, score: 0 });
      }
    }
    for (const r of this.fuzzy(q, limit + hits.length)) {
      if (seen.has(r.item.id)) continue;
      seen.add(r.item.id);
      hits.push({ id: r.item.id, score: r.score ?? 1 });
      if (hits.length >= limit) break;
    }
    return hits.slice(0, limit);
  }

  private get fuse(): Fuse<SearchRecord> {
    if (!this.fuseInstance) {
      // The prebuilt index covers the records given to the constructor; later ones are added.
      const given = this.prebuilt ? Math.min(this.prebuilt.records.length, this.docs.length) : this.docs.length;
      const fuse = new Fuse(this.docs.slice(0, given), SEARCH_OPTIONS, this.prebuilt ? Fuse.parseIndex<SearchRecord>(this.prebuilt) : undefined);
      for (const d of this.docs.slice(given)) fuse.add(d);
      this.fuseInstance = fuse;
      this.prebuilt = undefined;
    }
    return this.fuseInstance;
  }

  private fuzzy(q: string, limit: number): FuseResult<SearchRecord>[] {
    const fuse = this.fuse;
    if (this.options.prefilter === false) return fuse.search(q, { limit });
    const index = fuse.getIndex();
    this.filter ??= new BigramFilter(index.keys.length, SEARCH_OPTIONS.threshold!);
    if (this.filter.size < index.records.length) this.filter.extend(index.records.slice(this.filter.size) as IndexRecordLike[]);
    const records = this.filter.candidates(q);
    if (!records) return fuse.search(q, { limit });
    if (records.length === 0) return [];
    // Same documents and record numbers, fewer values: fuse's scores and tie-breaks are unchanged.
    const reduced = Fuse.parseIndex<SearchRecord>({ keys: index.keys, records: records as typeof index.records });
    return new Fuse(this.docs, SEARCH_OPTIONS, reduced).search(q, { limit });
  }
}

function addExact(exact: Map<string, string[]>, r: SearchRecord): void {
  const keys = new Set<string>();
  for (const m of r.methods) keys.add(exactKey(m));
  for (const a of r.arxiv) keys.add(exactKey(normalizeArxivId(a)));
  for (const k of keys) {
    const list = exact.get(k);
    if (list) list.push(r.id);
    else exact.set(k, [r.id]);
  }
}

function exactKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/^arxiv:/, '');
}
