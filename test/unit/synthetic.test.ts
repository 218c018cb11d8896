import * as assert from 'node:assert/strict';
import { CorpusGenerator, generateCorpus, Rng, SYNTHETIC_TOPICS } from '../../bench/synthetic';
import { hoverPoints, minifiedLine, searchQueries, sourceFile } from '../../bench/workload';
import { NaiveMatcher } from '../../bench/baseline';
import { buildBundle, bundleFiles, checkBundleIndex, ENTRIES_FILE, INDEX_FILE } from '../../src/core/corpus/bundle';
import { serializeDigest, validateDigestFiles } from '../../src/core/digestFile/digestFile';
import { isArxivId } from '../../src/core/arxiv/arxiv';

describe('synthetic benchmark corpus', () => {
  const { digests, names } = generateCorpus(400);

  it('is the same for the same seed, and different for another seed', () => {
    assert.deepEqual(generateCorpus(400).digests, digests);
    const other = generateCorpus(400, { seed: 1 }).digests;
    assert.notDeepEqual(other.map((d) => d.methods), digests.map((d) => d.methods));
  });

  it('makes a smaller corpus the prefix of a larger one', () => {
    const g = new CorpusGenerator();
    const first = g.take(150);
    const rest = g.take(250);
    assert.deepEqual([...first, ...rest], digests);
    assert.deepEqual(generateCorpus(150).digests, first);
  });

  it('gives every digest 1–4 distinct names, valid unique arXiv IDs, 1–3 known topics and a 1–4 KB body', () => {
    const topicIds = new Set(SYNTHETIC_TOPICS.map((t) => t.id));
    const seenArxiv = new Set<string>();
    for (const d of digests) {
      assert.ok(d.methods.length >= 1 && d.methods.length <= 4, `${d.id}: ${d.methods.length} names`);
      assert.equal(new Set(d.methods).size, d.methods.length, d.id);
      assert.ok(d.topics.length >= 1 && d.topics.length <= 3 && d.topics.every((t) => topicIds.has(t)), d.id);
      for (const a of d.arxiv) {
        assert.ok(isArxivId(a), `${d.id}: ${a}`);
        assert.ok(!seenArxiv.has(a), `${a} twice`);
        seenArxiv.add(a);
      }
      assert.ok(d.body.length >= 1024 && d.body.length <= 4096 + 400, `${d.id}: body of ${d.body.length}`);
      assert.match(d.lang, /^(ru|en)$/);
    }
    assert.equal(new Set(digests.map((d) => d.id)).size, digests.length, 'ids are unique');
  });

  it('averages about three names per digest, mostly unique, in every spelling style', () => {
    const total = digests.reduce((n, d) => n + d.methods.length, 0);
    assert.ok(total / digests.length > 2.6 && total / digests.length < 3.4, `${total / digests.length} names per digest`);
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, 'generated names are unique');
    assert.ok(names.some((n) => /^[A-Z]{2,5}\d?$/.test(n)), 'acronyms');
    assert.ok(names.some((n) => /^[A-Z][a-z]+[A-Z][a-z]+/.test(n)), 'CamelCase');
    assert.ok(names.some((n) => /^[A-Za-z]+-[A-Za-z0-9.]+$/.test(n)), 'hyphenated');
    assert.ok(names.some((n) => /[^\x00-\x7f]/.test(n)), 'non-ASCII');
    assert.ok(digests.some((d) => d.lang === 'ru' && /[а-я]/.test(d.body)) && digests.some((d) => d.lang === 'en'), 'both languages');
  });

  it('passes the digest validator and the bundle check, like a real corpus', () => {
    const files = digests.slice(0, 60).map((d) => ({ path: `${d.id}.md`, text: serializeDigest(d, d.body) }));
    const { digests: parsed, problems } = validateDigestFiles(files, new Set(SYNTHETIC_TOPICS.map((t) => t.id)));
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.equal(parsed.length, 60);
    const { index, bodies } = buildBundle(digests, SYNTHETIC_TOPICS);
    // The search index is a binary file of its own (search.bin), not part of index.json.
    assert.ok(index.searchIndex instanceof Uint8Array);
    const written = bundleFiles(index, bodies);
    const loaded = checkBundleIndex(JSON.parse(written[INDEX_FILE] as string), new TextEncoder().encode(written[ENTRIES_FILE] as string));
    assert.equal(loaded.digests.length, digests.length);
    assert.equal(Object.keys(bodies).length, digests.length);
  });
});

describe('benchmark workload', () => {
  const { digests } = generateCorpus(200);

  it('is deterministic', () => {
    assert.deepEqual(sourceFile(digests, 500), sourceFile(digests, 500));
    assert.equal(minifiedLine(digests, 5000), minifiedLine(digests, 5000));
    assert.deepEqual(searchQueries(digests), searchQueries(digests));
  });

  it('builds a source file that mentions the corpus, and positions inside its lines', () => {
    const lines = sourceFile(digests, 2000);
    assert.equal(lines.length, 2000);
    const matcher = new NaiveMatcher(digests);
    const mentioning = lines.filter((l) => matcher.scanLine(l).length > 0).length;
    assert.ok(mentioning > 200 && mentioning < 1000, `${mentioning} lines mention a name`);
    for (const p of hoverPoints(lines, 300)) assert.ok(p.character >= 0 && p.character < lines[p.line].length);
  });

  it('makes a minified line of the size asked for, on one line', () => {
    const line = minifiedLine(digests, 100_000);
    assert.equal(line.length, 100_000);
    assert.ok(!line.includes('\n'));
  });

  it('mixes method names, title words, Russian words and typos in 200 queries', () => {
    const qs = searchQueries(digests);
    assert.equal(qs.length, 200);
    for (const kind of ['method', 'title', 'russian', 'typo']) assert.ok(qs.filter((q) => q.kind === kind).length >= 40, kind);
    assert.ok(qs.filter((q) => q.kind === 'russian').every((q) => /[а-яё]/i.test(q.text)));
  });
});

describe('naive baseline matcher', () => {
  it('finds names case-insensitively at word boundaries, ASCII or not', () => {
    const m = new NaiveMatcher([
      { id: 'a', methods: ['RetNet', 'Δ-IRIS'] },
      { id: 'b', methods: ['retnet'] },
    ]);
    assert.equal(m.size, 2);
    assert.deepEqual(m.mentionsAt('use retnet here', 5), [{ start: 4, end: 10, digests: ['a', 'b'] }]);
    assert.deepEqual(m.mentionsAt('the Δ-IRIS agent', 5).map((x) => x.digests), [['a']]);
    assert.deepEqual(m.scanLine('MyRetNet ΔΔ-IRIS'), []);
  });

  it('treats regex metacharacters in names literally', () => {
    const m = new NaiveMatcher([{ id: 'a', methods: ['Llama-3.1'] }]);
    assert.equal(m.scanLine('Llama-3x1').length, 0);
    assert.equal(m.scanLine('Llama-3.1 is').length, 1);
  });
});

describe('Rng', () => {
  it('stays in range and repeats for a seed', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      assert.equal(x, b.next());
      assert.ok(x >= 0 && x < 1);
      const k = a.int(3, 7);
      b.int(3, 7);
      assert.ok(k >= 3 && k <= 7 && Number.isInteger(k));
    }
  });
});
