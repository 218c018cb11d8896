import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { curationSummary, formatCurationSummary, MAX_TLDR_CHARS, type ParseOptions } from '../../src/core/digest/curation';
import { parseDigestFile, serializeDigest } from '../../src/core/digestFile/digestFile';
import { digestTemplate } from '../../src/core/digestFile/digestTemplate';
import { draftsFromPosts } from '../../src/core/import/draft';
import { mergeWithExisting } from '../../src/core/import/merge';
import type { DigestMeta } from '../../src/core/types';
import { digestText } from '../builders/digestText';

const ROOT = join(__dirname, '..', '..', '..');
const TOPICS = new Set(['attention', 'architectures', 'efficiency']);
const FILE = 'digests/cope.md';
const HEAD = ['id: cope', 'title: CoPE', 'arxiv: ["2405.18719"]', 'methods: [CoPE]', 'topics: [attention]', 'source: {name: rizzearch, url: "https://t.me/rizzearch/300"}', 'lang: ru', 'kind: paper'];
const file = (extra: string[], head = HEAD) => digestText({ frontMatter: head, extra, body: 'Текст дайджеста.' });
const parse = (extra: string[], options: ParseOptions = {}, head = HEAD) => parseDigestFile(file(extra, head), FILE, TOPICS, { maxYear: 2026, ...options });
const errors = (extra: string[], options: ParseOptions = {}) => parse(extra, options).problems.filter((p) => p.severity === 'error').map((p) => p.message);
const warnings = (extra: string[], options: ParseOptions = {}) => parse(extra, options).problems.filter((p) => p.severity === 'warning').map((p) => p.message);

const CURATED = [
  'tldr: "CoPE counts positions by context: gates decide which tokens increment the position."',
  'tldr_ru: "CoPE считает позиции по контексту: гейты решают, какие токены увеличивают позицию."',
  'authors: ["Olga Golovneva", "Tianlu Wang", "Jason Weston", "Sainbayar Sukhbaatar"]',
  'year: 2024',
  'venue: "arXiv preprint"',
  'code: ["https://github.com/facebookresearch/example"]',
  'links: ["https://openreview.net/forum?id=abc"]',
  'aliases: [cope_attention, facebookresearch/example]',
  'excerpt: true',
];

describe('digest fields: reading', () => {
  it('reads every curated field with its type', () => {
    const r = parse(CURATED, { rules: 'corpus', strict: true });
    assert.deepEqual(r.problems, []);
    const d = r.digest!;
    assert.equal(d.tldr, 'CoPE counts positions by context: gates decide which tokens increment the position.');
    assert.match(d.tldr_ru!, /^CoPE считает/);
    assert.deepEqual(d.authors, ['Olga Golovneva', 'Tianlu Wang', 'Jason Weston', 'Sainbayar Sukhbaatar']);
    assert.equal(d.year, 2024);
    assert.equal(d.venue, 'arXiv preprint');
    assert.deepEqual(d.code, ['https://github.com/facebookresearch/example']);
    assert.deepEqual(d.links, ['https://openreview.net/forum?id=abc']);
    assert.deepEqual(d.aliases, ['cope_attention', 'facebookresearch/example']);
    assert.equal(d.excerpt, true);
  });

  it('round-trips through serializeDigest, and empty placeholders read back as absent', () => {
    const d = parse(CURATED).digest!;
    const { body, ...meta } = d;
    const text = serializeDigest(meta, body);
    assert.deepEqual(parseDigestFile(text, FILE, TOPICS).digest, d);
    const bare: DigestMeta = { id: 'cope', title: 'CoPE', arxiv: [], methods: [], topics: ['attention'], source: { name: 'notes' }, lang: 'en', kind: 'paper' };
    const draft = serializeDigest(bare, 'x');
    for (const key of ['tldr', 'tldr_ru', 'year', 'venue']) assert.match(draft, new RegExp(`^${key}: ""$`, 'm'));
    for (const key of ['authors', 'code', 'links', 'aliases']) assert.match(draft, new RegExp(`^${key}: \\[\\]$`, 'm'));
    assert.doesNotMatch(draft, /^excerpt:/m);
    const back = parseDigestFile(draft, FILE, TOPICS);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.digest, { ...bare, body: 'x' });
  });

  it('bad types are errors naming the field; the digest still loads without them', () => {
    const r = parse(['tldr: [a, b]', 'tldr_ru: {x: 1}', 'authors: Jane Doe', 'year: [2024]', 'venue: {name: x}', 'code: https://github.com/a/b', 'links: 42', 'aliases: pyreft', 'excerpt: yes']);
    const messages = r.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    for (const re of [/"tldr" must be a string/, /"tldr_ru" must be a string/, /"authors" must be a list/, /"year" must be a four-digit year/, /"venue" must be a string/, /"code" must be a list/, /"links" must be a list/, /"aliases" must be a list/, /"excerpt" must be true or false/]) {
      assert.ok(messages.some((m) => re.test(m)), `no error matching ${re} in ${JSON.stringify(messages)}`);
    }
    assert.ok(r.digest);
    for (const key of ['tldr', 'tldr_ru', 'authors', 'year', 'venue', 'code', 'links', 'aliases', 'excerpt'] as const) assert.equal(r.digest[key], undefined, key);
  });

  it('a TL;DR may have 280 characters, counted as characters, not UTF-16 units', () => {
    const at = (s: string) => `tldr: "${s}"`;
    assert.deepEqual(errors([at('a'.repeat(MAX_TLDR_CHARS))]), []);
    assert.match(errors([at('a'.repeat(MAX_TLDR_CHARS + 1))])[0], /"tldr" has 281 characters; at most 280/);
    // 280 emoji are 560 UTF-16 units and still fit.
    assert.deepEqual(errors([at('🙂'.repeat(MAX_TLDR_CHARS))]), []);
    assert.match(errors([`tldr_ru: "${'я'.repeat(300)}"`])[0], /"tldr_ru" has 300 characters/);
  });

  it('warns when the English TL;DR is Russian or the Russian one is not', () => {
    assert.ok(warnings(['tldr: "Статья про позиции"']).some((m) => /English TL;DR/.test(m)));
    assert.ok(warnings(['tldr_ru: "A paper about positions"']).some((m) => /does not look Russian/.test(m)));
  });

  it('years: four digits from 1900 to next year', () => {
    assert.deepEqual(errors(['year: 1997']), []);
    assert.deepEqual(errors(['year: 2027'], { maxYear: 2027 }), []);
    for (const bad of ['1899', '2999', '20x4', '24', '2024.0']) assert.equal(errors([`year: ${bad}`]).length, 1, bad);
    assert.equal(parse(['year: "2024"']).digest!.year, 2024);
  });

  it('code and links take only http(s) URLs', () => {
    const bad = ['javascript:alert(1)', 'ftp://example.com/x', 'github.com/a/b', 'https://user:pw@github.com/a/b', 'https://', 'file:///etc/passwd', 'https://a.example/x y'];
    for (const url of bad) {
      for (const key of ['code', 'links']) {
        const r = parse([`${key}: [${JSON.stringify(url)}]`]);
        assert.ok(r.problems.some((p) => p.severity === 'error' && /http\(s\) URLs/.test(p.message)), `${key}: ${url}`);
        assert.equal(r.digest![key as 'code'], undefined);
      }
    }
    assert.deepEqual(parse(['code: ["https://github.com/a/b", "http://gitlab.com/c/d"]']).digest!.code, ['https://github.com/a/b', 'http://gitlab.com/c/d']);
  });

  it('authors: a list of non-empty strings, bounded', () => {
    assert.ok(errors(['authors: ["A", {name: B}, ""]']).every((m) => /non-empty strings/.test(m)));
    assert.deepEqual(parse(['authors: ["A", {name: B}]']).digest!.authors, ['A']);
    const many = `authors: [${Array.from({ length: 101 }, (_, i) => `"Author ${i}"`).join(', ')}]`;
    assert.match(errors([many])[0], /101 entries; at most 100/);
    assert.ok(warnings(['authors: ["A", "A"]']).some((m) => /twice/.test(m)));
  });

  it('aliases are names code uses: no spaces', () => {
    assert.match(errors(['aliases: ["mamba ssm"]'])[0], /has a space/);
    assert.deepEqual(parse(['aliases: [mamba_ssm, state-spaces/mamba, mamba-ssm]']).digest!.aliases, ['mamba_ssm', 'state-spaces/mamba', 'mamba-ssm']);
  });

  it('papers of a multi-paper post carry authors and year', () => {
    const head = HEAD.map((l) => (l === 'kind: paper' ? 'kind: multi-paper' : l));
    const r = parse(['papers:', '  - {title: "One", arxiv: "2405.18719", authors: ["A", "B"], year: 2024}', '  - {title: "Two", year: 1800}'], {}, head);
    assert.deepEqual(r.digest!.papers, [{ title: 'One', arxiv: '2405.18719', authors: ['A', 'B'], year: 2024 }, { title: 'Two' }]);
    assert.ok(r.problems.some((p) => p.severity === 'error' && /"papers.year" 1800/.test(p.message)));
  });
});

describe('digest fields: what is missing, by folder', () => {
  it('corpus: a missing TL;DR, link or the authors and year of an identified paper are warnings, errors when strict', () => {
    const bare = ['id: cope', 'title: CoPE', 'arxiv: ["2405.18719"]', 'methods: [CoPE]', 'topics: [attention]', 'source: {name: rizzearch}', 'lang: ru', 'kind: paper'];
    const lax = parse([], { rules: 'corpus' }, bare).problems;
    assert.deepEqual(lax.map((p) => p.severity), ['warning', 'warning', 'warning']);
    assert.deepEqual(lax.map((p) => p.message), ['missing "tldr" (English, at most 280 characters)', 'missing "tldr_ru" (Russian, at most 280 characters)', 'the paper is identified but has no authors or year']);
    const strict = parse([], { rules: 'corpus', strict: true }, bare).problems;
    assert.deepEqual(strict.map((p) => p.severity), ['error', 'error', 'error']);
    const nowhere = parse(['tldr: "x"', 'tldr_ru: "х"'], { rules: 'corpus', strict: true }, bare.map((l) => (l.startsWith('arxiv') ? 'arxiv: []' : l)));
    assert.deepEqual(nowhere.problems.map((p) => p.message), ['the digest links nowhere: add an arXiv ID, a paper page ("links"), "code" or the post\'s "source.url"']);
  });

  it('a multi-paper post owes authors and year for each paper with an ID, not for itself', () => {
    const head = HEAD.map((l) => (l === 'kind: paper' ? 'kind: multi-paper' : l));
    const r = parse(['tldr: "x"', 'tldr_ru: "х"', 'papers:', '  - {title: "One", arxiv: "2405.18719", authors: ["A"], year: 2024}', '  - {title: "Two", arxiv: "2401.18059"}', '  - {title: "Three"}'], { rules: 'corpus', strict: true }, head);
    assert.deepEqual(r.problems.map((p) => p.message), ['paper "Two" is identified but has no authors or year']);
  });

  it('user folders: a fresh New Digest file has warnings only (topics, TL;DR, authors)', () => {
    const text = digestTemplate({ id: 'arxiv-2405-18719', arxiv: '2405.18719', lang: 'en', date: '2026-12-01', topics: [{ id: 'attention', label: 'Attention', label_ru: 'Внимание' }] });
    const r = parseDigestFile(text, 'notes/arxiv-2405-18719.md', TOPICS, { rules: 'user' });
    assert.ok(r.digest);
    assert.deepEqual(r.problems.map((p) => `${p.severity}: ${p.message}`), [
      'warning: at least one topic is required',
      'warning: no TL;DR yet ("tldr" or "tldr_ru"): the card shows the opening sentences',
      'warning: no authors yet ("authors")',
    ]);
    // The same file in the corpus is an error (topics), as before.
    assert.ok(parseDigestFile(text, 'digests/arxiv-2405-18719.md', TOPICS, { rules: 'corpus' }).problems.some((p) => p.severity === 'error'));
  });

  it('user folders: a missing topics field is a warning too, and real errors stay errors', () => {
    const head = HEAD.filter((l) => !l.startsWith('topics'));
    const r = parse(['year: 12'], { rules: 'user' }, head);
    assert.ok(r.problems.some((p) => p.severity === 'warning' && /missing required field "topics"/.test(p.message)));
    assert.ok(r.problems.some((p) => p.severity === 'error' && /four-digit year/.test(p.message)));
  });

  it('curationSummary counts what validate reports under its totals', () => {
    const base: DigestMeta = { id: 'a', title: 'A', arxiv: [], methods: [], topics: ['attention'], source: { name: 's' }, lang: 'ru', kind: 'paper' };
    const s = curationSummary([
      { ...base, tldr: 'x', tldr_ru: 'х', arxiv: ['2405.18719'], authors: ['A'], year: 2024 },
      { ...base, tldr: 'x', arxiv: ['2405.18719'] },
      { ...base, source: { name: 's', url: 'https://habr.com/p/1' } },
      base,
    ]);
    assert.deepEqual(s, { digests: 4, tldr: 2, tldr_ru: 1, linked: 3, identified: 2, identifiedWithFacts: 1 });
    assert.equal(formatCurationSummary(s), 'curated: 2/4 with tldr, 1/4 with tldr_ru, 3/4 with a link, 1/2 identified papers with authors and year');
  });

  it('a curated corpus digest (the fixture copy of retnet) passes strict', () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'curated', 'retnet.md'), 'utf8');
    const r = parseDigestFile(text, 'retnet.md', new Set(['architectures', 'efficiency']), { rules: 'corpus', strict: true });
    assert.deepEqual(r.problems, []);
    assert.ok(r.digest!.tldr && r.digest!.tldr_ru && r.digest!.authors!.length > 0 && r.digest!.year);
  });
});

describe('digest fields: drafts and imports', () => {
  it('a Habr teaser becomes a draft marked as an excerpt; a Telegram post does not', () => {
    const post = { title: 'T', body: 'b', arxiv: [], papers: [], source: { name: 'Habr' }, lang: 'ru' as const, line: 0 };
    const [habr, tg] = draftsFromPosts([{ ...post, excerpt: true }, { ...post, title: 'U' }]);
    assert.equal(habr.excerpt, true);
    assert.equal(tg.excerpt, undefined);
  });

  it('re-importing never overwrites curated fields', () => {
    const existing = { ...parse(CURATED).digest! };
    const draft = { ...existing, tldr: undefined, tldr_ru: undefined, authors: undefined, year: undefined, venue: undefined, code: undefined, links: undefined, aliases: undefined, excerpt: undefined, body: 'Текст дайджеста.' };
    const merged = mergeWithExisting(draft, existing);
    for (const key of ['tldr', 'tldr_ru', 'authors', 'year', 'venue', 'code', 'links', 'aliases', 'excerpt'] as const) assert.deepEqual(merged[key], existing[key], key);
  });
});
