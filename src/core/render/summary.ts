/**
 * First sentences of a markdown body as plain text, for tooltips, hover cards and search.
 * Markdown syntax is stripped crudely on purpose: the result is shown as escaped text.
 */
export function summarize(body: string, maxChars = 320): string {
  const text = body
    .slice(0, maxChars * 8)
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    // Bounded lengths: with `*`, every unclosed "[" or "(" rescans the rest of its line
    // (quadratic on "[[[[…"); real link texts and URLs are far shorter.
    .replace(/!\[[^\]\n]{0,300}\]\([^)\n]{0,1000}\)/g, ' ')
    .replace(/\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/[*_`>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  // Prefer ending on a sentence boundary when one is reasonably far in.
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (end > maxChars * 0.4) return cut.slice(0, end + 1);
  const space = cut.lastIndexOf(' ');
  return (space > maxChars * 0.6 ? cut.slice(0, space) : cut) + '…';
}
