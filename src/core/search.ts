import { DigestEntry, Topic } from './types';
import { normalizeArxivId } from './arxiv';
import { Field, FuzzyTokens, TOKEN_OPTIONS } from './fuzzyTokens';
import { MAX_TERMS, SerializedWordIndex, WordIndex, serializeWordIndex, wordsOf } from './wordIndex';

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

/** fuse's options for the short-field words (threshold: how many typos a word may have). */
export const SEARCH_OPTIONS = TOKEN_OPTIONS;

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

/** The search records of every digest of a corpus, in corpus order (the word index's order). */
export function searchRecords(corpus: { readonly entries: readonly DigestEntry[]; topic(id: string): Topic | undefined }): SearchRecord[] {
  return corpus.entries.map((e) => toSearchRecord(e, (id) => corpus.topic(id)));
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
 * Scores of word-index hits, on the scale of the short fields' (0 for a whole method name, up
 * to 0.7 for a topic word with typos; see fuzzyTokens.ts): a title word found whole or with one
 * small typo ranks above a summary word, a word with several typos below it.
 */
const WORD_EXACT = 0.45;
const WORD_PREFIX = 0.55;

export interface SearchHit {
  id: string;
  score: number;
}

/**
 * Search over the corpus. Exact method names and arXiv IDs are looked up first (a map hit is
 * what a reader who typed `RetNet` expects on top). Then each query word is matched on its own:
 * against the words of the short fields with typos tolerated (fuzzyTokens.ts, fuse.js) and
 * against summary words, whole or as a prefix (wordIndex.ts). A digest must match every query
 * word; it ranks by the mean of its best score per word.
 *
 * Nothing is indexed until the first search or `warm()`: activation only keeps the records.
 */
export class DigestSearch {
  private readonly source: () => readonly SearchRecord[];
  private readonly prebuilt: () => SerializedSearchIndex | undefined;
  /** Every record, in order (the prebuilt word index's first, then added ones). */
  private docsList: SearchRecord[] | undefined;
  private exactMap: Map<string, string[]> | undefined;
  private tokenIndex: FuzzyTokens | undefined;
  private wordIndex: WordIndex | undefined;
  /** Folded words of each topic label, shared by the thousands of digests that carry it. */
  private readonly topicWords = new Map<string, string[]>();

  /**
   * `records` may be a function: it is called on first use, so a corpus that is never searched
   * costs nothing at activation. `prebuilt` is the word index of the first records, in order;
   * as a function it is asked on first use (it may still be loading: the index is then built
   * from the records).
   */
  constructor(
    records: readonly SearchRecord[] | (() => readonly SearchRecord[]),
    prebuilt?: SerializedSearchIndex | (() => SerializedSearchIndex | undefined),
    private readonly options: { prefilter?: boolean } = {},
  ) {
    this.source = typeof records === 'function' ? records : () => records;
    this.prebuilt = typeof prebuilt === 'function' ? prebuilt : () => prebuilt;
  }

  /** Adds digests that were not in the prebuilt index (the user's folders). */
  add(record: SearchRecord): void {
    const at = this.docs.length;
    this.docs.push(record);
    if (this.tokenIndex) this.addTokens(this.tokenIndex, record, at);
    if (this.exactMap) addExact(this.exactMap, record);
    this.wordIndex?.add(searchWords(record));
  }

  /** Builds every index now (idle time after activation), so the first search does not wait. */
  warm(): void {
    void this.exact;
    void this.words;
    this.tokens.warm();
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
      const given = this.prebuilt();
      const prebuilt = given && given.records <= docs.length ? given : undefined;
      const index = prebuilt ? new WordIndex(prebuilt) : WordIndex.build(docs.map(searchWords));
      for (let i = index.size; i < docs.length; i++) index.add(searchWords(docs[i]));
      this.wordIndex = index;
    }
    return this.wordIndex;
  }

  private get tokens(): FuzzyTokens {
    if (!this.tokenIndex) {
      const index = new FuzzyTokens(this.options.prefilter !== false);
      this.docs.forEach((r, at) => this.addTokens(index, r, at));
      this.tokenIndex = index;
    }
    return this.tokenIndex;
  }

  private addTokens(index: FuzzyTokens, r: SearchRecord, at: number): void {
    for (const m of r.methods) {
      const parts = wordsOf([m]);
      for (const w of parts) index.add(w, at, Field.Method);
      // `MatMul-free` is also typed `matmulfree`.
      if (parts.length > 1) index.add(parts.join(''), at, Field.Method);
    }
    for (const w of wordsOf(r.arxiv)) index.add(w, at, Field.Arxiv);
    for (const w of wordsOf([r.title, r.title_ru])) index.add(w, at, Field.Title);
    for (const t of r.topics) {
      let words = this.topicWords.get(t);
      if (!words) this.topicWords.set(t, (words = wordsOf([t])));
      for (const w of words) index.add(w, at, Field.Topic);
    }
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
    const terms = wordsOf([q]).slice(0, MAX_TERMS);
    let total: Map<number, number> | undefined;
    for (const term of terms) {
      const best = new Map<number, number>();
      this.tokens.match(term, best);
      this.words.matchTerm(term, (at, exact) => {
        const s = exact ? WORD_EXACT : WORD_PREFIX;
        const prev = best.get(at);
        if (prev === undefined || s < prev) best.set(at, s);
      });
      if (!total) total = best;
      else {
        // Every query word must match: keep the digests matched so far that match this one too.
        for (const [at, s] of total) {
          const b = best.get(at);
          if (b === undefined) total.delete(at);
          else total.set(at, s + b);
        }
      }
      if (total.size === 0) break;
    }
    if (!total) return hits.slice(0, limit);
    const ranked = [...total].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const docs = this.docs;
    for (const [at, sum] of ranked) {
      if (hits.length >= limit) break;
      const id = docs[at].id;
      if (seen.has(id)) continue;
      seen.add(id);
      hits.push({ id, score: sum / terms.length });
    }
    return hits.slice(0, limit);
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
