import * as assert from 'node:assert/strict';
import { parseDigestFile, serializeDigest, validateDigestFiles } from '../../src/core/digestFile/digestFile';
import { parseTopics } from '../../src/core/digestFile/topicsFile';
import type { DigestMeta } from '../../src/core/types';
import * as builders from '../builders/digests';
import { digestText } from '../builders/digestText';

const TOPICS = new Set(['attention', 'architectures', 'theory']);

/** CoPE, the file these tests read and write. */
const meta = (over: Partial<DigestMeta> = {}): DigestMeta => builders.meta({ paper: 'cope', ...over });

const FILE = 'digests/contextual-position-encoding.md';
const parse = (text: string, file = FILE) => parseDigestFile(text, file, TOPICS);
const messages = (text: string, file = FILE) => parse(text, file).problems.map((p) => `${p.line ?? '-'}:${p.severity}:${p.message}`);

const valid = (fm: string, body = 'Текст дайджеста.') => digestText({ frontMatter: fm, body });
const BASE = [
  'id: contextual-position-encoding',
  'title: CoPE',
  'arxiv: ["2405.18719"]',
  'methods: [CoPE]',
  'topics: [attention]',
  'source: {name: rizzearch}',
  'lang: ru',
  'kind: paper',
];
const withLines = (replace: Record<number, string | null>, extra: string[] = []) =>
  valid([...BASE.map((l, i) => (i in replace ? replace[i] : l)).filter((l): l is string => l !== null), ...extra].join('\n'));

describe('digestFile: serialize and parse', () => {
  it('round-trips every field, including papers and IDs with trailing zeros', () => {
    const m = meta({ arxiv: ['2410.01200', 'hep-th/9901001'], kind: 'multi-paper', papers: [{ title: 'A: b', arxiv: '2410.01200' }, { title: 'No ID paper' }] });
    const body = '# Заголовок\n\nТекст с `кодом` и "кавычками": да.\n\n- пункт';
    const text = serializeDigest(m, body);
    const r = parse(text);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.digest, { ...m, body });
    assert.equal(serializeDigest(r.digest!, r.digest!.body), text, 'stable output');
  });

  it('round-trips aliases, and reads a file without them', () => {
    const m = meta({ aliases: ['pyreft', 'reft_model'] });
    const r = parse(serializeDigest(m, 'x'));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.digest?.aliases, ['pyreft', 'reft_model']);
    assert.equal(parse(serializeDigest(meta(), 'x')).digest?.aliases, undefined);
    assert.deepEqual(messages(withLines({}, ['aliases: pyreft'])).filter((x) => x.includes('aliases')).length, 1);
  });

  it('writes fields in a fixed order with compact lists', () => {
    const text = serializeDigest(meta(), 'x');
    const keys = text.split('\n').filter((l) => /^[a-z_]+:/.test(l)).map((l) => l.split(':')[0]);
    assert.deepEqual(keys, ['id', 'title', 'title_ru', 'tldr', 'tldr_ru', 'authors', 'year', 'venue', 'code', 'links', 'aliases', 'arxiv', 'methods', 'topics', 'source', 'lang', 'kind']);
    // Unset curated fields are empty placeholders that read back as absent.
    assert.match(text, /^tldr: ""$/m);
    assert.match(text, /^authors: \[\]$/m);
    assert.match(text, /^year: ""$/m);
    assert.match(text, /^arxiv: \["2405\.18719"\]$/m);
    assert.match(text, /^methods: \[CoPE\]$/m);
  });

  it('tolerates CRLF line endings and a BOM', () => {
    const text = '\uFEFF' + serializeDigest(meta(), 'строка 1\n\nстрока 2').replace(/\n/g, '\r\n');
    const r = parse(text);
    assert.deepEqual(r.problems, []);
    assert.equal(r.digest?.body, 'строка 1\n\nстрока 2');
  });
});

describe('digestFile: problems', () => {
  it('empty, binary and huge files are reported, never thrown', () => {
    assert.deepEqual(messages(''), ['0:error:empty file']);
    assert.deepEqual(messages('\n \n'), ['0:error:empty file']);
    assert.match(messages('\u0000\u0001ELF')[0], /binary/);
    assert.match(messages('---\n' + 'x'.repeat(2_000_000))[0], /too large/);
  });

  it('missing or unclosed front matter', () => {
    assert.match(messages('# Just markdown\n')[0], /missing YAML front matter/);
    assert.match(messages('---\nid: x\ntitle: y\n')[0], /not closed/);
  });

  it('YAML syntax errors carry the 0-based line of the file', () => {
    const text = '---\nid: contextual-position-encoding\ntitle: [unclosed\nlang: ru\n---\nbody';
    const r = parse(text);
    assert.equal(r.digest, undefined);
    assert.equal(r.problems[0].severity, 'error');
    assert.match(r.problems[0].message, /^YAML: /);
    assert.ok(r.problems[0].line !== undefined && r.problems[0].line >= 2, `line ${r.problems[0].line}`);
  });

  it('duplicate keys are YAML errors', () => {
    assert.match(messages(withLines({}, ['title: again'])).join('\n'), /YAML: .*unique/i);
  });

  it('missing title or id → no digest', () => {
    assert.equal(parse(withLines({ 1: null })).digest, undefined);
    assert.deepEqual(messages(withLines({ 1: null })), ['1:error:missing required field "title"']);
    assert.equal(parse(withLines({ 0: null })).digest, undefined);
  });

  it('id must equal the file name', () => {
    const r = parse(withLines({}), 'user/other-name.md');
    assert.deepEqual(r.problems.map((p) => [p.line, p.message]), [[1, 'id "contextual-position-encoding" does not match the file name (expected "other-name")']]);
  });

  it('unknown topic: an error on its line, the digest still loads without it', () => {
    const r = parse(withLines({ 4: 'topics: [attention, quantum-gravity]' }));
    assert.deepEqual(r.problems.map((p) => [p.line, p.severity, p.message]), [[5, 'error', 'unknown topic "quantum-gravity" (not in topics.yaml)']]);
    assert.deepEqual(r.digest?.topics, ['attention']);
  });

  it('malformed arXiv IDs, wrong types, bad enums, bad dates and URLs', () => {
    const text = withLines({
      2: 'arxiv: ["2405.18719", "1234.5", "arxiv 2405"]',
      3: 'methods: CoPE',
      5: 'source: {name: rizzearch, url: "javascript:alert(1)", date: 2024-13-45}',
      6: 'lang: de',
      7: 'kind: book',
    });
    const all = messages(text).join('\n');
    assert.match(all, /"1234\.5" is not a well-formed arXiv ID/);
    assert.match(all, /"arxiv 2405" is not a well-formed arXiv ID/);
    assert.match(all, /"methods" must be a list/);
    assert.match(all, /source\.url must be an http\(s\) URL/);
    assert.match(all, /source\.date must be an ISO date/);
    assert.match(all, /lang must be "ru" or "en"/);
    assert.match(all, /kind must be "paper" or "multi-paper"/);
    const d = parse(text).digest!;
    assert.deepEqual(d.arxiv, ['2405.18719']);
    assert.equal(d.source.url, undefined);
  });

  it('topics: none, or more than three', () => {
    assert.match(messages(withLines({ 4: 'topics: []' })).join(), /at least one topic/);
    assert.match(messages(withLines({ 4: 'topics: [attention, architectures, theory, attention2]' })).join(), /unknown topic/);
  });

  it('warnings do not hide the digest: unknown fields, generic method names, multi-paper without papers', () => {
    const r = parse(withLines({ 3: 'methods: [CoPE, attention]', 7: 'kind: multi-paper' }, ['color: red']));
    assert.ok(r.digest);
    assert.ok(r.problems.every((p) => p.severity === 'warning'), JSON.stringify(r.problems));
    assert.equal(r.problems.length, 3);
  });

  it('a hostile front matter (anchors, deep nesting) is a problem, not a crash', () => {
    const bomb = valid('a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n' + BASE.join('\n'));
    assert.doesNotThrow(() => parse(bomb));
    const deep = valid('id: ' + '['.repeat(5000));
    assert.doesNotThrow(() => parse(deep));
    assert.match(messages(deep).join(), /nested too deeply/);
    let block = '';
    for (let i = 0; i < 400; i++) block += ' '.repeat(i) + `k${i}:\n`;
    assert.match(messages(valid(block)).join(), /indented too deeply/);
    assert.match(messages(valid('id: x\nk: ' + '- '.repeat(3000) + 'x')).join(), /nested too deeply/);
  });
});

describe('digestFile: validateDigestFiles', () => {
  it('reports a duplicate id across files and keeps the first', () => {
    const a = { path: 'a/contextual-position-encoding.md', text: withLines({}) };
    const b = { path: 'b/contextual-position-encoding.md', text: withLines({ 1: 'title: Other' }) };
    const r = validateDigestFiles([a, b], TOPICS);
    assert.deepEqual(r.digests.map((d) => d.file), [a.path]);
    assert.deepEqual(r.problems.map((p) => [p.file, p.line, p.severity]), [[b.path, 1, 'error']]);
    assert.match(r.problems[0].message, /duplicate id "contextual-position-encoding" \(also in a\/contextual-position-encoding\.md\)/);
  });
});

describe('topics', () => {
  const entry = (i: number) => `- id: topic-${i}\n  label: Topic ${i}\n  label_ru: Тема ${i}`;
  it('parses 8–15 topics', () => {
    const r = parseTopics(Array.from({ length: 8 }, (_, i) => entry(i)).join('\n'), 'topics.yaml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.topics[0], { id: 'topic-0', label: 'Topic 0', label_ru: 'Тема 0' });
  });
  it('reports too few / too many, duplicates, missing labels, bad ids', () => {
    assert.match(parseTopics(entry(1), 't.yaml').problems[0].message, /1 topics; keep it between 8 and 15/);
    assert.match(parseTopics(Array.from({ length: 16 }, (_, i) => entry(i)).join('\n'), 't.yaml').problems[0].message, /16 topics/);
    const text = [...Array.from({ length: 8 }, (_, i) => entry(i)), entry(3), '- id: Bad Id\n  label: X\n  label_ru: Икс', '- id: nolabel'].join('\n');
    const msgs = parseTopics(text, 't.yaml').problems.map((p) => `${p.line}:${p.message}`);
    assert.ok(msgs.includes('24:duplicate topic id "topic-3"'), msgs.join('\n'));
    assert.ok(msgs.some((m) => /"Bad Id" must be kebab-case/.test(m)));
    assert.ok(msgs.some((m) => /"nolabel" has no English label/.test(m)));
  });
  it('YAML errors and non-lists are problems', () => {
    assert.match(parseTopics('- id: [', 't.yaml').problems[0].message, /^YAML/);
    assert.match(parseTopics('just: a map', 't.yaml').problems[0].message, /expected a list/);
  });
});
