/**
 * Typo-tolerant matching of query words against the words of the short fields (titles in both
 * languages, method names, arXiv IDs, topic labels).
 *
 * fuse.js scores each distinct word once, not each field of each digest: a corpus of 10,000
 * digests has some 50,000 distinct short-field words but 100,000 field values, and most words
 * (topic labels, title words) are shared by thousands of digests. A matched word then brings
 * its digests through a posting list. The bigram prefilter (searchFilter.ts) keeps fuse's bitap
 * off the words it cannot match.
 */
import Fuse, { FuseResult, IFuseOptions } from 'fuse.js';
import { BigramFilter, IndexRecordLike } from './searchFilter';

/**
 * Where a word was found; the field's penalty is added to twice fuse's score (0 exact, up to
 * the 0.3 threshold for typos): names count most, and a word with a typo ranks below a word
 * found whole in a summary (search.ts).
 */
export const enum Field {
  Method = 0,
  Arxiv = 1,
  Title = 2,
  Topic = 3,
}
const FIELD_PENALTY = [0, 0, 0.05, 0.1];

interface Word {
  w: string;
}

export const TOKEN_OPTIONS: IFuseOptions<Word> = {
  keys: ['w'],
  includeScore: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.3,
  minMatchCharLength: 2,
};

/** Vocabulary words a query word may expand to, best first: a two-letter word matches thousands. */
const MAX_MATCHED_WORDS = 2000;

export class FuzzyTokens {
  private readonly words: Word[] = [];
  private readonly wordAt = new Map<string, number>();
  /** Per word: digest positions and fields, interleaved (position, field, position, field…). */
  private readonly postings: number[][] = [];
  private fuseInstance: Fuse<Word> | undefined;
  private filter: BigramFilter | undefined;

  constructor(private readonly prefilter = true) {}

  /** Notes that digest `at` has `word` (folded) in `field`. */
  add(word: string, at: number, field: Field): void {
    let w = this.wordAt.get(word);
    if (w === undefined) {
      w = this.words.length;
      this.wordAt.set(word, w);
      this.words.push({ w: word });
      this.postings.push([]);
      this.fuseInstance?.add({ w: word });
    }
    const list = this.postings[w];
    // A digest repeats a word across fields (title and method): keep its best field only.
    if (list.length >= 2 && list[list.length - 2] === at) {
      if (FIELD_PENALTY[field] < FIELD_PENALTY[list[list.length - 1]]) list[list.length - 1] = field;
      return;
    }
    list.push(at, field);
  }

  /** Builds fuse's index and the prefilter now rather than on the first query. */
  warm(): void {
    if (this.prefilter) this.filterFor(this.fuse);
  }

  /**
   * Best score per digest for one folded query word, added into `out` (lower is better; digests
   * not matched are left alone).
   */
  match(term: string, out: Map<number, number>): void {
    for (const { word, score } of this.matchWords(term)) {
      const list = this.postings[word];
      for (let i = 0; i < list.length; i += 2) {
        const s = 2 * score + FIELD_PENALTY[list[i + 1]];
        const prev = out.get(list[i]);
        if (prev === undefined || s < prev) out.set(list[i], s);
      }
    }
  }

  private get fuse(): Fuse<Word> {
    return (this.fuseInstance ??= new Fuse(this.words, TOKEN_OPTIONS));
  }

  private filterFor(fuse: Fuse<Word>): BigramFilter {
    const index = fuse.getIndex();
    this.filter ??= new BigramFilter(1, TOKEN_OPTIONS.threshold!);
    if (this.filter.size < index.records.length) this.filter.extend(index.records.slice(this.filter.size) as IndexRecordLike[]);
    return this.filter;
  }

  private matchWords(term: string): { word: number; score: number }[] {
    const exact = this.wordAt.get(term);
    const fuse = this.fuse;
    let results: FuseResult<Word>[];
    const records = this.prefilter ? this.filterFor(fuse).candidates(term) : undefined;
    if (!records) results = fuse.search(term, { limit: MAX_MATCHED_WORDS });
    else if (records.length === 0) results = [];
    else {
      // Same words and record numbers, fewer values: fuse's scores and tie-breaks are unchanged.
      const index = fuse.getIndex();
      const reduced = Fuse.parseIndex<Word>({ keys: index.keys, records: records as typeof index.records });
      results = new Fuse(this.words, TOKEN_OPTIONS, reduced).search(term, { limit: MAX_MATCHED_WORDS });
    }
    const out = results.map((r) => ({ word: r.refIndex, score: r.score ?? 1 }));
    // fuse folds case and diacritics; the word itself is always its own best match.
    if (exact !== undefined && !out.some((r) => r.word === exact)) out.push({ word: exact, score: 0 });
    return out;
  }
}
