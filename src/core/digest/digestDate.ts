import { arxivMonth } from '../arxiv/arxiv';

export { arxivMonth };
import { DigestEntry } from '../types';
import { byUnits } from '../util/order';

/**
 * When a digest is "from", for sorting and the date grouping: the post date when the source
 * shows one, else the paper's date (its `year`, made precise by the arXiv ID's month when the
 * two agree). This is the one place that decides it; the tree, the grouping and the view call it.
 */
export interface DigestDate {
  /** Sortable, most precise first known: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  key: string;
  /** `YYYY-MM` when the month is known. */
  month?: string;
  year: string;
  from: 'post' | 'arxiv' | 'year';
}

/** The fields the date is read from; `year` comes from the curated front matter when present. */
export type DatedDigest = Pick<DigestEntry, 'source' | 'arxiv'> & { year?: unknown };

const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?/;

function validMonth(mm: string): boolean {
  const m = Number(mm);
  return m >= 1 && m <= 12;
}


function yearOf(value: unknown): string | undefined {
  const y = typeof value === 'number' ? value : typeof value === 'string' && /^\d{4}$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(y) && y >= 1900 && y <= 2100 ? String(y) : undefined;
}

export function digestDate(d: DatedDigest): DigestDate | undefined {
  const post = ISO_DATE.exec(d.source?.date ?? '');
  if (post && validMonth(post[2])) {
    const month = `${post[1]}-${post[2]}`;
    const day = post[3] && Number(post[3]) >= 1 && Number(post[3]) <= 31 ? `${month}-${post[3]}` : undefined;
    return { key: day ?? month, month, year: post[1], from: 'post' };
  }
  const year = yearOf(d.year);
  // The earliest arXiv ID is the paper's first version; a post may cite later ones.
  const months = (d.arxiv ?? []).map(arxivMonth).filter((m): m is string => m !== undefined).sort();
  const month = months[0];
  if (month && (!year || month.startsWith(year))) return { key: month, month, year: month.slice(0, 4), from: 'arxiv' };
  if (year) return { key: year, year, from: 'year' };
  return undefined;
}

export type SortBy = 'date' | 'title';

/**
 * The order of digests in a list: newest first (undated last, ties by title), or by title.
 * `dateOf` lets a caller pass dates it computed once for a long list.
 */
export function compareDigests(by: SortBy, dateOf: (d: DigestEntry) => DigestDate | undefined = digestDate): (a: DigestEntry, b: DigestEntry) => number {
  const byTitle = (a: DigestEntry, b: DigestEntry) => a.title.localeCompare(b.title) || byUnits(a.id, b.id);
  if (by === 'title') return byTitle;
  return (a, b) => {
    const ka = dateOf(a)?.key;
    const kb = dateOf(b)?.key;
    if (ka !== kb) {
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      return ka < kb ? 1 : -1;
    }
    return byTitle(a, b);
  };
}

/** Sorts a copy, computing each digest's date once. */
export function sortDigests<T extends DigestEntry>(list: readonly T[], by: SortBy): T[] {
  if (by === 'title') return [...list].sort(compareDigests('title'));
  const dates = new Map<DigestEntry, DigestDate | undefined>(list.map((d) => [d, digestDate(d)]));
  return [...list].sort(compareDigests('date', (d) => dates.get(d)));
}
