import * as assert from 'node:assert/strict';
import Fuse from 'fuse.js';
import { buildBundle } from '../../src/core/bundle';
import { DigestSearch, SEARCH_OPTIONS, toSearchRecord } from '../../src/core/search';
import { fold, maxErrors } from '../../src/core/searchFilter';
import { generateCorpus, Rng, SYNTHETIC_TOPICS } from '../../bench/synthetic';
import { searchQueries } from '../../bench/workload';

function searches(n: number): { filtered: DigestSearch; plain: DigestSearch; digests: ReturnType<typeof generateCorpus>['digests'] } {
  const { digests } = generateCorpus(n);
  const { index } = buildBundle(digests, SYNTHETIC_TOPICS);
  const topics = new Map(index.topics.map((t) => [t.id, t]));
  const records = index.digests.map((e) => toSearchRecord(e, (id) => topics.get(id)));
  return { filtered: new DigestSearch(records), plain: new DigestSearch(records, undefined, { prefilter: false }), digests };
}

describe('search prefilter', function () {
  this.timeout(60_000);
  const { filtered, plain, digests } = searches(150);

  it('returns exactly what a full fuse search returns, for every benchmark query', () => {
    for (const q of searchQueries(digests)) assert.deepEqual(filtered.search(q.text), plain.search(q.text), q.text);
  });

  it('returns exactly what a full fuse search returns for random typos, folds and edge lengths', () => {
    const r = new Rng(99);
    const pool = digests.flatMap((d) => [d.title, d.title_ru ?? '', ...d.methods, d.body.slice(0, 300)]).filter(Boolean);
    const queries = ['ß', 'Straße', 'łódź', 'ОБУЧЕНИЕ', 'ёлка', 'йогурт', 'é', 'x'.repeat(32), 'y'.repeat(33), 'a b', 'Δ-IRIS', 'μP', '  GQA  '];
    for (let i = 0; i < 150; i++) {
      const src = r.pick(pool);
      const at = r.int(0, Math.max(0, src.length - 4));
      let q = src.slice(at, at + r.int(2, 40));
      for (let k = r.int(0, 3); k > 0; k--) {
        const p = r.int(0, Math.max(0, q.length - 1));
        q = r.chance(0.5) ? q.slice(0, p) + q.slice(p + 1) : q.slice(0, p) + r.pick([...'aeoиыxzй́']) + q.slice(p);
      }
      queries.push(r.chance(0.2) ? q.toUpperCase() : q);
    }
    for (const q of queries) assert.deepEqual(filtered.search(q, 20), plain.search(q, 20), JSON.stringify(q));
  });

  it('still matches after digests are added, before and after the first search', () => {
    const extra = toSearchRecord(
      { ...digests[0], id: 'mine-late', title: 'Notes on SingLoRA adapters', methods: ['SingLoRA'], summary: 'Одна матрица вместо двух.', origin: '/notes' },
      () => undefined,
    );
    const { filtered: s } = searches(50);
    s.add({ ...extra, id: 'mine-early' });
    assert.equal(s.search('SingLoRA adaptrs')[0]?.id, 'mine-early');
    s.add(extra);
    // Query words match one by one, typos allowed in short fields: the exact summary words rank first.
    assert.deepEqual(new Set(s.search('Одна матрица').slice(0, 2).map((h) => h.id)), new Set(['mine-early', 'mine-late']));
  });

  it('folds every BMP character as fuse does, or further by dropping marks', () => {
    // fuse keeps its folded pattern on the searcher; reading it pins the comparison to the
    // installed fuse version instead of to a copy of its tables.
    const fuse = new Fuse<string>([], { ignoreDiacritics: true }) as unknown as { _getSearcher(q: string): { pattern: string } };
    for (let cp = 0x41; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      const theirs = fuse._getSearcher(`<${ch}>`).pattern;
      assert.equal(fold(`<${ch}>`), theirs.replace(/\p{M}/gu, ''), `U+${cp.toString(16)}`);
    }
  });

  it('allows as many errors as fuse does', () => {
    const threshold = SEARCH_OPTIONS.threshold!;
    assert.deepEqual([1, 2, 3, 4, 10, 32].map((m) => maxErrors(m, threshold)), [0, 0, 0, 1, 3, 9]);
    // A pattern with exactly that many substitutions is still found by fuse; one more is not.
    const text = 'abcdefghij';
    const opts = { threshold, ignoreLocation: true, minMatchCharLength: 2 };
    assert.ok(Fuse.match('abXdeYghZj', text, opts).isMatch);
    assert.ok(!Fuse.match('aXcXeXgXiX', text, opts).isMatch);
  });
});

describe('DigestSearch laziness', () => {
  it('reads the records only when first searched or added to', () => {
    const { digests } = generateCorpus(30);
    const { index } = buildBundle(digests, SYNTHETIC_TOPICS);
    let calls = 0;
    const s = new DigestSearch(() => {
      calls++;
      return index.digests.map((e) => toSearchRecord(e, () => undefined));
    });
    assert.equal(calls, 0);
    const name = digests[3].methods[0];
    assert.equal(s.search(name)[0]?.id, digests[3].id);
    s.search(digests[4].title);
    assert.equal(calls, 1);
    const late = new DigestSearch(() => {
      calls++;
      return [];
    });
    late.add(toSearchRecord({ ...index.digests[0], id: 'only', methods: ['SoloNet'] }, () => undefined));
    assert.equal(calls, 2);
    assert.equal(late.search('solonet')[0]?.id, 'only');
  });
});

