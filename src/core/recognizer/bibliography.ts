/**
 * Citation keys resolved through BibTeX files: `\cite{sun2023retentive}` or pandoc's
 * `[@sun2023retentive]` is a mention of the digest whose arXiv ID the entry's `eprint`, URL or
 * DOI names, or whose title is the entry's exact title. Hand-written scanning, bounded: the
 * files are the user's.
 */
import { normalizeArxivId } from '../arxiv/arxiv';
import { arxivIdsIn } from '../arxiv/arxiv';

export interface BibEntry {
  key: string;
  /** Lower-case field names → raw values (braces and quotes removed at the outer level). */
  fields: Record<string, string>;
}

/** How many `.bib` files of a workspace (or a `mentions` run) are read, and how large each may be. */
export const MAX_BIB_FILES = 20;
export const MAX_BIB_BYTES = 2 * 1024 * 1024;

/** Limits on one file, so a huge or hostile `.bib` costs bounded work. */
const MAX_ENTRIES = 20_000;
const MAX_VALUE = 4_000;
const KEY_CHAR = /[\w:.#$%&+?<>~/-]/;

/** The entries of a BibTeX text (`@comment`, `@string` and `@preamble` skipped). */
export function parseBib(text: string): BibEntry[] {
  const out: BibEntry[] = [];
  let i = 0;
  const n = text.length;
  while (i < n && out.length < MAX_ENTRIES) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    let j = at + 1;
    while (j < n && /[A-Za-z]/.test(text[j])) j++;
    const type = text.slice(at + 1, j).toLowerCase();
    while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
    if (type === '' || (text[j] !== '{' && text[j] !== '(') || type === 'comment' || type === 'string' || type === 'preamble') {
      i = j > at + 1 ? j : at + 1;
      continue;
    }
    j++;
    const keyStart = j;
    while (j < n && KEY_CHAR.test(text[j])) j++;
    const key = text.slice(keyStart, j);
    const fields: Record<string, string> = {};
    // Fields until the entry's closing brace (depth 0).
    while (j < n) {
      while (j < n && /[\s,]/.test(text[j])) j++;
      if (j >= n || text[j] === '}' || text[j] === ')' || text[j] === '@') break;
      const nameStart = j;
      while (j < n && /[\w-]/.test(text[j])) j++;
      const name = text.slice(nameStart, j).toLowerCase();
      while (j < n && /\s/.test(text[j])) j++;
      if (name === '' || text[j] !== '=') {
        j++;
        continue;
      }
      j++;
      while (j < n && /\s/.test(text[j])) j++;
      let value = '';
      if (text[j] === '{') {
        let depth = 0;
        const start = j + 1;
        for (; j < n; j++) {
          if (text[j] === '{') depth++;
          else if (text[j] === '}' && --depth === 0) break;
        }
        value = text.slice(start, j);
        j++;
      } else if (text[j] === '"') {
        const start = j + 1;
        j = text.indexOf('"', start);
        if (j < 0) j = n;
        value = text.slice(start, j);
        j++;
      } else {
        const start = j;
        while (j < n && !/[,}\s]/.test(text[j])) j++;
        value = text.slice(start, j);
      }
      if (name) fields[name] = value.slice(0, MAX_VALUE);
    }
    if (key) out.push({ key, fields });
    i = j + 1;
  }
  return out;
}

/** A title as compared: letters and digits, lower-cased, single spaces (`{RetNet}:` → `retnet`). */
export function titleKey(title: string): string {
  return title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface CitationLookup {
  /** Digest ids with this normalized arXiv ID. */
  byArxiv(id: string): readonly string[];
  /** Digest ids whose title has this `titleKey`. */
  byTitle(key: string): readonly string[];
}

/** The lookup `citationDigests` needs, over any list of digests (the extension's corpus, the CLI's bundle). */
export function citationLookup(digests: Iterable<{ id: string; title: string; arxiv: readonly string[] }>): CitationLookup {
  const byArxiv = new Map<string, string[]>();
  const byTitle = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, k: string, id: string) => (map.get(k) ?? map.set(k, []).get(k)!).push(id);
  for (const e of digests) {
    for (const a of e.arxiv) add(byArxiv, normalizeArxivId(a), e.id);
    add(byTitle, titleKey(e.title), e.id);
  }
  return { byArxiv: (id) => byArxiv.get(normalizeArxivId(id)) ?? [], byTitle: (k) => byTitle.get(k) ?? [] };
}

/** Citation key → digest ids, for the entries that name a digest of the corpus. */
export function citationDigests(entries: readonly BibEntry[], lookup: CitationLookup): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    const f = e.fields;
    const ids: string[] = [];
    const archive = (f.archiveprefix ?? f.eprinttype ?? '').toLowerCase();
    const eprint = f.eprint && (archive === '' || archive === 'arxiv') ? f.eprint : '';
    for (const id of arxivIdsIn([eprint, f.url ?? '', f.doi ?? '', f.journal ?? '', f.note ?? ''].join(' '))) {
      for (const d of lookup.byArxiv(id)) if (!ids.includes(d)) ids.push(d);
    }
    if (ids.length === 0 && f.title) for (const d of lookup.byTitle(titleKey(f.title))) if (!ids.includes(d)) ids.push(d);
    if (ids.length > 0) out.set(e.key, ids);
  }
  return out;
}

/**
 * Citation keys used on a line: the keys inside `\cite…{a, b}` (any cite macro, optional
 * `[…]` arguments), pandoc `@key` (after a non-word character), and BibTeX's own
 * `@type{key,`. Returns each key with its offsets.
 */
/** A LaTeX citation command: any macro whose name has `cite` in it (`\cite`, `\citep`, `\parencite`, `\textcite`, `\Autocite`). */
export function isCiteMacro(name: string): boolean {
  return name.toLowerCase().includes('cite');
}

export function citationKeysIn(line: string): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  const n = Math.min(line.length, 100_000);
  for (let i = 0; i < n; i++) {
    const c = line[i];
    if (c === '\\') {
      let j = i + 1;
      while (j < n && /[A-Za-z]/.test(line[j])) j++;
      if (!isCiteMacro(line.slice(i + 1, j))) continue;
      while (j < n && line[j] === '*') j++;
      while (j < n && line[j] === '[') {
        const close = line.indexOf(']', j);
        if (close < 0) break;
        j = close + 1;
      }
      if (line[j] !== '{') continue;
      const close = line.indexOf('}', j);
      if (close < 0) continue;
      let k = j + 1;
      while (k < close) {
        while (k < close && /[\s,]/.test(line[k])) k++;
        const start = k;
        while (k < close && line[k] !== ',' && !/\s/.test(line[k])) k++;
        if (k > start) out.push({ key: line.slice(start, k), start, end: k });
      }
      i = close;
    } else if (c === '@' && (i === 0 || !/[\w.]/.test(line[i - 1]))) {
      let j = i + 1;
      // BibTeX `@article{key,`: the key follows the brace.
      let t = j;
      while (t < n && /[A-Za-z]/.test(line[t])) t++;
      if (t > j && line[t] === '{') j = t + 1;
      const start = j;
      while (j < n && KEY_CHAR.test(line[j])) j++;
      // Trailing punctuation ends a sentence, not a key.
      let end = j;
      while (end > start && /[.:?]/.test(line[end - 1])) end--;
      if (end > start) out.push({ key: line.slice(start, end), start, end });
      i = j - 1;
    }
  }
  return out;
}
