/**
 * How the search reads text: the same words, folding and stems at build time (the index the
 * bundle ships) and at query time, so a query word always meets the form it was indexed under.
 *
 * Russian words go through the Snowball Russian stemmer, Latin ones through Porter2: "кэша" and
 * "кэш" share the stem `кэш`, "retention" and "retentive" the stem `retent`. Both stemmers are
 * pure JavaScript, so this runs in the web worker too.
 */
import { stemmer as russianStem } from '@orama/stemmers/russian';
import englishStem from 'wink-porter2-stemmer';

/** Shortest word indexed or looked up; one letter matches everything. */
const MIN_WORD = 2;
/** Longest word kept: longer runs are hashes, URLs or base64, not words anyone types. */
const MAX_WORD = 40;

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;
const CYRILLIC = /^[\u0400-\u04ff]+$/;
const LATIN = /^[a-z]+$/;

/**
 * Words too common to tell digests apart; dropped from the index and from queries (a query of
 * nothing else keeps them).
 */
const STOP_WORDS = new Set(
  (
    'an and are as at be by for from in into is it its of on or that the this to was we with ' +
    'без бы во вот да для до его если же за из или им их как ко ли мы на не но ну об он она они от по при про со так там то тоже уже что это'
  ).split(' '),
);

/** Lower case, `ё` as `е`, Latin diacritics removed (`Réseau` → `reseau`); Cyrillic `й` kept. */
export function foldWord(word: string): string {
  const lower = word.toLowerCase().replace(/ё/g, 'е');
  if (isAscii(lower)) return lower;
  // Decompose only what is not Cyrillic: the stemmer needs `й`, whose breve NFD would strip.
  return lower.replace(/[^\u0400-\u04ff]+/g, (run) => run.normalize('NFD').replace(MARKS, '')).normalize('NFC');
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The stem of a folded word, or the word itself when no stemmer applies (names, numbers, mixed). */
export function stemWord(word: string): string {
  if (word.length < 3) return word;
  if (LATIN.test(word)) return englishStem(word);
  if (CYRILLIC.test(word)) return russianStem(word);
  return word;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** What `eachWord`'s callback returns to stop at this word. */
export const STOP_SCAN = Symbol('stop');

/**
 * Calls `found` for each folded word of `text` in order (repeats included), up to `limit` words,
 * or until `found` returns `STOP_SCAN`.
 */
export function eachWord(text: string, found: (word: string, start: number, end: number) => unknown, limit = Infinity): void {
  let n = 0;
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    if (raw.length < MIN_WORD || raw.length > MAX_WORD) continue;
    if (found(foldWord(raw), m.index, m.index + raw.length) === STOP_SCAN) return;
    if (++n >= limit) return;
  }
}

/** The folded words of `text`, in order, repeats included. */
export function wordsOf(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  eachWord(text, (w) => out.push(w), limit);
  return out;
}

/** A name as one word: `Multi-Scale Retention` → `multiscaleretention`, `KV-кэш` → `kvкэш`. */
export function compactName(name: string): string {
  return wordsOfAnyLength(name).join('');
}

/**
 * The pieces of a camelCase name that a reader may type alone: `SingLoRA` → `lora`, `sing`,
 * `singlo`; `CoPEAttention` → `attention`, `cope`. Each is a prefix or a suffix of a word of the
 * name cut where the case turns (a lower-case letter before a capital, or the last capital of a
 * run before a lower-case letter), at least three letters long.
 */
export function camelParts(name: string): string[] {
  const out = new Set<string>();
  for (const m of name.matchAll(WORD)) {
    const w = m[0];
    for (let i = 1; i < w.length; i++) {
      const c = w[i];
      const upper = c !== c.toLowerCase();
      if (!upper) continue;
      const prev = w[i - 1];
      const next = w[i + 1];
      const prevLower = prev !== prev.toUpperCase();
      const prevUpper = prev !== prev.toLowerCase();
      const nextLower = next !== undefined && next !== next.toUpperCase();
      if (!(prevLower || (prevUpper && nextLower))) continue;
      if (i >= 3) out.add(foldWord(w.slice(0, i)));
      if (w.length - i >= 3) out.add(foldWord(w.slice(i)));
    }
  }
  return [...out];
}

function wordsOfAnyLength(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(foldWord(m[0]));
  return out;
}

/**
 * Optimal string alignment distance (Damerau–Levenshtein where an adjacent transposition is one
 * edit) if it is at most `max`, else `max + 1`. Rows are cut short once every cell exceeds `max`.
 */
export function damerau(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > rowA.length) return max + 1;
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m], max + 1);
}

// Rows reused across calls: words are at most MAX_WORD long (longer ones are never compared).
const rowA = new Int32Array(MAX_WORD + 4);
const rowB = new Int32Array(MAX_WORD + 4);
const rowC = new Int32Array(MAX_WORD + 4);

/** Typos a query word may carry: none below 4 letters, one up to 7, two from 8. */
export function allowedTypos(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * A 32-bit set of the letters of a word. One edit changes at most two bits (a substitution
 * drops one letter and adds one; a transposition none), so words whose masks differ in more
 * than 2·k bits are more than k edits apart and need no distance computed.
 */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (Math.imul(word.charCodeAt(i), 0x9e3779b1) >>> 27);
  return mask >>> 0;
}

export function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
