import type { Problem } from '../types';
import { arxivIdsIn } from '../arxiv/arxiv';
import { skipReason } from './classify';
import { mergeDuplicatePosts } from './dedupe';
import { cleanBlock, cleanTitle, detectLang, findChannelHeader, splitBlocks } from './telegramPage';
import { excerpt, isLatinTitle, isRussianHeading, toMarkdownBody } from './text';
import type { ImportedPost, ParseOutput, SkippedPost } from './types';

export const ALPHAXIV_URL_LINE = /^https?:\/\/(?:www\.)?alphaxiv\.org\/(?:ru\/)?(?:overview|abs)\/\S+$/i;

interface Entry {
  headStart: number;
  url: number;
  en?: string;
  ru?: string;
}

/**
 * Parses an alphaXiv overview list: each entry is an English title, an optional Russian title,
 * the alphaXiv link and a Russian summary. Lists scraped from Telegram repeat every entry (the
 * copy starts at the Russian title or the link); the copies are merged by arXiv ID.
 */
export function parseAlphaxiv(text: string, file: string): ParseOutput {
  const lines = text.split('\n');
  const problems: Problem[] = [];
  const skipped: SkippedPost[] = [];
  const posts: ImportedPost[] = [];
  const header = findChannelHeader(lines);
  for (const block of splitBlocks(lines, header?.end ?? 0)) {
    const clean = cleanBlock(block);
    const ls = clean.lines;
    const entries: Entry[] = [];
    let floor = 0;
    ls.forEach((l, i) => {
      if (!ALPHAXIV_URL_LINE.test(l.text.trim())) return;
      const e: Entry = { headStart: i, url: i };
      let j = i - 1;
      if (j >= floor && isRussianHeading(ls[j].text)) {
        e.ru = ls[j].text.trim();
        e.headStart = j;
        j--;
      }
      if (j >= floor && isLatinTitle(ls[j].text)) {
        e.en = cleanTitle(ls[j].text);
        e.headStart = j;
      }
      entries.push(e);
      floor = i + 1;
    });
    const firstHead = entries.length ? entries[0].headStart : ls.length;
    const pre = ls.slice(0, firstHead).filter((l) => l.text.trim() !== '');
    if (pre.length > 0) {
      const preText = pre.map((l) => l.text).join('\n');
      const reason =
        skipReason(pre[0].text, preText, { titled: false, linked: false, citesPaper: false, media: clean.media }) ??
        'text outside any alphaXiv entry';
      skipped.push({ line: pre[0].at, reason, excerpt: excerpt(preText) });
    }
    entries.forEach((e, k) => {
      const end = k + 1 < entries.length ? entries[k + 1].headStart : ls.length;
      const summary = ls.slice(e.url + 1, end).map((l) => l.text);
      const url = ls[e.url].text.trim();
      const title = e.en ?? e.ru;
      const at = ls[e.headStart].at;
      posts.push({
        title: title ?? url,
        untitled: !title,
        titleRu: e.ru,
        body: toMarkdownBody(summary),
        arxiv: arxivIdsIn(url),
        papers: [],
        source: { name: 'alphaXiv', url },
        lang: detectLang(summary.join(' ') || title || ''),
        line: at,
      });
    });
  }
  const deduped = mergeDuplicatePosts(posts);
  for (const p of deduped.posts) {
    if (p.untitled) {
      problems.push({ file, line: p.line, severity: 'error', message: `alphaXiv entry ${p.source.url} has no title in any copy; not imported` });
    }
  }
  return { posts: deduped.posts.filter((p) => !p.untitled), skipped, merged: deduped.merged, problems };
}
