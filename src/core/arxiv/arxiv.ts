/**
 * The one definition of an arXiv ID: parse, normalize, validate, find in text, link. The hover,
 * the validator, the importer, citations and the digest view all call this module, so an ID the
 * validator accepts is one the hover finds, and the other way round.
 *
 * Finding is hand-written scanning, no regex: the input is whatever the user has open (minified
 * bundles, binary files), so the cost must stay linear in the text and independent of how the
 * text is shaped. Every backward look is bounded by a constant.
 */

export interface ArxivMatch {
  /** UTF-16 offsets of the whole recognized form (URL or `arXiv:` prefix included). */
  start: number;
  end: number;
  /** Offsets of the identifier itself, version suffix included. */
  idStart: number;
  idEnd: number;
  /** Normalized ID (no version, canonical old-style archive). */
  id: string;
}

/** Archives of pre-2007 identifiers (`hep-th/9901001`); anything else before `/NNNNNNN` is a path. */
const OLD_ARCHIVES = new Set([
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'astro-ph', 'atom-ph', 'bayes-an', 'chao-dyn',
  'chem-ph', 'cmp-lg', 'comp-gas', 'cond-mat', 'cs', 'dg-ga', 'funct-an', 'gr-qc', 'hep-ex',
  'hep-lat', 'hep-ph', 'hep-th', 'math', 'math-ph', 'mtrl-th', 'nlin', 'nucl-ex', 'nucl-th',
  'patt-sol', 'physics', 'plasm-ph', 'q-alg', 'q-bio', 'q-fin', 'quant-ph', 'solv-int', 'stat',
  'supr-con',
]);

/** Hosts whose paper URLs end in an arXiv ID; the mention then covers the whole URL. */
const PAPER_HOSTS = ['arxiv.org', 'alphaxiv.org', 'huggingface.co', 'hf.co'];

const MAX_URL_LOOKBACK = 160;
const MAX_ARCHIVE_LEN = 16;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiAlnum = (c: number): boolean => isDigit(c) || isAsciiLetter(c);

function digitRunEnd(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** `v` + digits after the ID; returns the end of the version, or `at` when there is none. */
function versionEnd(text: string, at: number, limit: number): number {
  if (at < limit && (text.charCodeAt(at) === 118 || text.charCodeAt(at) === 86)) {
    const end = digitRunEnd(text, at + 1, limit);
    if (end > at + 1) return end;
  }
  return at;
}

/** What may follow an identifier: not a letter or digit, and not `.digit` (a dotted version). */
function acceptableAfter(text: string, at: number, limit: number): boolean {
  if (at >= limit) return true;
  const c = text.charCodeAt(at);
  if (isAsciiAlnum(c)) return false;
  if (c === 46 /* . */ && at + 1 < limit && isDigit(text.charCodeAt(at + 1))) return false;
  return true;
}

function validNewStyle(yymm: number, numberDigits: number): boolean {
  const mm = yymm % 100;
  if (mm < 1 || mm > 12 || yymm < 704) return false;
  // Four-digit sequence numbers were used until 2014-12, five digits from 2015-01 on.
  return numberDigits === 4 ? yymm <= 1412 : yymm >= 1501;
}

/** An old-style archive's subject class, if it has one: exactly two letters after the dot (`math.GT`). */
function validSubjectClass(archive: string, dot: number): boolean {
  return dot < 0 || (archive.length - dot === 3 && isAsciiLetter(archive.charCodeAt(dot + 1)) && isAsciiLetter(archive.charCodeAt(dot + 2)));
}

function validOldStyle(digits: string): boolean {
  const yy = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  return mm >= 1 && mm <= 12 && (yy >= 91 || yy <= 7);
}

function lowerAscii(text: string, start: number, end: number): string {
  return text.slice(start, end).toLowerCase();
}

/**
 * Extends a match backwards over a paper URL (`https://www.alphaxiv.org/ru/overview/`) or an
 * `arXiv:` prefix. Returns the start of the whole form.
 */
function formStart(text: string, idStart: number, floor: number): number {
  if (idStart - 6 >= floor && lowerAscii(text, idStart - 6, idStart) === 'arxiv:') return idStart - 6;
  if (idStart - 1 < floor || text.charCodeAt(idStart - 1) !== 47 /* / */) return idStart;
  const limit = Math.max(floor, idStart - MAX_URL_LOOKBACK);
  let t = idStart;
  while (t > limit && isUrlChar(text.charCodeAt(t - 1))) t--;
  const token = lowerAscii(text, t, idStart);
  let rest = token;
  if (rest.startsWith('https://')) rest = rest.slice(8);
  else if (rest.startsWith('http://')) rest = rest.slice(7);
  if (rest.startsWith('www.')) rest = rest.slice(4);
  else if (rest.startsWith('export.')) rest = rest.slice(7);
  // The host must open the token: `myarxiv.org/…` or `x.com/arxiv.org/…` are not paper URLs,
  // and then the mention is the bare ID.
  for (const host of PAPER_HOSTS) if (rest.startsWith(host + '/')) return t;
  return idStart;
}

function isUrlChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 47 || c === 58 || c === 45 || c === 95 || c === 126 || c === 37;
}

/**
 * Every arXiv ID in `text[from, to)`, in order. Forms: `2405.18719`, `2405.18719v2`,
 * `arXiv:2405.18719`, the DOI `10.48550/arXiv.2405.18719`, arxiv.org / alphaxiv.org /
 * huggingface.co paper URLs (any language segment), BibTeX `eprint` values, and old-style
 * `hep-th/9901001`. IDs inside longer digit runs or dotted version
 * numbers (`1.2405.18719`, `2405.18719.3`) are not IDs.
 */
export function findArxivIds(text: string, from = 0, to = text.length): ArxivMatch[] {
  const out: ArxivMatch[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) {
      i++;
      continue;
    }
    const runEnd = digitRunEnd(text, i, to);
    const len = runEnd - i;
    if (len === 4) {
      const m = newStyleAt(text, i, runEnd, from, to);
      if (m) {
        out.push(m);
        i = m.end;
        continue;
      }
    } else if (len === 7) {
      const m = oldStyleAt(text, i, runEnd, from, to);
      if (m) {
        out.push(m);
        i = m.end;
        continue;
      }
    }
    i = runEnd;
  }
  return out;
}

/** arXiv's DOI prefix: `10.48550/arXiv.2205.06266` names the paper 2205.06266. */
const DOI_PREFIX = '10.48550/arxiv.';
const DOI_HOSTS = ['https://doi.org/', 'http://doi.org/', 'https://dx.doi.org/', 'http://dx.doi.org/', 'doi.org/', 'doi:'];

/** Start of a DOI form ending right before `idStart`, or −1. */
function doiStart(text: string, idStart: number, floor: number): number {
  const at = idStart - DOI_PREFIX.length;
  if (at < floor || lowerAscii(text, at, idStart) !== DOI_PREFIX) return -1;
  if (at > floor && (isAsciiAlnum(text.charCodeAt(at - 1)) || text.charCodeAt(at - 1) === 46)) return -1;
  for (const host of DOI_HOSTS) {
    if (at - host.length >= floor && lowerAscii(text, at - host.length, at) === host) return at - host.length;
  }
  return at;
}

function newStyleAt(text: string, start: number, yymmEnd: number, from: number, to: number): ArxivMatch | undefined {
  if (yymmEnd >= to || text.charCodeAt(yymmEnd) !== 46) return undefined;
  const numEnd = digitRunEnd(text, yymmEnd + 1, to);
  const numLen = numEnd - yymmEnd - 1;
  if (numLen !== 4 && numLen !== 5) return undefined;
  if (!validNewStyle(Number(text.slice(start, start + 4)), numLen)) return undefined;
  const doi = doiStart(text, start, from);
  if (doi >= 0) {
    const idEnd = versionEnd(text, numEnd, to);
    if (!acceptableAfter(text, idEnd, to)) return undefined;
    return { start: doi, end: idEnd, idStart: start, idEnd, id: normalizeArxivId(text.slice(start, idEnd)) };
  }
  if (start > from) {
    const p = text.charCodeAt(start - 1);
    // `1.2405.18719` (a dotted version) or `x2405.18719` (part of a word), except `arxiv2405.…`.
    if (p === 46) return undefined;
    if (isAsciiLetter(p) && !(start - 5 >= from && lowerAscii(text, start - 5, start) === 'arxiv')) return undefined;
  }
  const idEnd = versionEnd(text, numEnd, to);
  if (!acceptableAfter(text, idEnd, to)) return undefined;
  const raw = text.slice(start, idEnd);
  return { start: formStart(text, start, from), end: idEnd, idStart: start, idEnd, id: normalizeArxivId(raw) };
}

function oldStyleAt(text: string, start: number, numEnd: number, from: number, to: number): ArxivMatch | undefined {
  if (start - 2 < from || text.charCodeAt(start - 1) !== 47) return undefined;
  if (!validOldStyle(text.slice(start, start + 4))) return undefined;
  const slash = start - 1;
  // Archive name: letters and hyphens, optionally `.XX` (subject class), right before the slash.
  let a = slash;
  const limit = Math.max(from, slash - MAX_ARCHIVE_LEN);
  while (a > limit) {
    const c = text.charCodeAt(a - 1);
    if (isAsciiLetter(c) || c === 45 || c === 46) a--;
    else break;
  }
  if (a > from) {
    const p = text.charCodeAt(a - 1);
    if (isAsciiAlnum(p) || p === 95) return undefined;
  }
  const archive = lowerAscii(text, a, slash);
  const dot = archive.indexOf('.');
  const base = dot < 0 ? archive : archive.slice(0, dot);
  if (!OLD_ARCHIVES.has(base)) return undefined;
  if (!validSubjectClass(archive, dot)) return undefined;
  const idEnd = versionEnd(text, numEnd, to);
  if (!acceptableAfter(text, idEnd, to)) return undefined;
  return { start: formStart(text, a, from), end: idEnd, idStart: a, idEnd, id: normalizeArxivId(text.slice(a, idEnd)) };
}

/**
 * Canonical form of an arXiv ID: no `arXiv:` prefix or version suffix; for old-style IDs a
 * lower-case archive without the subject class (`math.GT/0309136` is `math/0309136` on arXiv).
 */
export function normalizeArxivId(raw: string): string {
  let id = raw.trim();
  if (id.slice(0, 6).toLowerCase() === 'arxiv:') id = id.slice(6);
  let v = id.length;
  while (v > 0 && isDigit(id.charCodeAt(v - 1))) v--;
  if (v < id.length && v > 0 && (id.charCodeAt(v - 1) === 118 || id.charCodeAt(v - 1) === 86)) id = id.slice(0, v - 1);
  const slash = id.indexOf('/');
  if (slash < 0) return id;
  const archive = id.slice(0, slash);
  const dot = archive.indexOf('.');
  return ((dot < 0 ? archive : archive.slice(0, dot)) + id.slice(slash)).toLowerCase();
}

/**
 * Why `raw` is not an arXiv ID, or undefined when it is one: exactly one identifier (version
 * allowed, nothing around it) that `findArxivIds` would also find — a real month, the digit count
 * of its era (4 until 1412, 5 from 1501), a known archive for old-style IDs.
 */
export function arxivIdProblem(raw: string): string | undefined {
  const shape = `"${raw}" is not a well-formed arXiv ID (expected e.g. 2405.18719 or hep-th/9901001)`;
  if (raw.length === 0 || raw.length > 40) return shape;
  const slash = raw.indexOf('/');
  if (slash < 0) {
    const dot = raw.indexOf('.');
    if (dot !== 4 || digitRunEnd(raw, 0, 4) !== 4) return shape;
    const numEnd = digitRunEnd(raw, 5, raw.length);
    const numLen = numEnd - 5;
    if ((numLen !== 4 && numLen !== 5) || versionEnd(raw, numEnd, raw.length) !== raw.length) return shape;
    const yymm = Number(raw.slice(0, 4));
    const month = yymm % 100;
    if (month < 1 || month > 12) return `"${raw}" is not a well-formed arXiv ID (month ${raw.slice(2, 4)} does not exist)`;
    if (yymm < 704) return `"${raw}" is not a well-formed arXiv ID (new-style IDs start in 0704)`;
    const want = yymm >= 1501 ? 5 : 4;
    if (numLen !== want) return `"${raw}" is not a well-formed arXiv ID (IDs from ${raw.slice(0, 4)} have ${want} digits after the dot)`;
    return undefined;
  }
  const archive = raw.slice(0, slash);
  const dot = archive.indexOf('.');
  const base = (dot < 0 ? archive : archive.slice(0, dot)).toLowerCase();
  if (!OLD_ARCHIVES.has(base)) return `"${raw}" is not a well-formed arXiv ID ("${archive}" is not an arXiv archive)`;
  if (!validSubjectClass(archive, dot)) return shape;
  const numEnd = digitRunEnd(raw, slash + 1, raw.length);
  if (numEnd - slash - 1 !== 7 || versionEnd(raw, numEnd, raw.length) !== raw.length) return shape;
  if (!validOldStyle(raw.slice(slash + 1, slash + 5))) return `"${raw}" is not a well-formed arXiv ID (no such month)`;
  return undefined;
}

/** True for an arXiv identifier the hover would find (`2405.18719`, `hep-th/9901001`, with a version). */
export function isArxivId(raw: string): boolean {
  return arxivIdProblem(raw) === undefined;
}

/** Every distinct arXiv ID in a text, normalized, in order of first appearance (the importer's view). */
export function arxivIdsIn(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of findArxivIds(text)) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    out.push(m.id);
  }
  return out;
}

export interface ArxivLinks {
  abs: string;
  pdf: string;
  alphaxiv: string;
}

export function arxivLinks(raw: string): ArxivLinks {
  const id = normalizeArxivId(raw);
  return {
    abs: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}`,
    alphaxiv: `https://www.alphaxiv.org/abs/${id}`,
  };
}

/**
 * The month an ID was issued, `YYYY-MM`: new-style IDs start with YYMM (from April 2007, `0704.`),
 * old-style ones end with YYMMNNN (from 1991): `2405.18719` → `2024-05`, `hep-th/9901001` → `1999-01`.
 */
export function arxivMonth(raw: string): string | undefined {
  const id = normalizeArxivId(raw);
  // A valid ID has four digits of year and month where they belong (checked by isArxivId).
  if (!isArxivId(id)) return undefined;
  const slash = id.indexOf('/');
  const yymm = slash < 0 ? id.slice(0, 4) : id.slice(slash + 1, slash + 5);
  const yy = Number(yymm.slice(0, 2));
  // arXiv began in 1991; old-style two-digit years from 91 on are the 1990s.
  const year = slash >= 0 && yy >= 91 ? 1900 + yy : 2000 + yy;
  return `${year}-${yymm.slice(2)}`;
}

/** The year an ID was issued (see `arxivMonth`). */
export function yearOfArxivId(raw: string): string | undefined {
  return arxivMonth(raw)?.slice(0, 4);
}
