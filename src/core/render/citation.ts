/**
 * BibTeX for a digest: `@misc` entries with what is known for certain — title, the curated
 * authors when the digest has them, arXiv eprint (and the year it encodes), URL.
 */
import { arxivLinks, isArxivId, normalizeArxivId, yearOfArxivId } from '../arxiv/arxiv';
import { DigestEntry } from '../types';
import { safeExternalUrl } from '../text/url';

interface Cited {
  key: string;
  title: string;
  authors?: string[];
  arxiv?: string;
  url?: string;
  year?: string;
  note?: string;
}

/** One `@misc` per cited work: each arXiv paper of the digest, or the post itself. */
export function bibtex(entry: DigestEntry): string {
  const base = keyBase(entry);
  const works = citedWorks(entry, base);
  const used = new Map<string, number>();
  return works
    .map((w) => {
      const n = used.get(w.key) ?? 0;
      used.set(w.key, n + 1);
      return formatEntry(n === 0 ? w : { ...w, key: `${w.key}_${n + 1}` });
    })
    .join('\n\n') + '\n';
}

function citedWorks(entry: DigestEntry, base: string): Cited[] {
  const ids = validIds(entry.arxiv ?? []);
  const post = postCitation(entry, base);
  if (entry.kind === 'multi-paper') {
    const works: Cited[] = [];
    const covered = new Set<string>();
    for (const p of entry.papers ?? []) {
      const id = p.arxiv ? normalizeArxivId(p.arxiv) : '';
      if (!isArxivId(id) || covered.has(id)) continue;
      covered.add(id);
      works.push(arxivCitation(p.title || entry.title, id, base));
    }
    for (const id of ids) {
      if (!covered.has(id)) {
        covered.add(id);
        works.push(arxivCitation(entry.title, id, base));
      }
    }
    return works.length > 0 ? works : [post];
  }
  const authors = authorList(entry);
  return ids.length > 0 ? [{ ...arxivCitation(entry.title, ids[0], base), authors }] : [{ ...post, authors }];
}

/** `authors` of the curated front matter, when it is a list of names; "et al." → "others". */
function authorList(entry: DigestEntry): string[] | undefined {
  const raw = (entry as { authors?: unknown }).authors;
  if (!Array.isArray(raw)) return undefined;
  const names = raw.filter((a): a is string => typeof a === 'string' && a.trim() !== '').map((a) => (/^et al\.?$/i.test(a.trim()) ? 'others' : a.trim()));
  return names.length > 0 ? names : undefined;
}

/**
 * An arXiv paper the corpus has no digest for (found in a workspace): only what the ID says
 * for certain (eprint, URL, the year it encodes); no title is made up.
 */
export function bibtexForArxivId(raw: string): string | undefined {
  const id = normalizeArxivId(raw);
  if (!isArxivId(id)) return undefined;
  const key = `arxiv_${id.replace(/[^A-Za-z0-9.]+/g, '-')}`;
  return formatEntry({ key, title: '', arxiv: id, url: arxivLinks(id).abs, year: yearOfArxivId(id) }) + '\n';
}

function arxivCitation(title: string, id: string, base: string): Cited {
  return {
    key: `${base}_${id.replace(/[^A-Za-z0-9.]+/g, '-')}`,
    title,
    arxiv: id,
    url: arxivLinks(id).abs,
    year: yearOfArxivId(id),
  };
}

function postCitation(entry: DigestEntry, base: string): Cited {
  const source = entry.source ?? { name: '' };
  const date = /^(\d{4})-\d{2}-\d{2}$/.exec(source.date ?? '');
  return {
    key: base,
    title: entry.title,
    url: source.url ? safeExternalUrl(source.url) : undefined,
    year: date?.[1],
    note: source.name ? `${source.name}${source.date ? ', ' + source.date : ''}` : undefined,
  };
}


function validIds(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of raw) {
    const id = normalizeArxivId(String(r));
    if (isArxivId(id) && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Citation keys: ASCII letters, digits and `_-.:` only; first method name, else the id. */
function keyBase(entry: DigestEntry): string {
  for (const candidate of [entry.methods?.[0], entry.id]) {
    const key = (candidate ?? '')
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_-]+/g, '')
      .toLowerCase()
      .slice(0, 40);
    if (key) return key;
  }
  return 'digest';
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/**
 * Text for a braced BibTeX field. BibTeX counts every brace, escaped or not, when it looks
 * for the end of a field, so `\{` alone would still unbalance the entry; braces are
 * therefore escaped only as balanced pairs (or dropped when they cannot be paired).
 */
export function escapeBibtex(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u202A-\u202E\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  const keep = balancedBraces(flat);
  let out = '';
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    if ((c === '{' || c === '}') && !keep[i]) continue;
    out += LATEX_SPECIALS[c] ?? c;
  }
  return out;
}

/** Marks which braces have a partner; unpaired ones are dropped by the caller. */
function balancedBraces(text: string): boolean[] {
  const keep = new Array<boolean>(text.length).fill(false);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') open.push(i);
    else if (text[i] === '}' && open.length > 0) {
      keep[open.pop()!] = true;
      keep[i] = true;
    }
  }
  return keep;
}

/** URLs keep their characters (the `url` package reads them verbatim) except braces. */
function escapeUrl(url: string): string {
  return url.replace(/\{/g, '%7B').replace(/\}/g, '%7D').replace(/\s/g, '%20');
}

function formatEntry(w: Cited): string {
  const fields: [string, string][] = w.title ? [['title', `{${escapeBibtex(w.title)}}`]] : [];
  if (w.authors?.length) fields.push(['author', w.authors.map(escapeBibtex).join(' and ')]);
  if (w.year) fields.push(['year', w.year]);
  if (w.arxiv) {
    fields.push(['eprint', w.arxiv]);
    fields.push(['archivePrefix', 'arXiv']);
  }
  if (w.url) fields.push(['url', escapeUrl(w.url)]);
  if (w.note) fields.push(['note', escapeBibtex(w.note)]);
  const width = Math.max(...fields.map(([k]) => k.length));
  const body = fields.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(',\n');
  return `@misc{${w.key},\n${body}\n}`;
}
