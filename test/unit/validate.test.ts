import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, loadDigestFolder } from '../../src/cli/validate';
import type { CliIO } from '../../src/cli/io';
import { digestText } from '../builders/digestText';

const ROOT = path.resolve(__dirname, '../../..');

function capture(cwd = ROOT): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { cwd, stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe('validate: the committed corpus', () => {
  it('digests/ has no errors', async () => {
    const io = capture();
    const code = await run(['digests'], io);
    assert.deepEqual(io.stdout.filter((l) => /: error: /.test(l)), []);
    assert.equal(code, 0);
  });

  it('every digest is curated: English title, 1–3 topics, methods for identified papers, a source', () => {
    const { digests, topics } = loadDigestFolder(path.join(ROOT, 'digests'));
    assert.ok(topics.length >= 8 && topics.length <= 15);
    assert.ok(digests.length >= 40, `only ${digests.length} digests`);
    for (const d of digests) {
      assert.doesNotMatch(d.title, /[\u0400-\u04FF]/, `${d.id}: title should be English`);
      assert.ok(d.topics.length >= 1 && d.topics.length <= 3, d.id);
      if (d.arxiv.length > 0) assert.ok(d.methods.length >= 1, `${d.id}: no methods`);
      assert.notEqual(d.source.name, 'Telegram', `${d.id}: source channel not curated`);
    }
  });
});

describe('validate: bad files', () => {
  const bad = path.join(ROOT, 'test/fixtures/digests-bad');

  it('names file, line and reason for each problem and exits 1', async () => {
    const io = capture();
    const code = await run(['test/fixtures/digests-bad'], io);
    assert.equal(code, 1);
    const out = io.stdout.join('\n');
    const expect = [
      /^test\/fixtures\/digests-bad\/bad-yaml\.md:[34]:\d+: error: YAML: /m,
      /^test\/fixtures\/digests-bad\/no-title\.md:2:1: error: missing required field "title"$/m,
      /^test\/fixtures\/digests-bad\/wrong-id\.md:2:5: error: id "some-other-id" does not match the file name \(expected "wrong-id"\)$/m,
      /^test\/fixtures\/digests-bad\/unknown-topic\.md:4:\d+: error: "2405\.1871" is not a well-formed arXiv ID/m,
      /^test\/fixtures\/digests-bad\/unknown-topic\.md:6:\d+: error: unknown topic "quantum-cooking"/m,
      /^test\/fixtures\/digests-bad\/empty\.md:1:1: error: empty file$/m,
      /^test\/fixtures\/digests-bad\/binary\.md:1:1: error: binary file/m,
      /^test\/fixtures\/digests-bad\/duplicate-a\.md:2:1: error: duplicate id "crlf-ok" \(also in test\/fixtures\/digests-bad\/crlf-ok\.md\)/m,
    ];
    for (const re of expect) assert.match(out, re);
    assert.doesNotMatch(out, /crlf-ok\.md:\d+:\d+: error: (?!duplicate)/, 'CRLF itself is fine');
  });

  it('still loads every digest that can be loaded', () => {
    const { digests, topics } = loadDigestFolder(bad);
    assert.ok(topics.length > 0, 'falls back to the bundled topics.yaml');
    assert.deepEqual(digests.map((d) => d.id).sort(), ['crlf-ok', 'some-other-id', 'unknown-topic']);
  });

  it('a missing folder is an error, not a crash', async () => {
    const io = capture();
    assert.equal(await run(['no/such/folder'], io), 1);
    assert.match(io.stdout.join('\n'), /no\/such\/folder: error: not a folder/);
  });

  it('uses the folder\'s own topics.yaml when it has one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-validate-'));
    try {
      fs.writeFileSync(path.join(dir, 'topics.yaml'), '- id: only\n  label: Only\n  label_ru: Единственная\n');
      fs.writeFileSync(path.join(dir, 'x.md'), digestText({ id: 'x', title: 'X', methods: ['X'], topics: ['attention'], source: { name: 'me' }, lang: 'en', body: 'Text.' }));
      const io = capture(dir);
      assert.equal(await run(['.'], io), 1);
      const out = io.stdout.join('\n');
      assert.match(out, /topics\.yaml:1:1: error: the vocabulary has 1 topics/);
      assert.match(out, /x\.md:6:\d+: error: unknown topic "attention"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
