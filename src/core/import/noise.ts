/**
 * Recognizes the scraping debris around posts: Telegram web-preview boilerplate, reaction
 * counters, link markers, link-preview cards and Habr's counters. Each predicate looks at one
 * line so the parsers can decide what a line means in its context.
 */

const PICTO = /[\p{Extended_Pictographic}\uFE0F\u200D]/u;

/**
 * A reaction counter (`❤9🔥8👍2🗿1`, `👍51🔥11`) or a bare counter left when the emoji were
 * lost in scraping (`432`). These end a Telegram post.
 */
export function isReactionLine(line: string): boolean {
  const t = line.trim();
  if (t === '' || !/\d/.test(t)) return false;
  if (!/^[\d\s\p{Extended_Pictographic}\uFE0F\u200D]+$/u.test(t)) return false;
  return PICTO.test(t) || /^\d{1,6}$/.test(t);
}

const TELEGRAM_NOISE = [
  /^please open telegram to view this post$/i,
  /^view in telegram$/i,
  /^this media is not supported in your browser$/i,
  /^download telegram$/i,
];

/** Lines that carry nothing in any Telegram post. */
export function isTelegramNoise(line: string): boolean {
  const t = line.trim();
  return TELEGRAM_NOISE.some((re) => re.test(t));
}

/** `👀LINK`, `👀 LINK`: the marker rizzearch puts where the paper link was. */
export function isLinkMarker(line: string): boolean {
  return /^[\p{Extended_Pictographic}\uFE0F\s]*LINK$/u.test(line.trim());
}

const PREVIEW_SITES = /^(youtube|alphaxiv|arxiv(\.org)?|github|hugging ?face|medium|x|twitter|openreview(\.net)?|google docs|telegraph)$/i;

/**
 * Removes link-preview cards: a site name line ("alphaXiv", "YouTube") followed by a page
 * title ("… | alphaXiv") and/or a description cut off with "…". Returns the indices removed.
 */
export function findLinkPreviews(lines: readonly string[]): Set<number> {
  const drop = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!PREVIEW_SITES.test(lines[i].trim())) continue;
    const site = lines[i].trim();
    const next = lines[i + 1]?.trim() ?? '';
    const after = lines[i + 2]?.trim() ?? '';
    const titled = next.toLowerCase().endsWith('| ' + site.toLowerCase()) || next.includes(' | ');
    if (!titled && !next.endsWith('…') && !after.endsWith('…')) continue;
    drop.add(i);
    drop.add(i + 1);
    if (!next.endsWith('…') && after.endsWith('…')) drop.add(i + 2);
  }
  return drop;
}

/** Habr teaser counters and controls: "Читать далее", "Total votes 13: ↑13 and ↓0+22", "Comments0"… */
export function isHabrNoise(line: string): boolean {
  const t = line.trim();
  return (
    /^читать далее$/i.test(t) ||
    /^read more$/i.test(t) ||
    /^total votes\s*\d+/i.test(t) ||
    /^rating\s*[-+]?\d+$/i.test(t) ||
    /^comments\s*\d+$/i.test(t) ||
    /^views\s*[\d.,]+k?$/i.test(t) ||
    /^reading time\s*\d+\s*min$/i.test(t) ||
    /^level of difficulty\s*\w+$/i.test(t)
  );
}
