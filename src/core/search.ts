import Fuse, { FuseResult, IFuseOptions } from 'fuse.js';
import { BigramFilter, IndexRecordLike } from './searchFilter';
import { DigestEntry, Topic } from './types';
import { normalizeArxivId } from './arxivId';
import { SerializedWordIndex, WordIndex, serializeWordIndex, wordsOf } from './wordIndex';

/**
 * What the search sees of a digest: both languages' titles and topic labels, methods, arXiv IDs
 * (fuse.js, typos tolerated) and the summary (the word index, whole words and prefixes).
 */
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

/** The prebuilt word index the bundle ships (see wordIndex.ts). */
export type SerializedSearchIndex = SerializedWordIndex;

/** The words of a digest the word index holds: titles in both languages and the summary. */
export function searchWords(r: { title: string; title_ru?: string; summary: string }): string[] {
  return wordsOf([r.title, r.title_ru ?? '', r.summary]);
}

/** Compiles the word index of `records`, in order (build time). */
export function createSearchIndex(records: readonly { title: string; title_ru?: string; summary: string }[]): SerializedSearchIndex {
  return serializeWordIndex(records.map(searchWords));
}

/**
 * Scores of word-index hits, on fuse's scale (0 best, 1 worst). A fuse hit on a title or method
 * ranks above a summary word; a digest matching both multiplies the scores, as fuse does across
 * its keys.
 */
const WORD_EXACT = 0.4;
const WORD_PREFIX = 0.6;

export interface SearchHit {
  id: string;
  score: number;
}

/**
 * Search over the corpus. Exact method names and arXiv IDs are looked up first (a map hit is
 * what a reader who typed `RetNet` expects on top); fuse.js ranks the short fields (titles,
 * methods, arXiv IDs, topic labels) with typos tolerated, the word index finds summary and
 * title words, and the two rankings are merged.
 *
 * Nothing is indexed until the first search or `warm()`: activation only keeps the records.
 * fuse scores only the values a bigram prefilter (searchFilter.ts) cannot rule out, which gives
 * exactly the results of a full fuse search at a fraction of the cost on large corpora.
 */
export class DigestSearch {
  private readonly source: () => readonly SearchRecord[];
  /** Every record, in order (the prebuilt word index's first, then added ones). */
  private docsList: SearchRecord[] | undefined;
  private exactMap: Map<string, string[]> | undefined;
  private fuseInstance: Fuse<SearchRecord> | undefined;
  private filter: BigramFilter | undefined;
  private wordIndex: WordIndex | undefined;

  /**
   * `records` may be a function: it is called on first use, so a corpus that is never searched
   * costs nothing at activation. `prebuilt` is the word index of the first records, in order.
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
    this.wordIndex?.add(searchWords(record));
  }

  /** Builds every index now (idle time after activation), so the first search does not wait. */
  warm(): void {
    void this.exact;
    void this.words;
    this.prefilter();
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

  private get words(): WordIndex {
    if (!this.wordIndex) {
      const docs = this.docs;
      const prebuilt = this.prebuilt && this.prebuilt.records <= docs.length ? this.prebuilt : undefined;
      const index = prebuilt ? new WordIndex(prebuilt) : WordIndex.build(docs.map(searchWords));
      for (let i = index.size; i < docs.length; i++) index.add(searchWords(docs[i]));
      this.wordIndex = index;
      this.prebuilt = undefined;
    }
    return this.wordIndex;
  }

  search(query: string, limit = 50): SearchHit[] {
    const q = query.trim().slice(0, 200);
    if (q.length === 0 || limit <= 0) return [];
    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    for (const id of this.exact.get(exactKey(q)) ?? []) {
      if (!seen.has(id)) {
        seen.add(id);
        hits.push({ id, score: 0 });
      }
    }
    const scores = new Map<number, number>();
    for (const r of this.fuzzy(q)) scores.set(r.refIndex, r.score ?? 1);
    for (const w of this.words.match(q)) {
      const score = w.exact ? WORD_EXACT : WORD_PREFIX;
      scores.set(w.record, (scores.get(w.record) ?? 1) * score);
    }
    const ranked = [...scores].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const docs = this.docs;
    for (const [at, score] of ranked) {
      if (hits.length >= limit) break;
      const id = docs[at].id;
      if (seen.has(id)) continue;
      seen.add(id);
      hits.push({ id, score });
    }
    return hits.slice(0, limit);
  }

  private get fuse(): Fuse<SearchRecord> {
    return (this.fuseInstance ??= new Fuse(this.docs, SEARCH_OPTIONS));
  }

  private prefilter(): BigramFilter {
    const index = this.fuse.getIndex();
    this.filter ??= new BigramFilter(index.keys.length, SEARCH_OPTIONS.threshold!);
    if (this.filter.size < index.records.length) this.filter.extend(index.records.slice(this.filter.size) as IndexRecordLike[]);
    return this.filter;
  }

  /** Every fuse match over the short fields, best first. */
  private fuzzy(q: string): FuseResult<SearchRecord>[] {
    const fuse = this.fuse;
    if (this.options.prefilter === false) return fuse.search(q);
    const index = fuse.getIndex();
    const records = this.prefilter().candidates(q);
    if (!records) return fuse.search(q);
    if (records.length === 0) return [];
    // Same documents and record numbers, fewer values: fuse's scores and tie-breaks are unchanged.
    const reduced = Fuse.parseIndex<SearchRecord>({ keys: index.keys, records: records as typeof index.records });
    return new Fuse(this.docs, SEARCH_OPTIONS, reduced).search(q);
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
