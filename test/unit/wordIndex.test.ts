import * as assert from 'node:assert/strict';
import { checkWordIndex, serializeWordIndex, WordIndex, wordsOf } from '../../src/core/wordIndex';

const DOCS = [
  'Сеть с удержанием вместо внимания.',
  'Обучение с подкреплением: политика и награда.',
  'Linear attention without softmax; attention is all.',
  'Ёлка и йогурт — ÉCOLE café',
];

const shipped = (texts: string[]): WordIndex => new WordIndex(checkWordIndex(JSON.parse(JSON.stringify(serializeWordIndex(texts.map((t) => wordsOf([t])))))));
const records = (idx: WordIndex, q: string): number[] => idx.match(q).map((m) => m.record);

describe('word index', () => {
  const idx = shipped(DOCS);

  it('finds whole words and word prefixes, in any case and without diacritics', () => {
    assert.deepEqual(records(idx, 'ПОДКРЕПЛЕНИЕМ'), [1]);
    assert.deepEqual(records(idx, 'подкрепл'), [1]);
    assert.deepEqual(records(idx, 'Attention'), [2]);
    assert.deepEqual(records(idx, 'елка'), [3]);
    assert.deepEqual(records(idx, 'ecole cafe'), [3]);
    assert.deepEqual(idx.match('attention'), [{ record: 2, exact: true }]);
    assert.deepEqual(idx.match('attent'), [{ record: 2, exact: false }]);
  });

  it('needs every query word in the same record', () => {
    assert.deepEqual(records(idx, 'политика награда'), [1]);
    assert.deepEqual(records(idx, 'политика внимания'), []);
  });

  it('does not match inside a word, a typo, or a one-letter word', () => {
    assert.deepEqual(records(idx, 'ention'), []);
    assert.deepEqual(records(idx, 'atention'), []);
    assert.deepEqual(records(idx, 'с'), []);
    assert.deepEqual(records(idx, '  ;; '), []);
  });

  it('indexes records added after the compiled part at the next positions', () => {
    const grown = shipped(DOCS);
    grown.add(wordsOf(['Мои заметки о внимании']));
    assert.equal(grown.size, 5);
    assert.deepEqual(records(grown, 'внимани'), [0, 4]);
    assert.deepEqual(records(grown, 'заметки внимании'), [4]);
  });

  it('round-trips postings of many records through the packed form', () => {
    const texts = Array.from({ length: 3000 }, (_, i) => `doc${i % 7} common ${i % 2 === 0 ? 'even' : 'odd'}`);
    const big = shipped(texts);
    assert.equal(big.match('common').length, 3000);
    assert.deepEqual(records(big, 'doc3 odd'), Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 7 === 3 && i % 2 === 1));
  });

  it('bounds what a hostile text adds: no huge words, a cap on words per record', () => {
    const hostile = `${'x'.repeat(100_000)} ${Array.from({ length: 50_000 }, (_, i) => `w${i}`).join(' ')}`;
    const words = wordsOf([hostile]);
    assert.ok(words.length <= 2000);
    assert.ok(words.every((w) => w.length <= 40));
  });

  it('rejects a malformed or inconsistent serialized index', () => {
    assert.throws(() => checkWordIndex({ words: 1 }), /malformed/);
    assert.throws(() => new WordIndex({ records: 1, words: 'a\nb', postings: '0' }), /inconsistent/);
  });
});
