import * as assert from 'node:assert/strict';
import { buildBundle, bundleFiles, checkBundleIndex, ENTRIES_FILE, INDEX_FILE, LoadedBundle } from '../../src/core/corpus/bundle';
import { concatEntries, Corpus, EntryList } from '../../src/core/corpus/corpus';
import { generateCorpus, SYNTHETIC_TOPICS } from '../../bench/synthetic';
import { entry, meta, TOPICS } from '../builders/digests';

const encoder = new TextEncoder();

function written(digests = generateCorpus(40).digests): { files: Record<string, string>; expected: ReturnType<typeof buildBundle>['index'] } {
  const { index, bodies } = buildBundle(digests, SYNTHETIC_TOPICS);
  // The text files; the search's binary index has its own tests (search.test.ts).
  const files: Record<string, string> = {};
  for (const [name, content] of Object.entries(bundleFiles(index, bodies))) if (typeof content === 'string') files[name] = content;
  return { files, expected: index };
}

function load(files: Record<string, string>): LoadedBundle {
  return checkBundleIndex(JSON.parse(files[INDEX_FILE]), encoder.encode(files[ENTRIES_FILE]));
}

/** Counts the entries an EntryList makes, to check what is parsed when. */
function counting(list: EntryList): { list: EntryList; made: Set<number> } {
  const made = new Set<number>();
  return { list: { length: list.length, id: (i) => list.id(i), at: (i) => (made.add(i), list.at(i)) }, made };
}

describe('bundle files: entries parsed on use', () => {
  it('round-trips every entry, in order, with its summary, marked as bundled', () => {
    const { files, expected } = written();
    const index = JSON.parse(files[INDEX_FILE]) as Record<string, unknown>;
    assert.equal(index.digests, undefined, 'index.json carries no entries');
    assert.equal(JSON.stringify(index).includes('"summary"'), false);
    const loaded = load(files);
    assert.deepEqual(loaded.ids, expected.digests.map((d) => d.id));
    assert.deepEqual(loaded.digests, expected.digests);
    assert.ok(loaded.digests.every((d) => d.origin === 'bundled' && d.summary.length > 0));
  });

  it('keeps multi-byte text intact across entry boundaries', () => {
    const digests = [
      meta({ id: 'a', title: 'Ω-Net 🚀', body: 'Идея: «внимание» — это всё 🧠.' }),
      meta({ id: 'b', title: 'Ψ', title_ru: 'Пси', body: '日本語の要約。' }),
    ];
    const loaded = load(written(digests).files);
    assert.equal(loaded.entries.at(0).title, 'Ω-Net 🚀');
    assert.match(loaded.entries.at(0).summary, /внимание/);
    assert.equal(loaded.entries.at(1).title_ru, 'Пси');
    assert.match(loaded.entries.at(1).summary, /日本語/);
  });

  it('parses only the entries used, and gives the same object each time', () => {
    const loaded = load(written().files);
    const { list, made } = counting(loaded.entries);
    const corpus = new Corpus(list, SYNTHETIC_TOPICS, async () => undefined);
    assert.equal(corpus.size, loaded.ids.length);
    const id = loaded.ids[7];
    const first = corpus.get(id);
    assert.equal(first?.id, id);
    assert.strictEqual(corpus.get(id), first);
    assert.deepEqual([...made], [7]);
    assert.strictEqual(corpus.entries[7], first, 'the full list holds the same objects');
    assert.equal(made.size, loaded.ids.length);
  });

  it('a damaged entry reads as a bare digest; the others are untouched', () => {
    const { files } = written();
    const ends = (JSON.parse(files[INDEX_FILE]) as { entryEnds: number[] }).entryEnds;
    const bytes = encoder.encode(files[ENTRIES_FILE]);
    bytes.fill(0x7b, ends[2] - 5, ends[2]); // '{{{{{' at the end of the third entry
    const loaded = checkBundleIndex(JSON.parse(files[INDEX_FILE]), bytes);
    const broken = loaded.entries.at(2);
    assert.equal(broken.id, loaded.ids[2]);
    assert.deepEqual([broken.methods, broken.arxiv, broken.summary], [[], [], '']);
    assert.ok(loaded.entries.at(3).methods.length > 0);
    assert.equal(loaded.entries.at(3).id, loaded.ids[3]);
  });

  it('rejects an index whose entry offsets do not fit entries.json, or without entries.json', () => {
    const { files } = written();
    const index = JSON.parse(files[INDEX_FILE]) as { entryEnds: unknown; ids: unknown };
    const bytes = encoder.encode(files[ENTRIES_FILE]);
    assert.throws(() => checkBundleIndex({ ...index }, undefined), /needs entries\.json/);
    const ends = index.entryEnds as number[];
    assert.throws(() => checkBundleIndex({ ...index, entryEnds: ends.slice(1) }, bytes), /does not match its ids/);
    assert.throws(() => checkBundleIndex({ ...index, entryEnds: [...ends.slice(0, -1), bytes.length + 1] }, bytes), /does not match entries\.json/);
    assert.throws(() => checkBundleIndex({ ...index, entryEnds: [ends[1], ends[0], ...ends.slice(2)] }, bytes), /does not match entries\.json/);
    assert.throws(() => checkBundleIndex({ ...index, entryEnds: ends.map(String) }, bytes), /does not match entries\.json/);
    assert.throws(() => checkBundleIndex({ ...index, ids: [1, 2] }, bytes), /lacks "ids"/);
    assert.throws(() => checkBundleIndex({ ...index, ids: undefined }, bytes), /lacks "ids"/);
  });

  it('binary garbage as entries.json loads ids but no details, without throwing', () => {
    const { files } = written();
    const index = JSON.parse(files[INDEX_FILE]) as { entryEnds: number[] };
    const garbage = new Uint8Array(index.entryEnds[index.entryEnds.length - 1]);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) % 256;
    const loaded = checkBundleIndex(index, garbage);
    assert.ok(loaded.digests.every((d, i) => d.id === loaded.ids[i] && d.methods.length === 0));
  });

  it('refuses an index of another version, or without its name table, naming the fix', () => {
    const { files } = written();
    const index = JSON.parse(files[INDEX_FILE]) as Record<string, unknown>;
    const bytes = encoder.encode(files[ENTRIES_FILE]);
    const v2 = { version: 2, topics: TOPICS, digests: [entry({ id: 'x', summary: 'kept' })] };
    assert.throws(() => checkBundleIndex(JSON.parse(JSON.stringify(v2)), bytes), /version 2 is not 3; rebuild with "npm run build"/);
    assert.throws(() => checkBundleIndex({ ...index, version: '3' }, bytes), /version 3 is not 3/);
    assert.throws(() => checkBundleIndex({ ...index, names: undefined }, bytes), /lacks its compiled name table "names"; rebuild/);
    assert.throws(() => checkBundleIndex(null, bytes), /not a JSON object/);
    assert.throws(() => checkBundleIndex({ ...index, topics: {} }, bytes), /lacks "topics"/);
  });
});

describe('concatEntries', () => {
  it('puts the extra digests after the list, by position', () => {
    const loaded = load(written(generateCorpus(3).digests).files);
    const extra = entry({ id: 'user-one' });
    const all = concatEntries(loaded.entries, [extra]);
    assert.equal(all.length, 4);
    assert.equal(all.id(3), 'user-one');
    assert.strictEqual(all.at(3), extra);
    assert.strictEqual(all.at(1), loaded.entries.at(1));
    assert.strictEqual(concatEntries(loaded.entries, []), loaded.entries);
  });
});
