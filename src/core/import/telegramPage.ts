import type { Problem, SourceInfo } from '../types';
import { arxivIdsIn } from '../arxiv/arxiv';
import { skipReason } from './classify';
import { completeCopyLength, mergeDuplicatePosts } from './dedupe';
import { findLinkPreviews, isLinkMarker, isReactionLine, isTelegramNoise } from './noise';
import { cyrillicRatio, excerpt, isLatinTitle, stripEmoji, toMarkdownBody } from './text';
import type { ImportedPost, MergedDuplicate, ParseOutput, SkippedPost } from './types';

/** A run of lines between two reaction counters: one Telegram post (or, on alphaXiv lists, several). */
export interface Block {
  start: number;
  lines: string[];
}

export interface ChannelHeader {
  name?: string;
  /** Index of the first line after the header. */
  end: number;
}

/** The web preview of a channel starts with its name, counters and description, up to "Download Telegram". */
export function findChannelHeader(lines: readonly string[]): ChannelHeader | undefined {
  const limit = Math.min(lines.length, 15);
  for (let i = 1; i < limit; i++) {
    if (!/^[\d.,]+(?:\s*[KM])?\s+(?:subscribers|members|подписчик\S*)$/i.test(lines[i].trim())) continue;
    const name = lines[i - 1].trim() || undefined;
    let end = i + 1;
    const download = lines.findIndex((l, j) => j > i && j < i + 25 && /^download telegram$/i.test(l.trim()));
    if (download >= 0) end = download + 1;
    return { name, end };
  }
  return undefined;
}

export function splitBlocks(lines: readonly string[], from: number): Block[] {
  const blocks: Block[] = [];
  let cur: Block = { start: from, lines: [] };
  for (let i = from; i < lines.length; i++) {
    if (isReactionLine(lines[i])) {
      blocks.push(cur);
      cur = { start: i + 1, lines: [] };
    } else {
      cur.lines.push(lines[i]);
    }
  }
  blocks.push(cur);
  return blocks.filter((b) => b.lines.some((l) => l.trim() !== ''));
}

export interface CleanBlock {
  start: number;
  /** Cleaned lines with their original 0-based line numbers. */
  lines: { text: string; at: number }[];
  linked: boolean;
  media: boolean;
}

/** Drops boilerplate, link markers and preview cards, remembering what they said about the post. */
export function cleanBlock(block: Block): CleanBlock {
  const previews = findLinkPreviews(block.lines);
  let linked = false;
  let media = false;
  const out: { text: string; at: number }[] = [];
  block.lines.forEach((text, i) => {
    if (previews.has(i)) {
      media = media || /^youtube$/i.test(text.trim());
      return;
    }
    if (isTelegramNoise(text)) {
      media = true;
      return;
    }
    if (isLinkMarker(text)) {
      linked = true;
      return;
    }
    out.push({ text, at: block.start + i });
  });
  while (out.length && out[0].text.trim() === '') out.shift();
  while (out.length && out[out.length - 1].text.trim() === '') out.pop();
  return { start: block.start, lines: out, linked, media };
}

/** Paper titles cited inline as `🔗Title`, cut at the end of the title phrase. */
export function citedTitles(text: string): string[] {
  const titles: string[] = [];
  for (const m of text.matchAll(/🔗\s*([^\n🔗]+)/gu)) {
    const phrase = m[1].split(/(?:[.,;](?:\s|$)|\s[-–—]\s)/)[0].trim();
    if (isLatinTitle(phrase)) titles.push(phrase);
  }
  return [...new Set(titles)];
}

/** Removes decorations around a title line: emoji and shouted tags like "(OUTSTANDING PAPER AWARD)". */
export function cleanTitle(line: string): string {
  return dropShoutedTag(stripEmoji(line))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Removes a final "(…)" without lower-case letters and the whitespace around it, as
 * `/\s*\((?:[^()a-z]*)\)\s*$/` would, in linear time: that regex retries every whitespace run
 * to its end (quadratic on a line with a long run of spaces).
 */
function dropShoutedTag(text: string): string {
  const t = text.trimEnd();
  if (!t.endsWith(')')) return text;
  const open = t.lastIndexOf('(', t.length - 2);
  if (open < 0 || /[()a-z]/.test(t.slice(open + 1, -1))) return text;
  return t.slice(0, open).trimEnd();
}

/** Title made from the first words of an untitled post, so it can still be imported and curated. */
export function fallbackTitle(text: string): string {
  const first = stripEmoji(text).replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s/)[0];
  return excerpt(first, 80);
}

export function detectLang(text: string): 'ru' | 'en' {
  return cyrillicRatio(text) >= 0.3 ? 'ru' : 'en';
}

/** Parses a scraped Telegram channel page (t.me/s/… web preview, copied as text). */
export function parseTelegramPage(text: string, file: string, sourceName?: string): ParseOutput {
  const lines = text.split('\n');
  const problems: Problem[] = [];
  const skipped: SkippedPost[] = [];
  const merged: MergedDuplicate[] = [];
  const header = findChannelHeader(lines);
  if (header) skipped.push({ line: 0, reason: 'channel header', excerpt: excerpt(lines.slice(0, header.end).join(' ')) });
  const channel = header?.name ?? sourceName ?? channelFromLinks(text) ?? 'Telegram';
  const posts: ImportedPost[] = [];
  for (const block of splitBlocks(lines, header?.end ?? 0)) {
    const clean = cleanBlock(block);
    if (clean.lines.length === 0) {
      skipped.push({ line: block.start, reason: 'media-only post (no text)', excerpt: '' });
      continue;
    }
    const keep = completeCopyLength(clean.lines.map((l) => l.text));
    const body = clean.lines.slice(0, keep);
    const { titledByLine, ...post } = toPost(body, clean, channel);
    const reason = skipReason(post.title, body.map((l) => l.text).join('\n'), {
      titled: titledByLine,
      linked: clean.linked || post.arxiv.length > 0,
      citesPaper: post.papers.length > 0,
      media: clean.media,
    });
    if (reason) {
      skipped.push({ line: clean.lines[0].at, reason, excerpt: excerpt(body.map((l) => l.text).join(' ')) });
      continue;
    }
    if (keep < clean.lines.length) merged.push({ line: clean.lines[keep].at, keptLine: clean.lines[0].at, title: post.title });
    if (post.untitled) {
      problems.push({
        file,
        line: clean.lines[0].at,
        severity: 'warning',
        message: `post has no title line; the draft is titled from its first words ("${post.title}") — curate its title`,
      });
    }
    posts.push(post);
  }
  const deduped = mergeDuplicatePosts(posts);
  return { posts: deduped.posts, skipped, merged: [...merged, ...deduped.merged], problems };
}

function toPost(
  lines: { text: string; at: number }[],
  clean: CleanBlock,
  channel: string,
): ImportedPost & { titledByLine: boolean } {
  const all = lines.map((l) => l.text).join('\n');
  const cited = citedTitles(all);
  const titledByLine = isLatinTitle(lines[0].text);
  const bodyLines = titledByLine ? lines.slice(1).map((l) => l.text) : lines.map((l) => l.text);
  let title: string;
  let untitled = false;
  if (titledByLine) title = cleanTitle(lines[0].text);
  else if (cited.length > 0) title = cited[0];
  else {
    title = fallbackTitle(all);
    untitled = true;
  }
  const source: SourceInfo = { name: channel };
  return {
    title,
    body: toMarkdownBody(bodyLines),
    arxiv: arxivIdsIn(all),
    papers: cited.length > 1 ? cited.map((t) => ({ title: t })) : [],
    source,
    lang: detectLang(all),
    line: clean.lines[0].at,
    untitled,
    titledByLine,
  };
}

/** The channel a page belongs to, from links to its own posts (`t.me/<channel>/<n>`). */
function channelFromLinks(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/t\.me\/([A-Za-z][\w]{3,31})\/\d+/g)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  let best: string | undefined;
  let bestN = 1;
  for (const [name, n] of counts) if (n > bestN) [best, bestN] = [name, n];
  return best;
}
