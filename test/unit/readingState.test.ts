import * as assert from 'assert';
import { describeFilter, filterDigests, isFiltering, MAX_IDS, matchesText, NO_FILTER, parseFilter, ReadingState } from '../../src/core/reading/readingState';
import { entry } from '../builders/digests';

describe('reading state', () => {
  it('marks read and starred, immutably, and round-trips through JSON', () => {
    const s0 = ReadingState.empty();
    const s1 = s0.withRead('retnet', true).withStarred('cope', true);
    assert.strictEqual(s0.isRead('retnet'), false, 'the old state is unchanged');
    assert.strictEqual(s1.isRead('retnet'), true);
    assert.strictEqual(s1.isStarred('cope'), true);
    assert.strictEqual(s1.withRead('retnet', true), s1, 'no change, same state');
    const back = ReadingState.parse(JSON.parse(JSON.stringify(s1.toJSON())));
    assert.deepStrictEqual(back.toJSON(), { read: ['retnet'], starred: ['cope'] });
    assert.strictEqual(back.withRead('retnet', false).isRead('retnet'), false);
  });

  it('drops whatever in the stored value is not a list of id-shaped strings', () => {
    for (const bad of [undefined, null, 42, 'x', [], { read: 'retnet' }, { read: [1, null, {}] }]) {
      assert.deepStrictEqual(ReadingState.parse(bad).toJSON(), { read: [], starred: [] }, JSON.stringify(bad));
    }
    const s = ReadingState.parse({ read: ['ok', '../etc', '[x](command:evil)', 'a'.repeat(500), ''], starred: ['fine-1'] });
    assert.deepStrictEqual(s.toJSON(), { read: ['ok'], starred: ['fine-1'] });
    assert.strictEqual(ReadingState.empty().withStarred('](command:x)', true).isStarred('](command:x)'), false);
  });

  it('caps a huge stored list', () => {
    const s = ReadingState.parse({ read: Array.from({ length: MAX_IDS + 10 }, (_, i) => `d${i}`) });
    assert.strictEqual(s.toJSON().read.length, MAX_IDS);
  });
});

describe('tree filter', () => {
  const a = entry({ id: 'retnet', title: 'Retentive Network', methods: ['RetNet'], arxiv: ['2307.08621'] });
  const b = entry({ id: 'cope', title: 'Contextual Position Encoding', methods: ['CoPE'], title_ru: 'Контекстное позиционное кодирование' });
  const c = entry({ id: 'lora', title: 'Low-Rank Adaptation', methods: ['LoRA'] });
  const state = ReadingState.empty().withRead('retnet', true).withStarred('cope', true).withStarred('retnet', true);

  it('keeps everything without a filter', () => {
    assert.strictEqual(isFiltering(NO_FILTER), false);
    assert.deepStrictEqual(filterDigests([a, b, c], state, NO_FILTER).map((e) => e.id), ['retnet', 'cope', 'lora']);
  });

  it('starred, unread and text combine', () => {
    assert.deepStrictEqual(filterDigests([a, b, c], state, { ...NO_FILTER, starred: true }).map((e) => e.id), ['retnet', 'cope']);
    assert.deepStrictEqual(filterDigests([a, b, c], state, { ...NO_FILTER, unread: true }).map((e) => e.id), ['cope', 'lora']);
    assert.deepStrictEqual(filterDigests([a, b, c], state, { starred: true, unread: true, text: '' }).map((e) => e.id), ['cope']);
    assert.deepStrictEqual(filterDigests([a, b, c], state, { ...NO_FILTER, text: 'position' }).map((e) => e.id), ['cope']);
  });

  it('text matches every word in titles (both languages), methods and arXiv IDs, case-insensitively', () => {
    assert.ok(matchesText(a, 'retnet 2307'));
    assert.ok(matchesText(b, 'КОДИРОВАНИЕ'));
    assert.ok(!matchesText(a, 'retnet lora'));
    assert.ok(matchesText(c, '   '));
    assert.ok(!matchesText(c, '.*'), 'not a regular expression');
  });

  it('a stored filter is rebuilt field by field; the description shows it', () => {
    assert.deepStrictEqual(parseFilter({ starred: 'yes', unread: true, text: 'x'.repeat(500), extra: 1 }), { starred: false, unread: true, text: 'x'.repeat(200) });
    assert.deepStrictEqual(parseFilter(null), NO_FILTER);
    assert.strictEqual(describeFilter({ starred: true, unread: true, text: ' lora ' }, { starred: 'starred', unread: 'unread' }), 'starred · unread · "lora"');
  });
});
