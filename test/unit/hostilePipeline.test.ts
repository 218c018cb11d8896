import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { loadDigestFolder } from '../../src/cli/validate';
import { readBundleIndex } from '../../src/cli/loadBundle';
import { validateDigestFiles } from '../../src/core/digestFile/digestFile';
import { buildBundle } from '../../src/core/corpus/bundle';
import { Corpus } from '../../src/core/corpus/corpus';
import { buildHoverCard } from '../../src/core/render/hoverCard';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { renderDigestHtml } from '../../src/core/view/render';
import type { Digest, DigestEntry, Mention } from '../../src/core/types';
import { assertSafeHtml, readHtml } from '../builders/html';

/**
 * Hostile digests through the real pipeline: digest file → parse/validate → bundle entry →
 * digest view HTML (in-process and `cli render`) and → hover card. The assertions read the
 * output the way a browser or VS Code's markdown renderer would, not by substring.
 */

const ROOT = resolve(__dirname, '..', '..', '..'); // out/test/unit → the checkout
const FIXTURES = join(ROOT, 'test', 'fixtures', 'hostile');
const CLI = join(ROOT, 'dist', 'cli.js');

// ---------------------------------------------------------------------------------------
// Hover markdown, read with a CommonMark parser (raw HTML on, GFM-style autolinks on): what the
// card would render as in VS Code.

const hoverMd = new MarkdownIt({ html: true, linkify: true });
hoverMd.validateLink = () => true;
const CARD_ICONS = new Set(['book', 'tag', 'broadcast', 'go-to-file', 'info', 'star-empty', 'star-full', 'eye-closed', 'mute']);

function assertSafeCard(markdown: string, commands: readonly string[]): { links: string[]; text: string } {
  for (const c of commands) assert.match(c, /^digestLens\.[A-Za-z]+$/, `enabled command ${c}`);
  const links: string[] = [];
  let text = '';
  const walk = (tokens: ReturnType<typeof hoverMd.parse>): void => {
    for (const t of tokens) {
      assert.ok(t.type !== 'html_inline' && t.type !== 'html_block', `raw HTML in the card: ${t.content}`);
      assert.ok(t.type !== 'image', `image in the card: ${t.attrGet('src')}`);
      if (t.type === 'link_open') {
        const href = String(t.attrGet('href'));
        if (href.startsWith('command:')) {
          const command = /^command:([^?]*)/.exec(href)![1];
          assert.match(command, /^digestLens\./, `command link to ${command}`);
          assert.ok(commands.includes(command), `command link to ${command}, which the card does not enable`);
          JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))); // arguments are JSON
        } else {
          let url: URL;
          try {
            url = new URL(href);
          } catch {
            assert.fail(`relative or unparsable link: ${href}`);
          }
          assert.ok(url.protocol === 'https:' || url.protocol === 'http:', `link to ${href}`);
        }
        links.push(href);
      }
      if (t.type === 'text' || t.type === 'code_inline') text += t.content;
      if (t.children) walk(t.children);
    }
  };
  walk(hoverMd.parse(markdown, {}));
  // Theme icons are expanded on the raw markdown: only the card's own may be unescaped.
  for (const m of markdown.matchAll(/(\\*)\$\(([^)]*)\)/g)) {
    if (m[1].length % 2 === 0) assert.ok(CARD_ICONS.has(m[2]), `theme icon $(${m[2]}) from corpus text`);
  }
  return { links, text };
}

// ---------------------------------------------------------------------------------------

function loadHostile() {
  const folder = loadDigestFolder(join(FIXTURES, 'digests'));
  const { index, bodies } = buildBundle(folder.digests, folder.topics);
  const corpus = new Corpus(index.digests, index.topics, async (e) => bodies[e.id]);
  return { folder, index, bodies, corpus };
}

describe('hostile digests: the checkers themselves', () => {
  it('reject what a browser or the hover renderer would turn into script, handlers or foreign links', () => {
    const ids = new Set(['known']);
    for (const bad of [
      '<script>x</script>',
      '<SCRIPT src=//x></SCRIPT>',
      '<p>ok</p><img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      "<a href='JaVaScRiPt&colon;alert(1)'>x</a>",
      '<a href=data:text/html,x>x</a>',
      '<a href="vscode:extension/x">x</a>',
      '<a href="command:workbench.action.terminal.new">x</a>',
      '<a href="../x">x</a>',
      '<a href="#" data-digest-id="unknown">x</a>',
      '<div onclick="x">x</div>',
      '<span style="x">x</span>',
      '<!-- x --><p>y</p>',
      '<svg><a href="https://x/">x</a></svg>',
    ]) {
      assert.throws(() => assertSafeHtml(bad, { digestIds: ids }), assert.AssertionError, bad);
    }
    assert.doesNotThrow(() => assertSafeHtml('<p class="x">&lt;script&gt; <a class="external" href="https://x.example/a">a</a> <a href="#" data-digest-id="known">k</a></p>', { digestIds: ids }));
    for (const bad of ['<b>x</b>', '[x](command:workbench.action.terminal.new)', '[x](javascript:alert(1))', '![x](https://x/y.png)', '$(terminal) x', '[x](command:digestLens.openDigest?%5B%22a%22%5D)']) {
      assert.throws(() => assertSafeCard(bad, []), Error, bad);
    }
    assert.doesNotThrow(() => assertSafeCard('$(book) [x](command:digestLens.openDigest?%5B%22a%22%5D) \\$(terminal) \\[y\\]\\(command:z\\)', ['digestLens.openDigest']));
  });
});

describe('hostile digests: digest view HTML', () => {
  const { folder, bodies, corpus } = loadHostile();
  const ids = new Set(corpus.entries.map((e) => e.id));

  it('the hostile file still loads, with problems for its unusable values', () => {
    assert.deepEqual([...ids].sort(), ['calm-neighbour', 'hostile-markup', 'proto-keys']);
    const messages = folder.problems.map((p) => `${p.file.split(/[\\/]/).pop()}: ${p.message}`);
    assert.ok(messages.some((m) => /^hostile-markup\.md: .*javascript:alert\(4\).*not a well-formed arXiv ID/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^hostile-markup\.md: source\.url must be an http\(s\) URL/.test(m)), messages.join('\n'));
    const e = corpus.get('hostile-markup')!;
    assert.deepEqual(e.arxiv, ['2405.18719']);
    assert.equal(e.source.url, undefined);
  });

  for (const lang of ['en', 'ru'] as const) {
    it(`renders every digest with no script, no handlers and only http(s) or in-corpus links (${lang})`, () => {
      for (const entry of corpus.entries) {
        const digest: Digest = { ...entry, body: bodies[entry.id] };
        const html = renderDigestHtml(digest, { corpus, related: corpus.related(entry.id), lang });
        const { links, digestLinks } = assertSafeHtml(html, { digestIds: ids });
        if (entry.id === 'hostile-markup') {
          assert.ok(links.includes('https://ok.example/autolink'), 'the https autolink survives');
          assert.ok(links.includes('https://ok.example/ref'), 'the https reference link survives');
          assert.ok(digestLinks.includes('calm-neighbour'), 'the link to a digest in the corpus survives');
          // Links only where the text itself spells an http(s) URL (linkify of escaped raw HTML is
          // fine); never from images, protocol-relative or credentialed URLs.
          for (const bad of ['https://evil.example/x', 'https://evil.example/pixel.png', 'https://user:pw@evil.example/']) {
            assert.ok(!links.includes(bad), `link to ${bad}`);
          }
        }
      }
    });
  }

  it('keeps the hostile text readable as text, without bidi overrides', () => {
    const e = corpus.get('hostile-markup')!;
    const html = renderDigestHtml({ ...e, body: bodies[e.id] }, { corpus, related: [], lang: 'en' });
    const { text } = readHtml(html);
    for (const shown of ["<script>alert('title')</script>", '<img src=x onerror=alert(1)>', "<script>alert('body')</script>", '<iframe src="https://evil.example/"></iframe>', '[Run](command:workbench.action.terminal.new)', '<script>in code</script>']) {
      assert.ok(text.includes(shown), `"${shown}" is not shown as text`);
    }
    assert.ok(text.includes('Superlongwordwithoutanyspaces'), 'the long word is kept');
    assert.doesNotMatch(html, /[\u202a-\u202e\u2066-\u2069]/, 'bidi control characters reach the page');
  });

  it('`cli render` of the hostile file gives the same safe HTML', function () {
    if (!existsSync(CLI)) this.skip(); // built by scripts/build.mjs
    this.timeout(30_000);
    const file = join(FIXTURES, 'digests', 'hostile-markup.md');
    const r = spawnSync(process.execPath, [CLI, 'render', file], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /hostile-markup\.md:\d+:\d+: error: .*javascript:alert\(4\)/);
    // Rendered against the bundled corpus: in-panel links may name any bundled digest or this one.
    const bundled = readBundleIndex(join(ROOT, 'dist', 'corpus'));
    const known = new Set([...bundled.digests.map((d) => d.id), 'hostile-markup']);
    const { links } = assertSafeHtml(r.stdout, { digestIds: known });
    assert.ok(links.includes('https://ok.example/autolink'));
    assert.ok(readHtml(r.stdout).text.includes("<script>alert('title')</script>"));
  });
});

describe('hostile digests: hover cards', () => {
  const { corpus } = loadHostile();
  const recognizer = Recognizer.build(corpus.entries);
  const options = { maxCards: 3, unknownArxivIds: true };

  function cardFor(text: string, at: number) {
    const mentions = recognizer.mentionsAt(text, 0, at);
    assert.ok(mentions.length > 0, `no mention at ${at} in ${text}`);
    const card = buildHoverCard(mentions, corpus, options);
    assert.ok(card, 'no card');
    return card;
  }

  it('a card for the hostile digest carries only its own command links, no HTML, escaped text', () => {
    for (const [text, at] of [['model = Zorbulator(x)', 10], ['see arXiv:2405.18719 here', 12]] as const) {
      const card = cardFor(text, at);
      const { links, text: shown } = assertSafeCard(card.markdown, card.commands);
      assert.ok(links.some((l) => l.startsWith('command:digestLens.openDigest?')), 'no open link');
      assert.ok(links.includes('https://arxiv.org/abs/2405.18719'), `no arXiv link in ${links.join(' ')}`);
      assert.ok(shown.includes("<script>alert('title')</script>"), 'the title is not shown as text');
      assert.ok(shown.includes('](command:workbench.action.reloadWindow)'), 'the injected link is not shown as text');
      assert.doesNotMatch(card.markdown, /[\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('the hostile method names never become mentions (they are not names)', () => {
    for (const text of ['<img src=x onerror=alert(5)>', 'Evil](command:workbench.action.terminal.new)', '`code`']) {
      for (let at = 0; at < text.length; at++) {
        for (const m of recognizer.mentionsAt(text, 0, at)) assert.ok(!m.digests.includes('hostile-markup'), `${text} at ${at}`);
      }
    }
  });

  it('compact cards for many hostile digests, unknown IDs and the "+N more" link stay safe', () => {
    const entries: DigestEntry[] = Array.from({ length: 6 }, (_, i) => ({
      ...corpus.get('hostile-markup')!,
      id: `h${i}`,
      title: `](command:workbench.action.terminal.new?${i}) <b>${i}</b> $(zap) \\`,
      topics: ['](command:x)', '<i>t</i>'],
      arxiv: i % 2 ? ['2405.18719'] : [],
    }));
    const lookup = new Corpus(entries, [{ id: '](command:x)', label: '<script>l</script>', label_ru: '[x](javascript:y)' }], async () => undefined);
    const mentions: Mention[] = [
      { line: 0, character: 0, endCharacter: 5, text: 'Name', kind: 'method', digests: entries.map((e) => e.id) },
      { line: 0, character: 0, endCharacter: 5, text: '2405.18719', kind: 'arxiv', arxiv: '2405.18719', digests: [] },
    ];
    for (const maxCards of [1, 3, 10]) {
      const card = buildHoverCard(mentions, lookup, { maxCards, unknownArxivIds: true })!;
      const { links } = assertSafeCard(card.markdown, card.commands);
      if (maxCards < 7) assert.ok(links.some((l) => l.startsWith('command:digestLens.search?')), 'no "+N more" link');
    }
  });
});

describe('hostile digests: ids', () => {
  it('a file whose id is not kebab-case is not loaded (ids reach command links and HTML attributes)', () => {
    const text = readFileSync(join(FIXTURES, 'malformed', 'good-two.md'), 'utf8').replace('id: good-two', 'id: "x)](command:workbench.action.terminal.new)"');
    const r = validateDigestFiles([{ path: 'x).md', text }], new Set(['attention']));
    assert.deepEqual(r.digests, []);
    assert.ok(r.problems.some((p) => /must be kebab-case.*not loaded/.test(p.message)), JSON.stringify(r.problems));
  });

  // Defect in src/core/hoverCard.ts: encodeURIComponent leaves "(" and ")" as they are, so a
  // parenthesis in a command argument ends the markdown link early and the arguments are cut.
  // Files can no longer carry such ids (above), but the card should not depend on that.
  it('command arguments with parentheses stay inside their link', () => {
    const entry = { ...loadHostile().corpus.get('calm-neighbour')!, id: 'a)b(c' };
    const lookup = new Corpus([entry], [], async () => undefined);
    const mention: Mention = { line: 0, character: 0, endCharacter: 10, text: 'Calmformer', kind: 'method', digests: [entry.id] };
    const card = buildHoverCard([mention], lookup, { maxCards: 3, unknownArxivIds: true })!;
    const { links } = assertSafeCard(card.markdown, card.commands);
    const open = links.filter((l) => l.startsWith('command:digestLens.openDigest?'));
    assert.ok(open.length > 0);
    for (const l of open) assert.deepEqual(JSON.parse(decodeURIComponent(l.slice(l.indexOf('?') + 1))), ['a)b(c']);
  });
});

describe('malformed digest files', () => {
  it('each problem names the file and the reason; the good files still load', () => {
    const loaded = loadDigestFolder(join(FIXTURES, 'malformed'));
    assert.deepEqual(loaded.digests.map((d) => d.id).sort(), ['good-one', 'good-two', 'unknown-topic']);
    assert.ok(loaded.digests.find((d) => d.id === 'good-one')!.file.endsWith('good-one.md'), 'the copy replaced the file named after the id');
    const by = (name: string) => loaded.problems.filter((p) => p.file.endsWith(join('malformed', name))).map((p) => p.message);
    const expect: Record<string, RegExp[]> = {
      'bad-yaml.md': [/^YAML: /],
      'wrong-types.md': [/"title" must be a string/, /"arxiv" must be a list/, /"methods" must be a list/, /"topics" must be a list/, /"source" must be a map/, /lang must be/, /kind must be/],
      'missing-title.md': [/missing required field "title"/],
      'good-one-copy.md': [/does not match the file name/, /duplicate id "good-one" \(also in .*good-one\.md\)/],
      'unknown-topic.md': [/unknown topic "astrology"/],
      'binary.md': [/binary file/],
      'invalid-utf8.md': [/binary file/],
    };
    for (const [file, patterns] of Object.entries(expect)) {
      for (const re of patterns) assert.ok(by(file).some((m) => re.test(m)), `${file}: no problem matching ${re}; got ${JSON.stringify(by(file))}`);
    }
    assert.deepEqual(by('good-one.md'), []);
    assert.deepEqual(by('good-two.md'), []);
  });

  it('a copy with the same id never pushes out the file named after the id, in either listing order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-lens-dup-'));
    try {
      const text = readFileSync(join(FIXTURES, 'malformed', 'good-one.md'), 'utf8');
      for (const name of ['a-copy.md', 'good-one.md', 'z-copy.md']) writeFileSync(join(dir, name), text);
      const loaded = loadDigestFolder(dir);
      assert.deepEqual(loaded.digests.map((d) => d.file.split(/[\\/]/).pop()), ['good-one.md']);
      for (const copy of ['a-copy.md', 'z-copy.md']) {
        assert.ok(loaded.problems.some((p) => p.file.endsWith(copy) && /duplicate id "good-one"/.test(p.message)), copy);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a 10 MB body is refused with a reason and does not stop the folder', function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'digest-lens-huge-'));
    try {
      const good = readFileSync(join(FIXTURES, 'malformed', 'good-two.md'), 'utf8');
      writeFileSync(join(dir, 'good-two.md'), good);
      const huge = good.replace(/^id: good-two$/m, 'id: huge').replace('Текст.', 'Слово '.repeat(1_750_000));
      assert.ok(huge.length > 10_000_000);
      writeFileSync(join(dir, 'huge.md'), huge);
      const loaded = loadDigestFolder(dir);
      assert.deepEqual(loaded.digests.map((d) => d.id), ['good-two']);
      assert.ok(loaded.problems.some((p) => p.file.endsWith('huge.md') && /file too large/.test(p.message)), JSON.stringify(loaded.problems));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`cli validate` prints a line per problem with file and reason, and exits 1', function () {
    if (!existsSync(CLI)) this.skip();
    this.timeout(30_000);
    const r = spawnSync(process.execPath, [CLI, 'validate', join('test', 'fixtures', 'hostile', 'malformed')], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    for (const line of lines) assert.match(line, /^test[\\/]fixtures[\\/]hostile[\\/]malformed[\\/][\w-]+\.md:\d+:\d+: (error|warning): \S/);
    for (const name of ['bad-yaml', 'wrong-types', 'missing-title', 'good-one-copy', 'unknown-topic', 'binary', 'invalid-utf8']) {
      assert.ok(lines.some((l) => l.includes(`${name}.md:`)), `no problem printed for ${name}.md`);
    }
    assert.match(r.stderr, /validate: 3 digest\(s\), \d+ error\(s\)/);
  });

  it('`cli validate` of a folder that does not exist is an error naming it, not a crash', function () {
    if (!existsSync(CLI)) this.skip();
    const r = spawnSync(process.execPath, [CLI, 'validate', 'no/such/folder'], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /no[\\/]such[\\/]folder: error: not a folder/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace');
  });

  it('keys named __proto__ or constructor stay plain data', () => {
    const { folder, corpus } = loadHostile();
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
    const e = corpus.get('proto-keys')!;
    assert.equal(e.title, 'Prototype Keys');
    assert.equal(Object.getPrototypeOf(e), Object.prototype);
    assert.equal(Object.getPrototypeOf(e.source), Object.prototype);
    assert.deepEqual(e.source, { name: 'chan' });
    assert.ok(folder.problems.some((p) => p.file.endsWith('proto-keys.md') && /unknown field "__proto__"/.test(p.message)));
  });
});
