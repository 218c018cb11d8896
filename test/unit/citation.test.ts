import * as assert from 'node:assert/strict';
import { bibtex, escapeBibtex } from '../../src/core/render/citation';
import { DigestEntry } from '../../src/core/types';
import { parseBib } from '../builders/bibtex';
import { entry } from '../builders/digests';

/** RetNet, the paper most citations here start from. */
const retnet = (over: Partial<DigestEntry> = {}): DigestEntry => entry({ paper: 'retnet', ...over });

describe('citation: bibtex', () => {
  it('cites an arXiv paper as @misc with eprint, archivePrefix, url and year', () => {
    const [e, ...rest] = parseBib(bibtex(retnet()));
    assert.equal(rest.length, 0);
    assert.equal(e.type, 'misc');
    assert.equal(e.key, 'retnet_2307.08621');
    assert.equal(e.fields.get('title'), '{Retentive Network: A Successor to Transformer for Large Language Models}');
    assert.equal(e.fields.get('eprint'), '2307.08621');
    assert.equal(e.fields.get('archiveprefix'), 'arXiv');
    assert.equal(e.fields.get('url'), 'https://arxiv.org/abs/2307.08621');
    assert.equal(e.fields.get('year'), '2023');
  });

  it('drops version suffixes and takes the key from the id when there is no method', () => {
    const [e] = parseBib(bibtex(retnet({ arxiv: ['arXiv:2405.18719v3'], methods: [], id: 'cope-2024' })));
    assert.equal(e.key, 'cope-2024_2405.18719');
    assert.equal(e.fields.get('eprint'), '2405.18719');
  });

  it('cites the post itself when there is no arXiv ID', () => {
    const [e, ...rest] = parseBib(bibtex(retnet({ arxiv: [], source: { name: 'Habr', url: 'https://habr.com/ru/articles/1/', date: '2023-11-02' } })));
    assert.equal(rest.length, 0);
    assert.equal(e.key, 'retnet');
    assert.ok(!e.fields.has('eprint'));
    assert.equal(e.fields.get('url'), 'https://habr.com/ru/articles/1/');
    assert.equal(e.fields.get('year'), '2023');
    assert.equal(e.fields.get('note'), 'Habr, 2023-11-02');
  });

  it('never puts a non-http(s) source URL in the entry', () => {
    const [e] = parseBib(bibtex(retnet({ arxiv: [], source: { name: 'x', url: 'javascript:alert(1)' } })));
    assert.ok(!e.fields.has('url'));
  });

  it('gives a multi-paper post one entry per paper with an arXiv ID', () => {
    const entries = parseBib(
      bibtex(
        retnet({
          kind: 'multi-paper',
          title: 'Three papers on position encoding',
          methods: ['CoPE', 'FIRE'],
          arxiv: ['2405.18719', '2310.04418', '2404.19737'],
          papers: [
            { title: 'Contextual Position Encoding', arxiv: '2405.18719' },
            { title: 'Functional Interpolation for Relative Positions', arxiv: '2310.04418v2' },
            { title: 'Paper that is not on arXiv' },
          ],
        }),
      ),
    );
    assert.deepEqual(
      entries.map((e) => [e.key, e.fields.get('eprint'), e.fields.get('title')]),
      [
        ['cope_2405.18719', '2405.18719', '{Contextual Position Encoding}'],
        ['cope_2310.04418', '2310.04418', '{Functional Interpolation for Relative Positions}'],
        // An ID with no paper title falls back to the post title.
        ['cope_2404.19737', '2404.19737', '{Three papers on position encoding}'],
      ],
    );
  });

  it('cites a multi-paper post without IDs as one entry for the post', () => {
    const entries = parseBib(bibtex(retnet({ kind: 'multi-paper', arxiv: [], papers: [{ title: 'A' }, { title: 'B' }] })));
    assert.equal(entries.length, 1);
    assert.equal(entries[0].key, 'retnet');
  });

  it('escapes braces and LaTeX specials so the entry always parses', () => {
    for (const title of ['Unbalanced } brace {', '{{{', '}}}', 'a\\b}{c', 'Q&A: 100% $x_1$ #1 ~ ^', 'two\nlines\r\n\tand\u202Ebidi', '{Balanced} title']) {
      const [e] = parseBib(bibtex(retnet({ title })));
      const value = e.fields.get('title')!;
      assert.doesNotMatch(value.replace(/\\[&%$#_{}]/g, ''), /[&%$#_\n\r\t\u202E]/, `unescaped special in ${JSON.stringify(value)}`);
    }
    assert.equal(escapeBibtex('Q&A 100%'), 'Q\\&A 100\\%');
    assert.equal(escapeBibtex('{Balanced} and } stray'), '\\{Balanced\\} and  stray');
    assert.equal(escapeBibtex('a\\b'), 'a\\textbackslash{}b');
  });

  it('builds keys from hostile method names without breaking the entry head', () => {
    const [e] = parseBib(bibtex(retnet({ methods: ['Ré,t}N{et @x'], arxiv: [] })));
    assert.match(e.key, /^[a-z0-9_-]+$/);
    const [f] = parseBib(bibtex(retnet({ methods: ['}}}'], id: '!!!', arxiv: [] })));
    assert.equal(f.key, 'digest');
  });
});

