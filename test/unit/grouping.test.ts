import * as assert from 'assert';
import { groupDigests } from '../../src/core/corpus/grouping';
import { entry, TOPICS } from '../builders/digests';

const labels = { lang: 'en' as const, undated: 'Undated', unknownSource: 'Unknown source', noTopic: 'No topic' };

describe('groupDigests', () => {
  const digests = [
    entry({ id: 'b', title: 'Beta', topics: ['llm', 'attention'], source: { name: 'Habr', date: '2024-06-03' } }),
    entry({ id: 'a', title: 'Alpha', topics: ['llm'], source: { name: 'rizzearch', date: '2024-07-15' } }),
    entry({ id: 'c', title: 'Gamma', topics: [], source: { name: '' } }),
    entry({ id: 'd', title: 'Delta', topics: ['unknown-topic'], source: { name: 'rizzearch', date: '2024-06-30' } }),
  ];

  it('by topic: a digest appears under each of its topics; labels sorted, no-topic last; titles sorted', () => {
    const groups = groupDigests(digests, 'topic', TOPICS, labels);
    assert.deepStrictEqual(
      groups.map((g) => [g.label, g.digests.map((d) => d.id)]),
      [
        ['Attention and positional encoding', ['b']],
        ['Language models', ['a', 'b']],
        ['unknown-topic', ['d']],
        ['No topic', ['c']],
      ],
    );
  });

  it('by source: counts per channel, unknown source last', () => {
    const groups = groupDigests(digests, 'source', TOPICS, labels);
    assert.deepStrictEqual(
      groups.map((g) => [g.label, g.digests.length]),
      [
        ['Habr', 1],
        ['rizzearch', 2],
        ['Unknown source', 1],
      ],
    );
  });

  it('by date: months newest first, undated last', () => {
    const groups = groupDigests(digests, 'date', TOPICS, labels);
    assert.deepStrictEqual(
      groups.map((g) => [g.key, g.digests.map((d) => d.id)]),
      [
        ['2024-07', ['a']],
        ['2024-06', ['b', 'd']],
        ['undated', ['c']],
      ],
    );
  });

  it('an empty corpus gives no groups', () => {
    assert.deepStrictEqual(groupDigests([], 'topic', TOPICS, labels), []);
  });

  it('names topic groups in the UI language', () => {
    const ru = groupDigests(digests, 'topic', TOPICS, { ...labels, lang: 'ru' });
    assert.deepEqual(ru.map((g) => g.label), ['unknown-topic', 'Внимание и позиционное кодирование', 'Языковые модели', 'No topic']);
  });
});
