/**
 * Finds arXiv IDs in arbitrary text. Hand-written scanning, no regex: the input is whatever
 * the user has open (minified bundles, binary files), so the cost must stay linear in the text
 * and independent of how the text is shaped. Every backward look is bounded by a constant.
 */
import { normalizeArxivId } from './arxivId';

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
 * `arXiv:2405.18719`, arxiv.org / alphaxiv.org / huggingface.co paper URLs, BibTeX `eprint`
 * values, and old-style `hep-th/9901001`. IDs inside longer digit runs or dotted version
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

function newStyleAt(text: string, start: number, yymmEnd: number, from: number, to: number): ArxivMatch | undefined {
  if (yymmEnd >= to || text.charCodeAt(yymmEnd) !== 46) return undefined;
  const numEnd = digitRunEnd(text, yymmEnd + 1, to);
  const numLen = numEnd - yymmEnd - 1;
  if (numLen !== 4 && numLen !== 5) return undefined;
  if (!validNewStyle(Number(text.slice(start, start + 4)), numLen)) return undefined;
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
  // Subject class: exactly two letters (`math.GT`).
  if (dot >= 0 && (archive.length - dot !== 3 || !isAsciiLetter(archive.charCodeAt(dot + 1)) || !isAsciiLetter(archive.charCodeAt(dot + 2)))) {
    return undefined;
  }
  const idEnd = versionEnd(text, numEnd, to);
  if (!acceptableAfter(text, idEnd, to)) return undefined;
  return { start: formStart(text, a, from), end: idEnd, idStart: a, idEnd, id: normalizeArxivId(text.slice(a, idEnd)) };
}
