/**
 * The recognizer's tables: method-name keys and arXiv IDs mapped to the digests that use them.
 *
 * Compiling a name (skeletonizing it, classifying its letters, finding its part boundaries)
 * costs microseconds, which is seconds for a corpus of 300,000 names. So the bundle compiles
 * the table at build time into a few plain strings (`CompiledNames`): keys sorted, and each key's
 * spellings packed as text that is decoded only when a scan meets the key. Loading a table is
 * one pass over the sorted keys, in place, to find their three-unit prefixes; a lookup is a
 * binary search for the prefix and one inside its range of keys.
 *
 * `compileNames` is the one place names are compiled: the bundle calls it at build time, and
 * `Recognizer.build` calls it for user folders and tests, so both paths share every rule.
 */
import { normalizeArxivId } from '../arxiv/arxiv';
import { CharClass, transliterateGreek } from './recognizerChars';
import { Boundary, skeletonize } from './recognizerText';
import { byUnits } from '../util/order';
import { digestNames } from '../digest/curation';

export interface TableEntry {
  id: string;
  arxiv: readonly string[];
  methods: readonly string[];
  /** Names code uses for the paper's official implementation (package, module, repository). */
  aliases?: readonly string[];
}

export interface CompileOptions {
  /**
   * Whether a lower-case word is an English word. The bundle passes a full word list at build
   * time; without one (user folders compiled at run time) a plain word of up to eight letters,
   * not in capitals, is taken for a possible English word (`forward`, `Raptor`; not `zorbulator`
   * or `LOCOST`), which only ever asks for more evidence.
   */
  isWord?: (word: string) => boolean;
}

/**
 * Names of other well-known software that corpus names collide with and that a word list does
 * not catch (`mamba` the package manager is an English word too, but `conda`-style names are not).
 */
const OTHER_SOFTWARE = new Set(['raptor', 'diamond', 'mamba', 'storm', 'spectrum', 'locust', 'phoenix', 'falcon']);

/**
 * A compiled table, as the bundle stores it. Digests are referred to by their position in the
 * entries the table was compiled from (the bundle's digest order).
 */
export interface CompiledNames {
  /** Name keys (skeletons: letters, digits and marks only), sorted by UTF-16 units, `\n`-joined. */
  keys: string;
  /**
   * Per key (`\n`-joined), its spellings joined by `|`; a spelling is
   * `flags/cased/breaks/digests`: flags 1 = marked, 2 = distinctive, 4 = word, 8 = short, 16 = coined; `cased` empty when it equals
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
  /**
   * An English word, a phrase of them, or the name of other software: counts only with
   * supporting evidence in the document (see mentionEvidence.ts).
   */
  word: boolean;
  /** A short acronym (up to four letters and digits, one part): needs evidence of its own digest. */
  short: boolean;
  /**
   * A short coinage with inner capitals (`ReFT`, `CoPE`, `FoX`), not an all-capitals acronym
   * (`CLA`, `NAT`): in ML code it is the paper's name far more often than something else's.
   */
  coined: boolean;
  /** Skeleton offsets where the name has a part boundary; separators in the text must fall here. */
  breaks: readonly number[];
  /** Positions of the digests (global: the table's base is already added). */
  digests: readonly number[];
}

/** Longest name kept, in skeleton units; longer "names" are sentences, not identifiers. */
const MAX_KEY = 64;
export const PREFIX = 3;
/** Without a word list, plain words up to this long may be English words. */
const MAYBE_WORD_LENGTH = 8;
/** How a spelling's flags are packed into the table: one bit each. */
const FLAG_BITS = { marked: 1, distinctive: 2, word: 4, short: 8, coined: 16 } as const;
type Flag = keyof typeof FLAG_BITS;
const FLAGS = Object.keys(FLAG_BITS) as Flag[];

function packFlags(s: Record<Flag, boolean>): number {
  let f = 0;
  for (const flag of FLAGS) if (s[flag]) f |= FLAG_BITS[flag];
  return f;
}

function unpackFlags(f: number): Record<Flag, boolean> {
  const out = {} as Record<Flag, boolean>;
  for (const flag of FLAGS) out[flag] = (f & FLAG_BITS[flag]) !== 0;
  return out;
}

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

interface CompiledName extends Omit<Spelling, 'digests' | 'breaks'> {
  key: string;
  breaks: number[];
}

function compileName(name: string, distinctiveAllowed: boolean, isWord: ((w: string) => boolean) | undefined): CompiledName | undefined {
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
  const short = !parts && key.length <= 4;
  let word = OTHER_SOFTWARE.has(key);
  // Several capitalized words (`Noise As Targets`) name something; a spelled-out Greek form
  // (`Delta-IRIS`) is judged by its words.
  if (!word && !digit && (!(parts && upper) || !distinctiveAllowed)) {
    // One word, or a lower-case phrase: a word when every part is one.
    const cuts = [0, ...breaks.filter((b) => sk.kind[b] >= Boundary.Underscore), key.length];
    const camel = breaks.some((b) => sk.kind[b] < Boundary.Underscore);
    // Without a list, an all-capitals name (`TOFST`, `LOCOST`) is taken for an acronym.
    const allCaps = upper && sk.cased === sk.cased.toUpperCase();
    word = !camel;
    for (let i = 0; word && i + 1 < cuts.length; i++) {
      const part = key.slice(cuts[i], cuts[i + 1]);
      // Without a list, any part of a phrase may be a word; a lone word only when short.
      word = isWord ? isWord(part) : cuts.length > 2 || (part.length <= MAYBE_WORD_LENGTH && !allCaps);
    }
  }
  // Inner capitals after a lower-case letter: `ReFT`, `CoPE`, `FoX`, `muP`.
  const coined = short && breaks.some((b) => sk.kind[b] === Boundary.Camel && sk.cls[b] === CharClass.Upper);
  return { key, cased: sk.cased, marked: upper || parts, distinctive, word, short, coined, breaks };
}

interface Pending {
  cased: string;
  flags: number;
  breaks: string;
  digests: number[];
}


/** Compiles the names and arXiv IDs of `entries` into the table the bundle ships. */
export function compileNames(entries: readonly TableEntry[], options: CompileOptions = {}): CompiledNames {
  const names = new Map<string, Pending[]>();
  const arxiv = new Map<string, number[]>();
  const add = (spelling: string, at: number, distinctiveAllowed: boolean): void => {
    const c = compileName(spelling, distinctiveAllowed, options.isWord);
    if (!c) return;
    let list = names.get(c.key);
    if (!list) names.set(c.key, (list = []));
    const flags = packFlags(c);
    const breaks = c.breaks.join(',');
    const same = list.find((s) => s.cased === c.cased && s.flags === flags && s.breaks === breaks);
    if (same) {
      // Entries arrive in order, so a repeat of this entry can only be the last one.
      if (same.digests[same.digests.length - 1] !== at) same.digests.push(at);
    } else list.push({ cased: c.cased, flags, breaks, digests: [at] });
  };
  entries.forEach((e, at) => {
    for (const raw of digestNames(e)) {
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

const numbers = (s: string, base: number): number[] => (s === '' ? [] : s.split(',').map((x) => base + Number(x)));

/**
 * `\n`-separated lines of one string, read in place: finding the lines allocates one typed
 * array, and a line becomes a string only when asked for.
 */
class Lines {
  /** Start of each line, plus one past the end of the last. */
  private readonly starts: Int32Array;

  constructor(private readonly text: string) {
    if (text === '') {
      this.starts = new Int32Array(1);
      return;
    }
    let count = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count + 1);
    let line = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    starts[count] = text.length + 1;
    this.starts = starts;
  }

  get count(): number {
    return this.starts.length - 1;
  }

  start(i: number): number {
    return this.starts[i];
  }

  length(i: number): number {
    return this.starts[i + 1] - this.starts[i] - 1;
  }

  line(i: number): string {
    return this.text.slice(this.starts[i], this.starts[i + 1] - 1);
  }

  charCodeAt(at: number): number {
    return this.text.charCodeAt(at);
  }

  /** Compares line `i` with `key` by UTF-16 units, like `<` on strings. */
  compare(i: number, key: string): number {
    const at = this.starts[i];
    const len = this.starts[i + 1] - 1 - at;
    const n = Math.min(len, key.length);
    for (let j = 0; j < n; j++) {
      const d = this.text.charCodeAt(at + j) - key.charCodeAt(j);
      if (d !== 0) return d;
    }
    return len - key.length;
  }

  /** Position of `key` among the sorted lines `[from, to)`, or −1. */
  find(key: string, from: number, to: number): number {
    let lo = from;
    let hi = to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(mid, key);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** Checks the shape of a compiled table read from disk; throws a message naming what is wrong. */
export function checkCompiledNames(value: unknown): CompiledNames {
  const v = value as Partial<CompiledNames> | null;
  if (!v || typeof v !== 'object') throw new Error('compiled name table is not an object');
  for (const k of ['keys', 'spellings', 'arxiv', 'arxivDigests'] as const) {
    if (typeof v[k] !== 'string') throw new Error(`compiled name table lacks "${k}"`);
  }
  return v as CompiledNames;
}

/** One loaded table. Digest positions are offset by `base`, so several tables can share a scan. */
export class NameTable {
  private readonly keys: Lines;
  private readonly packed: Lines;
  private readonly decoded = new Map<number, Spelling[]>();
  /**
   * For the first PREFIX units of every key at least that long (ascending, as the keys are
   * sorted), the range of keys that start with them: most scan positions fail this one lookup,
   * the rest try only the lengths that exist.
   */
  private readonly prefixCode: Float64Array;
  private readonly prefixFrom: Int32Array;
  private readonly prefixTo: Int32Array;
  private readonly prefixLengths = new Map<number, number[]>();
  /** Two-unit keys (`S4`, `μP`), as numbers, checked before slicing. */
  private readonly shortKeys = new Map<number, number>();
  private readonly arxivIds: Lines;
  private readonly arxivPacked: Lines;

  constructor(
    compiled: CompiledNames,
    readonly base: number,
  ) {
    const keys = (this.keys = new Lines(compiled.keys));
    this.packed = new Lines(compiled.spellings);
    this.arxivIds = new Lines(compiled.arxiv);
    this.arxivPacked = new Lines(compiled.arxivDigests);
    if (this.packed.count !== keys.count || this.arxivPacked.count !== this.arxivIds.count) {
      throw new Error('compiled name table is inconsistent; rebuild with "npm run build"');
    }
    const n = keys.count;
    const codes = new Float64Array(n);
    const from = new Int32Array(n);
    const to = new Int32Array(n);
    let ranges = 0;
    let last = -1;
    for (let k = 0; k < n; k++) {
      const len = keys.length(k);
      const at = keys.start(k);
      if (len < PREFIX) {
        if (len === 2) this.shortKeys.set((2 * 65536 + keys.charCodeAt(at)) * 65536 + keys.charCodeAt(at + 1), k);
        continue;
      }
      const code = ((3 * 65536 + keys.charCodeAt(at)) * 65536 + keys.charCodeAt(at + 1)) * 65536 + keys.charCodeAt(at + 2);
      // Sorted keys keep each prefix contiguous (shorter keys sort before, never inside).
      if (code !== last) {
        codes[ranges] = last = code;
        from[ranges] = k;
        ranges++;
      }
      to[ranges - 1] = k + 1;
    }
    this.prefixCode = codes.subarray(0, ranges);
    this.prefixFrom = from.subarray(0, ranges);
    this.prefixTo = to.subarray(0, ranges);
  }

  get size(): number {
    return this.keys.count;
  }

  /** Key lengths that start with this three-unit prefix code, ascending. */
  lengthsAt(prefixCode: number): readonly number[] | undefined {
    const r = this.range(prefixCode);
    if (r < 0) return undefined;
    let lens = this.prefixLengths.get(r);
    if (!lens) {
      lens = [];
      for (let k = this.prefixFrom[r]; k < this.prefixTo[r]; k++) {
        const len = this.keys.length(k);
        if (!lens.includes(len)) lens.push(len);
      }
      lens.sort((a, b) => a - b);
      this.prefixLengths.set(r, lens);
    }
    return lens;
  }

  /** The spellings of a two-unit key, by its code. */
  shortSpellings(code: number): readonly Spelling[] | undefined {
    const k = this.shortKeys.get(code);
    return k === undefined ? undefined : this.spellingsOf(k);
  }

  /** The spellings of `key` (at least PREFIX units), whose prefix code is given. */
  spellings(key: string, prefixCode: number): readonly Spelling[] | undefined {
    const r = this.range(prefixCode);
    if (r < 0) return undefined;
    const k = this.keys.find(key, this.prefixFrom[r], this.prefixTo[r]);
    return k < 0 ? undefined : this.spellingsOf(k);
  }

  /** Digest positions (global) of a normalized arXiv ID. */
  arxiv(id: string): readonly number[] {
    const k = this.arxivIds.find(id, 0, this.arxivIds.count);
    return k < 0 ? [] : numbers(this.arxivPacked.line(k), this.base);
  }

  private range(code: number): number {
    const codes = this.prefixCode;
    let lo = 0;
    let hi = codes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = codes[mid];
      if (c === code) return mid;
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private spellingsOf(k: number): Spelling[] {
    let list = this.decoded.get(k);
    if (!list) {
      const key = this.keys.line(k);
      list = this.packed
        .line(k)
        .split('|')
        .map((s) => {
          const [flags, cased, breaks, digests] = s.split('/');
          return {
            cased: cased || key,
            ...unpackFlags(Number(flags)),
            breaks: breaks ? breaks.split(',').map(Number) : NO_BREAKS,
            digests: numbers(digests ?? '', this.base),
          };
        });
      this.decoded.set(k, list);
    }
    return list;
  }
}
