/**
 * An exact-word inverted index over the long text of digests (summaries and titles), for the
 * search. fuse.js is kept for the short fields, where typo tolerance matters and a bitap scan is
 * cheap; scanning every summary with bitap was what made a search slow on a large corpus. Here a
 * query word costs a binary search in the sorted vocabulary, and a prefix of a word (`подкрепл`)
 * matches too; a typo inside a summary word does not.
 *
 * The bundle ships the index compiled at build time (`SerializedWordIndex`): the vocabulary as
 * one string and each word's postings as one string, decoded the first time a query needs them.
 * Records added later (the user's folders) are indexed in memory.
 */
import { fold } from './searchFilter';

export interface SerializedWordIndex {
  /** Number of records (in order, from 0) the index covers. */
  records: number;
  /** Folded words, sorted by UTF-16 units, `\n`-joined. */
  words: string;
  /** Per word (`\n`-joined): ascending record positions as base-36 gaps, comma-separated. */
  postings: string;
}

/** Fewest units a query word needs to be looked up; shorter ones would match half the vocabulary. */
const MIN_WORD = 2;
/** Longest word kept: longer runs are hashes, URLs or base64, not words anyone types. */
const MAX_WORD = 40;
/** A query word expands to at most this many vocabulary words by prefix. */
const MAX_EXPANSION = 256;
/** Query words looked up; a longer query is a pasted paragraph, not a search. */
export const MAX_TERMS = 16;
/** Words indexed per record: a hostile summary cannot grow the index without bound. */
const MAX_WORDS_PER_RECORD = 2000;

const WORD = /[\p{L}\p{N}]+/gu;

/** The distinct folded words of `texts`, as the index and the queries see them. */
export function wordsOf(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    for (const m of fold(t).matchAll(WORD)) {
      const w = m[0];
      if (w.length >= MIN_WORD && w.length <= MAX_WORD) out.add(w);
      if (out.size >= MAX_WORDS_PER_RECORD) return [...out];
    }
  }
  return [...out];
}

const byUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compiles the index of records given as their word lists, in order (build time). */
export function serializeWordIndex(records: readonly (readonly string[])[]): SerializedWordIndex {
  const postings = new Map<string, number[]>();
  records.forEach((words, at) => {
    for (const w of words) {
      const list = postings.get(w);
      if (list) list.push(at);
      else postings.set(w, [at]);
    }
  });
  const words = [...postings.keys()].sort(byUnits);
  return {
    records: records.length,
    words: words.join('\n'),
    postings: words
      .map((w) => {
        let prev = 0;
        return postings
          .get(w)!
          .map((at) => {
            const gap = (at - prev).toString(36);
            prev = at;
            return gap;
          })
          .join(',');
      })
      .join('\n'),
  };
}

export function checkWordIndex(value: unknown): SerializedWordIndex {
  const v = value as Partial<SerializedWordIndex> | null;
  if (!v || typeof v !== 'object' || typeof v.words !== 'string' || typeof v.postings !== 'string' || typeof v.records !== 'number') {
    throw new Error('search index is malformed; rebuild with "npm run build"');
  }
  return v as SerializedWordIndex;
}

function decode(packed: string): Int32Array {
  if (packed === '') return new Int32Array(0);
  const parts = packed.split(',');
  const out = new Int32Array(parts.length);
  let at = 0;
  for (let i = 0; i < parts.length; i++) out[i] = at += parseInt(parts[i], 36);
  return out;
}

/** How a record matched a query: every query word found, `exact` when none only as a prefix. */
export interface WordMatch {
  record: number;
  exact: boolean;
}

export class WordIndex {
  private readonly words: string[];
  private readonly packed: string[];
  private readonly decoded = new Map<number, Int32Array>();
  /** Records added after the compiled part, with their words; searched one by one. */
  private readonly added: { record: number; words: string[] }[] = [];
  private count: number;

  constructor(serialized: SerializedWordIndex) {
    this.words = serialized.words === '' ? [] : serialized.words.split('\n');
    this.packed = serialized.postings === '' ? [] : serialized.postings.split('\n');
    if (this.words.length !== this.packed.length) throw new Error('search index is inconsistent; rebuild with "npm run build"');
    this.count = serialized.records;
  }

  static build(records: readonly (readonly string[])[]): WordIndex {
    return new WordIndex(serializeWordIndex(records));
  }

  /** Number of records covered. */
  get size(): number {
    return this.count;
  }

  /** Indexes one more record, which takes the next position. */
  add(words: readonly string[]): void {
    this.added.push({ record: this.count++, words: [...words] });
  }

  /**
   * Records that contain every word of the query (each as a word or a word's prefix), in
   * record order; empty when the query has no word long enough to look up.
   */
  match(query: string): WordMatch[] {
    const terms = wordsOf([query]).slice(0, MAX_TERMS);
    if (terms.length === 0) return [];
    let found: Map<number, boolean> | undefined;
    for (const term of terms) {
      const here = new Map<number, boolean>();
      this.matchTerm(term, (record, exact) => {
        if (found && !found.has(record)) return;
        here.set(record, (here.get(record) ?? false) || exact);
      });
      if (found) for (const [record, exact] of here) here.set(record, exact && found.get(record)!);
      found = here;
    }
    const out: WordMatch[] = [];
    for (const [record, exact] of found!) out.push({ record, exact });
    return out.sort((a, b) => a.record - b.record);
  }

  /**
   * Calls `found` for each record with a word equal to `term` (folded, see `wordsOf`) or starting
   * with it; a record may be reported more than once, `exact` when the whole word matched.
   */
  matchTerm(term: string, found: (record: number, exact: boolean) => void): void {
    let at = lowerBound(this.words, term);
    for (let n = 0; at < this.words.length && n < MAX_EXPANSION && this.words[at].startsWith(term); at++, n++) {
      const exact = this.words[at].length === term.length;
      for (const record of this.postings(at)) found(record, exact);
    }
    for (const r of this.added) {
      let best = 0;
      for (const w of r.words) {
        if (w === term) {
          best = 2;
          break;
        }
        if (w.startsWith(term)) best = 1;
      }
      if (best > 0) found(r.record, best === 2);
    }
  }

  private postings(at: number): Int32Array {
    let list = this.decoded.get(at);
    if (!list) this.decoded.set(at, (list = decode(this.packed[at])));
    return list;
  }
}

function lowerBound(words: readonly string[], key: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
