import type { Problem } from '../types';
import { arxivIdsIn } from '../arxiv/arxiv';
import { skipReason } from './classify';
import { mergeDuplicatePosts } from './dedupe';
import { isHabrNoise } from './noise';
import { detectLang } from './telegramPage';
import { excerpt, lineKey, toMarkdownBody } from './text';
import type { ImportedPost, ParseOutput, SkippedPost } from './types';

const META = /^(level of difficulty|reading time|views)\s*\S+/i;
const END = /^(читать далее|read more)$/i;

/**
 * Parses a Habr author page: article teasers, each a title, the difficulty / reading-time / views
 * lines, a few teaser paragraphs, "Читать далее" and the vote and comment counters.
 */
export function parseHabr(text: string, file: string): ParseOutput {
  const lines = text.split('\n');
  const problems: Problem[] = [];
  const skipped: SkippedPost[] = [];
  const posts: ImportedPost[] = [];
  // Each article is anchored on its block of meta lines; the title is the line just above it.
  const anchors: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (META.test(lines[i].trim()) && !META.test(lines[i - 1]?.trim() ?? '')) anchors.push(i);
  }
  if (anchors.length === 0) {
    problems.push({ file, severity: 'error', message: 'no Habr article teasers found (no "Reading time" / "Views" lines)' });
    return { posts, skipped, merged: [], problems };
  }
  const titleLine = (anchor: number): number => {
    let t = anchor - 1;
    while (t >= 0 && lines[t].trim() === '') t--;
    return t;
  };
  const firstTitle = titleLine(anchors[0]);
  if (firstTitle > 0) {
    skipped.push({ line: 0, reason: 'author page header', excerpt: excerpt(lines.slice(0, firstTitle).join(' ')) });
  }
  anchors.forEach((anchor, k) => {
    const t = titleLine(anchor);
    if (t < 0) {
      problems.push({ file, line: anchor, severity: 'error', message: 'article teaser without a title; not imported' });
      return;
    }
    const title = lines[t].trim();
    const limit = k + 1 < anchors.length ? titleLine(anchors[k + 1]) : lines.length;
    let i = anchor;
    while (i < limit && META.test(lines[i].trim())) i++;
    const teaser: string[] = [];
    for (; i < limit; i++) {
      const l = lines[i];
      if (END.test(l.trim())) break;
      if (isHabrNoise(l)) continue;
      teaser.push(l);
    }
    // Some teasers repeat the article title as their first line.
    const firstText = teaser.findIndex((l) => l.trim() !== '');
    if (firstText >= 0 && lineKey(teaser[firstText]) === lineKey(title)) teaser.splice(firstText, 1);
    const teaserText = teaser.join('\n');
    const reason = skipReason(title, teaserText, { titled: true, linked: false, citesPaper: false, media: false });
    if (reason) {
      skipped.push({ line: t, reason, excerpt: excerpt(title) });
      return;
    }
    if (teaserText.trim() === '') {
      problems.push({ file, line: t, severity: 'warning', message: `article "${excerpt(title)}" has no teaser text` });
    }
    posts.push({
      title,
      titleRu: /[\u0400-\u04FF]/.test(title) ? title : undefined,
      body: toMarkdownBody(teaser),
      arxiv: arxivIdsIn(teaserText),
      papers: [],
      source: { name: 'Habr' },
      lang: detectLang(title + ' ' + teaserText),
      line: t,
      // An author page shows each article's first paragraphs only.
      excerpt: true,
    });
  });
  const deduped = mergeDuplicatePosts(posts);
  return { posts: deduped.posts, skipped, merged: deduped.merged, problems };
}
