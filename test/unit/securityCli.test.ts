import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run as bundleRun } from '../../src/cli/bundle';
import { run as importRun } from '../../src/cli/import';
import type { CliIO } from '../../src/cli/io';
import { run as validateRun } from '../../src/cli/validate';
import { MAX_FILE_BYTES } from '../../src/core/digest/digestFolder';
import { digestText } from '../builders/digestText';

/** The CLI on real disk: size limits as in the extension, writes that never follow links. */

function capture(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { cwd, stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const digest = (id: string, extra = ''): string =>
  digestText({
    frontMatter: [`id: ${id}`, `title: Paper ${id}`, 'arxiv: []', `methods: [M${id.replace(/-/g, '')}]`, 'topics: [attention]', 'source: {name: s}', 'lang: en', 'kind: paper'],
    extra: extra ? [extra] : [],
    body: 'Body.',
  });

const oneExport = JSON.stringify({
  name: 'Chan',
  type: 'public_channel',
  messages: [{ id: 1, type: 'message', date: '2024-05-01T10:00:00', text: 'Paper Number 1 Attention\n\nWe propose a method and show results on arxiv.org/abs/2405.10001.' }],
});

describe('security: CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-security-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('validate refuses a 2 GB file from its size, without reading it', async () => {
    fs.mkdirSync(path.join(dir, 'big'));
    fs.writeFileSync(path.join(dir, 'big', 'ok.md'), digest('ok'));
    const huge = path.join(dir, 'big', 'huge.md');
    fs.closeSync(fs.openSync(huge, 'w'));
    fs.truncateSync(huge, 2 * 1024 * 1024 * 1024); // sparse: costs no disk
    const io = capture(dir);
    // Refused from the size on disk: the message has the byte count, which only `stat` knows
    // without reading 2 GB (and reading it would blow the test's time limit).
    assert.equal(await validateRun(['big'], io), 1);
    assert.match(io.stdout.join('\n'), new RegExp(`huge\\.md:1:1: error: file too large \\(2147483648 bytes; a digest may have at most ${MAX_FILE_BYTES}\\)`));
    assert.match(io.stderr.join('\n'), /validate: 1 digest\(s\), 1 error/);
  });

  it('validate reads a folder as the extension does: subfolders, the same byte limit, READMEs skipped', async () => {
    fs.mkdirSync(path.join(dir, 'u', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'u', 'README.md'), '# My digests\n');
    fs.writeFileSync(path.join(dir, 'u', 'sub', 'bad.md'), digest('bad', 'topics_extra: [x]').replace('topics: [attention]', 'topics: [nope]'));
    // Under the parser's character limit but over the byte limit (Cyrillic is 2 bytes a character).
    fs.writeFileSync(path.join(dir, 'u', 'wide.md'), digest('wide') + 'ж'.repeat(MAX_FILE_BYTES / 2 + 10));
    const io = capture(dir);
    assert.equal(await validateRun(['u'], io), 1);
    const out = io.stdout.join('\n');
    assert.match(out, /u\/sub\/bad\.md:\d+:\d+: error: unknown topic "nope"/);
    assert.match(out, /u\/wide\.md:1:1: error: file too large/);
    assert.doesNotMatch(out, /README/);
  });

  it('import --out: a dangling link and a link named like the draft are left alone; nothing is written through them', async () => {
    const out = path.join(dir, 'out');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(out);
    fs.mkdirSync(outside);
    fs.symlinkSync(path.join(outside, 'gone.md'), path.join(out, 'dangling.md'));
    fs.symlinkSync(path.join(outside, 'aliases.md'), path.join(out, 'paper-number-1-attention.md'));
    fs.writeFileSync(path.join(dir, 'one.json'), oneExport);
    const io = capture(dir);
    assert.equal(await importRun(['one.json', '--out', 'out'], io), 0);
    assert.deepEqual(fs.readdirSync(outside), [], 'nothing written outside the output folder');
    assert.ok(fs.lstatSync(path.join(out, 'paper-number-1-attention.md')).isSymbolicLink());
    assert.ok(fs.lstatSync(path.join(out, 'paper-number-1-attention-2.md')).isFile());
    assert.match(io.stderr.join('\n'), /dangling\.md: warning: it is a symbolic link/);
  });

  it('import --out never rewrites a digest through a symbolic link', async () => {
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(dir, 'one.json'), oneExport);
    assert.equal(await importRun(['one.json', '--out', 'out'], capture(dir)), 0);
    // The digest is moved outside and linked back in; the next import must not write there.
    const outside = path.join(dir, 'elsewhere.md');
    fs.renameSync(path.join(out, 'paper-number-1-attention.md'), outside);
    fs.symlinkSync(outside, path.join(out, 'paper-number-1-attention.md'));
    const before = fs.readFileSync(outside, 'utf8');
    fs.writeFileSync(path.join(dir, 'one.json'), oneExport.replace('2405.10001.', '2405.10001. And a longer body now.'));
    await importRun(['one.json', '--out', 'out'], capture(dir));
    assert.equal(fs.readFileSync(outside, 'utf8'), before);
  });

  it('bundle --out never writes a corpus file through a symbolic link', async () => {
    const repoDigests = path.resolve(__dirname, '..', '..', '..', 'digests');
    const out = path.join(dir, 'corpus');
    fs.mkdirSync(out);
    const outside = path.join(dir, 'elsewhere.json');
    fs.writeFileSync(outside, 'keep me');
    fs.symlinkSync(outside, path.join(out, 'index.json'));
    const io = capture(dir);
    assert.equal(await bundleRun([repoDigests, '--out', 'corpus'], io), 1);
    assert.match(io.stderr.join('\n'), /index\.json: it is a symbolic link; nothing is written through one/);
    assert.equal(fs.readFileSync(outside, 'utf8'), 'keep me');
    // Without the link the same command writes the corpus.
    fs.rmSync(path.join(out, 'index.json'));
    assert.equal(await bundleRun([repoDigests, '--out', 'corpus'], capture(dir)), 0);
    assert.ok(fs.lstatSync(path.join(out, 'index.json')).isFile());
  });
});
