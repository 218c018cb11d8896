import { DigestEntry } from '../types';

/**
 * What the reader has read and starred, by digest id. Stored in the extension's global state
 * (synced by Settings Sync), so the stored value is untrusted input: anything that is not a
 * list of id-shaped strings is dropped, and the lists are capped.
 */
export interface ReadingStateData {
  read: string[];
  starred: string[];
}

/** More ids than this in a list is not something a reader made: the rest is ignored. */
export const MAX_IDS = 50_000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function ids(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const x of raw) {
    if (out.length >= MAX_IDS) break;
    if (typeof x === 'string' && ID.test(x)) out.push(x);
  }
  return out;
}

export class ReadingState {
  private constructor(
    private readonly read: ReadonlySet<string>,
    private readonly starred: ReadonlySet<string>,
  ) {}

  static empty(): ReadingState {
    return new ReadingState(new Set(), new Set());
  }

  static parse(raw: unknown): ReadingState {
    const o = typeof raw === 'object' && raw !== null ? (raw as Partial<Record<keyof ReadingStateData, unknown>>) : {};
    return new ReadingState(new Set(ids(o.read)), new Set(ids(o.starred)));
  }

  isRead(id: string): boolean {
    return this.read.has(id);
  }

  isStarred(id: string): boolean {
    return this.starred.has(id);
  }

  /** A new state with `id` marked read (or unread); the same state when nothing changes. */
  withRead(id: string, read: boolean): ReadingState {
    if (!ID.test(id) || this.read.has(id) === read) return this;
    const next = new Set(this.read);
    if (read) next.add(id);
    else next.delete(id);
    return new ReadingState(next, this.starred);
  }

  withStarred(id: string, starred: boolean): ReadingState {
    if (!ID.test(id) || this.starred.has(id) === starred) return this;
    const next = new Set(this.starred);
    if (starred) next.add(id);
    else next.delete(id);
    return new ReadingState(this.read, next);
  }

  toJSON(): ReadingStateData {
    return { read: [...this.read].sort(), starred: [...this.starred].sort() };
  }
}

/** The tree's filter: only starred, only unread, and words every shown digest contains. */
export interface DigestFilter {
  starred: boolean;
  unread: boolean;
  text: string;
}

export const NO_FILTER: DigestFilter = { starred: false, unread: false, text: '' };

export function isFiltering(f: DigestFilter): boolean {
  return f.starred || f.unread || f.text.trim() !== '';
}

/** The filter as stored (workspace state): untrusted, so rebuilt field by field. */
export function parseFilter(raw: unknown): DigestFilter {
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    starred: o.starred === true,
    unread: o.unread === true,
    text: typeof o.text === 'string' ? o.text.slice(0, 200) : '',
  };
}

/**
 * Every word of `text` (case-insensitive) occurs in the digest's title, Russian title, id,
 * arXiv IDs, methods or topics. A filter narrows a list the reader sees, so it matches plainly
 * (no stemming, no typos): what is typed is what is kept.
 */
export function matchesText(e: DigestEntry, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [e.title, e.title_ru ?? '', e.id, ...e.arxiv, ...e.methods, ...e.topics].join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function filterDigests<T extends DigestEntry>(entries: readonly T[], state: ReadingState, f: DigestFilter): T[] {
  if (!isFiltering(f)) return [...entries];
  return entries.filter((e) => (!f.starred || state.isStarred(e.id)) && (!f.unread || !state.isRead(e.id)) && matchesText(e, f.text));
}

/** `starred · unread · "lora"`: the filter in a line, with the labels the caller translated. */
export function describeFilter(f: DigestFilter, labels: { starred: string; unread: string }): string {
  const parts: string[] = [];
  if (f.starred) parts.push(labels.starred);
  if (f.unread) parts.push(labels.unread);
  if (f.text.trim()) parts.push(`"${f.text.trim()}"`);
  return parts.join(' · ');
}
