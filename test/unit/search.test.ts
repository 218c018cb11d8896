import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildBundle, bundleFiles, SEARCH_FILE } from '../../src/core/corpus/bundle';
import { Corpus } from '../../src/core/corpus/corpus';
import { bodySnippet, bundledPart, bundleSearch, DigestSearch, docsPart, searchDoc, SearchIndex } from '../../src/core/search/search';
import { buildSearchIndex } from '../../src/core/search/searchIndex';
import { camelParts, damerau, foldWord, stemWord } from '../../src/core/search/searchText';
import { DigestMeta } from '../../src/core/types';
import { meta, TOPICS } from '../builders/digests';

type Digest = DigestMeta & { body: string };

function searchOver(digests: Digest[]): DigestSearch {
  const { index } = buildBundle(digests, TOPICS);
  const corpus = new Corpus(index.digests, index.topics, async () => undefined);
  return bundleSearch({ ids: index.digests.map((d) => d.id), searchIndex: index.searchIndex, entries: { length: index.digests.length, at: (i) => index.digests[i] } }, corpus);
}

const ids = (s: DigestSearch, q: string): string[] => s.search(q).map((h) => h.id);

describe('search text', () => {
  it('stems Russian and English so inflections meet', () => {
    assert.strictEqual(stemWord(foldWord('кэша')), stemWord(foldWord('кэш')));
    assert.strictEqual(stemWord(foldWord('Retention')), stemWord(foldWord('retentive')));
    assert.strictEqual(stemWord(foldWord('линейного')), stemWord(foldWord('линейный')));
    assert.notStrictEqual(stemWord('retnet'), stemWord('retention'));
  });

  it('folds case, ё and Latin diacritics but keeps й for the Russian stemmer', () => {
    assert.strictEqual(foldWord('Ёлка'), 'елка');
    assert.strictEqual(foldWord('Réseau'), 'reseau');
    assert.strictEqual(foldWord('Линейный'), 'линейный');
  });

  it('counts a transposition as one edit', () => {
    assert.strictEqual(damerau('retnet', 'rtenet', 2), 1);
    assert.strictEqual(damerau('attention', 'atention', 2), 1);
    assert.strictEqual(damerau('abc', 'xyz', 1), 2, 'capped at max + 1');
  });
});

describe('DigestSearch', () => {
  const digests = [
    meta({ id: 'retnet', title: 'Retentive Network: A Successor to Transformer', methods: ['RetNet', 'Multi-Scale Retention'], arxiv: ['2307.08621'], topics: ['llm'], body: 'Сеть с удержанием вместо внимания. Каузальная маска и гамма.' }),
    meta({ id: 'cope', title: 'Contextual Position Encoding', title_ru: 'Контекстное позиционное кодирование', methods: ['CoPE'], topics: ['attention'], body: 'Позиции считаются по контексту.' }),
    meta({ id: 'ppo', title: 'Proximal Policy Optimization', methods: ['PPO'], topics: ['rl'], body: 'Обучение с подкреплением, политика. Ключевое слово retention в тексте.' }),
    meta({ id: 'cache', title: 'Key-Value Cache Sharing', methods: ['CLA'], arxiv: ['2405.12981'], topics: ['llm'], body: 'Размер кэша уменьшается вдвое.' }),
  ];
  const s = searchOver(digests);

  it('finds by method name, exact match first', () => {
    assert.strictEqual(ids(s, 'RetNet')[0], 'retnet');
    assert.strictEqual(ids(s, 'cope')[0], 'cope');
    assert.strictEqual(ids(s, 'multi-scale retention')[0], 'retnet');
  });

  it('finds any arXiv form of an ID first', () => {
    for (const q of ['2405.12981', 'arXiv:2405.12981', '2405.12981v3', 'https://arxiv.org/abs/2405.12981', 'https://www.alphaxiv.org/ru/overview/2405.12981', 'https://huggingface.co/papers/2405.12981']) {
      assert.strictEqual(ids(s, q)[0], 'cache', q);
    }
  });

  it('meets inflected forms through stems, in either language', () => {
    assert.deepStrictEqual(ids(s, 'кэш'), ['cache']);
    assert.ok(ids(s, 'удержание').includes('retnet'));
    assert.strictEqual(ids(s, 'retention')[0], 'retnet', 'a name and the title beat a body mention');
    assert.ok(ids(s, 'retention').includes('ppo'));
  });

  it('ranks a name above a title above a body', () => {
    const t = searchOver([
      meta({ id: 'body', title: 'One', body: 'We use gating here.' }),
      meta({ id: 'title', title: 'Gating for all', body: 'Nothing.' }),
      meta({ id: 'name', title: 'Two', methods: ['Gating'], body: 'Nothing.' }),
    ]);
    assert.deepStrictEqual(ids(t, 'gating'), ['name', 'title', 'body']);
  });

  it('ranks digests that match more query words first, and does not need every word', () => {
    const t = searchOver([
      meta({ id: 'one', title: 'Sparse routers', body: 'Only routers.' }),
      meta({ id: 'both', title: 'Plain', body: 'Sparse mixture of routers.' }),
    ]);
    assert.deepStrictEqual(ids(t, 'sparse mixture'), ['both', 'one']);
    assert.deepStrictEqual(ids(t, 'mixture qqqzzz'), ['both']);
  });

  it('tolerates a typo, transpositions included, in any field, body words too', () => {
    assert.strictEqual(ids(s, 'Retentvie')[0], 'retnet');
    assert.strictEqual(ids(s, 'подкерплением')[0], 'ppo');
    assert.deepStrictEqual(ids(s, 'qqqqzzzzxxxx'), []);
  });

  it('never ranks a typo match above an exact or stem match', () => {
    const t = searchOver([
      meta({ id: 'typo', title: 'Gatting', methods: ['Gatting'], body: 'x' }),
      meta({ id: 'exact', title: 'Other', body: 'gating once' }),
    ]);
    const hits = t.search('gating');
    assert.deepStrictEqual(
      hits.map((h) => h.id),
      ['exact', 'typo'],
    );
    assert.strictEqual(hits[1].typo, true);
    assert.strictEqual(hits[0].typo, false);
  });

  it('tries typos only when the exact and stem matches are few', () => {
    const many = Array.from({ length: 8 }, (_, i) => meta({ id: `lora-${i}`, title: `Adapter ${i}`, body: 'LoRA adapters.' }));
    const t = searchOver([...many, meta({ id: 'lord', title: 'Lord of the rings', body: 'x' })]);
    assert.ok(!ids(t, 'lora').includes('lord'));
    assert.ok(searchOver([many[0], meta({ id: 'lord', title: 'Lord', body: 'x' })]).search('lora').some((h) => h.id === 'lord'));
  });

  it('says where a digest matched and which words', () => {
    const [hit] = s.search('уменьшается');
    assert.strictEqual(hit.field, 'body');
    assert.deepStrictEqual(hit.words, ['уменьшается']);
    // "кэш" finds the body's "кэша" (its stem) and the title's "Cache" (the same term in English).
    assert.deepStrictEqual(s.search('кэш')[0].words.sort(), ['cache', 'кэша']);
    assert.strictEqual(s.search('кэш')[0].field, 'title');
    assert.strictEqual(s.search('CoPE')[0].field, 'name');
    assert.strictEqual(s.search('позиционное')[0].field, 'title');
    assert.strictEqual(s.search('2307.08621')[0].field, 'arxiv');
  });

  it('indexes TL;DRs, aliases and topic labels in both languages', () => {
    const t = searchOver([
      { ...meta({ id: 'ternary', title: 'Plain', body: 'x' }), tldr: 'Ternary weights replace multiplications.', tldr_ru: 'Троичные веса.', aliases: ['matmulfreellm'] },
      meta({ id: 'other', title: 'Other', topics: ['rl'], body: 'y' }),
    ]);
    assert.deepStrictEqual(ids(t, 'ternary weights'), ['ternary']);
    assert.strictEqual(t.search('ternary')[0].field, 'tldr');
    assert.deepStrictEqual(ids(t, 'троичные'), ['ternary']);
    assert.deepStrictEqual(ids(t, 'matmulfreellm'), ['ternary']);
    assert.deepStrictEqual(ids(t, 'подкрепление'), ['other']);
    assert.deepStrictEqual(ids(t, 'Reinforcement learning'), ['other']);
  });

  it('returns nothing for an empty query, only stop words of nothing, and caps results', () => {
    assert.deepStrictEqual(s.search('   '), []);
    assert.deepStrictEqual(s.search('!!! ---'), []);
    assert.ok(s.search('e', 1).length <= 1);
    assert.deepStrictEqual(s.search('RetNet', 0), []);
  });

  it('takes hostile queries: huge, binary, markup, many words', () => {
    assert.ok(Array.isArray(s.search('a'.repeat(1_000_000))));
    assert.ok(Array.isArray(s.search('\u0000\uffff\ud800 [x](command:evil) $(zap)')));
    assert.strictEqual(ids(s, `RetNet ${'word '.repeat(500)}`)[0], 'retnet', 'the whole query is not needed to match');
  });

  it('the search of a bundle and of user digests after it', () => {
    const { index } = buildBundle(digests, TOPICS);
    const corpus = new Corpus(index.digests, index.topics, async () => undefined);
    const bundle = { ids: index.digests.map((d) => d.id), searchIndex: index.searchIndex, entries: { length: index.digests.length, at: (i: number) => index.digests[i] } };
    const t = bundleSearch(bundle, corpus, [searchDoc(meta({ id: 'mine', title: 'Quuxformer', methods: ['Quux'] }), 'Мой собственный дайджест про кэш.')]);
    assert.strictEqual(ids(t, 'Quux')[0], 'mine');
    assert.deepStrictEqual(ids(t, 'кэш').sort(), ['cache', 'mine']);
  });
});

describe('search index file', () => {
  const digests = [meta({ id: 'a', title: 'Alpha network', methods: ['AlphaNet'], body: 'Первый.' }), meta({ id: 'b', title: 'Beta', body: 'Второй, про alpha.' })];

  it('is written by the bundle and loads in place from any byte offset', () => {
    const { index, bodies } = buildBundle(digests, TOPICS);
    const file = bundleFiles(index, bodies)[SEARCH_FILE] as Uint8Array;
    assert.ok(file instanceof Uint8Array);
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    const loaded = SearchIndex.load(shifted.subarray(1));
    assert.strictEqual(loaded.records, 2);
    const search = new DigestSearch([{ index: loaded, id: (i) => ['a', 'b'][i] }]);
    assert.deepStrictEqual(ids(search, 'alpha'), ['a', 'b']);
  });

  it('refuses damaged files with a message, and the bundle then searches its summaries', () => {
    const good = buildSearchIndex(digests.map((d) => searchDoc(d, d.body)), () => undefined);
    const bad = [new Uint8Array(0), new Uint8Array(64), good.slice(0, good.length - 3), new Uint8Array([...good.slice(0, 8).fill(1), ...good.slice(8)])];
    for (const bytes of bad) assert.throws(() => SearchIndex.load(bytes), /search index/);
    // Offsets that run backwards are refused too.
    const backwards = good.slice();
    new DataView(backwards.buffer).setUint32(8 * 4 + 4, 0xffffff, true);
    assert.throws(() => SearchIndex.load(backwards), /damaged/);

    const warnings: string[] = [];
    const entries = digests.map((d) => ({ ...d, summary: d.body, origin: 'bundled' }));
    const part = bundledPart({ ids: ['a', 'b'], searchIndex: bad[2], entries: { length: 2, at: (i) => entries[i] } }, () => undefined, (m) => warnings.push(m));
    assert.strictEqual(warnings.length, 1);
    assert.deepStrictEqual(ids(new DigestSearch([part]), 'второй'), ['b']);
  });

  it('a stale file (other digest count) is not used', () => {
    const warnings: string[] = [];
    const one = buildSearchIndex([searchDoc(digests[0], 'x')], () => undefined);
    const entries = digests.map((d) => ({ ...d, summary: d.body, origin: 'bundled' }));
    bundledPart({ ids: ['a', 'b'], searchIndex: one, entries: { length: 2, at: (i) => entries[i] } }, () => undefined, (m) => warnings.push(m));
    assert.match(warnings[0], /covers 1 digests/);
  });

  it('bounds what a hostile body costs', () => {
    const huge = 'слово '.repeat(200_000) + Array.from({ length: 60_000 }, (_, i) => `w${i}`).join(' ');
    const part = docsPart([searchDoc(meta({ id: 'h', title: 'H' }), huge)], () => undefined);
    assert.ok(part.index.words.length < 60_000);
    assert.deepStrictEqual(ids(new DigestSearch([part]), 'слово'), ['h']);
  });
});

describe('bodySnippet', () => {
  it('shows plain text around the first matched word', () => {
    const body = 'Начало текста. ' + 'Слова '.repeat(40) + 'Размер **кэша** уменьшается. ' + 'Конец '.repeat(40);
    const snippet = bodySnippet(body, ['кэша'], 80)!;
    assert.ok(snippet.includes('кэша уменьшается'), snippet);
    assert.ok(snippet.startsWith('…') && snippet.endsWith('…'));
    assert.ok(snippet.length <= 82);
    assert.ok(!snippet.includes('**'));
  });

  it('finds an inflected form of a matched word, and nothing when absent', () => {
    assert.ok(bodySnippet('Про кэш и память.', ['кэша'])!.includes('кэш'));
    assert.strictEqual(bodySnippet('Про память.', ['кэша']), undefined);
    assert.strictEqual(bodySnippet('', ['x']), undefined);
  });
});

describe('the package', () => {
  it('ships every file the bundle writes, search.bin included', () => {
    // Tests run from out/test/unit; the repository root is three levels up.
    const root = path.resolve(__dirname, '..', '..', '..');
    const lines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    const kept = lines.filter((l) => l.startsWith('!')).map((l) => new RegExp(`^${l.slice(1).trim().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
    const { index, bodies } = buildBundle([meta({ id: 'a' })], TOPICS);
    const names = Object.keys(bundleFiles(index, bodies));
    assert.ok(names.includes(SEARCH_FILE));
    for (const name of names) assert.ok(kept.some((re) => re.test(`dist/corpus/${name}`)), `.vscodeignore leaves out dist/corpus/${name}`);
  });
});

describe('camelParts', () => {
  it('cuts names where the case turns, keeping pieces of three letters or more', () => {
    const has = (name: string, parts: string[]) => {
      const got = camelParts(name);
      for (const p of parts) assert.ok(got.includes(p), `${name}: ${p} not in ${got.join(', ')}`);
      assert.ok(got.every((p) => p.length >= 3 && p !== name.toLowerCase()), got.join(', '));
    };
    has('SingLoRA', ['lora', 'sing']);
    has('CoPEAttention', ['attention', 'cope']);
    has('RetNet', ['net', 'ret']);
  });
  it('leaves plain words, acronyms and short pieces alone', () => {
    assert.deepEqual(camelParts('retention'), []);
    assert.deepEqual(camelParts('MSR'), []);
    assert.deepEqual(camelParts('FoX'), []);
  });
});
