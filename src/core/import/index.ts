/**
 * The importer: raw scraped pages and Telegram exports → draft digests. Pure (text in, data
 * out) so the CLI and the editor's "Import Telegram Export…" command share it.
 */
import type { Problem } from '../types';
import { parseAlphaxiv } from './alphaxiv';
import { detectFormat } from './detect';
import { draftsFromPosts } from './draft';
import { mergeDuplicatePosts } from './dedupe';
import { parseHabr } from './habr';
import { parseTelegramJson } from './telegramJson';
import { parseTelegramPage } from './telegramPage';
import { normalizeNewlines } from './text';
import { isBinaryText } from '../text/binary';
import type { ImportResult, ParseOutput } from './types';

export type { Draft, ImportResult, ImportedPost, MergedDuplicate, SkippedPost, SourceFormat } from './types';
export { detectFormat } from './detect';
export { draftsFromPosts } from './draft';
export { mergeDuplicatePosts } from './dedupe';
export { findExisting, mergeWithExisting, planImport } from './merge';
export type { Existing, PlannedDigest, PlanStatus } from './merge';

/** Larger inputs are refused rather than risking the editor's worker or the CLI's memory. */
export const MAX_IMPORT_CHARS = 50_000_000;

export interface ImportOptions {
  /** Channel name to use when the page does not say (a scraped page without its header). */
  sourceName?: string;
}

/** Detects the format of one raw file and parses it into posts, drafts, skipped posts and problems. */
export function importSource(text: string, fileName: string, options: ImportOptions = {}): ImportResult {
  const empty = (problem: Omit<Problem, 'file'>): ImportResult => ({
    file: fileName,
    format: 'unknown',
    posts: [],
    drafts: [],
    skipped: [],
    merged: [],
    problems: [{ file: fileName, ...problem }],
  });
  if (text.length > MAX_IMPORT_CHARS) {
    return empty({ severity: 'error', message: `file too large to import (${text.length} characters; the limit is ${MAX_IMPORT_CHARS})` });
  }
  if (isBinaryText(text)) return empty({ severity: 'error', message: 'binary file, not a text page or a JSON export' });
  const normalized = normalizeNewlines(text);
  if (normalized.trim() === '') return empty({ severity: 'error', message: 'empty file' });
  const format = detectFormat(normalized, fileName);
  if (!format) {
    return empty({
      line: 0,
      column: 0,
      severity: 'error',
      message:
        'unknown format: expected a Telegram channel page, a Habr author page, an alphaXiv overview list or a Telegram Desktop JSON export (result.json)',
    });
  }
  let out: ParseOutput;
  switch (format) {
    case 'habr':
      out = parseHabr(normalized, fileName);
      break;
    case 'alphaxiv':
      out = parseAlphaxiv(normalized, fileName);
      break;
    case 'telegram-json':
      out = parseTelegramJson(normalized, fileName, options.sourceName);
      break;
    default:
      out = parseTelegramPage(normalized, fileName, options.sourceName);
  }
  return { file: fileName, format, ...out, drafts: draftsFromPosts(out.posts) };
}

/**
 * Combines several files' results: posts that appear in more than one file are merged too, and
 * ids are made unique across the whole set.
 */
export function combineResults(results: readonly ImportResult[]): { drafts: ReturnType<typeof draftsFromPosts>; merged: number } {
  const all = results.flatMap((r) => r.posts);
  const { posts, merged } = mergeDuplicatePosts(all);
  return { drafts: draftsFromPosts(posts), merged: merged.length };
}
