import * as assert from 'assert';
import { buildBundle } from '../../src/core/bundle';
import { Corpus } from '../../src/core/corpus';
import { DigestSearch, toSearchRecord } from '../../src/core/search';
import { meta, TOPICS } from '../builders/digests';

function searchOver(digests: ReturnType<typeof meta>[], prebuilt = true) {
  const { index } = buildBundle(digests, TOPICS);
  const corpus = new Corpus(index.digests, index.topics, async () => undefined);
  const records = corpus.entries.map((e) => toSearchRecord(e, (id) => corpus.topic(id)));
  return new DigestSearch(records, prebuilt ? index.searchIndex : undefined);
}

describe('DigestSearch', () => {
  const digests = [
    meta({ id: 'retnet', title: 'Retentive Network: A Successor to Transformer', methods: ['RetNet'], arxiv: ['2307.08621'], topics: ['llm'], body: 'Сеть с удержанием вместо внимания.' }),
    meta({ id: 'cope', title: 'Contextual Position Encoding', title_ru: 'Контекстное позиционное кодирование', methods: ['CoPE'], topics: ['attention'], body: 'Позиции считаются по контексту.' }),
    meta({ id: 'ppo', title: 'Proximal Policy Optimization', methods: ['PPO'], topics: ['rl'], body: 'Обучение с подкреплением, политика.' }),
  ];

  for (const prebuilt of [true, false]) {
    const label = prebuilt ? 'with the prebuilt index' : 'indexing at load';
    it(`finds by method name, exact match first (${label})`, () => {
      const s = searchOver(digests, prebuilt);
      assert.strictEqual(s.search('RetNet')[0].id, 'retnet');
      assert.strictEqual(s.search('cope')[0].id, 'cope');
    });

    it(`finds by a Russian word of the title or summary (${label})`, () => {
      const s = searchOver(digests, prebuilt);
      assert.strictEqual(s.search('позиционное')[0].id, 'cope');
      assert.ok(s.search('подкреплением').some((h) => h.id === 'ppo'));
    });
  }

  it('finds a summary word whole or by its start, but not with a typo inside it', () => {
    const s = searchOver(digests);
    assert.deepStrictEqual(s.search('удержанием').map((h) => h.id), ['retnet']);
    assert.deepStrictEqual(s.search('удержа').map((h) => h.id), ['retnet']);
    // Summaries are matched by words, not fuzzily (titles, methods and topics still are).
    assert.deepStrictEqual(s.search('удержвнием'), []);
  });

  it('needs every query word, each from any field', () => {
    const s = searchOver(digests);
    assert.deepStrictEqual(s.search('Retentive удержанием').map((h) => h.id), ['retnet']);
    assert.deepStrictEqual(s.search('Retentive политика'), []);
  });

  it('ranks a title word above the same word in another digest summary only', () => {
    const s = searchOver([...digests, meta({ id: 'ctx', title: 'Other', methods: ['Other'], topics: ['llm'], body: 'Contextual tricks.' })]);
    assert.deepStrictEqual(s.search('contextual').map((h) => h.id), ['cope', 'ctx']);
  });

  it('finds by arXiv ID with or without prefix and version', () => {
    const s = searchOver(digests);
    assert.strictEqual(s.search('2307.08621')[0].id, 'retnet');
    assert.strictEqual(s.search('arXiv:2307.08621')[0].id, 'retnet');
  });

  it('tolerates a typo in a title word', () => {
    const s = searchOver(digests);
    assert.strictEqual(s.search('Retentiv Netwrk')[0]?.id, 'retnet');
  });

  it('finds by topic label in either language', () => {
    const s = searchOver(digests);
    assert.ok(s.search('Reinforcement learning').some((h) => h.id === 'ppo'));
    assert.ok(s.search('Обучение с подкреплением').some((h) => h.id === 'ppo'));
  });

  it('returns nothing for an empty query or gibberish, and caps results', () => {
    const s = searchOver(digests);
    assert.deepStrictEqual(s.search('   '), []);
    assert.deepStrictEqual(s.search('qqqqzzzzxxxx'), []);
    assert.ok(s.search('e', 1).length <= 1);
  });

  it('digests added after the prebuilt index are found', () => {
    const s = searchOver(digests);
    s.add(toSearchRecord({ ...digests[0], id: 'mine', title: 'My own notes on SingLoRA', methods: ['SingLoRA'], summary: '', origin: '/notes' }, () => undefined));
    assert.strictEqual(s.search('SingLoRA')[0].id, 'mine');
  });

  it('a very long query does not throw', () => {
    const s = searchOver(digests);
    assert.doesNotThrow(() => s.search('x'.repeat(100_000)));
  });
});
