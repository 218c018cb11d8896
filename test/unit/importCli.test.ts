import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/import';
import type { CliIO } from '../../src/cli/io';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/import');

function capture(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { cwd, stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

describe('import CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-import-'));
    for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes drafts, reports skipped posts, and a second run changes nothing', async () => {
    const inputs = ['telegram-speech.txt', 'rizzearch-page1.txt', 'rizzearch-page2.txt', 'habr.txt', 'alphaxiv.txt', 'result.json'];
    const io = capture(dir);
    assert.equal(await run([...inputs, '--out', 'out'], io), 0);
    const first = snapshot(path.join(dir, 'out'));
    assert.equal(Object.keys(first).length, 1 + 2 + 2 + 3 + 6 + 1, Object.keys(first).join(', '));
    const out = io.stdout.join('\n');
    assert.match(out, /skipped \(line 41\): job ad/);
    assert.match(out, /skipped \(line \d+\): interview/);
    assert.match(out, /post\(s\) appeared in more than one file and were merged/, 'CoPE is in the JSON export and on page 1');
    assert.ok(!Object.keys(first).some((f) => f.includes('.tmp')), 'no temporary files left');

    const again = capture(dir);
    assert.equal(await run([...inputs, '--out', 'out'], again), 0);
    assert.match(again.stdout.join('\n'), /import: 0 new, 0 updated, 15 unchanged/);
    assert.deepEqual(snapshot(path.join(dir, 'out')), first);
  });

  it('never overwrites curated fields, even after the file was renamed', async () => {
    await run(['habr.txt', '--out', 'out'], capture(dir));
    const outDir = path.join(dir, 'out');
    const draftName = fs.readdirSync(outDir).find((f) => f.startsWith('kak-ustroena'))!;
    const curated = fs
      .readFileSync(path.join(outDir, draftName), 'utf8')
      .replace(/^id: .*$/m, 'id: matmul-free-language-modeling')
      .replace(/^title: .*$/m, 'title: Scalable MatMul-free Language Modeling')
      .replace(/^arxiv: .*$/m, 'arxiv: ["2406.02528"]')
      .replace(/^methods: .*$/m, 'methods: [MatMul-free]')
      .replace(/^topics: .*$/m, 'topics: [efficiency]');
    fs.rmSync(path.join(outDir, draftName));
    fs.writeFileSync(path.join(outDir, 'matmul-free-language-modeling.md'), curated);
    const before = snapshot(outDir);
    const io = capture(dir);
    await run(['habr.txt', '--out', 'out'], io);
    assert.deepEqual(snapshot(outDir), before);
    assert.match(io.stdout.join('\n'), /0 new, 0 updated, 3 unchanged/);
  });

  it('bad inputs: each named with its problem, the good files still imported, exit 1', async () => {
    fs.writeFileSync(path.join(dir, 'empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe]));
    fs.writeFileSync(path.join(dir, 'unknown.txt'), 'Hello\nWorld\n');
    const json = fs.readFileSync(path.join(dir, 'result.json'), 'utf8');
    fs.writeFileSync(path.join(dir, 'cut.json'), json.slice(0, json.indexOf('"id": 4') + 20));
    fs.writeFileSync(path.join(dir, 'crlf.txt'), fs.readFileSync(path.join(dir, 'alphaxiv.txt'), 'utf8').replace(/\n/g, '\r\n'));
    const io = capture(dir);
    const code = await run(['empty.txt', 'binary.txt', 'unknown.txt', 'cut.json', 'crlf.txt', 'missing.txt', '--out', 'out'], io);
    assert.equal(code, 1);
    const err = io.stderr.join('\n');
    assert.match(err, /^empty\.txt: error: empty file$/m);
    assert.match(err, /^binary\.txt: error: binary file/m);
    assert.match(err, /^unknown\.txt:1:1: error: unknown format/m);
    assert.match(err, /^cut\.json:\d+:\d+: error: truncated or invalid JSON export/m);
    assert.match(err, /^missing\.txt: error: cannot read/m);
    const written = fs.readdirSync(path.join(dir, 'out'));
    assert.ok(written.includes('contextual-position-encoding.md'), 'recovered message imported');
    assert.ok(written.includes('singlora.md'), 'CRLF page imported');
    assert.ok(!fs.readFileSync(path.join(dir, 'out', 'singlora.md'), 'utf8').includes('\r'));
  });

  it('--dry-run writes nothing; bad arguments exit 2', async () => {
    const io = capture(dir);
    assert.equal(await run(['alphaxiv.txt', '--out', 'out', '--dry-run'], io), 0);
    assert.ok(!fs.existsSync(path.join(dir, 'out')));
    assert.match(io.stdout.join('\n'), /6 new.*dry run/);
    assert.equal(await run([], capture(dir)), 2);
    assert.equal(await run(['x.txt', '--out'], capture(dir)), 2);
  });

  it('a file in the output folder that does not parse is left untouched and its name not reused', async () => {
    const outDir = path.join(dir, 'out');
    fs.mkdirSync(outDir);
    fs.writeFileSync(path.join(outDir, 'singlora.md'), '---\nbroken: [\n---\n');
    const io = capture(dir);
    await run(['alphaxiv.txt', '--out', 'out'], io);
    assert.equal(fs.readFileSync(path.join(outDir, 'singlora.md'), 'utf8'), '---\nbroken: [\n---\n');
    assert.ok(fs.existsSync(path.join(outDir, 'singlora-2.md')));
    assert.match(io.stderr.join('\n'), /singlora\.md: warning: existing file does not parse/);
  });
});
