/**
 * A sound prefilter for the fuzzy search: it finds the index values that fuse.js *might* match
 * and drops the rest, so fuse scores hundreds of values instead of every value of every digest.
 * It never drops a value fuse would match, so results and scores are exactly fuse's.
 *
 * Why it is sound: with `ignoreLocation`, fuse accepts a value when some stretch of it is within
 * `e` edits of the pattern, where `e / m ≤ threshold` (m = pattern length). One edit destroys at
 * most two of the pattern's m − 1 bigrams (q-gram lemma), so at least m − 1 − 2e of the pattern's
 * bigram positions occur in the value; and cutting the pattern into e + 1 pieces, one piece
 * occurs unchanged (partition lemma). Each value keeps a Bloom signature of its bigrams; a
 * signature can only over-count, so failing either test proves there is no match.
 *
 * Text is folded like fuse folds it (lower case, NFD, marks removed, ł→l …) or coarser: folding
 * both sides further can only shorten edit distances, so the bound stays safe.
 */

/** One value of a fuse index record (`v` text, `n` norm, `i` position in an array field). */
export interface IndexValue {
  v: string;
  n: number;
  i?: number;
}

export interface IndexRecordLike {
  i: number;
  $?: Record<number, IndexValue | IndexValue[]>;
}

const NON_DECOMPOSABLE: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ħ: 'h', ŧ: 't', ı: 'i', ß: 'ss' };
const NON_DECOMPOSABLE_RE = /[łđøħŧıß]/g;
// fuse also strips U+1CF2–U+1CF3, which Unicode no longer counts as marks.
const MARKS = /[\p{M}\u1cf2\u1cf3]/gu;

/** Lower case and NFD, before marks are removed: never shorter than what fuse searches for. */
function unstripped(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(NON_DECOMPOSABLE_RE, (c) => NON_DECOMPOSABLE[c]);
}

export function fold(s: string): string {
  return unstripped(s).replace(MARKS, '');
}

/** Most errors fuse's bitap accepts for a pattern of length m (`i / m ≤ threshold`, i < m). */
export function maxErrors(m: number, threshold: number): number {
  let e = 0;
  while (e + 1 < m && (e + 1) / m <= threshold) e++;
  return e;
}

/** fuse splits longer patterns into pieces and matches any piece; the filter leaves those alone. */
const MAX_PATTERN = 32;
const BITS_PER_BIGRAM = 8;
const MAX_SIGNATURE_BITS = 1 << 14;

const hash = (code: number): number => Math.imul(code, 0x9e3779b1) >>> 0;

export class BigramFilter {
  /** Per value: record position, key index, position in an array field (−1: single value). */
  private valueRecord = new Int32Array(0);
  private valueKey = new Uint8Array(0);
  private valueItem = new Int32Array(0);
  private valueOffset = new Int32Array(0);
  /** Signature bits = 32 − shift bits; a bigram's bit is `hash >>> shift`. */
  private valueShift = new Uint8Array(0);
  private pool = new Uint32Array(0);
  /** Folded text of each value, for the exact piece test. */
  private readonly texts: string[] = [];
  private values = 0;
  private poolUsed = 0;
  private records: IndexRecordLike[] = [];

  constructor(
    private readonly keyCount: number,
    private readonly threshold: number,
  ) {}

  /** Number of index records covered. */
  get size(): number {
    return this.records.length;
  }

  /** Covers more records (appended to the fuse index after the first build). */
  extend(records: readonly IndexRecordLike[]): void {
    const pending: { record: number; key: number; item: number; text: string }[] = [];
    for (const rec of records) {
      const r = this.records.length;
      this.records.push(rec);
      const fields = rec.$ ?? {};
      for (let k = 0; k < this.keyCount; k++) {
        const f = fields[k];
        if (!f) continue;
        if (Array.isArray(f)) f.forEach((x, item) => pending.push({ record: r, key: k, item, text: fold(x.v) }));
        else pending.push({ record: r, key: k, item: -1, text: fold(f.v) });
      }
    }
    let words = 0;
    const shifts = pending.map((p) => {
      let bits = 32;
      while (bits < MAX_SIGNATURE_BITS && bits < (p.text.length - 1) * BITS_PER_BIGRAM) bits *= 2;
      words += bits >>> 5;
      return 32 - Math.log2(bits);
    });
    this.grow(this.values + pending.length, this.poolUsed + words);
    pending.forEach((p, n) => {
      const v = this.values++;
      const off = this.poolUsed;
      const shift = shifts[n];
      this.valueRecord[v] = p.record;
      this.valueKey[v] = p.key;
      this.valueItem[v] = p.item;
      this.valueOffset[v] = off;
      this.valueShift[v] = shift;
      this.texts.push(p.text);
      this.poolUsed += (1 << (32 - shift)) >>> 5;
      const t = p.text;
      for (let i = 0; i + 1 < t.length; i++) {
        const bit = hash(t.charCodeAt(i) * 65536 + t.charCodeAt(i + 1)) >>> shift;
        this.pool[off + (bit >>> 5)] |= 1 << (bit & 31);
      }
    });
  }

  /**
   * The index records reduced to the values fuse might match for `pattern`, or undefined when
   * the pattern is too short or too long for the bound to prune anything.
   */
  candidates(pattern: string): IndexRecordLike[] | undefined {
    const folded = fold(pattern);
    const m = folded.length;
    const upper = unstripped(pattern).length;
    if (upper > MAX_PATTERN) return undefined;
    const need = m - 1 - 2 * maxErrors(upper, this.threshold);
    if (need <= 0) return undefined;
    const hashes = new Uint32Array(m - 1);
    for (let i = 0; i + 1 < m; i++) hashes[i] = hash(folded.charCodeAt(i) * 65536 + folded.charCodeAt(i + 1));
    // Split the pattern into e + 1 pieces: a stretch within e edits contains one piece unchanged.
    const errors = maxErrors(upper, this.threshold);
    const pieces: string[] = [];
    for (let p = 0; p <= errors; p++) pieces.push(folded.slice(Math.floor((p * m) / (errors + 1)), Math.floor(((p + 1) * m) / (errors + 1))));
    const out: IndexRecordLike[] = [];
    let current: IndexRecordLike | undefined;
    let currentRecord = -1;
    const positions = hashes.length;
    for (let v = 0; v < this.values; v++) {
      const off = this.valueOffset[v];
      const shift = this.valueShift[v];
      let hits = 0;
      for (let i = 0; i < positions && hits < need && hits + positions - i >= need; i++) {
        const bit = hashes[i] >>> shift;
        hits += (this.pool[off + (bit >>> 5)] >>> (bit & 31)) & 1;
      }
      if (hits < need) continue;
      const text = this.texts[v];
      if (!pieces.some((piece) => text.includes(piece))) continue;
      const r = this.valueRecord[v];
      if (r !== currentRecord) {
        currentRecord = r;
        current = { i: this.records[r].i, $: {} };
        out.push(current);
      }
      const key = this.valueKey[v];
      const field = this.records[r].$![key];
      const item = this.valueItem[v];
      if (item < 0) current!.$![key] = field as IndexValue;
      else {
        const list = (current!.$![key] as IndexValue[] | undefined) ?? (current!.$![key] = []);
        list.push((field as IndexValue[])[item]);
      }
    }
    return out;
  }

  private grow(values: number, words: number): void {
    if (values > this.valueRecord.length) {
      const cap = Math.max(values, this.valueRecord.length * 2);
      const copy = <A extends Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      this.valueRecord = copy(this.valueRecord, (n) => new Int32Array(n));
      this.valueKey = copy(this.valueKey, (n) => new Uint8Array(n));
      this.valueItem = copy(this.valueItem, (n) => new Int32Array(n));
      this.valueOffset = copy(this.valueOffset, (n) => new Int32Array(n));
      this.valueShift = copy(this.valueShift, (n) => new Uint8Array(n));
    }
    if (words > this.pool.length) {
      const pool = new Uint32Array(Math.max(words, this.pool.length * 2));
      pool.set(this.pool);
      this.pool = pool;
    }
  }
}
