import type { DigestMeta, Lang, PaperRef, Problem, SourceInfo } from '../types';

export type SourceFormat = 'telegram-page' | 'habr' | 'alphaxiv' | 'telegram-json';

/** One post found in a raw page, cleaned, before it becomes a draft digest. */
export interface ImportedPost {
  /** Heading as found: the paper's English title when the post gives one, else a Russian heading or first words. */
  title: string;
  titleRu?: string;
  /** Cleaned markdown body (no title line, no noise). */
  body: string;
  arxiv: string[];
  papers: PaperRef[];
  source: SourceInfo;
  lang: Lang;
  /** 0-based line of the input where the post starts. */
  line: number;
  /** True when no heading was found and `title` was made from the first words. */
  untitled?: boolean;
  /** The body is only the opening of a longer article (a Habr teaser). */
  excerpt?: boolean;
}

export interface SkippedPost {
  line: number;
  reason: string;
  excerpt: string;
}

/** Two copies of one post (full + truncated, or the same post twice): the complete one was kept. */
export interface MergedDuplicate {
  line: number;
  keptLine: number;
  title: string;
}

export type Draft = DigestMeta & { body: string };

export interface ImportResult {
  file: string;
  format: SourceFormat | 'unknown';
  posts: ImportedPost[];
  drafts: Draft[];
  skipped: SkippedPost[];
  merged: MergedDuplicate[];
  problems: Problem[];
}

/** What a format parser returns; `importSource` turns posts into drafts. */
export interface ParseOutput {
  posts: ImportedPost[];
  skipped: SkippedPost[];
  merged: MergedDuplicate[];
  problems: Problem[];
}
