import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/render';
import { CliIO } from '../../src/cli/io';
import { digestText, DigestTextOptions } from '../builders/digestText';
import { hrefs, startTags, visibleText } from '../builders/html';

function capture(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd };
}

const TOPICS = `- id: llm\n  label: Language models\n  label_ru: Языковые модели\n`;

/** RetNet's file under its short title, with one good and one bad link in the body. */
const digestFile = (over: DigestTextOptions = {}): string =>
  digestText({ paper: 'retnet', title: 'Retentive Network', body: 'Текст [ссылка](https://example.com) и [плохая](javascript:alert(1)).', ...over });

describe('cli render', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'digest-lens-render-'));
    writeFileSync(join(dir, 'topics.yaml'), TOPICS);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('renders a digest file with the same renderer as the view', async () => {
    writeFileSync(join(dir, 'retnet.md'), digestFile());
    const io = capture(dir);
    const code = await run(['retnet.md'], io);
    assert.equal(code, 0, io.stderr.join('\n'));
    const html = io.stdout.join('');
    const title = startTags(html).filter((t) => t.name === 'h1' && t.classes.includes('title'));
    assert.deepEqual(title.map((t) => t.text), ['Retentive Network']);
    assert.ok(hrefs(html).includes('https://arxiv.org/abs/2307.08621'));
    assert.ok(hrefs(html).includes('https://example.com/'));
    assert.doesNotMatch(html, /javascript:/i);
    assert.match(html, /Language models/);
  });

  it('names topics in Russian with --lang ru', async () => {
    writeFileSync(join(dir, 'retnet.md'), digestFile());
    const io = capture(dir);
    assert.equal(await run(['retnet.md', '--lang', 'ru'], io), 0);
    assert.match(io.stdout.join(''), /Языковые модели/);
  });

  it('escapes a hostile title taken from the file', async () => {
    writeFileSync(join(dir, 'evil.md'), digestFile({ id: 'evil', title: '<script>alert(1)</script>' }));
    const io = capture(dir);
    assert.equal(await run([join(dir, 'evil.md')], io), 0);
    const html = io.stdout.join('');
    assert.ok(!startTags(html).some((t) => t.name === 'script'));
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /&lt;script&gt;/);
    assert.ok(visibleText(html).includes('<script>alert(1)</script>'));
  });

  it('reports a file that cannot be parsed and exits 1', async () => {
    writeFileSync(join(dir, 'broken.md'), 'no front matter here');
    const io = capture(dir);
    assert.equal(await run(['broken.md'], io), 1);
    assert.equal(io.stdout.length, 0);
    assert.match(io.stderr.join('\n'), /broken\.md.*front matter/);
  });

  it('refuses binary files, directories and missing files', async () => {
    writeFileSync(join(dir, 'bin.md'), Buffer.from([0, 1, 2, 255, 0, 0]));
    mkdirSync(join(dir, 'folder.md'));
    for (const target of ['bin.md', 'folder.md', 'missing.md']) {
      const io = capture(dir);
      assert.equal(await run([target], io), 1, target);
      assert.equal(io.stdout.length, 0, target);
    }
  });

  it('rejects wrong usage with exit 2', async () => {
    for (const args of [[], ['a.md', 'b.md'], ['a.md', '--lang', 'de'], ['a.md', '--lang']]) {
      const io = capture(dir);
      assert.equal(await run(args, io), 2, args.join(' '));
    }
  });
});
