import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkCompiledNames, CompiledNames, compileNames } from '../../src/core/recognizer/nameTable';
import { Recognizer, RecognizerEntry } from '../../src/core/recognizer/recognizer';
import { Mention } from '../../src/core/types';
import { loadDigestFolder } from '../../src/cli/validate';
import { generateCorpus } from '../../bench/synthetic';
import { minifiedLine, sourceFile } from '../../bench/workload';
import { ENTRIES, recognizerEntry } from '../builders/recognizer';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The compiled table as the bundle stores and reads it: through JSON. */
const shipped = (entries: readonly RecognizerEntry[]): CompiledNames => checkCompiledNames(JSON.parse(JSON.stringify(compileNames(entries))));
const loaded = (entries: readonly RecognizerEntry[]): Recognizer => Recognizer.load(shipped(entries), entries.map((e) => e.id), { at: (i) => entries[i] });

function scanAll(r: Recognizer, lines: readonly string[]): Mention[] {
  return lines.flatMap((l, i) => r.scanLine(l, i));
}

/** Lines that mention the corpus in code, in prose, in other cases and with typos around. */
function workload(entries: readonly RecognizerEntry[], bodies: readonly string[]): string[] {
  const names = entries.flatMap((e) => e.methods);
  const named = entries.filter((e) => e.methods.length > 0);
  const lines = [...sourceFile(named, 1500), minifiedLine(named, 20_000)];
  for (const b of bodies) lines.push(...b.split('\n'));
  for (const n of names.slice(0, 400)) lines.push(`${n} and ${n.toLowerCase()} and \`${n.toUpperCase()}\` in ${n.replace(/-/g, ' ')}(x)`);
  return lines;
}

describe('compiled name table', function () {
  this.timeout(60_000);

  const real = loadDigestFolder(path.join(ROOT, 'digests')).digests;
  const synthetic = generateCorpus(1500).digests;

  for (const [label, digests] of [
    ['the real corpus', real],
    ['a synthetic corpus', synthetic],
  ] as const) {
    it(`finds the same mentions loaded from the bundle form as built at load (${label})`, () => {
      assert.ok(digests.length > 20);
      const lines = workload(digests, digests.map((d) => d.body));
      const built = scanAll(Recognizer.build(digests), lines);
      assert.ok(built.filter((m) => m.kind === 'method').length > 100, 'the workload mentions names');
      assert.deepEqual(scanAll(loaded(digests), lines), built);
    });

    it(`with user digests on top, finds what one table of all the digests finds (${label})`, () => {
      const cut = Math.floor(digests.length * 0.8);
      // The user's digests reuse bundled names (one of them exactly, one in another case) and add their own.
      const [first, second] = digests.filter((d) => d.methods.length > 0 && d.arxiv.length > 0);
      const extra: RecognizerEntry[] = [
        ...digests.slice(cut),
        recognizerEntry('mine-same', { methods: [first.methods[0]], arxiv: first.arxiv }),
        recognizerEntry('mine-lower', { methods: [second.methods[0].toLowerCase(), 'SoloNet'] }),
      ];
      const all = [...digests.slice(0, cut), ...extra];
      const lines = [...workload(all, digests.map((d) => d.body)), 'SoloNet and solonet()'];
      const layered = loaded(digests.slice(0, cut)).withExtra(extra);
      assert.deepEqual(scanAll(layered, lines), scanAll(Recognizer.build(all), lines));
      assert.equal(layered.mentionsAt(first.methods[0], 0, 0)[0]?.digests.at(-1), 'mine-same');
      assert.equal(layered.scanLine(`arXiv:${first.arxiv[0]}`, 0)[0]?.digests.at(-1), 'mine-same');
    });
  }

  it('keeps the test corpus rules: ordinary words only in code, names across separators', () => {
    const r = loaded(ENTRIES);
    const text = 'We cope with it; cope(x); Ret Net; RetNet; `diamond`; Mamba-2; arXiv:2405.18719';
    assert.deepEqual(r.scanLine(text, 0), Recognizer.build(ENTRIES).scanLine(text, 0));
    assert.ok(r.scanLine(text, 0).some((m) => m.text === 'RetNet'));
  });

  it('an empty table and an empty extra are harmless', () => {
    const empty = loaded([]);
    assert.equal(empty.nameCount, 0);
    assert.deepEqual(empty.scanLine('RetNet 2307.08621', 0)[0]?.digests, []);
    assert.equal(empty.withExtra([]), empty);
    assert.deepEqual(empty.withExtra(ENTRIES.slice(0, 1)).scanLine('RetNet', 0)[0]?.digests, ['retnet']);
  });

  it('rejects a malformed or inconsistent table with a message instead of scanning garbage', () => {
    assert.throws(() => checkCompiledNames(null), /not an object/);
    assert.throws(() => checkCompiledNames({ keys: [], spellings: '', arxiv: '', arxivDigests: '' }), /"keys"/);
    const good = compileNames(ENTRIES);
    assert.throws(() => Recognizer.load({ ...good, spellings: good.spellings + '\n1//0' }, ENTRIES.map((e) => e.id)), /inconsistent/);
  });

  it('stores each key once, sorted, with no separator inside a key', () => {
    const keys = compileNames(synthetic).keys.split('\n');
    assert.deepEqual([...keys].sort(), keys.slice().sort());
    for (let i = 1; i < keys.length; i++) assert.ok(keys[i - 1] < keys[i], `${keys[i - 1]} before ${keys[i]}`);
    for (const k of keys) assert.doesNotMatch(k, /[|/,\s]/);
  });
});
