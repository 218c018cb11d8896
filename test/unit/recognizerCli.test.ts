import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTextFile, run } from '../../src/cli/mentions';
import { CliIO } from '../../src/cli/io';
import { TOPICS, cardEntry } from '../builders/recognizer';
import { BUNDLE_VERSION, bundleFiles } from '../../src/core/corpus/bundle';
import { compileNames } from '../../src/core/recognizer/nameTable';

function capture(cwd: string): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd,
    out: (t: string) => void (io.stdout += t + '\n'),
    err: (t: string) => void (io.stderr += t + '\n'),
  };
  return io;
}

describe('CLI: mentions <file>', () => {
  let dir: string;
  let corpus: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-lens-mentions-'));
    corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    const digests = [
      cardEntry('retnet', { arxiv: ['2307.08621'], methods: ['RetNet'] }),
      cardEntry('cope', { arxiv: ['2405.18719'], methods: ['CoPE'] }),
      cardEntry('cope-followup', { methods: ['CoPE'] }),
    ];
    // The bundle's own files, as `npm run build` writes them.
    const files = bundleFiles({ version: BUNDLE_VERSION, topics: TOPICS, digests, names: compileNames(digests) }, {});
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(corpus, name), content);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer): string => {
    fs.writeFileSync(path.join(dir, name), content);
    return name;
  };

  it('prints every mention as DESIGN.md specifies, 0-based, in order', async () => {
    const file = write('model.py', 'import torch\r\nclass CoPEAttention:  # arXiv:2405.18719v2\n    x = retnet_block(x)  # 2501.00001\n');
    const io = capture(dir);
    assert.equal(await run([file, '--corpus', 'corpus'], io), 0, io.stderr);
    const rows = JSON.parse(io.stdout);
    assert.deepEqual(rows, [
      // CoPE is ambiguous: the arXiv ID on the line is evidence for `cope`, none for `cope-followup`.
      { line: 1, character: 6, endCharacter: 10, text: 'CoPE', kind: 'method', digests: ['cope'] },
      { line: 1, character: 24, endCharacter: 42, text: 'arXiv:2405.18719v2', kind: 'arxiv', arxiv: '2405.18719', digests: ['cope'] },
      { line: 2, character: 8, endCharacter: 14, text: 'retnet', kind: 'method', digests: ['retnet'] },
      { line: 2, character: 27, endCharacter: 37, text: '2501.00001', kind: 'arxiv', arxiv: '2501.00001', digests: [] },
    ]);
    assert.deepEqual(Object.keys(rows[1]), ['line', 'character', 'endCharacter', 'text', 'kind', 'arxiv', 'digests']);
  });

  it('prints an empty array for a file without mentions, and ignores a BOM', async () => {
    const io = capture(dir);
    assert.equal(await run([write('empty.txt', '\uFEFFnothing to see'), '--corpus', corpus], io), 0);
    assert.deepEqual(JSON.parse(io.stdout), []);
  });

  it('refuses binary files, directories and missing files with a clear message', async () => {
    const binary = write('blob.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x52, 0x65, 0x74, 0x4e, 0x65, 0x74]));
    for (const [arg, message] of [
      [binary, /binary/],
      ['.', /not a regular file/],
      ['missing.py', /no such file/],
    ] as const) {
      const io = capture(dir);
      assert.equal(await run([arg, '--corpus', corpus], io), 1);
      assert.match(io.stderr, message);
      assert.equal(io.stdout, '');
    }
  });

  it('refuses files over the size limit instead of reading them', () => {
    const file = path.join(dir, write('big.txt', 'x'.repeat(2048)));
    const result = readTextFile(file, 1024);
    assert.ok('error' in result && /larger than the 1024-byte limit/.test(result.error));
  });

  it('explains its usage when arguments are missing or extra', async () => {
    for (const args of [[], ['a', 'b'], ['a', '--corpus']]) {
      const io = capture(dir);
      assert.equal(await run(args, io), 2);
      assert.ok(io.stderr.length > 0);
    }
  });

  it('scans a 5 MB single-line minified file to the end: arXiv IDs there, no names spelled by accident', async () => {
    const file = write('bundle.min.js', 'a=1;b=2;'.repeat(640_000) + 'new RetNet("arXiv:2307.08621");');
    const io = capture(dir);
    assert.equal(await run([file, '--corpus', corpus], io), 0);
    const rows = JSON.parse(io.stdout) as { text: string; character: number }[];
    assert.deepEqual(rows.map((r) => [r.text, r.character]), [['arXiv:2307.08621', 640_000 * 8 + 12]]);
  });

  it('--jsonl: one line per text file under many paths, skipping binaries, node_modules and .git', async () => {
    const tree = path.join(dir, 'tree');
    for (const sub of ['src', 'node_modules/pkg', '.git', 'docs']) fs.mkdirSync(path.join(tree, sub), { recursive: true });
    fs.writeFileSync(path.join(tree, 'src', 'a.py'), 'import retnet\n');
    fs.writeFileSync(path.join(tree, 'src', 'b.txt'), 'nothing here\n');
    fs.writeFileSync(path.join(tree, 'src', 'blob.bin'), Buffer.from([0, 1, 2, 0x52, 0x65, 0x74, 0x4e, 0x65, 0x74]));
    fs.writeFileSync(path.join(tree, 'node_modules', 'pkg', 'index.js'), 'RetNet');
    fs.writeFileSync(path.join(tree, '.git', 'HEAD'), 'RetNet');
    const single = write('single.md', 'See arXiv:2307.08621');
    const io = capture(dir);
    assert.equal(await run(['tree', single, '--jsonl', '--corpus', corpus], io), 0, io.stderr);
    const lines = io.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; mentions: { text: string }[] });
    assert.deepEqual(
      lines.map((l) => [l.file, l.mentions.map((m) => m.text)]),
      [
        [path.join('tree', 'src', 'a.py'), ['retnet']],
        [path.join('tree', 'src', 'b.txt'), []],
        ['single.md', ['arXiv:2307.08621']],
      ],
    );
  });

  it('--jsonl resolves \\cite keys through the .bib files among the paths', async () => {
    const paper = path.join(dir, 'paper');
    fs.mkdirSync(paper, { recursive: true });
    fs.writeFileSync(path.join(paper, 'refs.bib'), '@article{sun2023retentive,\n  eprint = {2307.08621},\n}\n');
    fs.writeFileSync(path.join(paper, 'main.tex'), 'Retention \\cite{sun2023retentive} works.\n');
    const io = capture(dir);
    assert.equal(await run(['paper', '--jsonl', '--corpus', corpus], io), 0, io.stderr);
    const lines = io.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; mentions: { text: string; digests: string[] }[] });
    const tex = lines.find((l) => l.file.endsWith('main.tex'))!;
    assert.deepEqual(tex.mentions.map((m) => [m.text, m.digests]), [['sun2023retentive', ['retnet']]]);
  });

  it('--jsonl reports a missing path and goes on', async () => {
    const io = capture(dir);
    assert.equal(await run(['missing-dir', write('one.md', 'RetNet'), '--jsonl', '--corpus', corpus], io), 0);
    assert.match(io.stderr, /missing-dir: no such file/);
    assert.equal(io.stdout.trim().split('\n').length, 1);
  });
});
