/**
 * Finds mentions of the corpus in text: arXiv IDs in every form (see arxiv.ts) and method
 * names. All names are compiled once (at build time for the bundle: nameTable.ts) into a table
 * from their skeleton key (recognizerText.ts) to spellings; a scan looks up the key of each
 * stretch of text between two word boundaries,
 * so the cost of a line depends on the line, not on how many names the corpus has.
 *
 * When does a name count? Names that are also ordinary words (`cope`, `diamond`, `fox`,
 * `raptor`) must not fire in prose, while code and citations must still find them:
 *
 * 1. Spelled exactly as the corpus spells it, and that spelling has a capital letter or
 *    several words (`CoPE`, `DIAMOND`, `FoX`, `RetNet`, `Mamba`, `task contamination`):
 *    always a mention.
 * 2. A distinctive name — four or more letters/digits with a digit, a non-Latin letter, or
 *    several parts and a capital (`Mamba-2`, `Δ-IRIS`, `MatMul-free`, `Cross-Layer Attention`)
 *    — in any case.
 * 3. Any other case variant (`cope`, `Diamond`, `RETNET`, `retnet`) only in code: as part of a
 *    longer identifier (`CopeAttention`, `use_cope`, `retnet_block`, `fox2025forgetting`), in
 *    backticks, called (`cope(`), accessed (`x.cope`, `cope.x`), assigned, quoted, imported,
 *    as a path segment (`./cope`), a LaTeX macro (`\cope`) or a citation key (`\cite{raptor}`).
 *
 * Either way a name starts and ends at a word or sub-word boundary (`fox` is not in
 * `firefox`, `CLA` not in `CLAUSE`), and a separator the text puts inside a name must fall
 * where the name has a part boundary (`Ret Net` is RetNet; `RAP TOR` is not RAPTOR). Names
 * with symbols other than separators (`LoRA+`, `∞-gram`) are not matched: without the symbol
 * they would be another name.
 */
import { findArxivIds } from './arxiv';
import { CompiledNames, NameTable, PREFIX, Spelling, TableEntry, compileNames, unitsCode } from './nameTable';
import { Boundary, Skeleton, skeletonize } from './recognizerText';
import { Mention } from './types';

export type RecognizerEntry = TableEntry;

export interface ScanOptions {
  /** Look for method names (default true). */
  methods?: boolean;
  /** Look for arXiv IDs (default true). */
  arxiv?: boolean;
}

/** Half-width of the window `mentionsAt` scans; well above the longest mention (URL or name). */
const WINDOW = 512;
/** `scanLine` works through long lines in pieces of this size, so memory stays bounded. */
const CHUNK = 8192;

export class Recognizer {
  private constructor(
    /** The bundled table, then (after `withExtra`) the user's: a scan consults each. */
    private readonly tables: readonly NameTable[],
    /** Digest ids by global position (each table's entries, in table order). */
    private readonly ids: readonly string[],
  ) {}

  /** Compiles `entries` now: for user folders, tests and the CLI. */
  static build(entries: readonly RecognizerEntry[]): Recognizer {
    return new Recognizer([new NameTable(compileNames(entries), 0)], entries.map((e) => e.id));
  }

  /** A table compiled at build time (`compileNames`) for the digests `ids`, in that order. */
  static load(compiled: CompiledNames, ids: readonly string[]): Recognizer {
    return new Recognizer([new NameTable(compiled, 0)], [...ids]);
  }

  /**
   * This recognizer plus more digests (the user's folders), compiled now. Mentions are the
   * same as those of `build` over all the entries, this recognizer's first.
   */
  withExtra(entries: readonly RecognizerEntry[]): Recognizer {
    if (entries.length === 0) return this;
    const table = new NameTable(compileNames(entries), this.ids.length);
    return new Recognizer([...this.tables, table], [...this.ids, ...entries.map((e) => e.id)]);
  }

  /** Number of name keys compiled, summed over the tables (for diagnostics and benchmarks). */
  get nameCount(): number {
    let n = 0;
    for (const t of this.tables) n += t.size;
    return n;
  }

  /** Ids of the digests with this arXiv ID (any form), in corpus order. */
  private arxivDigests(id: string): string[] {
    const out: string[] = [];
    for (const t of this.tables) {
      for (const at of t.arxiv(id)) {
        const d = this.ids[at];
        if (!out.includes(d)) out.push(d);
      }
    }
    return out;
  }

  /** Every mention on one line. Long lines are scanned in overlapping pieces. */
  scanLine(text: string, line: number, options?: ScanOptions): Mention[] {
    if (text.length <= CHUNK + 2 * WINDOW) return this.scanRange(text, line, 0, text.length, options);
    const out: Mention[] = [];
    for (let a = 0; a < text.length; a += CHUNK) {
      const b = Math.min(text.length, a + CHUNK);
      // Each piece sees WINDOW characters of context on both sides and keeps only the mentions
      // that start inside it, so nothing is found twice or cut in half.
      for (const m of this.scanRange(text, line, Math.max(0, a - WINDOW), Math.min(text.length, b + WINDOW), options)) {
        if (m.character >= a && m.character < b) out.push(m);
      }
    }
    return out;
  }

  /** The mentions covering `character`, scanning only a bounded window around it. */
  mentionsAt(text: string, line: number, character: number, options?: ScanOptions): Mention[] {
    if (character < 0 || character > text.length) return [];
    const from = Math.max(0, character - WINDOW);
    const to = Math.min(text.length, character + WINDOW);
    return this.scanRange(text, line, from, to, options).filter((m) => m.character <= character && character < m.endCharacter);
  }

  /** Mentions in a whole text, line by line (`\n`, `\r\n` or `\r`), up to `maxLines` lines. */
  scanText(text: string, options?: ScanOptions & { maxLines?: number }): Mention[] {
    const maxLines = options?.maxLines ?? Number.POSITIVE_INFINITY;
    const out: Mention[] = [];
    let line = 0;
    let at = 0;
    while (at <= text.length && line < maxLines) {
      let end = at;
      while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      const mentions = this.scanLine(text.slice(at, end), line, options);
      for (const m of mentions) out.push(m);
      if (end >= text.length) break;
      at = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
      line++;
    }
    return out;
  }

  private scanRange(text: string, line: number, from: number, to: number, options?: ScanOptions): Mention[] {
    const out: Mention[] = [];
    const arxivOn = options?.arxiv !== false;
    const methodsOn = options?.methods !== false && this.nameCount > 0;
    const ids = arxivOn ? findArxivIds(text, from, to) : [];
    for (const m of ids) {
      // A mention cut by the window edge would be reported with a wrong range: the next scan
      // (or the one with the cursor inside it) sees it whole.
      if ((m.start === from && from > 0) || (m.end === to && to < text.length)) continue;
      out.push({
        line,
        character: m.start,
        endCharacter: m.end,
        text: text.slice(m.start, m.end),
        kind: 'arxiv',
        arxiv: m.id,
        digests: this.arxivDigests(m.id),
      });
    }
    if (methodsOn) {
      let next = 0;
      for (const m of this.findNames(text, from, to)) {
        if (m.start === from && from > 0) continue;
        if (m.end === to && to < text.length) continue;
        while (next < ids.length && ids[next].end <= m.start) next++;
        if (next < ids.length && ids[next].start < m.end) continue;
        out.push({ line, character: m.start, endCharacter: m.end, text: text.slice(m.start, m.end), kind: 'method', digests: m.digests });
      }
      out.sort((a, b) => a.character - b.character);
    }
    return out;
  }

  /** Leftmost-longest name matches in `text[from, to)`, non-overlapping, in order. */
  private findNames(text: string, from: number, to: number): { start: number; end: number; digests: string[] }[] {
    const sk = skeletonize(text, from, to);
    const { low, kind } = sk;
    const n = low.length;
    // `reach[s]`: the first hard boundary after `s`; a name starting at `s` cannot cross it.
    const reach = new Int32Array(n + 1);
    reach[n] = n;
    for (let p = n - 1; p >= 0; p--) reach[p] = kind[p + 1] === Boundary.Hard ? p + 1 : reach[p + 1];
    // `seps[p]`: separators (`_`, `-`, space) at boundaries before `p`, to check a span in O(1).
    const seps = new Int32Array(n + 1);
    for (let p = 1; p <= n; p++) {
      const k = kind[p - 1];
      seps[p] = seps[p - 1] + (p > 1 && (k === Boundary.Underscore || k === Boundary.Hyphen || k === Boundary.Space) ? 1 : 0);
    }
    const found: { start: number; end: number; digests: string[] }[] = [];
    const ctx = new Context(text, from, to, sk, seps);
    let taken = 0;
    const tables = this.tables;
    for (let s = taken; s < n; s++) {
      if (kind[s] === Boundary.None || s < taken) continue;
      const limit = reach[s];
      let best: { e: number; digests: string[] } | undefined;
      if (s + 2 <= limit && kind[s + 2] !== Boundary.None) {
        const code = unitsCode(low, s, 2);
        let spellings: readonly Spelling[] | undefined;
        for (const t of tables) spellings = join(spellings, t.shortSpellings(code));
        const digests = spellings && this.accept(spellings, s, s + 2, ctx);
        if (digests) best = { e: s + 2, digests };
      }
      const code = s + PREFIX <= limit ? unitsCode(low, s, PREFIX) : -1;
      const lens = code < 0 ? undefined : tables.length === 1 ? tables[0].lengthsAt(code) : mergedLengths(tables, code);
      if (lens) {
        for (const len of lens) {
          const e = s + len;
          if (e > limit) break;
          if (kind[e] === Boundary.None) continue;
          const key = low.slice(s, e);
          let spellings: readonly Spelling[] | undefined;
          for (const t of tables) spellings = join(spellings, t.spellings(key, code));
          const digests = spellings && this.accept(spellings, s, e, ctx);
          if (digests) best = { e, digests };
        }
      }
      if (best) {
        found.push({ start: sk.start[s], end: sk.end[best.e - 1], digests: best.digests });
        taken = best.e;
      }
    }
    return found;
  }

  /** Digest ids of the spellings that count here, in corpus order; undefined when none does. */
  private accept(spellings: readonly Spelling[], s: number, e: number, ctx: Context): string[] | undefined {
    let positions: number[] | undefined;
    let sources = 0;
    for (const sp of spellings) {
      if (!separatorsFit(ctx, s, e, sp.breaks)) continue;
      const ok = (sp.marked && ctx.sk.cased.slice(s, e) === sp.cased) || sp.distinctive || ctx.isCode(s, e);
      if (!ok) continue;
      positions ??= [];
      sources++;
      for (const d of sp.digests) positions.push(d);
    }
    if (!positions) return undefined;
    if (sources > 1) positions.sort((a, b) => a - b);
    const out: string[] = [];
    for (const at of positions) {
      const id = this.ids[at];
      if (!out.includes(id)) out.push(id);
    }
    return out;
  }
}

/** Two spelling lists as one, allocating only when both have some. */
function join(a: readonly Spelling[] | undefined, b: readonly Spelling[] | undefined): readonly Spelling[] | undefined {
  if (!b) return a;
  if (!a) return b;
  return [...a, ...b];
}

/** Key lengths with this prefix in any table, ascending. */
function mergedLengths(tables: readonly NameTable[], code: number): readonly number[] | undefined {
  let out: number[] | undefined;
  for (const t of tables) {
    const lens = t.lengthsAt(code);
    if (!lens) continue;
    if (!out) out = [...lens];
    else for (const l of lens) if (!out.includes(l)) out.push(l);
  }
  return out?.sort((a, b) => a - b);
}

/** The separators that text puts inside a name must sit where the name itself has parts. */
function separatorsFit(ctx: Context, s: number, e: number, breaks: readonly number[]): boolean {
  const count = ctx.seps[e] - ctx.seps[s + 1];
  if (count === 0) return true;
  if (count > breaks.length) return false;
  const kind = ctx.sk.kind;
  for (let p = s + 1; p < e; p++) {
    const k = kind[p];
    if ((k === Boundary.Underscore || k === Boundary.Hyphen || k === Boundary.Space) && !breaks.includes(p - s)) return false;
  }
  return true;
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isIdentChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;

/** Whether a stretch of text sits in code rather than prose (rule 3 in the header). */
class Context {
  private backticks: Int32Array | undefined;

  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly to: number,
    readonly sk: Skeleton,
    readonly seps: Int32Array,
  ) {}

  private at(i: number): number {
    return i >= this.from && i < this.to ? this.text.charCodeAt(i) : -1;
  }

  isCode(s: number, e: number): boolean {
    const k0 = this.sk.kind[s];
    const k1 = this.sk.kind[e];
    if (k0 === Boundary.Camel || k0 === Boundary.Underscore || k1 === Boundary.Camel || k1 === Boundary.Underscore) return true;
    // `delta_iris`, `DeltaIris`: prose does not glue words with underscores or inner capitals.
    for (let p = s + 1; p < e; p++) {
      const k = this.sk.kind[p];
      if (k === Boundary.Camel || k === Boundary.Underscore) return true;
    }
    const a = this.sk.start[s];
    const b = this.sk.end[e - 1];
    const before = this.at(a - 1);
    const after = this.at(b);
    if (before === 95 || after === 95 || before === 64 /* @ */) return true;
    if (after === 40 /* ( */) return true;
    if (before === 46 && isIdentChar(this.at(a - 2))) return true;
    if (after === 46 && isIdentChar(this.at(b + 1))) return true;
    if ((before === 58 && this.at(a - 2) === 58) || (before === 62 && this.at(a - 2) === 45)) return true;
    if (after === 61 || (after === 32 && this.at(b + 1) === 61)) return true;
    if (before === 61 || (before === 32 && this.at(a - 2) === 61)) return true;
    if ((before === 34 || before === 39) && after === before) return true;
    // A LaTeX macro (`\\retnet`) or a path segment (`./cope`, `models/cope`).
    if (before === 92) return true;
    if (before === 47 && (isIdentChar(this.at(a - 2)) || this.at(a - 2) === 46)) return true;
    if (this.text.slice(Math.max(this.from, a - 7), a) === 'import ') return true;
    if (this.text.slice(b, Math.min(this.to, b + 7)) === ' import') return true;
    return this.inBackticks(a, b) || this.inCitation(a);
  }

  /** A key inside `\cite{…}` (any `\…cite…` macro), possibly after other keys. */
  private inCitation(a: number): boolean {
    const floor = Math.max(this.from, a - 200);
    let i = a - 1;
    for (; i >= floor; i--) {
      const c = this.text.charCodeAt(i);
      if (c === 123 /* { */) break;
      if (!(isIdentChar(c) || c === 44 || c === 32 || c === 45 || c === 58 || c === 46)) return false;
    }
    if (i < floor) return false;
    let j = i;
    while (j > floor && isAsciiLetter(this.text.charCodeAt(j - 1))) j--;
    return j > this.from && this.text.charCodeAt(j - 1) === 92 && this.text.slice(j, i).toLowerCase().includes('cite');
  }

  /** Inside a Markdown code span: an odd number of backticks before, and one after. */
  private inBackticks(a: number, b: number): boolean {
    if (!this.backticks) {
      const counts = new Int32Array(this.to - this.from + 1);
      for (let i = this.from; i < this.to; i++) counts[i - this.from + 1] = counts[i - this.from] + (this.text.charCodeAt(i) === 96 ? 1 : 0);
      this.backticks = counts;
    }
    const c = this.backticks;
    const before = c[a - this.from];
    return before % 2 === 1 && c[c.length - 1] - c[b - this.from] > 0;
  }
}
