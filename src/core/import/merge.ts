import { curatedOf } from '../digest/curation';
import { uniqueId } from '../digestFile/digestTemplate';
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
 * The file name (without `.md`) of a new imported draft: its id when free, else `id-2`, `id-3`…
 * Names compare without case (`X.md` and `x.md` are one file on many disks). The CLI importer
 * and the editor's Import Telegram Export both name new drafts here, and New Digest uses the
 * same `uniqueId` sequence.
 */
export function importFileId(id: string, taken: (lowerCaseId: string) => boolean): string | undefined {
  return uniqueId(id, (c) => taken(c.toLowerCase()));
}

/**
 * Decides what to write for each draft: new digests get ids that do not clash with the corpus;
 * matched ones are merged. `unchanged` means the merge equals what is on disk. A draft with no
 * free name left (10,000 taken) is left out.
 */
export function planImport(
  drafts: readonly Draft[],
  existing: readonly Existing[],
  equal: (a: Draft, b: Existing) => boolean,
  /** Names in use though not in `existing` (files that failed to parse, links, other corpus ids). */
  reserved: Iterable<string> = [],
  /** Ids taken elsewhere (the rest of the corpus), asked in lower case. */
  isTaken: (lowerCaseId: string) => boolean = () => false,
): PlannedDigest[] {
  const taken = new Set([...existing.map((e) => e.id.toLowerCase()), ...[...reserved].map((r) => r.toLowerCase())]);
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
    const id = importFileId(draft.id, (c) => taken.has(c) || isTaken(c));
    if (id === undefined) continue;
    taken.add(id.toLowerCase());
    plan.push({ digest: { ...draft, id }, status: 'new' });
  }
  return plan;
}
