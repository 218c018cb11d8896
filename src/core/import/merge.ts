import { curatedOf } from '../digestFields';
import type { DigestMeta } from '../types';
import { lineKey } from './text';
import type { Draft } from './types';

export type Existing = DigestMeta & { body: string };

function bodyKey(body: string): string {
  return lineKey(body.replace(/[*_`>#[\]()]/g, ' ').replace(/\s+/g, ' '));
}

/** True when `longer` is the same text as `shorter` with more of it (a cut-off copy completed). */
function extends_(longer: string, shorter: string): boolean {
  const a = bodyKey(longer);
  const b = bodyKey(shorter);
  return a.length > b.length && b.length > 0 && a.startsWith(b.replace(/…$/, '').trimEnd());
}

/**
 * Combines a fresh draft with the digest already in the corpus. Curated fields (title, arXiv IDs,
 * methods, topics, TL;DRs, authors, year, venue, code, links, aliases) are never overwritten; other fields are only filled in when missing; the body
 * is replaced only by a more complete version of the same text, so hand edits survive.
 */
export function mergeWithExisting(draft: Draft, existing?: Existing): Draft {
  if (!existing) return draft;
  const merged: Draft = {
    id: existing.id,
    title: existing.title,
    ...(existing.title_ru ?? draft.title_ru ? { title_ru: existing.title_ru ?? draft.title_ru } : {}),
    ...curatedOf(existing),
    ...(existing.excerpt ?? draft.excerpt ? { excerpt: true } : {}),
    arxiv: [...existing.arxiv],
    methods: [...existing.methods],
    topics: [...existing.topics],
    source: { ...draft.source, ...definedOnly(existing.source) },
    lang: existing.lang,
    kind: existing.kind,
    ...(existing.papers ?? draft.papers ? { papers: (existing.papers ?? draft.papers)!.map((p) => ({ ...p })) } : {}),
    body: extends_(draft.body, existing.body) ? draft.body : existing.body,
  };
  return merged;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/**
 * The corpus digest a draft is a new version of. Ids alone are not enough: curation renames
 * drafts (a Russian heading becomes the paper's English title), so the match also tries the same
 * arXiv IDs, the heading against the title or Russian title, and the opening of the text.
 */
export function findExisting<T extends Existing>(draft: Draft, existing: readonly T[]): T | undefined {
  const byId = existing.find((e) => e.id === draft.id);
  const sameSet = (e: T): boolean =>
    draft.arxiv.length > 0 && e.arxiv.length === draft.arxiv.length && draft.arxiv.every((a) => e.arxiv.includes(a));
  const titleKey = lineKey(draft.title);
  const sameTitle = (e: T): boolean => lineKey(e.title) === titleKey || (e.title_ru !== undefined && lineKey(e.title_ru) === titleKey);
  const draftBody = bodyKey(draft.body).slice(0, 200);
  const sameOpening = (e: T): boolean => {
    if (draftBody.length < 40) return false;
    const k = bodyKey(e.body);
    return k.startsWith(draftBody) || draftBody.startsWith(k.slice(0, 200));
  };
  const candidates = [
    (e: T) => e === byId && (sameTitle(e) || sameSet(e) || sameOpening(e) || e.title === draft.title),
    sameSet,
    sameTitle,
    sameOpening,
    (e: T) => draft.arxiv.length > 0 && e.kind === 'paper' && draft.arxiv.some((a) => e.arxiv.includes(a)),
  ];
  for (const test of candidates) {
    const hit = existing.find(test);
    if (hit) return hit;
  }
  return undefined;
}

export type PlanStatus = 'new' | 'updated' | 'unchanged';

export interface PlannedDigest {
  digest: Draft;
  status: PlanStatus;
  /** Id of the corpus digest this draft was matched to. */
  existingId?: string;
}

/**
 * Decides what to write for each draft: new digests get ids that do not clash with the corpus;
 * matched ones are merged. `unchanged` means the merge equals what is on disk.
 */
export function planImport(
  drafts: readonly Draft[],
  existing: readonly Existing[],
  equal: (a: Draft, b: Existing) => boolean,
  /** Ids that are in use though not in `existing` (files that failed to parse). */
  reserved: Iterable<string> = [],
): PlannedDigest[] {
  const taken = new Set([...existing.map((e) => e.id), ...reserved]);
  const claimed = new Set<string>();
  const plan: PlannedDigest[] = [];
  for (const draft of drafts) {
    const match = findExisting(draft, existing.filter((e) => !claimed.has(e.id)));
    if (match) {
      claimed.add(match.id);
      const merged = mergeWithExisting(draft, match);
      plan.push({ digest: merged, status: equal(merged, match) ? 'unchanged' : 'updated', existingId: match.id });
      continue;
    }
    let id = draft.id;
    for (let n = 2; taken.has(id); n++) id = `${draft.id}-${n}`;
    taken.add(id);
    plan.push({ digest: { ...draft, id }, status: 'new' });
  }
  return plan;
}
