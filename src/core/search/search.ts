/**
 * Search over the corpus: every query word is looked up whole, by its stem and (the last word,
 * as it is being typed) by its start, in every field a reader searches by; a word that finds
 * few digests that way is also looked up with typos (a transposition counts as one edit).
 *
 * Ranking, highest first:
 *   1. a digest whose arXiv ID the query holds in any form (`findArxivIds`: URL, `arXiv:`, …);
 *   2. a digest one of whose method names or aliases is the whole query;
 *   3. more query words matched without typos, then more matched at all (a query need not
 *      match every word, and a typo match never outranks an exact or stem match);
 *   4. the sum over query words of field weight × match weight × rarity of the word.
 *
 * Everything a query reads is in the index (searchIndex.ts), compiled before the first query;
 * the per-digest tallies are allocated once per corpus snapshot.
 */
import { findArxivIds } from '../arxiv/arxiv';
import { DigestEntry, Topic } from '../types';
import { Code, SearchDoc, SearchIndex, arxivWord, searchDoc } from './searchIndex';
import { counterparts } from './searchGlossary';
import { allowedTypos, bitCount, compactName, damerau, eachWord, isStopWord, letterMask, STOP_SCAN, stemWord, wordsOf } from './searchText';

export { SearchIndex, searchDoc } from './searchIndex';
export type { SearchDoc } from './searchIndex';

/** Field weights by posting code (name, name part, title, TL;DR, topic, body ×3+, ×2, ×1). */
const FIELD_WEIGHT = [24, 12, 8, 7, 3, 2, 1.5, 1];
const enum Kind {
  Exact = 0,
  Stem = 1,
  /** The same term in the other language or spelling (searchGlossary.ts). */
  Counterpart = 2,
  Prefix = 3,
  Typo = 4,
}
const KIND_WEIGHT = [1, 0.85, 0.75, 0.6, 0.4];
/** What a query word's further matches in the same digest add, besides its best one. */
const SECONDARY = 0.25;
/** Query words looked up; a longer query is a pasted paragraph, not a search. */
const MAX_TERMS = 16;
const MAX_QUERY = 500;
/** Words the last query word expands to by its start. */
const MAX_PREFIX_WORDS = 32;
/** Typo matches are tried for a query word that finds fewer digests than this. */
const FEW_HITS = 5;
const MAX_TYPO_WORDS = 32;

export type MatchedField = 'arxiv' | 'name' | 'title' | 'tldr' | 'topic' | 'body';

export interface SearchHit {
  id: string;
  /** Higher is better; comparable within one result list only. */
  score: number;
  /** The best field the digest matched in. */
  field: MatchedField;
  /** Corpus words the digest matched (folded), for highlighting and the body snippet. */
  words: string[];
  /** Matched only through typo-tolerant lookups. */
  typo: boolean;
}

/** One compiled index and the digest ids of its positions. */
export interface SearchPart {
  index: SearchIndex;
  id(i: number): string;
}

interface Candidate {
  part: number;
  word: number;
  kind: Kind;
}

export class DigestSearch {
  private parts: SearchPart[] = [];
  private bases: number[] = [];
  private total = 0;
  private score = new Float64Array(0);
  private termScore = new Float64Array(0);
  private termStamp = new Int32Array(0);
  private exactCount = new Uint8Array(0);
  private anyCount = new Uint8Array(0);
  private tier = new Uint8Array(0);
  private touched = new Int32Array(0);
  private touchedCount = 0;
  private seen = new Uint8Array(0);
  private stamp = 0;

  constructor(parts: readonly SearchPart[] = []) {
    this.setParts(parts);
  }

  /** The indexes searched, in order (the bundle's, then the user's folders'). */
  setParts(parts: readonly SearchPart[]): void {
    this.parts = [...parts];
    this.bases = [];
    let n = 0;
    for (const p of parts) {
      this.bases.push(n);
      n += p.index.records;
    }
    this.total = n;
    this.score = new Float64Array(n);
    this.termScore = new Float64Array(n);
    this.termStamp = new Int32Array(n);
    this.exactCount = new Uint8Array(n);
    this.anyCount = new Uint8Array(n);
    this.tier = new Uint8Array(n);
    this.touched = new Int32Array(n);
    this.seen = new Uint8Array(n);
    this.stamp = 0;
  }

  /** Digests searched. */
  get size(): number {
    return this.total;
  }

  search(query: string, limit = 50): SearchHit[] {
    if (limit <= 0 || this.total === 0) return [];
    let q = query.slice(0, MAX_QUERY);
    const arxiv = findArxivIds(q);
    // The ID's form (`https`, `arxiv`, `org`, `abs`) is not a query word.
    for (const m of [...arxiv].reverse()) q = q.slice(0, m.start) + ' ' + q.slice(m.end);
    let terms = [...new Set(wordsOf(q))];
    const content = terms.filter((t) => !isStopWord(t));
    if (content.length > 0) terms = content;
    terms = terms.slice(0, MAX_TERMS);
    if (terms.length === 0 && arxiv.length === 0) return [];
    const typing = !/\s$/.test(query) && q.trim().length > 0;
    const used: Candidate[] = [];

    // 1, 2: arXiv IDs and whole names.
    for (let p = 0; p < this.parts.length; p++) {
      const index = this.parts[p].index;
      for (const m of arxiv) {
        const w = index.find(arxivWord(m.id));
        if (w >= 0) this.raise(p, w, 3, Code.Name, used);
      }
      const whole = compactName(q);
      if (whole.length >= 2) {
        const w = index.find(whole);
        if (w >= 0) this.raise(p, w, 2, Code.Name, used);
      }
    }

    // 3, 4: each query word.
    terms.forEach((term, ti) => {
      const stampValue = ++this.stamp;
      const stem = stemWord(term);
      const found: Candidate[] = [];
      for (let p = 0; p < this.parts.length; p++) {
        const index = this.parts[p].index;
        const exact = index.find(term);
        if (exact >= 0) found.push({ part: p, word: exact, kind: Kind.Exact });
        if (stem !== term) {
          const s = index.find(stem);
          if (s >= 0) found.push({ part: p, word: s, kind: Kind.Stem });
        }
        for (const w of index.withStem(stem)) if (w !== exact) found.push({ part: p, word: w, kind: Kind.Stem });
        for (const other of counterparts(stem)) {
          const o = index.find(other);
          if (o >= 0 && !found.some((c) => c.part === p && c.word === o)) found.push({ part: p, word: o, kind: Kind.Counterpart });
          for (const w of index.withStem(other)) if (!found.some((c) => c.part === p && c.word === w)) found.push({ part: p, word: w, kind: Kind.Counterpart });
        }
        if (typing && ti === terms.length - 1 && term.length >= 3) {
          for (const w of index.withPrefix(term, MAX_PREFIX_WORDS)) if (!found.some((c) => c.part === p && c.word === w)) found.push({ part: p, word: w, kind: Kind.Prefix });
        }
      }
      const hits = this.apply(found, stampValue, used);
      const typos = allowedTypos(term.length);
      if (hits < FEW_HITS && typos > 0) this.apply(this.nearWords(term, typos, found), stampValue, used);
    });

    const hits = this.top(limit, used);
    this.reset();
    return hits;
  }

  /** Marks the digests of word `w` with a rank tier (arXiv 3, whole name 2), for `code` postings or better. */
  private raise(p: number, w: number, tier: number, code: number, used: Candidate[]): void {
    const { index } = this.parts[p];
    const base = this.bases[p];
    used.push({ part: p, word: w, kind: Kind.Exact });
    for (let i = index.offsets[w]; i < index.offsets[w + 1]; i++) {
      const posting = index.postings[i];
      if ((posting & 7) > code) continue;
      const doc = posting >>> 3;
      if (doc >= index.records) continue;
      const g = base + doc;
      this.touch(g);
      if (this.tier[g] < tier) this.tier[g] = tier;
    }
  }

  /** Adds the candidates' postings for one query word; returns the digests newly matched by it. */
  private apply(candidates: readonly Candidate[], stampValue: number, used: Candidate[]): number {
    if (candidates.length === 0) return 0;
    // Rarer words tell more: weight the query word by its rarity among the digests searched.
    let df = 0;
    for (const c of candidates) {
      const index = this.parts[c.part].index;
      df += index.offsets[c.word + 1] - index.offsets[c.word];
    }
    const rarity = Math.log(1 + this.total / (1 + Math.min(df, this.total)));
    let newly = 0;
    for (const c of candidates) {
      used.push(c);
      const { index } = this.parts[c.part];
      const base = this.bases[c.part];
      const kindWeight = KIND_WEIGHT[c.kind] * rarity;
      const exact = c.kind !== Kind.Typo ? 1 : 0;
      for (let i = index.offsets[c.word]; i < index.offsets[c.word + 1]; i++) {
        const posting = index.postings[i];
        const doc = posting >>> 3;
        if (doc >= index.records) continue;
        const g = base + doc;
        const s = FIELD_WEIGHT[posting & 7] * kindWeight;
        if (this.termStamp[g] !== stampValue) {
          this.termStamp[g] = stampValue;
          this.termScore[g] = s;
          this.touch(g);
          this.score[g] += s;
          this.anyCount[g]++;
          this.exactCount[g] += exact;
          newly++;
        } else {
          // The best match of the word counts whole, the others (the title and the body too) a little.
          const best = Math.max(s, this.termScore[g]);
          this.score[g] += best - this.termScore[g] + SECONDARY * Math.min(s, this.termScore[g]);
          this.termScore[g] = best;
        }
      }
    }
    return newly;
  }

  /** Vocabulary words within `typos` edits of `term`, nearest first, not already in `found`. */
  private nearWords(term: string, typos: number, found: readonly Candidate[]): Candidate[] {
    const mask = letterMask(term);
    const near: { c: Candidate; d: number }[] = [];
    for (let p = 0; p < this.parts.length; p++) {
      const { index } = this.parts[p];
      const { masks, lengths, words } = index;
      const lo = Math.max(3, term.length - typos);
      const hi = term.length + typos;
      for (let w = 0; w < masks.length; w++) {
        const length = lengths[w];
        if (length < lo || length > hi || bitCount((masks[w] ^ mask) >>> 0) > 2 * typos) continue;
        const d = damerau(term, words[w], typos);
        if (d > typos || d === 0) continue;
        if (found.some((c) => c.part === p && c.word === w)) continue;
        near.push({ c: { part: p, word: w, kind: Kind.Typo }, d });
      }
    }
    near.sort((a, b) => a.d - b.d);
    return near.slice(0, MAX_TYPO_WORDS).map((n) => n.c);
  }

  private touch(g: number): void {
    if (this.seen[g] === 0) {
      this.seen[g] = 1;
      this.touched[this.touchedCount++] = g;
    }
  }

  private key(g: number): number {
    return this.tier[g] * 1e12 + this.exactCount[g] * 1e9 + this.anyCount[g] * 1e7 + this.score[g];
  }

  /** The best `limit` digests touched, with why they matched. */
  private top(limit: number, used: readonly Candidate[]): SearchHit[] {
    // A min-heap of the best so far: the touched digests can be most of the corpus.
    const heap: number[] = [];
    const better = (a: number, b: number): boolean => {
      const ka = this.key(a);
      const kb = this.key(b);
      return ka > kb || (ka === kb && a < b);
    };
    const down = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < heap.length && better(heap[worst], heap[l])) worst = l;
        if (r < heap.length && better(heap[worst], heap[r])) worst = r;
        if (worst === i) return;
        [heap[i], heap[worst]] = [heap[worst], heap[i]];
        i = worst;
      }
    };
    for (let t = 0; t < this.touchedCount; t++) {
      const g = this.touched[t];
      if (this.anyCount[g] === 0 && this.tier[g] === 0) continue;
      if (heap.length < limit) {
        heap.push(g);
        for (let i = heap.length - 1; i > 0; ) {
          const parent = (i - 1) >>> 1;
          if (!better(heap[parent], heap[i])) break;
          [heap[i], heap[parent]] = [heap[parent], heap[i]];
          i = parent;
        }
      } else if (better(g, heap[0])) {
        heap[0] = g;
        down(0);
      }
    }
    heap.sort((a, b) => (better(a, b) ? -1 : 1));
    return heap.map((g) => this.describe(g, used));
  }

  private describe(g: number, used: readonly Candidate[]): SearchHit {
    let p = this.parts.length - 1;
    while (this.bases[p] > g) p--;
    const doc = g - this.bases[p];
    const { index, id } = this.parts[p];
    // Each matched word with the best field it is in, best field first: the label shows the
    // best field, so its words must lead the list it is shown with.
    const matched: { word: string; code: number }[] = [];
    for (const c of used) {
      if (c.part !== p) continue;
      const code = index.codeOf(c.word, doc);
      if (code < 0) continue;
      const word = index.words[c.word];
      const seen = matched.find((m) => m.word === word);
      if (!seen) matched.push({ word, code });
      else if (code < seen.code) seen.code = code;
    }
    matched.sort((a, b) => a.code - b.code);
    const best = matched.length > 0 ? matched[0].code : 8;
    const words = matched.map((m) => m.word);
    const field: MatchedField =
      this.tier[g] === 3 ? 'arxiv' : best <= Code.NamePart ? 'name' : best === Code.Title ? 'title' : best === Code.Tldr ? 'tldr' : best === Code.Topic ? 'topic' : 'body';
    return { id: id(doc), score: this.key(g), field, words, typo: this.exactCount[g] === 0 && this.tier[g] === 0 };
  }

  private reset(): void {
    for (let t = 0; t < this.touchedCount; t++) {
      const g = this.touched[t];
      this.score[g] = 0;
      this.exactCount[g] = 0;
      this.anyCount[g] = 0;
      this.tier[g] = 0;
      this.seen[g] = 0;
    }
    this.touchedCount = 0;
    // Stamps only need to differ between query words; start over long before they overflow.
    if (this.stamp > 1 << 30) {
      this.termStamp.fill(0);
      this.stamp = 0;
    }
  }
}

/**
 * The plain-text stretch of `body` around the first of `words` it holds (folded, as the index
 * has them), at most `max` characters; undefined when the body holds none of them.
 */
export function bodySnippet(body: string, words: readonly string[], max = 160): string | undefined {
  if (words.length === 0 || !body) return undefined;
  const want = new Set(words);
  const stems = new Set(words.map(stemWord));
  let at: { start: number; end: number } | undefined;
  const text = body.length > 200_000 ? body.slice(0, 200_000) : body;
  eachWord(text, (w, start, end) => {
    if (!want.has(w) && !stems.has(stemWord(w))) return undefined;
    at = { start, end };
    return STOP_SCAN;
  });
  if (!at) return undefined;
  const before = Math.max(0, Math.floor((max - (at.end - at.start)) / 3));
  let start = Math.max(0, at.start - before);
  // Open at a word boundary rather than inside a word.
  if (start > 0 && /\S/.test(text[start - 1])) {
    const space = text.slice(start, at.start).search(/\s/);
    if (space >= 0) start += space + 1;
  }
  const end = Math.min(text.length, start + max);
  const piece = text
    .slice(start, end)
    .replace(/[*_`#>[\]]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return (start > 0 ? '…' : '') + piece + (end < text.length ? '…' : '');
}

/** A part made from digests at hand (the user's folders, or a bundle without its index). */
export function docsPart(docs: readonly SearchDoc[], topicOf: (id: string) => Topic | undefined): SearchPart {
  const ids = docs.map((d) => d.id);
  return { index: SearchIndex.build(docs, topicOf), id: (i) => ids[i] };
}

/**
 * The bundle's part: its compiled `search.bin` when that loads and covers the bundle's digests;
 * otherwise (missing, damaged, stale) an index of the entries' summaries, and `warn` says why.
 */
export function bundledPart(
  bundle: { readonly ids: readonly string[]; readonly searchIndex?: Uint8Array; readonly entries: { length: number; at(i: number): DigestEntry } },
  topicOf: (id: string) => Topic | undefined,
  warn: (message: string) => void = () => undefined,
): SearchPart {
  const ids = bundle.ids;
  if (bundle.searchIndex) {
    try {
      const index = SearchIndex.load(bundle.searchIndex);
      if (index.records === ids.length) return { index, id: (i) => ids[i] };
      warn(`search index covers ${index.records} digests, the bundle has ${ids.length}; rebuild with "npm run build"`);
    } catch (e) {
      warn(e instanceof Error ? e.message : String(e));
    }
  }
  const entries = Array.from({ length: bundle.entries.length }, (_, i) => bundle.entries.at(i));
  return docsPart(
    entries.map((e) => searchDoc(e, e.summary)),
    topicOf,
  );
}

/** The search of a loaded bundle and, after it, `extra` digests (with their bodies). */
export function bundleSearch(
  bundle: Parameters<typeof bundledPart>[0],
  corpus: { topic(id: string): Topic | undefined },
  extra: readonly SearchDoc[] = [],
  warn?: (message: string) => void,
): DigestSearch {
  const topicOf = (id: string): Topic | undefined => corpus.topic(id);
  const parts = [bundledPart(bundle, topicOf, warn)];
  if (extra.length > 0) parts.push(docsPart(extra, topicOf));
  return new DigestSearch(parts);
}
