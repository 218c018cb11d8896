import * as assert from 'assert';
import { arxivMonth, digestDate, sortDigests } from '../../src/core/digest/digestDate';
import { groupDigests } from '../../src/core/corpus/grouping';
import { yearOfArxivId } from '../../src/core/arxiv/arxiv';
import { entry, TOPICS } from '../builders/digests';

const labels = { lang: 'en' as const, undated: 'Undated', unknownSource: 'Unknown source', noTopic: 'No topic' };

describe('digestDate: the post date, else the paper date', () => {
  it('reads the month an arXiv ID encodes, new and old style', () => {
    assert.strictEqual(arxivMonth('2405.18719'), '2024-05');
    assert.strictEqual(arxivMonth('arXiv:2405.18719v2'), '2024-05');
    assert.strictEqual(arxivMonth('0704.0001'), '2007-04');
    assert.strictEqual(arxivMonth('hep-th/9901001'), '1999-01');
    assert.strictEqual(arxivMonth('math.GT/0309136'), '2003-09');
    assert.strictEqual(yearOfArxivId('hep-th/9901001'), '1999', 'the citation year follows the same rule');
  });

  it('has no month for malformed IDs, month 13, or new-style IDs before April 2007', () => {
    for (const bad of ['2413.00001', '0703.1234', '1.2', '', 'foo', '24051.8719', 'hep-th/9913001']) assert.strictEqual(arxivMonth(bad), undefined, bad);
  });

  it('prefers the post date, then the arXiv month, then the year', () => {
    assert.deepStrictEqual(digestDate({ source: { name: 'x', date: '2025-02-03' }, arxiv: ['2405.18719'], year: 2024 }), { key: '2025-02-03', month: '2025-02', year: '2025', from: 'post' });
    assert.deepStrictEqual(digestDate({ source: { name: 'x' }, arxiv: ['2405.18719'] }), { key: '2024-05', month: '2024-05', year: '2024', from: 'arxiv' });
    assert.deepStrictEqual(digestDate({ source: { name: 'x' }, arxiv: ['2405.18719'], year: 2024 }), { key: '2024-05', month: '2024-05', year: '2024', from: 'arxiv' });
    // Published a year after the preprint: the curated year wins over the arXiv month.
    assert.deepStrictEqual(digestDate({ source: { name: 'x' }, arxiv: ['2312.00001'], year: 2024 }), { key: '2024', year: '2024', from: 'year' });
    assert.deepStrictEqual(digestDate({ source: { name: 'x' }, arxiv: [], year: '2021' }), { key: '2021', year: '2021', from: 'year' });
    assert.strictEqual(digestDate({ source: { name: 'x' }, arxiv: [] }), undefined);
  });

  it('uses the earliest of several arXiv IDs (the paper, not later follow-ups)', () => {
    assert.strictEqual(digestDate({ source: { name: 'x' }, arxiv: ['2501.00001', '2311.00002'] })?.key, '2023-11');
  });

  it('ignores malformed dates and years', () => {
    assert.strictEqual(digestDate({ source: { name: 'x', date: '2024-13-01' }, arxiv: [] }), undefined);
    assert.strictEqual(digestDate({ source: { name: 'x', date: 'yesterday' }, arxiv: [], year: 'soon' }), undefined);
    assert.strictEqual(digestDate({ source: { name: 'x' }, arxiv: [], year: 1e9 }), undefined);
    assert.strictEqual(digestDate({ source: { name: 'x', date: '2024-06-99' }, arxiv: [] })?.key, '2024-06', 'a bad day keeps the month');
  });
});

describe('sorting and the date grouping', () => {
  const a = entry({ id: 'a', title: 'Alpha', source: { name: 's', date: '2024-07-15' } });
  const b = entry({ id: 'b', title: 'Beta', arxiv: ['2405.18719'], source: { name: 's' } });
  const c = entry({ id: 'c', title: 'Gamma', source: { name: 's' } });
  const d = entry({ id: 'd', title: 'Delta', source: { name: 's' }, ...({ year: 2024 } as object) });
  const e = entry({ id: 'e', title: 'Epsilon', source: { name: 's', date: '2024-07-01' } });

  it('newest first, undated last, ties by title; or by title', () => {
    assert.deepStrictEqual(sortDigests([c, b, a, d, e], 'date').map((x) => x.id), ['a', 'e', 'b', 'd', 'c']);
    assert.deepStrictEqual(sortDigests([c, b, a, d, e], 'title').map((x) => x.id), ['a', 'b', 'd', 'e', 'c']);
  });

  it('groups by the month of the date; a year alone after that year\'s months; undated last', () => {
    const groups = groupDigests([a, b, c, d, e], 'date', TOPICS, labels, 'date');
    assert.deepStrictEqual(
      groups.map((g) => [g.key, g.digests.map((x) => x.id)]),
      [
        ['2024-07', ['a', 'e']],
        ['2024-05', ['b']],
        ['2024', ['d']],
        ['undated', ['c']],
      ],
    );
  });

  it('sorts inside topic groups too', () => {
    const [g] = groupDigests([c, b, e, a], 'topic', TOPICS, labels, 'date');
    assert.deepStrictEqual(g.digests.map((x) => x.id), ['a', 'e', 'b', 'c']);
    const [t] = groupDigests([c, b, e, a], 'topic', TOPICS, labels, 'title');
    assert.deepStrictEqual(t.digests.map((x) => x.id), ['a', 'b', 'e', 'c']);
  });
});
