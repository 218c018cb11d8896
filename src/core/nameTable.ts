/**
 * The recognizer's tables: method-name keys and arXiv IDs mapped to the digests that use them.
 *
 * Compiling a name (skeletonizing it, classifying its letters, finding its part boundaries)
 * costs microseconds, which is seconds for a corpus of 300,000 names. So the bundle compiles
 * the table at build time into a few plain strings (`CompiledNames`): keys sorted, and each key's
 * spellings packed as text that is decoded only when a scan meets the key. Loading a table is
 * splitting two strings and one pass over the sorted keys to index their three-unit prefixes;
 * a lookup is a binary search inside one prefix's range.
 *
 * `compileNames` is the one place names are compiled: the bundle calls it at build time, and
 * `Recognizer.build` calls it for user folders and tests, so both paths share every rule.
 */
import { normalizeArxivId } from './arxivId';
import { CharClass, transliterateGreek } from './recognizerChars';
import { Boundary, skeletonize } from './recognizerText';

export interface TableEntry {
  id: string;
  arxiv: readonly string[];
  methods: readonly string[];
}

/**
 * A compiled table, as the bundle stores it. Digests are referred to by their position in the
 * entries the table was compiled from (the bundle's digest order).
 */
export interface CompiledNames {
  /** Name keys (skeletons: letters, digits and marks only), sorted by UTF-16 units, `\n`-joined. */
  keys: string;
  /**
   * Per key (`\n`-joined), its spellings joined by `|`; a spelling is
   * `flags/cased/breaks/digests`: flags 1 = marked, 2 = distinctive; `cased` empty when it equals
   * the key; breaks and digest positions comma-separated.
   */
  spellings: string;
  /** Normalized arXiv IDs, sorted, `\n`-joined. */
  arxiv: string;
  /** Per arXiv ID (`\n`-joined), the digest positions, comma-separated. */
  arxivDigests: string;
}

export interface Spelling {
  /** The skeleton in the corpus's case. */
  cased: string;
  /** Has a capital letter or several parts, so the exact spelling counts even in prose. */
  marked: boolean;
  /** Cannot be an ordinary word, so any case counts. */
  distinctive: boolean;
  /** Skeleton offsets where the name has a part boundary; separators in the text must fall here. */
  breaks: readonly number[];
  /** Positions of the digests (global: the table's base is already added). */
  digests: readonly number[];
}

/** Longest name kept, in skeleton units; longer "names" are sentences, not identifiers. */
const MAX_KEY = 64;
export const PREFIX = 3;
const MARKED = 1;
const DISTINCTIVE = 2;

/**
 * Up to three UTF-16 units as one number (exact: 48 bits), so the per-position prefix lookups
 * of a scan allocate no strings.
 */
export function unitsCode(text: string, at: number, count: number): number {
  let code = count;
  for (let i = 0; i < count; i++) code = code * 65536 + text.charCodeAt(at + i);
  return code;
}

/** Shared by every one-part name (most of them), to keep a 300,000-name compile light. */
const NO_BREAKS: number[] = [];

/** What may stand between the parts of a name; any other symbol makes the name unmatchable. */
const SYMBOL = /[^\p{L}\p{N}\p{M} _.'\u2019/\u2010\u2011-]/u;

interface CompiledName {
  key: string;
  cased: string;
  marked: boolean;
  distinctive: boolean;
  breaks: number[];
}

function compileName(name: string, distinctiveAllowed: boolean): CompiledName | undefined {
  // `∞-gram` or `LoRA+` without their symbol would be `gram` and `LoRA`: another name entirely.
  if (SYMBOL.test(name)) return undefined;
  const sk = skeletonize(name);
  const key = sk.low;
  if (key.length < 2 || key.length > MAX_KEY) return undefined;
  let letters = 0;
  let upper = false;
  let digit = false;
  let nonLatin = false;
  let parts = false;
  let breaks: number[] = NO_BREAKS;
  for (let i = 0; i < key.length; i++) {
    const c = sk.cls[i];
    if (c === CharClass.Upper) upper = true;
    if (c === CharClass.Digit) digit = true;
    if (c === CharClass.Upper || c === CharClass.Lower || c === CharClass.Caseless) {
      letters++;
      if (key.charCodeAt(i) >= 128) nonLatin = true;
    }
    if (i > 0 && sk.kind[i] !== Boundary.None) {
      if (breaks === NO_BREAKS) breaks = [];
      breaks.push(i);
      if (sk.kind[i] >= Boundary.Underscore) parts = true;
    }
  }
  if (letters === 0) return undefined;
  // A lower-case phrase (`task contamination`, `full-duplex`) is made of ordinary words: it
  // counts when spelled exactly, but is not distinctive in another case.
  const distinctive = distinctiveAllowed && key.length >= 4 && (digit || nonLatin || (parts && upper));
  return { key, cased: sk.cased, marked: upper || parts, distinctive, breaks };
}

interface Pending {
  cased: string;
  flags: number;
  breaks: string;
  digests: number[];
}

const byUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compiles the names and arXiv IDs of `entries` into the table the bundle ships. */
export function compileNames(entries: readonly TableEntry[]): CompiledNames {
  const names = new Map<string, Pending[]>();
  const arxiv = new Map<string, number[]>();
  const add = (spelling: string, at: number, distinctiveAllowed: boolean): void => {
    const c = compileName(spelling, distinctiveAllowed);
    if (!c) return;
    let list = names.get(c.key);
    if (!list) names.set(c.key, (list = []));
    const flags = (c.marked ? MARKED : 0) | (c.distinctive ? DISTINCTIVE : 0);
    const breaks = c.breaks.join(',');
    const same = list.find((s) => s.cased === c.cased && s.flags === flags && s.breaks === breaks);
    if (same) {
      // Entries arrive in order, so a repeat of this entry can only be the last one.
      if (same.digests[same.digests.length - 1] !== at) same.digests.push(at);
    } else list.push({ cased: c.cased, flags, breaks, digests: [at] });
  };
  entries.forEach((e, at) => {
    for (const raw of e.methods) {
      if (typeof raw !== 'string') continue;
      const name = raw.normalize('NFC').trim();
      add(name, at, true);
      // The spelled-out form is plain letters, so it follows the rule of plain-letter names.
      const spelled = transliterateGreek(name);
      if (spelled) add(spelled, at, false);
    }
    for (const raw of e.arxiv) {
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      const id = normalizeArxivId(raw);
      const list = arxiv.get(id);
      if (!list) arxiv.set(id, [at]);
      else if (list[list.length - 1] !== at) list.push(at);
    }
  });
  const keys = [...names.keys()].sort(byUnits);
  const ids = [...arxiv.keys()].sort(byUnits);
  return {
    keys: keys.join('\n'),
    spellings: keys
      .map((k) =>
        names
          .get(k)!
          .map((s) => `${s.flags}/${s.cased === k ? '' : s.cased}/${s.breaks}/${s.digests.join(',')}`)
          .join('|'),
      )
      .join('\n'),
    arxiv: ids.join('\n'),
    arxivDigests: ids.map((id) => arxiv.get(id)!.join(',')).join('\n'),
  };
}

const split = (s: string): string[] => (s === '' ? [] : s.split('\n'));
const numbers = (s: string, base: number): number[] => (s === '' ? [] : s.split(',').map((x) => base + Number(x)));

/** Checks the shape of a compiled table read from disk; throws a message naming what is wrong. */
export function checkCompiledNames(value: unknown): CompiledNames {
  const v = value as Partial<CompiledNames> | null;
  if (!v || typeof v !== 'object') throw new Error('compiled name table is not an object');
  for (const k of ['keys', 'spellings', 'arxiv', 'arxivDigests'] as const) {
    if (typeof v[k] !== 'string') throw new Error(`compiled name table lacks "${k}"`);
  }
  return v as CompiledNames;
}

interface PrefixRange {
  from: number;
  to: number;
  /** Key lengths in the range, ascending. */
  lengths: number[];
}

/** One loaded table. Digest positions are offset by `base`, so several tables can share a scan. */
export class NameTable {
  private readonly keys: string[];
  private readonly packed: string[];
  private readonly decoded = new Map<number, Spelling[]>();
  /**
   * For the first PREFIX units of every key at least that long, where its keys are and which
   * lengths they have: most scan positions fail this one lookup, the rest try only lengths
   * that exist.
   */
  private readonly prefixes = new Map<number, PrefixRange>();
  /** Two-unit keys (`S4`, `μP`), as numbers, checked before slicing. */
  private readonly shortKeys = new Map<number, number>();
  private readonly arxivIds: string[];
  private readonly arxivPacked: string[];

  constructor(
    compiled: CompiledNames,
    readonly base: number,
  ) {
    this.keys = split(compiled.keys);
    this.packed = split(compiled.spellings);
    this.arxivIds = split(compiled.arxiv);
    this.arxivPacked = split(compiled.arxivDigests);
    if (this.packed.length !== this.keys.length || this.arxivPacked.length !== this.arxivIds.length) {
      throw new Error('compiled name table is inconsistent; rebuild with "npm run build"');
    }
    let range: PrefixRange | undefined;
    let rangeCode = -1;
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k];
      if (key.length < PREFIX) {
        if (key.length === 2) this.shortKeys.set(unitsCode(key, 0, 2), k);
        continue;
      }
      const code = unitsCode(key, 0, PREFIX);
      // Sorted keys keep each prefix contiguous (shorter keys sort before, never inside).
      if (code !== rangeCode || !range) {
        rangeCode = code;
        range = { from: k, to: k + 1, lengths: [key.length] };
        this.prefixes.set(code, range);
      } else {
        range.to = k + 1;
        const lens = range.lengths;
        if (!lens.includes(key.length)) {
          lens.push(key.length);
          if (lens.length > 1 && lens[lens.length - 2] > key.length) lens.sort((a, b) => a - b);
        }
      }
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /** Key lengths that start with this three-unit prefix code, ascending. */
  lengthsAt(prefixCode: number): readonly number[] | undefined {
    return this.prefixes.get(prefixCode)?.lengths;
  }

  hasShort(code: number): boolean {
    return this.shortKeys.has(code);
  }

  /** The spellings of a two-unit key, by its code. */
  shortSpellings(code: number): readonly Spelling[] | undefined {
    const k = this.shortKeys.get(code);
    return k === undefined ? undefined : this.spellingsOf(k);
  }

  /** The spellings of `key` (at least PREFIX units), whose prefix code is given. */
  spellings(key: string, prefixCode: number): readonly Spelling[] | undefined {
    const range = this.prefixes.get(prefixCode);
    if (!range) return undefined;
    const k = search(this.keys, key, range.from, range.to);
    return k < 0 ? undefined : this.spellingsOf(k);
  }

  /** Digest positions (global) of a normalized arXiv ID. */
  arxiv(id: string): readonly number[] {
    const k = search(this.arxivIds, id, 0, this.arxivIds.length);
    return k < 0 ? [] : numbers(this.arxivPacked[k], this.base);
  }

  private spellingsOf(k: number): Spelling[] {
    let list = this.decoded.get(k);
    if (!list) {
      const key = this.keys[k];
      list = this.packed[k].split('|').map((s) => {
        const [flags, cased, breaks, digests] = s.split('/');
        const f = Number(flags);
        return {
          cased: cased || key,
          marked: (f & MARKED) !== 0,
          distinctive: (f & DISTINCTIVE) !== 0,
          breaks: breaks ? breaks.split(',').map(Number) : NO_BREAKS,
          digests: numbers(digests ?? '', this.base),
        };
      });
      this.decoded.set(k, list);
    }
    return list;
  }
}

/** Position of `key` in the sorted `keys[from, to)`, or −1. */
function search(keys: readonly string[], key: string, from: number, to: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
