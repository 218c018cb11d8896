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
  return new ExistingIndex(existing).find(draft);
}

/** Openings shorter than this (in body-key characters) identify nothing. */
const OPENING_MIN = 40;
const OPENING_MAX = 200;

/**
 * The digests a batch of drafts is matched against, with their keys computed once: each draft
 * looks up candidates by id, arXiv ID, title key and opening instead of re-reading every
 * digest, so planning an import is linear in drafts plus digests, not their product. Tests, in
 * order (the first that finds an unclaimed digest wins; among several, the first in `existing`):
 * the same id and something else in common; the same set of arXiv IDs; the same title (either
 * language); the same opening; a paper sharing an arXiv ID. A claimed digest is matched no more.
 */
export class ExistingIndex<T extends Existing> {
  private readonly titleKeys: string[];
  private readonly titleRuKeys: (string | undefined)[];
  private readonly openings: string[];
  private readonly byId = new Map<string, number[]>();
  private readonly byArxiv = new Map<string, number[]>();
  private readonly byTitle = new Map<string, number[]>();
  private readonly byOpening = new Map<string, number[]>();
  private readonly claimed = new Set<number>();

  constructor(private readonly existing: readonly T[]) {
    const add = (map: Map<string, number[]>, key: string, i: number): void => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    this.titleKeys = existing.map((e) => lineKey(e.title));
    this.titleRuKeys = existing.map((e) => (e.title_ru !== undefined ? lineKey(e.title_ru) : undefined));
    this.openings = existing.map((e) => bodyKey(e.body).slice(0, OPENING_MAX));
    existing.forEach((e, i) => {
      add(this.byId, e.id, i);
      for (const a of e.arxiv) add(this.byArxiv, a, i);
      add(this.byTitle, this.titleKeys[i], i);
      const ru = this.titleRuKeys[i];
      if (ru !== undefined) add(this.byTitle, ru, i);
      if (this.openings[i].length >= OPENING_MIN) add(this.byOpening, this.openings[i].slice(0, OPENING_MIN), i);
    });
  }

  /** Takes `match` (and anything else under its id) out of the candidates for the drafts still to come. */
  claim(match: T): void {
    for (const i of this.byId.get(match.id) ?? []) this.claimed.add(i);
  }

  find(draft: Draft): T | undefined {
    const titleKey = lineKey(draft.title);
    const opening = bodyKey(draft.body).slice(0, OPENING_MAX);
    const sameSet = (e: T): boolean =>
      draft.arxiv.length > 0 && e.arxiv.length === draft.arxiv.length && draft.arxiv.every((a) => e.arxiv.includes(a));
    const sameTitle = (i: number): boolean => this.titleKeys[i] === titleKey || this.titleRuKeys[i] === titleKey;
    // Both openings long enough, and one the start of the other (a cut-off copy).
    const sameOpening = (i: number): boolean => {
      const k = this.openings[i];
      return opening.length >= OPENING_MIN && k.length >= OPENING_MIN && (k.startsWith(opening) || opening.startsWith(k));
    };
    const byArxiv = draft.arxiv.flatMap((a) => this.byArxiv.get(a) ?? []);
    // Only the first unclaimed digest of the draft's id is its namesake.
    const namesake = (this.byId.get(draft.id) ?? []).find((i) => !this.claimed.has(i));
    const tests: [number[], (i: number) => boolean][] = [
      [namesake === undefined ? [] : [namesake], (i) => sameTitle(i) || sameSet(this.existing[i]) || sameOpening(i) || this.existing[i].title === draft.title],
      [byArxiv, (i) => sameSet(this.existing[i])],
      // Listed under the draft's title key, so each has that title in one language or the other.
      [this.byTitle.get(titleKey) ?? [], () => true],
      [opening.length >= OPENING_MIN ? this.byOpening.get(opening.slice(0, OPENING_MIN)) ?? [] : [], sameOpening],
      [byArxiv, (i) => this.existing[i].kind === 'paper'],
    ];
    for (const [candidates, test] of tests) {
      const hit = this.first(candidates, test);
      if (hit !== undefined) return this.existing[hit];
    }
    return undefined;
  }

  private first(candidates: readonly number[], test: (i: number) => boolean): number | undefined {
    let best: number | undefined;
    for (const i of candidates) if ((best === undefined || i < best) && !this.claimed.has(i) && test(i)) best = i;
    return best;
  }
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
  const index = new ExistingIndex(existing);
  const plan: PlannedDigest[] = [];
  for (const draft of drafts) {
    const match = index.find(draft);
    if (match) {
      index.claim(match);
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
