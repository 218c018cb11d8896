import * as assert from 'node:assert/strict';
import { ExistingIndex, findExisting, planImport } from '../../src/core/import/merge';
import type { Existing } from '../../src/core/import/merge';
import { lineKey } from '../../src/core/import/text';
import type { Draft } from '../../src/core/import/types';

/** The matcher as it was written before the index: every test re-reads every digest. */
function referenceFind<T extends Existing>(draft: Draft, existing: readonly T[]): T | undefined {
  const bodyKey = (body: string): string => lineKey(body.replace(/[*_`>#[\]()]/g, ' ').replace(/\s+/g, ' '));
  const byId = existing.find((e) => e.id === draft.id);
  const sameSet = (e: T): boolean => draft.arxiv.length > 0 && e.arxiv.length === draft.arxiv.length && draft.arxiv.every((a) => e.arxiv.includes(a));
  const titleKey = lineKey(draft.title);
  const sameTitle = (e: T): boolean => lineKey(e.title) === titleKey || (e.title_ru !== undefined && lineKey(e.title_ru) === titleKey);
  const draftBody = bodyKey(draft.body).slice(0, 200);
  const sameOpening = (e: T): boolean => {
    if (draftBody.length < 40) return false;
    const k = bodyKey(e.body);
    return k.startsWith(draftBody) || draftBody.startsWith(k.slice(0, 200));
  };
  const tests = [
    (e: T) => e === byId && (sameTitle(e) || sameSet(e) || sameOpening(e) || e.title === draft.title),
    sameSet,
    sameTitle,
    sameOpening,
    (e: T) => draft.arxiv.length > 0 && e.kind === 'paper' && draft.arxiv.some((a) => e.arxiv.includes(a)),
  ];
  for (const test of tests) {
    const hit = existing.find(test);
    if (hit) return hit;
  }
  return undefined;
}

/** A small deterministic generator, so a failure names the seed that made it. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TITLES = ['Retentive Network', 'Contextual Position Encoding', 'MatMul-free LM', 'Ретентивная сеть', 'Mixture of Depths'];
const IDS = ['2307.08621', '2405.18719', '2406.02528', '2404.02258', '2310.06825'];
// Openings of at least 40 key characters that share starts, so cut-off copies occur.
const OPENINGS = [
  'Авторы предлагают заменить внимание на удержание с экспоненциальным затуханием',
  'Авторы предлагают заменить внимание на удержание с экспоненциальным затуханием и чанками',
  'The paper counts positions by context rather than by tokens, with gates on every head',
  'The paper counts positions by context rather than by tokens',
  'Без матричных умножений языковая модель обучается почти так же хорошо, как трансформер',
];

function digestLike(r: () => number, i: number): Existing & Draft {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const arxiv = r() < 0.3 ? [] : r() < 0.7 ? [pick(IDS)] : [pick(IDS), pick(IDS)].filter((a, k, all) => all.indexOf(a) === k);
  return {
    id: `d${Math.floor(r() * 12)}`,
    title: pick(TITLES),
    ...(r() < 0.4 ? { title_ru: pick(TITLES) } : {}),
    arxiv,
    methods: [],
    topics: ['llm'],
    source: { name: 'channel' },
    lang: 'ru',
    kind: r() < 0.7 ? 'paper' : 'multi-paper',
    body: `${pick(OPENINGS)} ${i}`,
  };
}

describe('import: matching drafts to the corpus through one index', () => {
  it('finds what the matcher that re-reads every digest finds, draft after draft with claims (200 random batches)', () => {
    let matched = 0;
    let unmatched = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const seen = new Set<string>();
      const existing = Array.from({ length: 3 + Math.floor(r() * 12) }, (_, i) => digestLike(r, i)).filter((e) => !seen.has(e.id) && seen.add(e.id));
      const drafts = Array.from({ length: 1 + Math.floor(r() * 10) }, (_, i) => digestLike(r, 100 + i));
      const index = new ExistingIndex(existing);
      const claimed = new Set<string>();
      for (const draft of drafts) {
        const expected = referenceFind(draft, existing.filter((e) => !claimed.has(e.id)));
        assert.equal(index.find(draft), expected, `seed ${seed}, draft ${draft.id}`);
        assert.equal(findExisting(draft, existing.filter((e) => !claimed.has(e.id))), expected, `seed ${seed}`);
        if (expected) {
          matched++;
          claimed.add(expected.id);
          index.claim(expected);
        } else unmatched++;
      }
      const planned = planImport(drafts, existing, () => false).filter((p) => p.existingId).map((p) => p.existingId);
      assert.deepEqual(planned, [...claimed], `seed ${seed}: the plan matches in the same order`);
    }
    // The batches exercise both outcomes, not one of them.
    assert.ok(matched > 300 && unmatched > 50, `matched ${matched}, unmatched ${unmatched}`);
  });

  it('a digest whose body is too short to identify (or empty) matches no draft by its opening', () => {
    const draft = digestLike(rng(7), 1);
    const empty: Existing = { ...draft, id: 'other', title: 'Unrelated', title_ru: undefined, arxiv: [], body: '' };
    const short: Existing = { ...empty, id: 'short', body: draft.body.slice(0, 10) };
    assert.equal(findExisting({ ...draft, arxiv: [] }, [empty, short]), undefined);
  });

  it('plans 2,000 drafts against 2,000 digests, each matched once', () => {
    const existing: Existing[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `paper-${i}`,
      title: `Paper number ${i}`,
      arxiv: [`2401.${String(10000 + i)}`],
      methods: [],
      topics: ['llm'],
      source: { name: 'channel' },
      lang: 'en',
      kind: 'paper',
      body: `The opening sentence of paper ${i}, long enough to identify it among the others here.`,
    }));
    const drafts: Draft[] = existing.map((e, i) => ({ ...e, id: `draft-${i}`, title: `Черновик ${i}` }));
    const plan = planImport(drafts, existing, () => false);
    assert.equal(plan.length, 2000);
    assert.deepEqual(plan.map((p) => p.existingId), existing.map((e) => e.id));
  });
});
