import * as assert from 'node:assert/strict';
import { parseDigestFile } from '../../src/core/digestFile/digestFile';
import { baseId, classifyInput, digestTemplate, MAX_TITLE_LENGTH, uniqueId } from '../../src/core/digestFile/digestTemplate';
import type { Topic } from '../../src/core/types';

const topics: Topic[] = [
  { id: 'attention', label: 'Attention', label_ru: 'Внимание' },
  { id: 'positional-encoding', label: 'Positional encoding', label_ru: 'Позиционное кодирование' },
];
const topicIds = new Set(topics.map((t) => t.id));

describe('digestTemplate: what the input means', () => {
  it('recognizes one arXiv ID in any of its written forms', () => {
    for (const s of ['2405.18719', ' 2405.18719v3 ', 'arXiv:2405.18719', 'https://arxiv.org/abs/2405.18719', 'https://arxiv.org/pdf/2405.18719v2/', 'hep-th/9901001']) {
      const r = classifyInput(s);
      assert.equal(r.kind, 'arxiv', s);
    }
    assert.deepEqual(classifyInput('arXiv:2405.18719v2'), { kind: 'arxiv', arxiv: '2405.18719' });
  });

  it('takes anything else as a title, with whitespace collapsed', () => {
    assert.deepEqual(classifyInput('  Retentive   Network '), { kind: 'title', title: 'Retentive Network' });
    // An ID followed by words, two IDs, a version number: titles, not IDs.
    for (const s of ['2405.18719 CoPE', '2405.18719 2405.12981', '1.2405.18719', 'Контекстные позиции']) {
      assert.equal(classifyInput(s).kind, 'title', s);
    }
  });

  it('refuses empty, control characters, no letters and overlong input', () => {
    assert.deepEqual(classifyInput('   '), { kind: 'invalid', reason: 'empty' });
    assert.deepEqual(classifyInput('a\nb'), { kind: 'invalid', reason: 'control-characters' });
    assert.deepEqual(classifyInput('!!! ---'), { kind: 'invalid', reason: 'no-letters' });
    assert.deepEqual(classifyInput('x'.repeat(MAX_TITLE_LENGTH + 1)), { kind: 'invalid', reason: 'too-long' });
  });
});

describe('digestTemplate: ids and file names', () => {
  it('derives kebab-case ids from arXiv IDs and titles (Cyrillic transliterated)', () => {
    assert.equal(baseId({ arxiv: '2405.18719' }), 'arxiv-2405-18719');
    assert.equal(baseId({ arxiv: 'hep-th/9901001' }), 'arxiv-hep-th-9901001');
    assert.equal(baseId({ title: 'Retentive Network: A Successor to Transformer' }), 'retentive-network');
    assert.match(baseId({ title: 'Контекстные позиции' }), /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.equal(baseId({ title: '🔥🔥' }), 'digest');
  });

  it('never reuses a taken id: adds the first free numeric suffix', () => {
    const taken = new Set(['cope', 'cope-2', 'cope-4']);
    assert.equal(uniqueId('cope', (c) => taken.has(c)), 'cope-3');
    assert.equal(uniqueId('retnet', (c) => taken.has(c)), 'retnet');
    assert.equal(uniqueId('x', () => true, 5), undefined);
  });
});

describe('digestTemplate: the file', () => {
  it('parses back with the given id, arXiv ID and source, and asks only for topics', () => {
    const text = digestTemplate({ id: 'arxiv-2405-18719', arxiv: '2405.18719', lang: 'ru', date: '2025-03-01', topics });
    const r = parseDigestFile(text, '/notes/arxiv-2405-18719.md', topicIds);
    assert.ok(r.digest);
    assert.equal(r.digest.id, 'arxiv-2405-18719');
    assert.deepEqual(r.digest.arxiv, ['2405.18719']);
    assert.deepEqual(r.digest.methods, []);
    assert.deepEqual(r.digest.source, { name: 'notes', date: '2025-03-01' });
    assert.equal(r.digest.lang, 'ru');
    assert.equal(r.digest.kind, 'paper');
    assert.deepEqual(r.problems.map((p) => p.message), ['at least one topic is required']);
    // The vocabulary is listed next to `topics` so the reader knows what to type.
    assert.match(text, /^topics: \[\]\n# topics: 1–3 of attention positional-encoding$/m);
  });

  it('uses a known title for the arXiv ID, the typed title otherwise', () => {
    const known = digestTemplate({ id: 'a', arxiv: '2405.18719', knownTitle: 'Contextual Position Encoding', lang: 'en', topics });
    assert.equal(parseDigestFile(known, 'a.md', topicIds).digest?.title, 'Contextual Position Encoding');
    const typed = digestTemplate({ id: 'b', title: 'My: "quoted" title # not a comment', lang: 'en', topics: [] });
    const parsed = parseDigestFile(typed, 'b.md', topicIds).digest;
    assert.equal(parsed?.title, 'My: "quoted" title # not a comment');
    assert.deepEqual(parsed?.arxiv, []);
    assert.equal(parsed?.lang, 'en');
  });

  it('writes the outline in the requested language', () => {
    const ru = parseDigestFile(digestTemplate({ id: 'a', title: 'T', lang: 'ru', topics }), 'a.md', topicIds).digest;
    const en = parseDigestFile(digestTemplate({ id: 'a', title: 'T', lang: 'en', topics }), 'a.md', topicIds).digest;
    assert.match(ru?.body ?? '', /[А-Яа-я]/);
    assert.doesNotMatch(en?.body ?? '', /[А-Яа-я]/);
  });
});
