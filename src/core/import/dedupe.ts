import { hasCyrillic, lineKey } from './text';
import type { ImportedPost, MergedDuplicate } from './types';

/** Lines beyond this are not searched for a repeated copy: keeps hostile inputs linear-ish. */
const MAX_LINES_FOR_COPY_SEARCH = 600;

/**
 * Telegram web pages often show a post twice in a row: the full text, then a copy that lacks the
 * title, the emoji-led lines, and may be cut off mid-line. Returns the length of the first,
 * complete copy (all lines when there is no repeated copy).
 *
 * A tail counts as a copy when every non-empty line of it equals, or is a cut-off prefix of, a line
 * of the head, and it is substantial (at least a quarter of the head) so that a post which merely
 * repeats one sentence at its end is left alone.
 */
export function completeCopyLength(lines: readonly string[]): number {
  const n = lines.length;
  if (n < 2 || n > MAX_LINES_FOR_COPY_SEARCH) return n;
  const keys = lines.map(lineKey);
  const seen = new Set<string>();
  const headKeys: string[] = [];
  for (let k = 1; k < n; k++) {
    const prev = keys[k - 1];
    if (prev) {
      seen.add(prev);
      headKeys.push(prev);
    }
    if (!keys[k] || !seen.has(keys[k])) continue;
    let tail = 0;
    let ok = true;
    for (let j = k; j < n && ok; j++) {
      const key = keys[j];
      if (!key) continue;
      tail++;
      ok = seen.has(key) || (key.length >= 12 && headKeys.some((h) => h.length > key.length && h.startsWith(key)));
    }
    if (ok && tail >= Math.max(1, Math.ceil(headKeys.length / 4))) return k;
  }
  return n;
}

function normalizedBody(post: ImportedPost): string {
  return lineKey(post.body.replace(/\s+/g, ' '));
}

/** Copies of a post share their opening (a cut-off copy loses only its end). */
const OPENING = 80;

function keysOf(post: ImportedPost, body: string): string[] {
  const keys: string[] = [];
  if (post.arxiv.length > 0) keys.push('arxiv:' + [...post.arxiv].sort().join(','));
  if (!post.untitled) keys.push('title:' + lineKey(post.title));
  if (body.length >= OPENING) keys.push('text:' + body.slice(0, OPENING));
  else if (body.length > 0) keys.push('short:' + body);
  return keys;
}

/**
 * Merges posts that appear more than once (same arXiv IDs, same title or the same opening text),
 * keeping the most complete copy and taking the heading from whichever copy has one. Lookups go
 * through maps so large exports stay fast.
 */
export function mergeDuplicatePosts(posts: readonly ImportedPost[]): { posts: ImportedPost[]; merged: MergedDuplicate[] } {
  const kept: ImportedPost[] = [];
  const bodies: string[] = [];
  const index = new Map<string, number>();
  const merged: MergedDuplicate[] = [];
  for (const post of posts) {
    const body = normalizedBody(post);
    const keys = keysOf(post, body);
    const hit = keys.map((k) => index.get(k)).find((i) => i !== undefined);
    if (hit === undefined) {
      kept.push({ ...post });
      bodies.push(body);
      for (const k of keys) index.set(k, kept.length - 1);
      continue;
    }
    const prev = kept[hit];
    const better = body.length > bodies[hit].length ? post : prev;
    const other = better === post ? prev : post;
    const combined: ImportedPost = {
      ...better,
      title: pickTitle(better, other),
      untitled: Boolean(better.untitled && other.untitled),
      titleRu: better.titleRu ?? other.titleRu,
      arxiv: [...new Set([...better.arxiv, ...other.arxiv])],
      papers: better.papers.length >= other.papers.length ? better.papers : other.papers,
      line: Math.min(prev.line, post.line),
      source: { ...other.source, ...better.source },
    };
    if (!combined.titleRu) delete combined.titleRu;
    kept[hit] = combined;
    bodies[hit] = normalizedBody(combined);
    for (const k of [...keys, ...keysOf(combined, bodies[hit])]) if (!index.has(k)) index.set(k, hit);
    merged.push({ line: post.line, keptLine: better.line, title: combined.title });
  }
  return { posts: kept, merged };
}

/** The heading to keep for merged copies: a real one over first words, English over Russian. */
function pickTitle(better: ImportedPost, other: ImportedPost): string {
  if (better.untitled !== other.untitled) return better.untitled ? other.title : better.title;
  if (hasCyrillic(better.title) && !hasCyrillic(other.title)) return other.title;
  return better.title;
}
