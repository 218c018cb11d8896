/** Small text helpers shared by the source parsers. Pure: safe in a web worker. */

/** Normalizes line endings and drops a byte-order mark, so parsers only ever see `\n`. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D\u20E3]/gu;

export function stripEmoji(text: string): string {
  return text.replace(EMOJI, '');
}

/** Comparison key for a line: no emoji, collapsed spaces, lower case. */
export function lineKey(line: string): string {
  return stripEmoji(line).replace(/\s+/g, ' ').trim().toLowerCase();
}

export function cyrillicRatio(text: string): number {
  let letters = 0;
  let cyr = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (/[\u0400-\u04FF]/.test(ch)) cyr++;
    }
  }
  return letters === 0 ? 0 : cyr / letters;
}

export function hasCyrillic(text: string): boolean {
  return /[\u0400-\u04FF]/.test(text);
}

/** A line that reads like an English paper title: Latin words, no sentence punctuation at the end. */
export function isLatinTitle(line: string): boolean {
  const t = stripEmoji(line).trim();
  if (t.length < 6 || t.length > 220) return false;
  if (hasCyrillic(t)) return false;
  if (/[.;,]$/.test(t) || /=|https?:\/\//.test(t)) return false;
  if (!/^[A-Z0-9"'«(Δ∞]/.test(t)) return false;
  // All-caps lines are channel tags ("RIZZEARCH THROWBACK"), not titles.
  if (!/[a-z]/.test(t)) return false;
  const words = t.match(/[A-Za-z]{2,}/g) ?? [];
  return words.length >= 2;
}

/** A line that reads like a Russian heading (translated title), not a sentence of prose. */
export function isRussianHeading(line: string): boolean {
  const t = stripEmoji(line).trim();
  if (t.length < 4 || t.length > 180) return false;
  if (cyrillicRatio(t) < 0.5) return false;
  return !/[.:;,!?…]$/.test(t) && !/https?:\/\//.test(t);
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/**
 * Stable kebab-case id from a title: the part before a colon when that part names the paper
 * on its own ("Retentive Network: A Successor…" → `retentive-network`), at most six words.
 */
export function slugify(title: string): string {
  const cleaned = dropParenthesized(stripEmoji(title)).trim();
  const head = cleaned.split(/:\s/)[0];
  const base = head.replace(/[^\p{L}\p{N}]+/gu, '').length >= 3 ? head : cleaned;
  const ascii = base
    .toLowerCase()
    .replace(/Δ|δ/g, 'delta ')
    .replace(/∞/g, 'infini ')
    .replace(/[\u0400-\u04FF]/g, (ch) => TRANSLIT[ch] ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const words = ascii
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 6);
  return words.join('-') || 'digest';
}

/**
 * Replaces each "(…" up to the next ")" with a space, as `/\([^)]*\)/g` would, in one pass: the
 * regex rescans to the end of the text from every "(" that has no ")" after it (quadratic).
 */
function dropParenthesized(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', from)) {
    const close = text.indexOf(')', open + 1);
    if (close < 0) break;
    out += text.slice(from, open) + ' ';
    from = close + 1;
  }
  return out + text.slice(from);
}

/** First words of a text, for messages ("skipped: … «В моей команде открылась…»"). */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + '…';
}

/**
 * Lays out post lines as markdown: scraped pages often lose blank lines, so every line is its
 * own paragraph, except consecutive list items, which stay one list.
 */
export function toMarkdownBody(lines: readonly string[]): string {
  const out: string[] = [];
  let prevList = false;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const isList = /^\s*(?:[-*•]\s|\d+[.)]\s)/.test(line);
    if (out.length > 0 && !(isList && prevList)) out.push('');
    out.push(isList ? line.replace(/^\s*•\s/, '- ') : line.trim());
    prevList = isList;
  }
  return out.join('\n');
}
