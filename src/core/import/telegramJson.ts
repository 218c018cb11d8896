import type { Problem } from '../types';
import { arxivIdsIn } from '../arxiv/arxiv';
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
  /** Offset of each message object in the text, when the scan found the same number of them. */
  offsets?: number[];
  /** Set when the file is not complete JSON: where it breaks. */
  truncatedAt?: number;
  error?: string;
  /** True when the file ends inside a message object. */
  cutOff?: boolean;
  /** Message objects that are there but not valid JSON (offset and why), skipped in a salvage. */
  unreadable?: { at: number; error: string }[];
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

/** The top-level objects of the `messages` array: one pass over the text, strings tracked. */
interface Scan {
  /** Where the `"messages": [` list starts. */
  listAt: number;
  objects: { start: number; end: number }[];
  /** Where a last, incomplete object starts (the file is cut off inside it). */
  cutAt?: number;
}

/** Where a Telegram Desktop export's message list opens (also how the format is recognized). */
export const MESSAGES_LIST = /"messages"\s*:\s*\[/;

function scanMessages(text: string): Scan | undefined {
  const list = MESSAGES_LIST.exec(text);
  if (!list) return undefined;
  const objects: { start: number; end: number }[] = [];
  let i = list.index + list[0].length;
  while (i < text.length) {
    let c = text.charCodeAt(i);
    // whitespace and commas between objects
    while (i < text.length && (c === 32 || c === 10 || c === 13 || c === 9 || c === 44)) c = text.charCodeAt(++i);
    if (c !== 123 /* { */) return { listAt: list.index, objects };
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (inString) {
        if (ch === 92 /* \ */) i++;
        else if (ch === 34 /* " */) inString = false;
      } else if (ch === 34) inString = true;
      else if (ch === 123) depth++;
      else if (ch === 125 /* } */ && --depth === 0) {
        i++;
        break;
      }
    }
    if (depth !== 0) return { listAt: list.index, objects, cutAt: start };
    objects.push({ start, end: i });
  }
  return { listAt: list.index, objects };
}

/**
 * Reads the export, and when the JSON is cut off (an interrupted export, a partial download) or
 * partly broken, recovers every message object that parses on its own and lists the others.
 */
export function readExport(text: string): Salvaged {
  try {
    const data = JSON.parse(text) as { name?: unknown; username?: unknown; messages?: unknown };
    if (!data || typeof data !== 'object' || !Array.isArray(data.messages)) {
      return { messages: [], error: 'JSON without a "messages" list: not a Telegram Desktop export' };
    }
    const scan = scanMessages(text);
    return {
      name: typeof data.name === 'string' ? data.name : undefined,
      username: typeof data.username === 'string' ? data.username : undefined,
      messages: data.messages,
      ...(scan && scan.objects.length === data.messages.length ? { offsets: scan.objects.map((o) => o.start) } : {}),
    };
  } catch (e) {
    return salvage(text, e instanceof Error ? e.message : String(e));
  }
}

/** A JSON string literal's value, or undefined when it does not decode (a bad escape). */
function jsonString(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(`"${raw}"`);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function salvage(text: string, error: string): Salvaged {
  const scan = scanMessages(text);
  const head = text.slice(0, scan?.listAt ?? Math.min(text.length, 10_000));
  const name = jsonString(/^\s*\{[^[]*?"name"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(head)?.[1]);
  const username = jsonString(/"username"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(head)?.[1]);
  if (!scan) return { name, messages: [], error: `invalid JSON (${error}) and no "messages" list to recover from` };
  const messages: unknown[] = [];
  const offsets: number[] = [];
  const unreadable: { at: number; error: string }[] = [];
  for (const o of scan.objects) {
    try {
      messages.push(JSON.parse(text.slice(o.start, o.end)));
      offsets.push(o.start);
    } catch (e) {
      unreadable.push({ at: o.start, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const breakAt = scan.cutAt ?? (scan.objects.length > 0 ? scan.objects[scan.objects.length - 1].end : scan.listAt);
  return { name, username, messages, offsets, truncatedAt: breakAt, error, unreadable, cutOff: scan.cutAt !== undefined };
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
    const bad = data.unreadable ?? [];
    problems.push({
      file,
      line: lineOf(data.truncatedAt),
      severity: 'error',
      message:
        `truncated or invalid JSON export (${data.error}); recovered ${data.messages.length} complete message(s)` +
        (bad.length > 0 ? `, ${bad.length} unreadable message(s) skipped` : '') +
        (data.cutOff ? '; the message after them is cut off' : ''),
    });
    for (const u of bad.slice(0, 20)) problems.push({ file, line: lineOf(u.at), severity: 'error', message: `unreadable message skipped (${u.error})` });
  } else if (data.error) {
    problems.push({ file, line: 0, column: 0, severity: 'error', message: data.error });
    return { posts, skipped, merged: [], problems };
  }
  const channel = data.name ?? sourceName ?? 'Telegram';
  const username = data.username?.replace(/^@/, '');
  // Messages are reported by the line their object starts on, from one scan of the text (a
  // search for each id rescans the file from where it last matched: quadratic when ids are
  // written `"id":1`, without the space the search expected).
  const offsets = data.offsets;
  data.messages.forEach((raw, index) => {
    const m = (raw && typeof raw === 'object' ? raw : {}) as ExportMessage;
    const id = typeof m.id === 'number' || typeof m.id === 'string' ? String(m.id) : `#${index + 1}`;
    const line = offsets ? lineOf(offsets[index]) : 0;
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
