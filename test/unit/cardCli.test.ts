import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as bundle } from '../../src/cli/bundle';
import { run as card } from '../../src/cli/card';
import { run as validate } from '../../src/cli/validate';
import type { CliIO } from '../../src/cli/io';
import { digestText } from '../builders/digestText';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'curated');

function capture(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { cwd, stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

/** A corpus bundled from the curated fixtures (copies of corpus digests with their fields). */
describe('cli card, list and validate on curated digests', () => {
  let dir: string;
  before(async function () {
    this.timeout(30_000);
    dir = mkdtempSync(join(tmpdir(), 'digest-lens-card-'));
    cpSync(FIXTURES, join(dir, 'digests'), { recursive: true });
    const io = capture(dir);
    assert.equal(await bundle(['digests', '--out', 'corpus'], io), 0, io.stderr.join('\n'));
    writeFileSync(join(dir, 'model.py'), 'import torch\n\nblock = RetNetBlock(dim)  # arXiv:2307.08621\nplain = 1\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('card prints the hover card at a position, in English and in Russian', async () => {
    const en = capture(dir);
    assert.equal(await card(['model.py', '2', '10', '--corpus', 'corpus'], en), 0, en.stderr.join('\n'));
    const md = en.stdout.join('\n');
    assert.match(md, /^\$\(book\) \*\*\[Retentive Network\\: A Successor to Transformer for Large Language Models\]\(command:digestLens\.openDigest\?%5B%22retnet%22%5D "Open digest"\)\*\*/);
    assert.match(md, /Yutao Sun\\, Li Dong\\, Shaohan Huang et al\\\. · 2023/);
    assert.ok(md.includes('Retention replaces attention\\: RetNet trains in parallel'), md);
    assert.ok(md.includes('[Code](https://github.com/microsoft/torchscale)'));
    assert.ok(md.includes('$(broadcast) digest\\: rizzearch'));
    assert.ok(md.includes('[$(go-to-file) Open digest](command:digestLens.openDigest?%5B%22retnet%22%5D)'));

    const ru = capture(dir);
    assert.equal(await card(['model.py', '2', '10', '--lang', 'ru', '--corpus', 'corpus'], ru), 0, ru.stderr.join('\n'));
    const mdRu = ru.stdout.join('\n');
    assert.ok(mdRu.includes('Механизм retention вместо внимания'), mdRu);
    assert.ok(mdRu.includes('[Код](https://github.com/microsoft/torchscale)'));
    assert.ok(mdRu.includes('дайджест\\: rizzearch'));
    assert.ok(mdRu.includes('Открыть дайджест'));
    assert.ok(mdRu.includes('Архитектуры'), 'topics in Russian');
  });

  it('card: the arXiv ID has the same card as the name; nothing elsewhere is exit 1; bad input exit 2', async () => {
    const onId = capture(dir);
    assert.equal(await card(['model.py', '2', '33', '--corpus', 'corpus'], onId), 0);
    assert.ok(onId.stdout.join('\n').includes('retnet'));
    const nothing = capture(dir);
    assert.equal(await card(['model.py', '3', '2', '--corpus', 'corpus'], nothing), 1);
    assert.deepEqual(nothing.stdout, []);
    assert.equal(await card(['model.py', '99', '0', '--corpus', 'corpus'], capture(dir)), 1);
    for (const args of [['model.py', '2'], ['model.py', 'x', '1'], ['model.py', '-1', '0'], ['model.py', '2', '1', '--lang', 'de'], ['model.py', '2', '1', '--corpus'], ['model.py', '2', '1', '--colour', 'red']]) {
      assert.equal(await card(args, capture(dir)), 2, args.join(' '));
    }
    assert.equal(await card(['missing.py', '0', '0', '--corpus', 'corpus'], capture(dir)), 1);
  });

  it('every command reads its options one way: an unknown option or a missing value is a usage error naming it', async () => {
    const unknown = capture(dir);
    assert.equal(await validate(['--strictt'], unknown), 2);
    assert.match(unknown.stderr.join('\n'), /validate: Unknown option '--strictt'/);
    const missing = capture(dir);
    assert.equal(await bundle(['digests', '--out'], missing), 2);
    assert.match(missing.stderr.join('\n'), /bundle: Option '--out <value>' argument missing/);
    const lang = capture(dir);
    assert.equal(await card(['model.py', '2', '33', '--lang'], lang), 2);
    assert.match(lang.stderr.join('\n'), /card: Option '--lang <value>' argument missing/);
  });

  it('list carries the curated fields', async () => {
    // `list` reads the bundle next to the CLI: the one `npm run build` made from digests/.
    const rows = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'list'], { encoding: 'utf8' })) as Record<string, unknown>[];
    assert.ok(rows.length >= 40);
    for (const key of ['tldr', 'tldr_ru', 'authors', 'year', 'venue', 'code', 'links', 'aliases', 'excerpt']) {
      for (const r of rows) assert.ok(key in r, `${String(r.id)} lacks ${key}`);
    }
    const retnet = rows.find((r) => r.id === 'retnet')!;
    assert.ok(Array.isArray(retnet.authors) && typeof retnet.excerpt === 'boolean');
  });

  it('validate prints how complete the fields are; --strict fails a corpus digest without them', async () => {
    const io = capture(dir);
    assert.equal(await validate(['digests', '--strict'], io), 1, 'neo-rnn has a page link but no authors');
    assert.ok(io.stdout.some((l) => /neo-rnn\.md:\d+:\d+: error: the paper is identified but has no authors or year/.test(l)), io.stdout.join('\n'));
    assert.match(io.stderr.join('\n'), /curated: 3\/3 with tldr, 3\/3 with tldr_ru, 3\/3 with a link, 2\/3 identified papers with authors and year/);
    const lax = capture(dir);
    assert.equal(await validate(['digests'], lax), 0);
    assert.ok(lax.stdout.some((l) => /neo-rnn\.md:\d+:\d+: warning: /.test(l)));
  });

  it('validate checks a folder without its own topics.yaml as a reader\'s folder: drafts warn', async () => {
    const user = join(dir, 'notes');
    cpSync(join(FIXTURES, 'retnet.md'), join(user, 'retnet.md'));
    writeFileSync(join(user, 'draft.md'), digestText({ id: 'draft', title: 'A draft', topics: [], source: { name: 'notes' }, lang: 'en', body: 'Notes.' }));
    const io = capture(dir);
    assert.equal(await validate(['notes'], io), 0, io.stdout.join('\n'));
    assert.deepEqual(io.stdout.map((l) => l.replace(/^.*?: (warning|error): /, '$1: ')), [
      'warning: at least one topic is required',
      'warning: no TL;DR yet ("tldr" or "tldr_ru"): the card shows the opening sentences',
      'warning: no authors yet ("authors")',
    ]);
  });
});
