import * as assert from 'assert';
import { BINARY_GLOBS, enabledGlobs, excludeGlob, fileFindings, gitignoreGlobs, summarize, workspaceBibtex } from '../../src/core/workspace/workspacePapers';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { DigestEntry } from '../../src/core/types';
import { parseBib } from '../builders/bibtex';
import { entry } from '../builders/digests';

describe('papers in this workspace', () => {
  const retnet = entry({ id: 'retnet', title: 'Retentive Network', methods: ['RetNet'], arxiv: ['2307.08621'], ...({ authors: ['Yutao Sun', 'Li Dong', 'et al.'] } as object) });
  const cope = entry({ id: 'cope', title: 'Contextual Position Encoding', methods: ['CoPE'], arxiv: ['2405.18719'] });
  const corpus = new Map<string, DigestEntry>([retnet, cope].map((e) => [e.id, e]));
  const lookup = (id: string) => corpus.get(id);
  const recognizer = Recognizer.build([retnet, cope]);
  // CoPE is also an English word: like the hover, the scan needs ML context in the file for it.
  const scan = (file: string, text: string) => fileFindings(file, recognizer.scanText(text), lookup);

  it('sums mentions per digest and unknown ID across files, with locations; most mentioned first', () => {
    const perFile = new Map([
      ['file:///a.py', scan('file:///a.py', 'class RetNet:\n    pass  # see arXiv:2307.08621 and 2501.00001\n')],
      ['file:///b.md', scan('file:///b.md', 'RetNet beats CoPE attention in a transformer with softmax?\nUnknown: 2501.00001\n')],
    ]);
    const s = summarize(perFile, lookup);
    assert.deepStrictEqual(s.digests.map((d) => [d.key.id, d.count, d.files]), [['retnet', 3, 2], ['cope', 1, 1]]);
    assert.deepStrictEqual(s.digests[0].locations.map((l) => [l.file, l.line]), [['file:///a.py', 0], ['file:///a.py', 1], ['file:///b.md', 0]]);
    assert.deepStrictEqual(s.unknown.map((u) => [u.key, u.count, u.files]), [['2501.00001', 2, 2]]);
  });

  it('leaves out digests that left the corpus', () => {
    const perFile = new Map([['file:///a.py', scan('file:///a.py', 'CoPE attention in a transformer with softmax\n')]]);
    assert.deepStrictEqual(summarize(perFile, () => undefined).digests, []);
  });

  it('exports BibTeX for digests (with authors) and for unknown IDs (no made-up title), without repeated keys', () => {
    const perFile = new Map([
      ['file:///a.py', scan('file:///a.py', 'RetNet 2501.00001\nCoPE attention in a transformer with softmax\n')],
      ['file:///b.py', scan('file:///b.py', 'RetNet\n')],
    ]);
    const bib = workspaceBibtex(summarize(perFile, lookup));
    const entries = parseBib(bib);
    const keys = entries.map((e) => e.key);
    assert.strictEqual(keys.length, 3, bib);
    assert.deepStrictEqual(entries.map((e) => e.type), ['misc', 'misc', 'misc']);
    assert.strictEqual(new Set(keys).size, 3);
    assert.ok(entries.some((e) => e.fields.get('author') === 'Yutao Sun and Li Dong and others'), bib);
    const unknown = entries.find((e) => e.key === 'arxiv_2501.00001');
    assert.strictEqual(unknown?.fields.get('eprint'), '2501.00001');
    assert.deepStrictEqual([...unknown.fields].filter(([name, value]) => /title/.test(name) || /title/.test(value)), [], 'a made-up title');
  });

  it('takes only enabled exclude patterns, and turns .gitignore lines into globs', () => {
    assert.deepStrictEqual(enabledGlobs({ '**/.git': true, '**/off': false, '**/*.js': { when: '$(basename).ts' } }, { '**/node_modules': true, '**/.git': true }, null, 'x'), ['**/.git', '**/node_modules']);
    assert.deepStrictEqual(gitignoreGlobs('# comment\n\nbuild/\n/dist\n*.log\n!keep.log\ndocs/gen\n'), ['**/build/**', 'dist/**', 'dist', '**/*.log/**', '**/*.log', 'docs/gen/**', 'docs/gen']);
    assert.strictEqual(excludeGlob([]), undefined);
    assert.strictEqual(excludeGlob(['a']), 'a');
    assert.strictEqual(excludeGlob(['a', 'b', 'a']), '{a,b}');
  });

  it('a pattern with braces cannot break the brace list', () => {
    assert.deepStrictEqual(gitignoreGlobs('{a,b}\nok'), ['**/ok/**', '**/ok']);
    assert.deepStrictEqual(enabledGlobs({ '{x,y}': true }), []);
  });
});

describe('the scan exclude', () => {
  it('never nests braces, which globs do not support', () => {
    const glob = excludeGlob([...BINARY_GLOBS, '**/.git', ...gitignoreGlobs('build/\n*.log')])!;
    assert.ok(glob.startsWith('{') && glob.endsWith('}'));
    assert.doesNotMatch(glob.slice(1, -1), /[{}]/);
    assert.ok(BINARY_GLOBS.includes('**/*.safetensors'));
  });
});
