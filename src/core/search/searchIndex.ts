/**
 * The search's inverted index: every folded word of every field a reader searches by, with the
 * digests that hold it and where. Compiled once at bundle time into `search.bin`, which loads
 * as typed-array views over the file's bytes: nothing is decoded per word, nothing is built
 * when a query runs. The user's digests are compiled by the same code at run time.
 *
 * A posting is `digest · 8 + field code`; a word's postings are ascending, so the best field a
 * digest holds a word in is kept once and membership is a binary search.
 */
import { Topic } from '../types';
import { normalizeArxivId } from '../arxiv/arxiv';
import { camelParts, compactName, eachWord, isStopWord, letterMask, stemWord } from './searchText';
import { byUnits } from '../util/order';
import { digestNames } from '../digest/curation';

/** Where a word was found, best first; the code is the posting's low three bits. */
export const enum Code {
  /** A whole method name or alias (`multiscaleretention`, `retnet`), an arXiv ID. */
  Name = 0,
  /** A word of a method name of several words (`retention` of `Multi-Scale Retention`). */
  NamePart = 1,
  Title = 2,
  Tldr = 3,
  Topic = 4,
  /** Body words by how often the body repeats them: 3 times or more, twice, once. */
  BodyOften = 5,
  BodyTwice = 6,
  BodyOnce = 7,
}

/** What a digest offers the search; `tldr`, `tldr_ru` and `aliases` are optional curated fields. */
export interface SearchDoc {
  id: string;
  title: string;
  title_ru?: string;
  tldr?: string;
  tldr_ru?: string;
  methods: readonly string[];
  aliases?: readonly string[];
  arxiv: readonly string[];
  papers?: readonly { title: string; arxiv?: string }[];
  topics: readonly string[];
  /** The Markdown body (or, for a digest whose body is not at hand, its summary). */
  body: string;
}

/** Words of one body indexed at most: a hostile body cannot grow the index without bound. */
const MAX_BODY_WORDS = 50_000;
const MAGIC = 0x31534c44; // "DLS1"
const FORMAT = 1;
const HEADER_WORDS = 8;

/** Reads a digest (front matter and body) as the search sees it, tolerating absent fields. */
export function searchDoc(d: SearchDocSource, body: string): SearchDoc {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    id: d.id,
    title: d.title,
    title_ru: str(d.title_ru),
    tldr: str(d.tldr),
    tldr_ru: str(d.tldr_ru),
    methods: list(d.methods),
    aliases: list(d.aliases),
    arxiv: list(d.arxiv),
    papers: Array.isArray(d.papers) ? d.papers.filter((p) => p && typeof p.title === 'string') : undefined,
    topics: list(d.topics),
    body,
  };
}

/** A digest's fields as front matter or an entry carries them (the curated ones may be absent). */
export interface SearchDocSource {
  id: string;
  title: string;
  title_ru?: string;
  tldr?: unknown;
  tldr_ru?: unknown;
  methods: readonly string[];
  aliases?: unknown;
  arxiv: readonly string[];
  papers?: readonly { title: string; arxiv?: string }[];
  topics: readonly string[];
}

/** Compiles the index of `docs`, in order (digest `i` is posting digest `i`). */
export function buildSearchIndex(docs: readonly SearchDoc[], topicOf: (id: string) => Topic | undefined): Uint8Array {
  const postings = new Map<string, number[]>();
  const topicWords = new Map<string, Map<string, number>>();
  docs.forEach((d, at) => {
    const best = new Map<string, number>();
    const note = (word: string, code: number): void => {
      const prev = best.get(word);
      if (prev === undefined || code < prev) best.set(word, code);
    };
    const text = (s: string | undefined, code: number): void => {
      if (s) eachWord(s, (w) => isStopWord(w) || note(w, code));
    };
    for (const name of digestNames(d)) {
      const whole = compactName(name);
      if (whole.length >= 2 && whole.length <= 60) note(whole, Code.Name);
      text(name, Code.NamePart);
      for (const part of camelParts(name)) if (!isStopWord(part)) note(part, Code.NamePart);
    }
    for (const a of d.arxiv) note(arxivWord(a), Code.Name);
    for (const p of d.papers ?? []) {
      if (p.arxiv) note(arxivWord(p.arxiv), Code.Name);
      text(p.title, Code.Title);
    }
    text(d.title, Code.Title);
    text(d.title_ru, Code.Title);
    text(d.tldr, Code.Tldr);
    text(d.tldr_ru, Code.Tldr);
    for (const t of d.topics) {
      let words = topicWords.get(t);
      if (!words) {
        words = new Map();
        const topic = topicOf(t);
        for (const s of [t, topic?.label, topic?.label_ru]) if (s) eachWord(s, (w) => isStopWord(w) || words!.set(w, Code.Topic));
        topicWords.set(t, words);
      }
      for (const w of words.keys()) note(w, Code.Topic);
    }
    const counts = new Map<string, number>();
    eachWord(d.body, (w) => isStopWord(w) || counts.set(w, (counts.get(w) ?? 0) + 1), MAX_BODY_WORDS);
    for (const [w, n] of counts) note(w, n >= 3 ? Code.BodyOften : n === 2 ? Code.BodyTwice : Code.BodyOnce);
    for (const [w, code] of best) {
      const list = postings.get(w);
      if (list) list.push(at * 8 + code);
      else postings.set(w, [at * 8 + code]);
    }
  });
  const words = [...postings.keys()].sort(byUnits);
  let total = 0;
  for (const w of words) total += postings.get(w)!.length;
  const stems: [string, number][] = [];
  words.forEach((w, i) => {
    const s = stemWord(w);
    if (s !== w) stems.push([s, i]);
  });
  stems.sort((a, b) => byUnits(a[0], b[0]) || a[1] - b[1]);
  const encoder = new TextEncoder();
  const wordBytes = encoder.encode(words.join('\n'));
  const stemBytes = encoder.encode(stems.map((s) => s[0]).join('\n'));
  const W = words.length;
  const S = stems.length;
  const u32 = HEADER_WORDS + (W + 1) + total + W + S;
  const bytes = new Uint8Array(u32 * 4 + wordBytes.length + stemBytes.length);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const put = (x: number): void => {
    view.setUint32(at, x, true);
    at += 4;
  };
  for (const x of [MAGIC, FORMAT, docs.length, W, S, total, wordBytes.length, stemBytes.length]) put(x);
  let offset = 0;
  put(0);
  for (const w of words) put((offset += postings.get(w)!.length));
  for (const w of words) for (const p of postings.get(w)!) put(p);
  for (const w of words) put(letterMask(w));
  for (const [, i] of stems) put(i);
  bytes.set(wordBytes, at);
  bytes.set(stemBytes, at + wordBytes.length);
  return bytes;
}

/** How an arXiv ID is indexed: one word with its dot or slash, which no query word has. */
export function arxivWord(id: string): string {
  return normalizeArxivId(id).toLowerCase();
}


/** A compiled index, loaded in place. */
export class SearchIndex {
  /** Digests covered (positions 0 … records − 1). */
  readonly records: number;
  readonly words: readonly string[];
  /** Postings of word `i`: `postings[offsets[i] … offsets[i + 1])`. */
  readonly offsets: Uint32Array;
  readonly postings: Uint32Array;
  readonly masks: Uint32Array;
  /** Length of each word (capped at 255), so the typo pass reads no strings it cannot match. */
  readonly lengths: Uint8Array;
  /** Stems of the words whose stem is not the word itself, sorted, with those words. */
  private readonly stems: readonly string[];
  private readonly stemWords: Uint32Array;

  private constructor(bytes: Uint8Array) {
    if (bytes.byteLength < HEADER_WORDS * 4) throw new Error('search index is truncated; rebuild with "npm run build"');
    // Typed-array views need 4-byte alignment; a file read at an odd offset is copied once.
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const header = new DataView(aligned.buffer, aligned.byteOffset, HEADER_WORDS * 4);
    const h = (i: number): number => header.getUint32(i * 4, true);
    if (h(0) !== MAGIC || h(1) !== FORMAT) throw new Error('search index has an unknown format; rebuild with "npm run build"');
    const [records, W, S, P, wordLen, stemLen] = [h(2), h(3), h(4), h(5), h(6), h(7)];
    const u32 = HEADER_WORDS + (W + 1) + P + W + S;
    if (aligned.byteLength !== u32 * 4 + wordLen + stemLen) throw new Error('search index is damaged; rebuild with "npm run build"');
    const all = new Uint32Array(aligned.buffer, aligned.byteOffset, u32);
    let at = HEADER_WORDS;
    const take = (n: number): Uint32Array => all.subarray(at, (at += n));
    this.records = records;
    this.offsets = take(W + 1);
    this.postings = take(P);
    this.masks = take(W);
    this.stemWords = take(S);
    for (let i = 0; i < W; i++) if (this.offsets[i] > this.offsets[i + 1]) throw new Error('search index is damaged; rebuild with "npm run build"');
    if (this.offsets[0] !== 0 || this.offsets[W] !== P) throw new Error('search index is damaged; rebuild with "npm run build"');
    const decoder = new TextDecoder();
    const text = (from: number, length: number): string[] => {
      const s = decoder.decode(aligned.subarray(from, from + length));
      return s === '' ? [] : s.split('\n');
    };
    this.words = text(u32 * 4, wordLen);
    this.stems = text(u32 * 4 + wordLen, stemLen);
    if (this.words.length !== W || this.stems.length !== S) throw new Error('search index is damaged; rebuild with "npm run build"');
    this.lengths = new Uint8Array(W);
    for (let i = 0; i < W; i++) this.lengths[i] = Math.min(255, this.words[i].length);
    for (let i = 0; i < S; i++) if (this.stemWords[i] >= W) throw new Error('search index is damaged; rebuild with "npm run build"');
  }

  /** Loads `search.bin`; throws a message naming what is wrong. */
  static load(bytes: Uint8Array): SearchIndex {
    return new SearchIndex(bytes);
  }

  static build(docs: readonly SearchDoc[], topicOf: (id: string) => Topic | undefined): SearchIndex {
    return new SearchIndex(buildSearchIndex(docs, topicOf));
  }

  /** Position of `word`, or −1. */
  find(word: string): number {
    const at = lowerBound(this.words, word);
    return at < this.words.length && this.words[at] === word ? at : -1;
  }

  /** Positions of the words that start with `prefix` and are longer, at most `max`. */
  withPrefix(prefix: string, max: number): number[] {
    const out: number[] = [];
    for (let at = lowerBound(this.words, prefix); at < this.words.length && out.length < max && this.words[at].startsWith(prefix); at++) {
      if (this.words[at].length > prefix.length) out.push(at);
    }
    return out;
  }

  /** Positions of the words whose stem is `stem` (besides the word `stem` itself). */
  withStem(stem: string): number[] {
    const out: number[] = [];
    for (let at = lowerBound(this.stems, stem); at < this.stems.length && this.stems[at] === stem; at++) out.push(this.stemWords[at]);
    return out;
  }

  /** The field code digest `doc` holds word `w` in, or −1. */
  codeOf(w: number, doc: number): number {
    let lo = this.offsets[w];
    let hi = this.offsets[w + 1];
    const key = doc * 8;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.postings[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.offsets[w + 1] && this.postings[lo] < key + 8 ? this.postings[lo] & 7 : -1;
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
