import * as assert from 'node:assert/strict';
import { frontMatterTokens, MAX_FRONT_MATTER_KEYS, MAX_FRONT_MATTER_TOKENS, MAX_PROBLEMS_PER_FILE, parseDigestFile } from '../../src/core/digestFile/digestFile';
import { decodeDigestBytes, FileKind, FolderFs, listDigestFiles, MAX_FILE_BYTES, MAX_FOLDERS, MAX_NOTICES } from '../../src/core/digest/digestFolder';
import { resolveIdClaims } from '../../src/core/digest/digestIds';
import { importSource, planImport } from '../../src/core/import/index';
import { assertLinear } from '../linear/linearTime';
import { digestText } from '../builders/digestText';

const TOPICS = new Set(['attention']);
const front = (lines: string[]): string =>
  digestText({ frontMatter: ['id: x', 'title: T', 'arxiv: []', 'methods: [M]', 'topics: [attention]', 'source: {name: s}', 'lang: en', 'kind: paper'], extra: lines, body: 'Body.' });

describe('security: front matter work is bounded', () => {
  it('98,000 distinct keys are refused with one problem, before the YAML parser sees them', () => {
    const text = front(Array.from({ length: 98_000 }, (_, i) => `k${i}: v`));
    const r = parseDigestFile(text, 'x.md', TOPICS);
    assert.equal(r.digest, undefined);
    assert.equal(r.problems.length, 1, r.problems.slice(0, 3).map((p) => p.message).join('\n'));
    assert.match(r.problems[0].message, /too many entries/);
  });

  it('counting the entries stops at the limit: the work does not grow with the file', () => {
    const huge = Array.from({ length: 200_000 }, (_, i) => `k${i}: v`).join('\n');
    assert.equal(frontMatterTokens(huge), MAX_FRONT_MATTER_TOKENS + 1);
    assert.equal(frontMatterTokens('a: 1\nb: [x, y]\n- z\n? q\nurl: https://x.org/a:b'), 6);
  });

  it('a flow map of many keys under the token limit is refused by the key limit, with one problem', () => {
    const flow = `extra: {${Array.from({ length: MAX_FRONT_MATTER_KEYS + 50 }, (_, i) => `k${i}: v`).join(', ')}}`;
    const r = parseDigestFile(front([flow]), 'x.md', TOPICS);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, new RegExp(`at most ${MAX_FRONT_MATTER_KEYS}`));
  });

  it('a duplicate key is still found (own linear check), at the duplicate', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}: v`);
    const r = parseDigestFile(front([...keys, 'k7: again']), 'x.md', TOPICS);
    const dup = r.problems.filter((p) => /unique/.test(p.message));
    assert.equal(dup.length, 1);
    assert.equal(dup[0].line, 9 + 200);
  });

  it('one file reports at most MAX_PROBLEMS_PER_FILE problems, then how many more', () => {
    const methods = `methods: [${Array.from({ length: 1500 }, () => 'Same').join(', ')}]`;
    const r = parseDigestFile(front([]).replace('methods: [M]', methods), 'x.md', TOPICS);
    assert.equal(r.problems.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.match(r.problems[MAX_PROBLEMS_PER_FILE].message, /1399 more problem/);
  });
});

/** An in-memory tree with symbolic links; counts the folders listed (the walk's work). */
function fakeFs(tree: Record<string, 'dir' | 'file' | { link: string }>, withRealPath = true): FolderFs & { reads: number } {
  const real = (p: string): string => {
    // Resolve links segment by segment, as realpath does.
    let out = '';
    for (const seg of p.split('/').filter(Boolean)) {
      out = `${out}/${seg}`;
      for (let hops = 0; hops < 40; hops++) {
        const node = tree[out];
        if (node && typeof node === 'object') out = node.link;
        else break;
      }
    }
    return out || '/';
  };
  const children = new Map<string, string[]>();
  for (const p of Object.keys(tree)) {
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (parent !== p) children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  const fs = {
    reads: 0,
    readDirectory: async (dir: string): Promise<[string, number][]> => {
      fs.reads++;
      const at = real(dir);
      if (tree[at] !== 'dir') throw new Error(`ENOTDIR ${dir}`);
      const out: [string, number][] = [];
      for (const p of children.get(at) ?? []) {
        const node = tree[p];
        const name = p.slice(p.lastIndexOf('/') + 1);
        if (node === 'dir') out.push([name, FileKind.Directory]);
        else if (node === 'file') out.push([name, FileKind.File]);
        else {
          const target = tree[real(p)];
          out.push([name, FileKind.SymbolicLink | (target === 'dir' ? FileKind.Directory : target === 'file' ? FileKind.File : 0)]);
        }
      }
      return out;
    },
    ...(withRealPath ? { realPath: async (dir: string) => real(dir) } : {}),
    join: (dir: string, name: string) => `${dir}/${name}`,
    display: (p: string) => p,
  };
  return fs;
}

/** `folders` folders under /r, each with one digest and links to every other folder. */
function linkedTree(folders: number, linksPerFolder: number): Record<string, 'dir' | 'file' | { link: string }> {
  const tree: Record<string, 'dir' | 'file' | { link: string }> = { '/r': 'dir' };
  for (let i = 0; i < folders; i++) {
    tree[`/r/f${i}`] = 'dir';
    tree[`/r/f${i}/d${i}.md`] = 'file';
    for (let j = 0; j < linksPerFolder; j++) tree[`/r/f${i}/l${j}`] = { link: `/r/f${(i + j + 1) % folders}` };
  }
  return tree;
}

describe('security: the folder walk is bounded by work, not only by files and depth', () => {
  it('links between folders: each real folder is listed once, however many links lead to it', async () => {
    for (const links of [4, 16]) {
      const fs = fakeFs(linkedTree(8, links));
      const r = await listDigestFiles(fs, '/r');
      assert.equal(fs.reads, 9, `${links} links per folder: ${fs.reads} folders listed`);
      assert.equal(r.foldersRead, 9);
      assert.deepEqual(r.files.map((f) => f.split('/').pop()).sort(), Array.from({ length: 8 }, (_, i) => `d${i}.md`).sort());
    }
  });

  it('stops after MAX_FOLDERS folders with one summary notice', async () => {
    const tree: Record<string, 'dir' | 'file' | { link: string }> = { '/r': 'dir' };
    for (let i = 0; i < 3000; i++) tree[`/r/f${String(i).padStart(4, '0')}`] = 'dir';
    const fs = fakeFs(tree);
    const r = await listDigestFiles(fs, '/r');
    assert.equal(fs.reads, MAX_FOLDERS);
    assert.equal(r.notices.length, 1);
    assert.match(r.notices[0], new RegExp(`more than ${MAX_FOLDERS} folders`));
  });

  it('hundreds of folder problems become one notice; the log keeps a bounded list', async () => {
    const tree: Record<string, 'dir' | 'file' | { link: string }> = { '/r': 'dir' };
    for (let i = 0; i < 600; i++) tree[`/r/b${i}.md`] = { link: `/nowhere/${i}` };
    const r = await listDigestFiles(fakeFs(tree), '/r');
    assert.equal(r.notices.length, 1);
    assert.match(r.notices[0], /600 folder problems/);
    assert.ok(r.problems.length <= 101);
    assert.match(r.problems[r.problems.length - 1], /more folder problem/);
    const few = { '/r': 'dir', '/r/a.md': { link: '/nowhere' } } as const;
    assert.ok((await listDigestFiles(fakeFs({ ...few }), '/r')).notices.length <= MAX_NOTICES);
  });

  it('look-alike folders (same names, same files) are not loops; a link back up is', async () => {
    const tree: Record<string, 'dir' | 'file' | { link: string }> = {
      '/r': 'dir',
      '/r/a': 'dir',
      '/r/a/same': 'dir',
      '/r/a/same/x.md': 'file',
      '/r/b': 'dir',
      '/r/b/same': 'dir',
      '/r/b/same/x.md': 'file',
      '/r/b/same/twin': { link: '/r/a/same' },
      '/r/b/up': { link: '/r' },
    };
    const r = await listDigestFiles(fakeFs(tree), '/r');
    assert.deepEqual(r.files.sort(), ['/r/a/same/x.md', '/r/b/same/x.md']);
    assert.equal(r.problems.length, 1, r.problems.join('\n'));
    assert.match(r.problems[0], /\/r\/b\/up: symbolic link loop/);
  });

  it('where real paths cannot be had, links to folders are reported and not followed', async () => {
    const fs = fakeFs(linkedTree(3, 2), false);
    const r = await listDigestFiles(fs, '/r');
    assert.equal(fs.reads, 4);
    assert.equal(r.files.length, 3);
    assert.ok(r.problems.every((p) => /not followed here/.test(p)));
  });

  it('size and binary checks: one limit for bytes, the same as the parser', () => {
    assert.ok('problem' in decodeDigestBytes(new Uint8Array(MAX_FILE_BYTES + 1)));
    assert.match((decodeDigestBytes(new Uint8Array([0x2d, 0, 0x2d])) as { problem: string }).problem, /binary/);
    assert.equal((decodeDigestBytes(new TextEncoder().encode('---\n')) as { text: string }).text, '---\n');
  });
});

describe('security: one id rule', () => {
  it('the file named after the id wins, then the first by path, whatever the order read', () => {
    const claims = [
      { file: 'a/0-copy.md', id: 'paper' },
      { file: 'b/paper.md', id: 'paper' },
      { file: 'c/other.md', id: 'paper' },
    ];
    for (const order of [claims, [...claims].reverse()]) {
      const r = resolveIdClaims(order);
      assert.deepEqual(r.kept.map((k) => k.file), ['b/paper.md']);
      assert.deepEqual(r.clashes.map((c) => [c.claim.file, c.owner]).sort(), [['a/0-copy.md', 'b/paper.md'], ['c/other.md', 'b/paper.md']]);
    }
    const bundled = resolveIdClaims([{ file: 'u/paper.md', id: 'paper' }], (id) => (id === 'paper' ? 'a bundled digest' : undefined));
    assert.equal(bundled.clashes[0].owner, 'a bundled digest');
  });
});

describe('security: import naming and Telegram exports', () => {
  const message = (id: number, title: string): Record<string, unknown> => ({
    id,
    type: 'message',
    date: '2024-05-01T10:00:00',
    text: `${title}\n\nWe propose a method and show results on arxiv.org/abs/2405.${String(10000 + id)}.`,
  });
  const exportOf = (n: number): Record<string, unknown> => ({ name: 'Chan', type: 'public_channel', messages: Array.from({ length: n }, (_, i) => message(i + 1, `Paper Number ${i + 1} Attention`)) });

  it('names new drafts with one rule: free in the folder (any case) and in the corpus', () => {
    const r = importSource(JSON.stringify(exportOf(1)), 'result.json');
    const id = r.drafts[0].id;
    const plan = planImport(r.drafts, [], () => false, [id.toUpperCase()], (c) => c === `${id}-2`);
    assert.equal(plan[0].digest.id, `${id}-3`);
  });

  it('compact JSON ("id":1) reports each message at its own line, in linear time', function () {
    this.timeout(60_000);
    const text = JSON.stringify(exportOf(40)).replace(/\{"id"/g, '\n{"id"');
    const r = importSource(text, 'result.json');
    assert.equal(r.posts.length, 40);
    assert.deepEqual(
      r.posts.map((p) => p.line),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    assertLinear((t) => importSource(t, 'result.json'), (n) => JSON.stringify(exportOf(Math.max(1, Math.round(n / 200)))), 2000, 400_000);
  });

  it('a cut-off export with a bad escape in "name" still imports every readable post and reports the rest', () => {
    const whole = JSON.stringify(exportOf(5), null, 1).replace('"name": "Chan"', '"name": "Ch\\qan"');
    const broken = whole.replace('"id": 3,', '"id": 3, "bad": \\x,');
    const cut = broken.slice(0, broken.indexOf('"id": 5') + 20);
    const r = importSource(cut, 'result.json');
    assert.deepEqual(r.posts.map((p) => p.title).sort(), ['Paper Number 1 Attention', 'Paper Number 2 Attention', 'Paper Number 4 Attention']);
    assert.match(r.problems[0].message, /recovered 3 complete message\(s\), 1 unreadable message\(s\) skipped; the message after them is cut off/);
    assert.ok(r.problems.some((p) => /unreadable message skipped/.test(p.message) && (p.line ?? 0) > 10));
  });
});
