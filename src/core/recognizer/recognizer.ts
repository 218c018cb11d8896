/**
 * Finds mentions of the corpus in text: arXiv IDs in every form (see arxiv.ts) and method
 * names. All names are compiled once (at build time for the bundle: nameTable.ts) into a table
 * from their skeleton key (recognizerText.ts) to spellings; a scan looks up the key of each
 * stretch of text between two word boundaries, so the cost of a line depends on the line, not
 * on how many names the corpus has.
 *
 * Whether a match counts is decided for the whole document at once (mentionEvidence.ts: one
 * rule, evidence from the whole document), and the result is cached per document version, so
 * the hover, *In This File* and the CLI agree and a hover never rescans the document.
 *
 * A name starts and ends at a word or sub-word boundary (`fox` is not in `firefox`, `CLA` not in
 * `CLAUSE`), may take a plural `s` (`ReFTs`), and a separator the text puts inside a name must
 * fall where the name has a part boundary (`Ret Net` is RetNet; `RAP TOR` is not RAPTOR). Names
 * with symbols other than separators (`LoRA+`, `∞-gram`) are not matched: without the symbol
 * they would be another name.
 */
import { findArxivIds } from '../arxiv/arxiv';
import { citationKeysIn, isCiteMacro } from './bibliography';
import { decideMentions, EvidenceEntry, inEncodedData, initialsOf, isMinifiedLine, NameCandidate, NameSense } from './mentionEvidence';
import { CompiledNames, CompileOptions, NameTable, PREFIX, Spelling, TableEntry, compileNames, unitsCode } from './nameTable';
import { Boundary, Skeleton, skeletonize } from './recognizerText';
import { Mention } from '../types';
import { digestNames } from '../digest/curation';

export type RecognizerEntry = TableEntry & EvidenceEntry;

/** Citation key → digest ids (bibliography.ts). */
export type Citations = ReadonlyMap<string, readonly string[]>;

/** Digests a single name may stand for in one mention; more are cut (they cannot all be shown). */
export const MAX_DIGESTS_PER_NAME = 50;
/** Lines of a document looked at (the rest is not scanned; *In This File* says so). */
export const MAX_DOCUMENT_LINES = 200_000;

/** Entries by global position, for the evidence (titles, other names); parsed only when asked. */
interface EntrySource {
  at(i: number): RecognizerEntry | undefined;
}

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
  /**
   * Decisions by document object (not by URI: an untitled document's URI is reused by the next
   * one, at version 1 again), dropped with the document.
   */
  private readonly documents = new WeakMap<object, { version: number; mentions: DocumentMentions; citations?: Citations }>();
  /** Work done, for tests that check growth (digest positions visited by scans). */
  work = 0;

  private constructor(
    /** The bundled table, then (after `withExtra`) the user's: a scan consults each. */
    private readonly tables: readonly NameTable[],
    /** Digest ids by global position (each table's entries, in table order). */
    private readonly ids: readonly string[],
    private readonly entries: EntrySource,
  ) {}

  /** Compiles `entries` now: for user folders, tests and the CLI. */
  static build(entries: readonly RecognizerEntry[], options?: CompileOptions): Recognizer {
    return new Recognizer([new NameTable(compileNames(entries, options), 0)], entries.map((e) => e.id), { at: (i) => entries[i] });
  }

  /** A table compiled at build time (`compileNames`) for the digests `ids`, in that order. */
  static load(compiled: CompiledNames, ids: readonly string[], entries?: EntrySource): Recognizer {
    return new Recognizer([new NameTable(compiled, 0)], [...ids], entries ?? { at: () => undefined });
  }

  /**
   * This recognizer plus more digests (the user's folders), compiled now. Mentions are the
   * same as those of `build` over all the entries, this recognizer's first.
   */
  withExtra(entries: readonly RecognizerEntry[], options?: CompileOptions): Recognizer {
    if (entries.length === 0) return this;
    const base = this.ids.length;
    const table = new NameTable(compileNames(entries, options), base);
    const first = this.entries;
    return new Recognizer([...this.tables, table], [...this.ids, ...entries.map((e) => e.id)], {
      at: (i) => (i < base ? first.at(i) : entries[i - base]),
    });
  }

  /** Number of name keys compiled, summed over the tables (for diagnostics and benchmarks). */
  get nameCount(): number {
    let n = 0;
    for (const t of this.tables) n += t.size;
    return n;
  }

  /** Every mention on one line, decided with what that line alone says. */
  scanLine(text: string, line: number, options?: ScanOptions): Mention[] {
    return filterKinds(this.analyze([text], { firstLine: line }).mentions, options);
  }

  /**
   * The mentions covering `character` (anywhere on the identifier that holds the name), decided
   * with what the window around it says. The hover uses `document(…)` instead, which decides
   * with the whole document.
   */
  mentionsAt(text: string, line: number, character: number, options?: ScanOptions): Mention[] {
    if (character < 0 || character > text.length) return [];
    const from = Math.max(0, character - WINDOW);
    const to = Math.min(text.length, character + WINDOW);
    const raw = this.candidatesIn(text, line, from, to, options);
    const all = this.decide([text], raw);
    return mentionsCovering(all, text, character);
  }

  /** Mentions in a whole text, line by line (`\n`, `\r\n` or `\r`), up to `maxLines` lines. */
  scanText(text: string, options?: ScanOptions & { maxLines?: number }): Mention[] {
    return filterKinds(this.analyze(splitLines(text, options?.maxLines ?? MAX_DOCUMENT_LINES)).mentions, options);
  }

  /**
   * The decided mentions of a document given as lines. `citations` (citation key → digest ids,
   * from the workspace's `.bib` files: bibliography.ts) makes `\cite{key}` and `@key` mentions,
   * which are also evidence for their digests.
   */
  analyze(lines: readonly string[], options?: { firstLine?: number; citations?: Citations }): DocumentMentions {
    const first = options?.firstLine ?? 0;
    const raw: Raw = { names: [], certain: [] };
    const n = Math.min(lines.length, MAX_DOCUMENT_LINES);
    const citations = options?.citations;
    for (let i = 0; i < n; i++) {
      const lineStart = raw.names.length;
      this.scanInto(raw, lines[i], first + i);
      if (citations && citations.size > 0) this.citationsInto(raw, lines[i], first + i, citations, lineStart);
    }
    return new DocumentMentions(this.decide(lines, raw), lines.length > MAX_DOCUMENT_LINES);
  }

  private positionOf: Map<string, number> | undefined;

  /** `lineStart`: where this line's name candidates begin in `raw.names`. */
  private citationsInto(raw: Raw, text: string, line: number, citations: Citations, lineStart: number): void {
    for (const c of citationKeysIn(text)) {
      const ids = citations.get(c.key);
      if (!ids) continue;
      if (!this.positionOf) {
        this.positionOf = new Map();
        this.ids.forEach((id, at) => this.positionOf!.has(id) || this.positionOf!.set(id, at));
      }
      const positions = ids.map((id) => this.positionOf!.get(id)).filter((p): p is number => p !== undefined);
      if (positions.length === 0) continue;
      // The key replaces any name found inside it (`sun2023retentive` is one mention).
      for (let k = raw.names.length - 1; k >= lineStart; k--) {
        const m = raw.names[k];
        if (m.end > c.start && m.start < c.end) raw.names.splice(k, 1);
      }
      raw.certain.push({
        positions,
        mention: { line, character: c.start, endCharacter: c.end, text: c.key, kind: 'method', name: c.key, digests: unique(positions.map((p) => this.ids[p])).slice(0, MAX_DIGESTS_PER_NAME) },
      });
    }
  }

  /**
   * The decided mentions of document `key` at `version`, computed once per version: the hover
   * and *In This File* call this and share the result.
   */
  document(key: object, version: number, lines: () => readonly string[], citations?: Citations): DocumentMentions {
    const hit = this.documents.get(key);
    if (hit && hit.version === version && hit.citations === citations) return hit.mentions;
    const mentions = this.analyze(lines(), { citations });
    this.documents.set(key, { version, mentions, citations });
    return mentions;
  }

  /**
   * The hover's answer at `character` of `line` (text `text`) in document `key` at `version`:
   * from the document's decision when it is made (or needed: an ambiguous name under the
   * cursor), else from the line alone — unambiguous names and arXiv IDs do not depend on the
   * rest of the document, so the first hover in a big file does not wait for all of it.
   */
  hoverAt(key: object, version: number, lines: () => readonly string[], line: number, character: number, text: string, citations?: Citations): Mention[] {
    const hit = this.documents.get(key);
    if (hit && hit.version === version && hit.citations === citations) return hit.mentions.at(line, character, text);
    if (character < 0 || character > text.length) return [];
    if (!citations || citations.size === 0) {
      const from = Math.max(0, character - WINDOW);
      const to = Math.min(text.length, character + WINDOW);
      const raw = this.candidatesIn(text, line, from, to);
      const here = (m: { start: number; end: number }) => covers(text, { character: m.start, endCharacter: m.end, kind: 'method' }, character);
      raw.names = raw.names.filter(here);
      raw.certain = raw.certain.filter((a) => a.mention.character <= character && character < a.mention.endCharacter);
      if (raw.names.every((c) => c.senses.every((sense) => sense.unambiguous))) return this.decide([text], raw);
    }
    return this.document(key, version, lines, citations).at(line, character, text);
  }

  private decide(lines: readonly string[], raw: Raw): Mention[] {
    return decideMentions({
      lines,
      names: raw.names,
      certain: raw.certain,
      idOf: (at) => this.ids[at],
      entry: (at) => this.entries.at(at),
      ownNames: (at) => {
        const e = this.entries.at(at);
        return e ? digestNames(e).filter((m) => typeof m === 'string' && initialsOf(m) !== '') : [];
      },
    });
  }

  private scanInto(raw: Raw, text: string, line: number): void {
    if (text.length <= CHUNK + 2 * WINDOW) {
      const r = this.candidatesIn(text, line, 0, text.length);
      for (const x of r.names) raw.names.push(x);
      for (const x of r.certain) raw.certain.push(x);
      return;
    }
    const minified = isMinifiedLine(text);
    for (let a = 0; a < text.length; a += CHUNK) {
      const b = Math.min(text.length, a + CHUNK);
      // Each piece sees WINDOW characters of context on both sides and keeps only the mentions
      // that start inside it, so nothing is found twice or cut in half.
      const r = this.candidatesIn(text, line, Math.max(0, a - WINDOW), Math.min(text.length, b + WINDOW), undefined, minified);
      for (const x of r.names) if (x.start >= a && x.start < b) raw.names.push(x);
      for (const x of r.certain) if (x.mention.character >= a && x.mention.character < b) raw.certain.push(x);
    }
  }

  /** Ids of the digests with this arXiv ID (any form), in corpus order, as positions. */
  private arxivPositions(id: string): number[] {
    const out: number[] = [];
    for (const t of this.tables) for (const at of t.arxiv(id)) if (!out.includes(at)) out.push(at);
    return out;
  }

  private candidatesIn(text: string, line: number, from: number, to: number, options?: ScanOptions, minified?: boolean): Raw {
    const out: Raw = { names: [], certain: [] };
    const ids = options?.arxiv !== false ? findArxivIds(text, from, to) : [];
    for (const m of ids) {
      // A mention cut by the window edge would be reported with a wrong range: the next scan
      // (or the one with the cursor inside it) sees it whole.
      if ((m.start === from && from > 0) || (m.end === to && to < text.length)) continue;
      const positions = this.arxivPositions(m.id);
      out.certain.push({
        positions,
        mention: { line, character: m.start, endCharacter: m.end, text: text.slice(m.start, m.end), kind: 'arxiv', arxiv: m.id, digests: unique(positions.map((p) => this.ids[p])) },
      });
    }
    if (options?.methods === false || this.nameCount === 0) return out;
    // Minified and machine-written lines spell names by accident; IDs there are still real.
    if (minified ?? isMinifiedLine(text)) return out;
    let next = 0;
    for (const m of this.findNames(text, from, to)) {
      if (m.start === from && from > 0) continue;
      if (m.end === to && to < text.length) continue;
      while (next < ids.length && ids[next].end <= m.start) next++;
      if (next < ids.length && ids[next].start < m.end) continue;
      if (inEncodedData(text, m.start, m.end)) continue;
      out.names.push({ line, start: m.start, end: m.end, text: text.slice(m.start, m.end), name: m.name, key: m.key, senses: m.senses });
    }
    return out;
  }

  /** Leftmost-longest name matches in `text[from, to)`, non-overlapping, in order. */
  private findNames(text: string, from: number, to: number): Found[] {
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
    const found: Found[] = [];
    const ctx = new Context(text, from, to, sk, seps);
    let taken = 0;
    const tables = this.tables;
    // A plural `s` right after a name, then a boundary: `ReFTs`, `RetNets`. Checked per spelling
    // below: an English word with an `s` (`diamonds`) is just the plural of the word.
    const endAt = (e: number): number => (kind[e] !== Boundary.None ? e : e < n && low.charCodeAt(e) === 115 && kind[e + 1] !== Boundary.None ? e + 1 : -1);
    for (let s = taken; s < n; s++) {
      if (kind[s] === Boundary.None || s < taken) continue;
      const limit = reach[s];
      let best: { e: number; end: number; spellings: readonly Spelling[] } | undefined;
      if (s + 2 <= limit && endAt(s + 2) >= 0) {
        const code = unitsCode(low, s, 2);
        let spellings: readonly Spelling[] | undefined;
        for (const t of tables) spellings = join(spellings, t.shortSpellings(code));
        const end = endAt(s + 2);
        if (spellings && this.fits(spellings, s, s + 2, ctx, end > s + 2)) best = { e: s + 2, end, spellings };
      }
      const code = s + PREFIX <= limit ? unitsCode(low, s, PREFIX) : -1;
      const lens = code < 0 ? undefined : tables.length === 1 ? tables[0].lengthsAt(code) : mergedLengths(tables, code);
      if (lens) {
        for (const len of lens) {
          const e = s + len;
          if (e > limit) break;
          const end = endAt(e);
          if (end < 0 || end > limit) continue;
          const key = low.slice(s, e);
          let spellings: readonly Spelling[] | undefined;
          for (const t of tables) spellings = join(spellings, t.spellings(key, code));
          if (spellings && this.fits(spellings, s, e, ctx, end > e)) best = { e, end, spellings };
        }
      }
      if (best) {
        const f = this.senses(best.spellings, s, best.e, ctx, best.end > best.e);
        if (f) {
          found.push({ start: sk.start[s], end: sk.end[best.end - 1], ...f, key: low.slice(s, best.e) });
          taken = best.end;
        }
      }
    }
    return found;
  }

  private fits(spellings: readonly Spelling[], s: number, e: number, ctx: Context, plural: boolean): boolean {
    for (const sp of spellings) if ((!plural || !sp.word) && separatorsFit(ctx, s, e, sp.breaks)) return true;
    return false;
  }

  /** What each digest the spellings name makes of this place; undefined when no spelling fits. */
  private senses(spellings: readonly Spelling[], s: number, e: number, ctx: Context, plural: boolean): { name: string; senses: NameSense[] } | undefined {
    const byAt = new Map<number, NameSense>();
    let name: string | undefined;
    let codeLike: boolean | undefined;
    for (const sp of spellings) {
      if ((plural && sp.word) || !separatorsFit(ctx, s, e, sp.breaks)) continue;
      const unambiguous = !sp.word && !sp.short;
      const exact = sp.marked && ctx.sk.cased.slice(s, e) === sp.cased;
      // The corpus's spelling: the one the text matches exactly, else the first.
      if (name === undefined || exact) name = sp.cased;
      let code = false;
      if (!unambiguous) code = exact || sp.distinctive || (codeLike ??= ctx.isCode(s, e));
      for (const at of sp.digests) {
        this.work++;
        const had = byAt.get(at);
        if (!had) {
          // Positions ascend: past the cap, the rest of this spelling's digests are not shown.
          if (byAt.size >= MAX_DIGESTS_PER_NAME) break;
          byAt.set(at, { at, unambiguous, short: sp.short && !sp.coined, codeLike: code });
        } else {
          had.unambiguous ||= unambiguous;
          had.short &&= sp.short && !sp.coined;
          had.codeLike ||= code;
        }
      }
    }
    if (name === undefined) return undefined;
    const senses = [...byAt.values()].sort((a, b) => a.at - b.at);
    return { name, senses };
  }
}

interface Found {
  start: number;
  end: number;
  name: string;
  key: string;
  senses: NameSense[];
}

interface Raw {
  names: NameCandidate[];
  /** arXiv IDs and citation keys: accepted as found (see DecideInput.certain). */
  certain: { mention: Mention; positions: readonly number[] }[];
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function filterKinds(mentions: readonly Mention[], options?: ScanOptions): Mention[] {
  if (options?.methods !== false && options?.arxiv !== false) return [...mentions];
  return mentions.filter((m) => (m.kind === 'method' ? options?.methods !== false : options?.arxiv !== false));
}

/** A text's lines (`\n`, `\r\n` or `\r`), at most `max`. */
export function splitLines(text: string, max = MAX_DOCUMENT_LINES): string[] {
  const out: string[] = [];
  let at = 0;
  while (at <= text.length && out.length < max) {
    let end = at;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    out.push(text.slice(at, end));
    if (end >= text.length) break;
    at = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return out;
}

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;

/**
 * The identifier that holds a mention (`golovneva2024cope`, `use_cla`, `fox-pro-760m`): letters,
 * digits, `_`, `$`, and hyphens between them. A hover anywhere on it shows the card.
 */
export function identifierRange(text: string, m: Pick<Mention, 'character' | 'endCharacter' | 'kind'>): { start: number; end: number } {
  if (m.kind !== 'method') return { start: m.character, end: m.endCharacter };
  let a = m.character;
  const floor = Math.max(0, a - 128);
  while (a > floor && (isWordChar(text.charCodeAt(a - 1)) || (text.charCodeAt(a - 1) === 45 && a - 2 >= 0 && isWordChar(text.charCodeAt(a - 2))))) a--;
  let b = m.endCharacter;
  const ceil = Math.min(text.length, b + 128);
  while (b < ceil && (isWordChar(text.charCodeAt(b)) || (text.charCodeAt(b) === 45 && b + 1 < text.length && isWordChar(text.charCodeAt(b + 1))))) b++;
  return { start: a, end: b };
}

/** Whether the identifier that holds `m` covers `character` (where a hover shows its card). */
function covers(text: string, m: Pick<Mention, 'character' | 'endCharacter' | 'kind'>, character: number): boolean {
  const r = identifierRange(text, m);
  return r.start <= character && character < r.end;
}

/** The mentions of one line whose identifier covers `character`. */
function mentionsCovering(mentions: readonly Mention[], text: string, character: number): Mention[] {
  return mentions.filter((m) => covers(text, m, character));
}

/** A document's decided mentions, with a lookup by line for the hover. */
export class DocumentMentions {
  private byLine: Map<number, Mention[]> | undefined;

  constructor(
    readonly mentions: readonly Mention[],
    /** More lines than `MAX_DOCUMENT_LINES`: the rest was not scanned. */
    readonly truncated: boolean,
  ) {}

  /** The mentions under `character` on `line` (whose text is `text`). */
  at(line: number, character: number, text: string): Mention[] {
    if (!this.byLine) {
      const map = new Map<number, Mention[]>();
      for (const m of this.mentions) {
        const list = map.get(m.line);
        if (list) list.push(m);
        else map.set(m.line, [m]);
      }
      this.byLine = map;
    }
    return mentionsCovering(this.byLine.get(line) ?? [], text, character);
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
const isIdentChar = (c: number): boolean => isWordChar(c) || c > 127;

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
    // A command-line flag (`--cope-sep-key`) or a kebab-case compound with a digit (`fox-pro-760m`).
    if (before === 45 && this.at(a - 2) === 45) return true;
    if ((before === 45 || after === 45) && this.compoundHasDigit(a, b)) return true;
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

  /** The hyphen-joined word around `[a, b)` has a digit (`fox-pro-760m`, `retnet-1.3b`). */
  private compoundHasDigit(a: number, b: number): boolean {
    const isPart = (c: number): boolean => isIdentChar(c) || c === 45 || c === 46;
    let i = a;
    const floor = Math.max(this.from, a - 64);
    while (i > floor && isPart(this.text.charCodeAt(i - 1))) i--;
    let j = b;
    const ceil = Math.min(this.to, b + 64);
    while (j < ceil && isPart(this.text.charCodeAt(j))) j++;
    for (let p = i; p < j; p++) {
      const c = this.text.charCodeAt(p);
      if (c >= 48 && c <= 57) return true;
    }
    return false;
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
    return j > this.from && this.text.charCodeAt(j - 1) === 92 && isCiteMacro(this.text.slice(j, i));
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
