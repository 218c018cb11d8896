import type { DigestKind } from '../types';
import { slugify } from './text';
import type { Draft, ImportedPost } from './types';

/**
 * Turns cleaned posts into draft digests with unique ids. Curated fields start empty (the file
 * gets them as placeholders, `serializeDigest`), except `excerpt`, which the source format tells.
 */
export function draftsFromPosts(posts: readonly ImportedPost[]): Draft[] {
  const used = new Map<string, number>();
  return posts.map((p) => {
    const base = slugify(p.title);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const kind: DigestKind = p.papers.length > 1 || p.arxiv.length > 1 ? 'multi-paper' : 'paper';
    const draft: Draft = {
      id: n === 1 ? base : `${base}-${n}`,
      title: p.title,
      ...(p.titleRu ? { title_ru: p.titleRu } : {}),
      arxiv: [...p.arxiv],
      methods: [],
      topics: [],
      source: { ...p.source },
      lang: p.lang,
      kind,
      ...(p.excerpt ? { excerpt: true } : {}),
      ...(kind === 'multi-paper' && p.papers.length > 0 ? { papers: p.papers.map((x) => ({ ...x })) } : {}),
      body: p.body,
    };
    return draft;
  });
}
