/**
 * The curated fields of a digest (TL;DRs, authors, year, venue, code, paper links, aliases,
 * excerpt): which they are, what counts as missing, and how complete a corpus is. Free of the
 * YAML parser, so the bundle and the card use it without loading one; reading the fields from
 * front matter is `digestFile/fields.ts`.
 */
import type { CuratedFields, DigestMeta, Severity } from '../types';
import { safeExternalUrl } from '../text/url';

export const CURATED_KEYS = ['tldr', 'tldr_ru', 'authors', 'year', 'venue', 'code', 'links', 'aliases', 'excerpt'] as const;

/** A TL;DR fits a card: one or two sentences. */
export const MAX_TLDR_CHARS = 280;
export const MAX_AUTHORS = 100;
export const MIN_YEAR = 1900;

/**
 * Which rules a folder is checked by. `corpus`: the bundled `digests/` (a folder with its own
 * `topics.yaml`), where every digest is curated: a missing TL;DR or link is reported (an error
 * with `strict`). `user`: a reader's own folder, where a fresh draft is normal: a missing TL;DR,
 * topic or author is a warning.
 */
export type DigestRules = 'corpus' | 'user';

export interface ParseOptions {
  /**
   * The folder's rules. Without them only the file's shape is checked, with a missing topic an
   * error (what the importer needs of the files it merges with).
   */
  rules?: DigestRules;
  /** Report missing curated fields of the corpus as errors (`validate --strict`). */
  strict?: boolean;
  /** The latest acceptable `year`; the current year plus one unless given (tests). */
  maxYear?: number;
}

/** The names a digest is known by in code: its method names, then its aliases (package, module, repository names). */
export function digestNames(d: { readonly methods: readonly string[]; readonly aliases?: readonly string[] }): string[] {
  return [...d.methods, ...(Array.isArray(d.aliases) ? d.aliases : [])];
}

export function maxYearOf(options: ParseOptions): number {
  return options.maxYear ?? new Date().getUTCFullYear() + 1;
}

/** The paper is known beyond the post: an arXiv ID or a paper page. */
export function isIdentified(d: Pick<DigestMeta, 'arxiv' | 'links'>): boolean {
  return d.arxiv.length > 0 || (d.links?.length ?? 0) > 0;
}

/** Somewhere a reader can go from the card: the paper, its code, or at least the original post. */
export function hasLink(d: Pick<DigestMeta, 'arxiv' | 'links' | 'code' | 'source' | 'papers'>): boolean {
  return d.arxiv.length > 0 || (d.links?.length ?? 0) > 0 || (d.code?.length ?? 0) > 0 || !!d.source.url || (d.papers ?? []).some((p) => !!p.arxiv);
}

/** Where the full article of an excerpt is: the post's URL, else its first page link. */
export function excerptUrl(d: Pick<DigestMeta, 'source' | 'links'>): string | undefined {
  const candidates = [d.source?.url, ...(d.links ?? [])];
  return candidates.find((u): u is string => typeof u === 'string' && safeExternalUrl(u.trim()) !== undefined);
}

/** Papers whose authors and year are owed: the digest's own, or each identified paper of a post. */
function owedFacts(d: DigestMeta): { what: string; authors?: string[]; year?: number }[] {
  if (d.kind === 'multi-paper') {
    return (d.papers ?? []).filter((p) => p.arxiv).map((p) => ({ what: `paper "${p.title}"`, authors: p.authors, year: p.year }));
  }
  return isIdentified(d) ? [{ what: 'the paper', authors: d.authors, year: d.year }] : [];
}

/**
 * What a digest still lacks, by the folder's rules. `corpus`: TL;DRs in both languages, a link,
 * authors and year of every identified paper (warnings, errors when strict). `user`: a TL;DR
 * and, for a paper, its authors (warnings: the card falls back to the opening sentences).
 */
export function curationProblems(d: DigestMeta, options: ParseOptions): { message: string; severity: Severity; key: string }[] {
  const out: { message: string; severity: Severity; key: string }[] = [];
  if (!options.rules) return out;
  if (options.rules === 'user') {
    if (!d.tldr && !d.tldr_ru) out.push({ key: 'tldr', severity: 'warning', message: 'no TL;DR yet ("tldr" or "tldr_ru"): the card shows the opening sentences' });
    if (d.kind === 'paper' && !d.authors?.length) out.push({ key: 'authors', severity: 'warning', message: 'no authors yet ("authors")' });
    return out;
  }
  const severity: Severity = options.strict ? 'error' : 'warning';
  if (!d.tldr) out.push({ key: 'tldr', severity, message: 'missing "tldr" (English, at most 280 characters)' });
  if (!d.tldr_ru) out.push({ key: 'tldr_ru', severity, message: 'missing "tldr_ru" (Russian, at most 280 characters)' });
  if (!hasLink(d)) out.push({ key: 'source', severity, message: 'the digest links nowhere: add an arXiv ID, a paper page ("links"), "code" or the post\'s "source.url"' });
  for (const p of owedFacts(d)) {
    const lacks = [!p.authors?.length && 'authors', p.year === undefined && 'year'].filter(Boolean);
    if (lacks.length) out.push({ key: d.kind === 'multi-paper' ? 'papers' : lacks[0] as string, severity, message: `${p.what} is identified but has no ${lacks.join(' or ')}` });
  }
  return out;
}

export interface CurationSummary {
  digests: number;
  tldr: number;
  tldr_ru: number;
  linked: number;
  identified: number;
  identifiedWithFacts: number;
}

/** How complete a corpus is: the line `validate` prints under its counts. */
export function curationSummary(digests: readonly DigestMeta[]): CurationSummary {
  const s: CurationSummary = { digests: digests.length, tldr: 0, tldr_ru: 0, linked: 0, identified: 0, identifiedWithFacts: 0 };
  for (const d of digests) {
    if (d.tldr) s.tldr++;
    if (d.tldr_ru) s.tldr_ru++;
    if (hasLink(d)) s.linked++;
    const owed = owedFacts(d);
    if (owed.length > 0) {
      s.identified++;
      if (owed.every((p) => p.authors?.length && p.year !== undefined)) s.identifiedWithFacts++;
    }
  }
  return s;
}

export function formatCurationSummary(s: CurationSummary): string {
  const n = s.digests;
  return `curated: ${s.tldr}/${n} with tldr, ${s.tldr_ru}/${n} with tldr_ru, ${s.linked}/${n} with a link, ${s.identifiedWithFacts}/${s.identified} identified papers with authors and year`;
}

/** The curated fields of `d`, nothing else (for merging and copying). */
export function curatedOf(d: CuratedFields): CuratedFields {
  const out: CuratedFields = {};
  for (const key of CURATED_KEYS) {
    const v = d[key];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) (out as Record<string, unknown>)[key] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}
