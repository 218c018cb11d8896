import * as assert from 'assert';
import { Corpus } from '../../src/core/corpus/corpus';
import { entry, TOPICS } from '../builders/digests';

describe('Corpus', () => {
  it('looks digests up by id and by arXiv ID, ignoring version suffixes', () => {
    const a = entry({ id: 'a', arxiv: ['2405.18719'] });
    const b = entry({ id: 'b', arxiv: ['2405.18719v2', 'hep-th/9901001'] });
    const c = entry({ id: 'c' });
    const corpus = new Corpus([a, b, c], TOPICS, async () => undefined);
    assert.strictEqual(corpus.size, 3);
    assert.strictEqual(corpus.get('b'), b);
    assert.strictEqual(corpus.get('missing'), undefined);
    assert.deepStrictEqual(corpus.byArxiv('2405.18719').map((e) => e.id), ['a', 'b']);
    assert.deepStrictEqual(corpus.byArxiv('arXiv:2405.18719v1').map((e) => e.id), ['a', 'b']);
    assert.deepStrictEqual(corpus.byArxiv('HEP-TH/9901001').map((e) => e.id), ['b']);
    assert.deepStrictEqual(corpus.byArxiv('2401.00001'), []);
  });

  it('keeps the first of two digests with the same id', () => {
    const first = entry({ id: 'dup', title: 'First' });
    const second = entry({ id: 'dup', title: 'Second' });
    const corpus = new Corpus([first, second], TOPICS, async () => undefined);
    assert.strictEqual(corpus.size, 1);
    assert.strictEqual(corpus.get('dup')?.title, 'First');
  });

  it('loads bodies through the loader, and not for unknown ids', async () => {
    const loaded: string[] = [];
    const corpus = new Corpus([entry({ id: 'x' })], TOPICS, async (e) => {
      loaded.push(e.id);
      return `body of ${e.id}`;
    });
    assert.strictEqual(await corpus.body('x'), 'body of x');
    assert.strictEqual(await corpus.body('nope'), undefined);
    assert.deepStrictEqual(loaded, ['x']);
  });

  it('ranks related digests by shared methods before shared topics', () => {
    const self = entry({ id: 'self', methods: ['RetNet'], topics: ['llm', 'attention'] });
    const sameMethod = entry({ id: 'm', title: 'B', methods: ['retnet'], topics: ['rl'] });
    const twoTopics = entry({ id: 't2', title: 'A', topics: ['llm', 'attention'] });
    const oneTopic = entry({ id: 't1', title: 'C', topics: ['llm'] });
    const unrelated = entry({ id: 'u', topics: ['rl'] });
    const corpus = new Corpus([self, sameMethod, twoTopics, oneTopic, unrelated], TOPICS, async () => undefined);
    assert.deepStrictEqual(corpus.related('self').map((e) => e.id), ['m', 't2', 't1']);
    assert.deepStrictEqual(corpus.related('self', 1).map((e) => e.id), ['m']);
    assert.deepStrictEqual(corpus.related('unknown'), []);
  });

  it('resolves topics by id', () => {
    const corpus = new Corpus([], TOPICS, async () => undefined);
    assert.strictEqual(corpus.topic('rl')?.label_ru, 'Обучение с подкреплением');
    assert.strictEqual(corpus.topic('nope'), undefined);
  });
});
