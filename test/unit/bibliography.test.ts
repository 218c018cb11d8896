import * as assert from 'node:assert/strict';
import { citationDigests, citationKeysIn, parseBib, titleKey } from '../../src/core/recognizer/bibliography';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { ENTRIES } from '../builders/recognizer';

const BIB = `
@comment{ignored}
@article{sun2023retentive,
  title = {Retentive Network: A Successor to Transformer for Large Language Models},
  author = {Sun, Yutao and others},
  eprint = {2307.08621}, archivePrefix = {arXiv},
}
@inproceedings{golovneva2024cope,
  title = "Contextual Position Encoding: Learning to Count What's Important",
  url = {https://arxiv.org/abs/2405.18719v2}
}
@misc{raptor24, title = {{RAPTOR}: Recursive Abstractive Processing for Tree-Organized Retrieval}}
@book{knuth1984, title = {The TeXbook}, year = 1984}
@article{broken, title = {unclosed
`;

const lookup = {
  byArxiv: (id: string) => ENTRIES.filter((e) => e.arxiv.includes(id)).map((e) => e.id),
  byTitle: (key: string) => (key === titleKey('RAPTOR: Recursive Abstractive Processing for Tree-Organized Retrieval') ? ['raptor'] : []),
};

describe('bibliography: citation keys through .bib files', () => {
  it('parses entries and their fields, skipping comments and surviving a cut-off entry', () => {
    const entries = parseBib(BIB);
    assert.deepEqual(
      entries.map((e) => e.key),
      ['sun2023retentive', 'golovneva2024cope', 'raptor24', 'knuth1984', 'broken'],
    );
    assert.equal(entries[0].fields.eprint, '2307.08621');
    assert.equal(entries[1].fields.url, 'https://arxiv.org/abs/2405.18719v2');
    assert.equal(entries[3].fields.year, '1984');
  });

  it('resolves a key by eprint, arXiv URL or exact title', () => {
    const map = citationDigests(parseBib(BIB), lookup);
    assert.deepEqual([...map], [
      ['sun2023retentive', ['retnet']],
      ['golovneva2024cope', ['cope']],
      ['raptor24', ['raptor']],
    ]);
  });

  it('finds keys in \\cite, pandoc @key and BibTeX entries', () => {
    const keys = (line: string) => citationKeysIn(line).map((k) => k.key);
    assert.deepEqual(keys('as shown \\citep[p.~3]{sun2023retentive, golovneva2024cope}.'), ['sun2023retentive', 'golovneva2024cope']);
    assert.deepEqual(keys('see [@sun2023retentive; @raptor24].'), ['sun2023retentive', 'raptor24']);
    assert.deepEqual(keys('@article{sun2023retentive,'), ['sun2023retentive']);
    assert.deepEqual(keys('mail me at me@example.com'), []);
    // biblatex's commands too, and a starred form
    assert.deepEqual(keys('\\parencite{sun2023retentive} and \\textcite*{golovneva2024cope}'), ['sun2023retentive', 'golovneva2024cope']);
    assert.deepEqual(keys('\\section{sun2023retentive} \\ref{golovneva2024cope}'), []);
  });

  it('makes a cited key a mention of its digest, and evidence for its other names', () => {
    const r = Recognizer.build(ENTRIES);
    const citations = citationDigests(parseBib(BIB), lookup);
    const doc = r.analyze(['CoPE helps here \\cite{golovneva2024cope}.', 'As [@sun2023retentive] shows.'], { citations });
    assert.deepEqual(
      doc.mentions.map((m) => `${m.line}:${m.text}=>${m.digests.join(',')}`),
      ['0:CoPE=>cope', '0:golovneva2024cope=>cope', '1:sun2023retentive=>retnet'],
    );
    // Without the bibliography the ambiguous CoPE has no support on its own.
    assert.deepEqual(r.analyze(['CoPE helps here \\cite{golovneva2024cope}.']).mentions.map((m) => m.text), []);
  });

  it('reads hostile input: unclosed braces, runs of @, a key with no fields', () => {
    const hostile = '@a{'.repeat(50_000) + '{'.repeat(50_000) + '@b{k, t = {' + '{'.repeat(10_000);
    assert.deepEqual(parseBib(hostile).map((e) => e.key), ['k']);
    assert.deepEqual(parseBib('@article{lonely}').map((e) => [e.key, e.fields]), [['lonely', {}]]);
    assert.deepEqual(parseBib('no entries at all @ here'), []);
  });
});
