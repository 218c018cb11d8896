import type { Problem } from '../types';
import { arxivIdsIn } from '../arxiv';
import { skipReason } from './classify';
import { mergeDuplicatePosts } from './dedupe';
import { findLinkPreviews, isLinkMarker, isTelegramNoise } from './noise';
import { citedTitles, cleanTitle, detectLang, fallbackTitle } from './telegramPage';
import { excerpt, isLatinTitle, toMarkdownBody } from './text';
import type { ImportedPost, ParseOutput, SkippedPost } from './types';

/** Telegram Desktop "Export chat history" → JSON (`result.json`): the parts we read. */
interface ExportMessage {
  id?: unknown;
  type?: unknown;
  date?: unknown;
  text?: unknown;
  photo?: unknown;
  file?: unknown;
  media_type?: unknown;
}

interface Salvaged {
  name?: string;
  username?: string;
  messages: unknown[];
  /** Set when the file is not complete JSON: where it breaks. */
  truncatedAt?: number;
  error?: string;
}

/** Plain text of a message: `text` is a string or a list of strings and entities `{type, text, href?}`. */
export function messageText(text: unknown): { plain: string; links: string[] } {
  if (typeof text === 'string') return { plain: text, links: [] };
  if (!Array.isArray(text)) return { plain: '', links: [] };
  let plain = '';
  const links: string[] = [];
  for (const part of text) {
    if (typeof part === 'string') plain += part;
    else if (part && typeof part === 'object') {
      const p = part as { text?: unknown; href?: unknown; type?: unknown };
      const t = typeof p.text === 'string' ? p.text : '';
      if (typeof p.href === 'string') {
        links.push(p.href);
        // "👀LINK" anchors only carry the href, which ends up in the metadata.
        if (isLinkMarker(t)) continue;
        plain += p.type === 'text_link' && /^https?:/.test(p.href) ? `[${t}](${p.href})` : t;
      } else {
        if (p.type === 'link') links.push(t);
        plain += p.type === 'bold' && t.trim() ? `**${t}**` : t;
      }
    }
  }
  return { plain, links };
}

/**
 * Reads the export, and when the JSON is cut off (an interrupted export, a partial download)
 * recovers every complete message object before the break.
 */
export function readExport(text: string): Salvaged {
  try {
    const data = JSON.parse(text) as { name?: unknown; username?: unknown; messages?: unknown };
    if (!data || typeof data !== 'object' || !Array.isArray(data.messages)) {
      return { messages: [], error: 'JSON without a "messages" list: not a Telegram Desktop export' };
    }
    return {
      name: typeof data.name === 'string' ? data.name : undefined,
      username: typeof data.username === 'string' ? data.username : undefined,
      messages: data.messages,
    };
  } catch (e) {
    return salvage(text, e instanceof Error ? e.message : String(e));
  }
}

function salvage(text: string, error: string): Salvaged {
  const name = /^\s*\{[^[]*?"name"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  const list = /"messages"\s*:\s*\[/.exec(text);
  if (!list) return { name, messages: [], error: `invalid JSON (${error}) and no "messages" list to recover from` };
  const messages: unknown[] = [];
  let i = list.index + list[0].length;
  let lastGood = i;
  // Walk top-level objects of the array, tracking strings so braces inside text do not count.
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i])) i++;
    if (text[i] !== '{') break;
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        i++;
        break;
      }
    }
    if (depth !== 0) break;
    try {
      messages.push(JSON.parse(text.slice(start, i)));
      lastGood = i;
    } catch {
      break;
    }
  }
  return { name: name ? JSON.parse(`"${name}"`) : undefined, messages, truncatedAt: lastGood, error };
}

/** Offset → 0-based line, by binary search over line starts (exports can be large). */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** Parses a Telegram Desktop JSON export of a channel. */
export function parseTelegramJson(text: string, file: string, sourceName?: string): ParseOutput {
  const problems: Problem[] = [];
  const skipped: SkippedPost[] = [];
  const posts: ImportedPost[] = [];
  const data = readExport(text);
  const lineOf = lineLocator(text);
  if (data.truncatedAt !== undefined) {
    problems.push({
      file,
      line: lineOf(data.truncatedAt),
      severity: 'error',
      message: `truncated or invalid JSON export (${data.error}); recovered ${data.messages.length} complete message(s) before the break`,
    });
  } else if (data.error) {
    problems.push({ file, line: 0, column: 0, severity: 'error', message: data.error });
    return { posts, skipped, merged: [], problems };
  }
  const channel = data.name ?? sourceName ?? 'Telegram';
  const username = data.username?.replace(/^@/, '');
  // Messages are reported by their line in the file, found by walking the "id" keys in order.
  let searchFrom = 0;
  const lineOfMessage = (id: string): number => {
    const at = /^\d+$/.test(id) ? text.indexOf(`"id": ${id}`, searchFrom) : -1;
    if (at < 0) return 0;
    searchFrom = at;
    return lineOf(at);
  };
  data.messages.forEach((raw, index) => {
    const m = (raw && typeof raw === 'object' ? raw : {}) as ExportMessage;
    const id = typeof m.id === 'number' || typeof m.id === 'string' ? String(m.id) : `#${index + 1}`;
    const line = lineOfMessage(id);
    if (m.type !== 'message') {
      skipped.push({ line, reason: `message ${id}: service message (${String(m.type ?? 'no type')})`, excerpt: '' });
      return;
    }
    const { plain, links } = messageText(m.text);
    const rawLines = plain.replace(/\r\n?/g, '\n').split('\n');
    const previews = findLinkPreviews(rawLines);
    let linked = links.some((l) => /arxiv|alphaxiv|huggingface\.co\/papers|openreview/i.test(l));
    const lines = rawLines.filter((l, i) => {
      if (previews.has(i) || isTelegramNoise(l)) return false;
      if (isLinkMarker(l)) {
        linked = true;
        return false;
      }
      return true;
    });
    const first = lines.findIndex((l) => l.trim() !== '');
    if (first < 0) {
      const media = m.photo || m.file ? 'media without text' : 'empty message';
      skipped.push({ line, reason: `message ${id}: ${media}`, excerpt: '' });
      return;
    }
    const all = lines.join('\n') + '\n' + links.join('\n');
    const headLine = lines[first].replace(/\*\*/g, '');
    const titled = isLatinTitle(headLine);
    const cited = citedTitles(all);
    const arxiv = arxivIdsIn(all);
    const reason = skipReason(titled ? headLine : '', lines.join('\n'), {
      titled,
      linked: linked || arxiv.length > 0,
      citesPaper: cited.length > 0,
      media: Boolean(m.photo || m.file || m.media_type),
    });
    if (reason) {
      skipped.push({ line, reason: `message ${id}: ${reason}`, excerpt: excerpt(lines.join(' ')) });
      return;
    }
    const bodyLines = titled ? lines.slice(first + 1) : lines.slice(first);
    const title = titled ? cleanTitle(headLine) : cited[0] ?? fallbackTitle(lines.join(' ').replace(/\*\*/g, ''));
    const untitled = !titled && cited.length === 0;
    if (untitled) {
      problems.push({ file, line, severity: 'warning', message: `message ${id} has no title line; the draft is titled from its first words ("${title}")` });
    }
    const date = typeof m.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(m.date) ? m.date.slice(0, 10) : undefined;
    posts.push({
      title,
      untitled,
      body: toMarkdownBody(bodyLines),
      arxiv,
      papers: cited.length > 1 ? cited.map((t) => ({ title: t })) : [],
      source: {
        name: channel,
        ...(username && /^\d+$/.test(id) ? { url: `https://t.me/${username}/${id}` } : {}),
        ...(date ? { date } : {}),
      },
      lang: detectLang(all),
      line,
    });
  });
  const deduped = mergeDuplicatePosts(posts);
  return { posts: deduped.posts, skipped, merged: deduped.merged, problems };
}
