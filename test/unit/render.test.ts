import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  classifyHref,
  contentSecurityPolicy,
  makeNonce,
  parseViewMessage,
  renderDigestHtml,
  renderMarkdown,
  RenderContext,
  webviewDocument,
} from '../../src/core/view/render';
import { normalizeArxivId } from '../../src/core/arxiv/arxiv';
import { parseDigestFile } from '../../src/core/digestFile/digestFile';
import { parseTopics } from '../../src/core/digestFile/topicsFile';
import { toEntry } from '../../src/core/corpus/bundle';
import { Digest, DigestEntry } from '../../src/core/types';
import * as builders from '../builders/digests';
import { assertSafeHtml, hrefs, startTags, visibleText } from '../builders/html';

// ---------------------------------------------------------------------------------------
// The markup a browser builds from the output (test/builders/html.ts), checked against what
// the digest view may contain.

const ALLOWED_TAGS = new Set(
  'a p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd div span code pre em strong s blockquote hr br table thead tbody tr th td header footer article section time'.split(' '),
);
const ALLOWED_ATTRS = new Set(['class', 'href', 'title', 'lang', 'data-digest-id', 'data-arxiv', 'start']);

/** Everything a hostile digest could smuggle in, checked on the parsed page. */
const assertSafe = (html: string): void => void assertSafeHtml(html, { tags: ALLOWED_TAGS, attrs: ALLOWED_ATTRS });

// ---------------------------------------------------------------------------------------
// Builders

/** RetNet under its short title, with a one-line body; CoPE beside it in the corpus. */
const entry = (over: Partial<DigestEntry> = {}): DigestEntry => builders.entry({ paper: 'retnet', title: 'Retentive Network', ...over });
const digest = (over: Partial<Digest> = {}): Digest => builders.digest({ paper: 'retnet', title: 'Retentive Network', body: 'Текст дайджеста.', ...over });
const context = (entries: DigestEntry[] = [entry(), entry({ id: 'cope', title: 'CoPE', methods: ['CoPE'] })], over: Partial<RenderContext> = {}): RenderContext =>
  builders.renderContext(entries, over);

// ---------------------------------------------------------------------------------------

const HOSTILE_BODY = [
  '# Heading <script>alert(1)</script>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)" onclick="alert(1)">raw anchor</a>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [tab](<java\tscript:alert(1)>) [nl](<java&#10;script:alert(1)>)',
  '[ent](&#106;avascript:alert(1)) [ent2](jav&#x09;ascript:alert(1)) [sp]( javascript:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vs](vscode:extension/evil.x) [cmd](command:workbench.action.terminal.new)',
  '[cmd2](command:_workbench.downloadResource?%5B%22x%22%5D) [file](file:///etc/passwd) [vbs](vbscript:msgbox(1)) [rel](../../etc/passwd) [frag](#top)',
  '<javascript:alert(1)> <vscode://evil> <command:workbench.action.x> <data:text/html,x> <file:///etc/passwd>',
  '[ref js][r1] [ref cmd][r2] [ref ok][r3]',
  '![x" onerror="alert(1)](https://img.example/a.png) ![](javascript:alert(1))',
  '[user](https://user:pass@evil.example/) [proto](//evil.example/x)',
  '<svg onload=alert(1)><math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '```html" onmouseover="alert(1)',
  '<script>inside fence</script>',
  '```',
  '`<b onclick=alert(1)>`',
  '',
  '[r1]: javascript:alert(2)',
  '[r2]: command:workbench.action.x',
  '[r3]: https://ok.example/ref',
].join('\n');

describe('render: hostile markdown', () => {
  it('emits only known tags, no event handlers, and only http(s) or digest links', () => {
    const html = renderMarkdown(HOSTILE_BODY, () => false);
    assertSafe(html);
    // The iframe is shown as text, so linkify turns the URL inside it into an ordinary
    // https link; the reference link is the only markdown link that may survive.
    const links = hrefs(html);
    assert.deepEqual(links, ['https://evil.example/', 'https://ok.example/ref'], `links: ${links.join(' ')}`);
  });

  it('keeps the hostile text readable as text', () => {
    const text = visibleText(renderMarkdown(HOSTILE_BODY));
    assert.match(text, /<script>alert\(1\)<\/script>/);
    assert.match(text, /<img src=x onerror=alert\(1\)>/);
    // A disallowed link keeps its label as plain text.
    assert.match(text, /\bjs\b.*\bJS\b/);
  });

  it('renders the same hostile text safely in every header field', () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(1)>"\'\u202E';
    const d = digest({
      title: evil,
      title_ru: evil,
      methods: [evil, 'x" onmouseover="alert(1)'],
      topics: [evil, 'llm'],
      arxiv: ['2307.08621', '"><script>alert(1)</script>', 'javascript:alert(1)'],
      source: { name: evil, url: 'javascript:alert(1)', date: evil },
      kind: 'multi-paper',
      papers: [{ title: evil, arxiv: 'javascript:alert(1)' }, { title: 'ok', arxiv: '2405.18719' }],
      body: HOSTILE_BODY,
    });
    const related = [entry({ id: 'x"><script>', title: evil, topics: [evil] })];
    const html = renderDigestHtml(d, context([entry(), ...related], { related }));
    assertSafe(html);
    for (const link of hrefs(html)) {
      assert.ok(/^https:\/\/(arxiv\.org|www\.alphaxiv\.org|ok\.example|evil\.example)\//.test(link) || link === 'digest:x"><script>', link);
    }
    assert.ok(visibleText(html).includes('<script>alert(1)</script>'));
  });

  it('survives malformed and binary input', () => {
    const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    const nested = '['.repeat(5000) + 'x' + ']'.repeat(5000) + '('.repeat(2000);
    for (const body of [binary, nested, '\u0000<script>', '*'.repeat(10000), '> '.repeat(3000) + 'deep']) {
      const html = renderMarkdown(body);
      assertSafe(html);
    }
  });

  it('renders a huge body in reasonable time', () => {
    const body = Array.from({ length: 5000 }, (_, i) => `Paragraph ${i} with [a link](https://example.com/${i}) and \`code\`.`).join('\n\n');
    const t0 = Date.now();
    const html = renderMarkdown(body);
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(hrefs(html).length, 5000);
  });

  it('strips bidi overrides and isolates everywhere', () => {
    const rlo = 'admin\u202Etxt.exe\u2066x\u2069\u202A\u202B\u202C\u202D\u2067\u2068';
    const html = renderDigestHtml(digest({ title: rlo, body: rlo, methods: [rlo] }), context());
    assertSafe(html);
    assert.ok(html.includes('admintxt.exex'));
  });

  it('keeps very long words intact (wrapping is the stylesheet’s job)', () => {
    const word = 'a'.repeat(20000);
    const html = renderMarkdown(word);
    assert.ok(html.includes(word));
    const css = readFileSync(join(__dirname, '../../../media/digestView.css'), 'utf8');
    assert.match(css, /overflow-wrap:\s*anywhere/);
  });
});

describe('render: links', () => {
  it('keeps http(s) links, including autolinks and reference links', () => {
    const html = renderMarkdown('[a](https://a.example/x?q=1&r=2) <http://b.example> https://c.example/p\n\n[d][d]\n\n[d]: https://d.example', () => false);
    assert.deepEqual(hrefs(html), ['https://a.example/x?q=1&r=2', 'http://b.example/', 'https://c.example/p', 'https://d.example/']);
  });

  it('turns digest: links to known digests into in-panel links, unknown ones into text', () => {
    const known = new Set(['cope']);
    const html = renderMarkdown('[CoPE](digest:cope) and [gone](digest:missing) and [enc](digest:co%70e)', (id) => known.has(id));
    assert.deepEqual(hrefs(html), ['digest:cope', 'digest:cope']);
    assert.match(visibleText(html), /gone/);
  });

  it('classifies hrefs with one policy', () => {
    assert.deepEqual(classifyHref('https://x.org/a'), { kind: 'external', url: 'https://x.org/a' });
    assert.deepEqual(classifyHref('digest:cope', (id) => id === 'cope'), { kind: 'digest', id: 'cope' });
    for (const bad of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'https://x.org/a\nb',
      'https://x.org/a b',
      'https:\\\\evil.example',
      'http://user:pw@x.org/',
      'vscode://x',
      'command:x',
      'file:///x',
      'data:text/html,x',
      '//evil.example',
      '#top',
      'digest:%E0%A4%A',
      'digest:',
    ]) {
      assert.equal(classifyHref(bad).kind, 'none', bad);
    }
  });

  it('shows images as alt text and never loads them', () => {
    const html = renderMarkdown('![A diagram](https://img.example/a.png)', () => false, { image: 'Image' });
    assert.ok(!startTags(html).some((t) => t.name === 'img'));
    assert.match(visibleText(html), /\[Image: A diagram\]/);
  });

  it('moves body headings below the page title and drops inline table styles', () => {
    const html = renderMarkdown('# One\n\n###### Six\n\n| a | b |\n|:-|-:|\n| 1 | 2 |');
    const tags = startTags(html);
    const names = tags.map((t) => t.name);
    assert.ok(names.includes('h2') && !names.includes('h1'));
    assert.ok(names.includes('h6'));
    assert.ok(!tags.some((t) => t.attrs.has('style')));
    assert.ok(tags.some((t) => t.attrs.get('class') === 'align-right'));
  });
});

describe('render: digest page', () => {
  it('has title, Russian title, arXiv chips with abs/PDF/alphaXiv, topics, source', () => {
    const html = renderDigestHtml(digest({ title_ru: 'Ретентивная сеть', arxiv: ['2307.08621v2', '2307.08621'] }), context());
    const text = visibleText(html);
    assert.match(text, /Retentive Network/);
    assert.match(text, /Ретентивная сеть/);
    assert.match(text, /Language models/);
    assert.match(text, /rizzearch/);
    assert.match(text, /2024-05-01/);
    // Version suffixes collapse into one chip.
    assert.deepEqual(hrefs(html), [
      'https://arxiv.org/abs/2307.08621',
      'https://arxiv.org/pdf/2307.08621',
      'https://www.alphaxiv.org/abs/2307.08621',
      'https://t.me/rizzearch/1',
    ]);
    assert.equal(startTags(html).filter((t) => t.name === 'h1').length, 1);
  });

  it('uses the UI language for topic labels and the digest language for the body', () => {
    const html = renderDigestHtml(digest({ lang: 'ru' }), context(undefined, { lang: 'ru' }));
    assert.match(visibleText(html), /Языковые модели/);
    const article = startTags(html).find((t) => t.name === 'article')!;
    assert.equal(article.attrs.get('lang'), 'ru');
  });

  it('lists the papers of a multi-paper post', () => {
    const html = renderDigestHtml(
      digest({
        kind: 'multi-paper',
        arxiv: ['2405.18719', '2404.19737'],
        papers: [{ title: 'Contextual Position Encoding', arxiv: '2405.18719' }, { title: 'Paper without ID' }],
      }),
      context(undefined, { strings: { papers: 'Papers' } }),
    );
    const text = visibleText(html);
    assert.match(text, /Papers/);
    assert.match(text, /Contextual Position Encoding/);
    assert.match(text, /Paper without ID/);
    assert.equal(startTags(html).filter((t) => t.name === 'li').length, 2);
    // Each ID gets one chip: in the paper list when a paper carries it, else in the top row.
    const abs = hrefs(html).filter((h) => h.startsWith('https://arxiv.org/abs/'));
    assert.deepEqual(abs.sort(), ['https://arxiv.org/abs/2404.19737', 'https://arxiv.org/abs/2405.18719']);
  });

  it('ends with related digests that open in the panel, never itself', () => {
    const cope = entry({ id: 'cope', title: 'CoPE' });
    const html = renderDigestHtml(digest(), context(undefined, { related: [cope, entry()], strings: { related: 'See also' } }));
    const footer = startTags(html).find((t) => t.name === 'footer')!.html;
    assert.match(visibleText(footer), /See also/);
    assert.deepEqual(hrefs(footer), ['digest:cope']);
  });

  it('omits the related section when there is nothing related', () => {
    const html = renderDigestHtml(digest(), context());
    assert.ok(!startTags(html).some((t) => t.name === 'footer'));
  });
});

describe('render: webview document', () => {
  const opts = { nonce: makeNonce(), cspSource: 'https://*.vscode-cdn.net', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/media/digestView.css', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/media/digestView.js', lang: 'ru' as const };

  it('makes 128-bit nonces that differ', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.match(a, /^[0-9a-f]{32}$/);
    assert.notEqual(a, b);
  });

  it('sets a strict CSP with the nonce and puts the nonce on every script', () => {
    const doc = webviewDocument('<p>x</p>', { ...opts, digestId: 'a"b' });
    const tags = startTags(doc);
    const meta = tags.find((t) => t.name === 'meta' && t.attrs.get('http-equiv') === 'Content-Security-Policy');
    assert.ok(meta);
    const csp = meta.attrs.get('content')!;
    assert.equal(csp, contentSecurityPolicy(opts.nonce, opts.cspSource));
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${opts.nonce}'`]);
    assert.ok(!csp.includes('unsafe'));
    const scripts = tags.filter((t) => t.name === 'script');
    assert.equal(scripts.length, 1);
    for (const s of scripts) assert.equal(s.attrs.get('nonce'), opts.nonce);
    assert.equal(tags.find((t) => t.name === 'body')!.attrs.get('data-digest-id'), 'a"b');
    assert.equal(tags.find((t) => t.name === 'html')!.attrs.get('lang'), 'ru');
  });

  it('refuses a nonce or cspSource that could rewrite the policy', () => {
    assert.throws(() => webviewDocument('', { ...opts, nonce: "abc' 'unsafe-inline" }));
    assert.throws(() => webviewDocument('', { ...opts, nonce: 'short' }));
    assert.throws(() => webviewDocument('', { ...opts, cspSource: "https://x; script-src 'unsafe-inline'" }));
    assert.throws(() => webviewDocument('', { ...opts, cspSource: "https://x 'unsafe-inline'" }));
    assert.throws(() => webviewDocument('', { ...opts, cspSource: '' }));
    // What the web workbench passes.
    assert.doesNotThrow(() => webviewDocument('', { ...opts, cspSource: "'self' https://*.vscode-cdn.net http://vscode.localhost:8080" }));
  });
});

describe('render: webview messages', () => {
  it('accepts exactly the two message shapes', () => {
    assert.deepEqual(parseViewMessage({ type: 'open', id: 'cope' }), { type: 'open', id: 'cope' });
    assert.deepEqual(parseViewMessage({ type: 'link', href: 'https://arxiv.org/abs/2405.18719' }), {
      type: 'link',
      href: 'https://arxiv.org/abs/2405.18719',
    });
  });

  it('rejects everything else', () => {
    for (const bad of [
      undefined,
      null,
      'open',
      42,
      [],
      { type: 'open' },
      { type: 'open', id: 42 },
      { type: 'open', id: '' },
      { type: 'open', id: 'x'.repeat(501) },
      { type: 'open', id: 'a', extra: 1 },
      { type: 'link', href: 'javascript:alert(1)' },
      { type: 'link', href: 'command:workbench.action.terminal.new' },
      { type: 'link', href: 'vscode://x' },
      { type: 'link', href: 'file:///etc/passwd' },
      { type: 'link', href: 42 },
      { type: 'link', href: 'https://x.org/' + 'a'.repeat(9000) },
      { type: 'command', command: 'x' },
    ]) {
      assert.equal(parseViewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('render: the digests in digests/', () => {
  const dir = join(__dirname, '../../../digests');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];

  it('renders every digest file to safe HTML with its title and chips', function () {
    if (files.length === 0) this.skip();
    const vocabulary = existsSync(join(dir, 'topics.yaml')) ? parseTopics(readFileSync(join(dir, 'topics.yaml'), 'utf8'), 'topics.yaml').topics : [];
    const digests: Digest[] = [];
    for (const f of files) {
      const { digest: d } = parseDigestFile(readFileSync(join(dir, f), 'utf8'), f, new Set(vocabulary.map((t) => t.id)));
      if (d) digests.push({ ...toEntry(d, 'bundled'), body: d.body });
    }
    assert.ok(digests.length > 0);
    const ctx = context(digests, { related: digests.slice(0, 3) });
    ctx.corpus.topic = (id) => vocabulary.find((t) => t.id === id);
    for (const d of digests) {
      const html = renderDigestHtml(d, ctx);
      assertSafe(html);
      assert.ok(visibleText(html).includes(d.title.replace(/[\u202A-\u202E\u2066-\u2069]/g, '')), d.id);
      const links = hrefs(html);
      for (const id of d.arxiv) assert.ok(links.includes(`https://arxiv.org/abs/${normalizeArxivId(id)}`), `${d.id}: no chip for ${id}`);
    }
  });
});

describe('render: the curated fields in the header', () => {
  const curated = digest({
    tldr: 'Retention replaces attention.',
    tldr_ru: 'Удержание вместо внимания.',
    authors: ['Yutao Sun', 'Li Dong', 'Furu Wei'],
    year: 2023,
    venue: 'arXiv preprint',
    code: ['https://github.com/microsoft/torchscale'],
    links: ['https://openreview.net/forum?id=abc'],
  });
  /** The page header's markup. */
  const header = (d: Digest, lang: 'en' | 'ru' = 'en') => {
    const html = renderDigestHtml(d, context(undefined, { lang, strings: lang === 'ru' ? { code: 'Код', links: 'Статья', excerpt: 'Этот дайджест — отрывок из более длинной статьи' } : {} }));
    return startTags(html).find((t) => t.name === 'header')!.html;
  };
  /** The class-`tldr` paragraphs of a header, by their `lang`. */
  const tldrLangs = (html: string) => startTags(html).filter((t) => t.name === 'p' && t.attrs.get('class') === 'tldr').map((t) => t.attrs.get('lang'));

  it('shows the TL;DR under the title, then authors · year · venue, then code and paper links', () => {
    const html = header(curated);
    const tags = startTags(html);
    const order = ['title', 'byline', 'tldr', 'meta'].map((name) => tags.findIndex((t) => t.attrs.get('class') === name));
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), `header order: ${order.join(', ')}`);
    assert.match(visibleText(html), /Yutao Sun, Li Dong, Furu Wei · 2023 · arXiv preprint/);
    assert.match(visibleText(html), /TL;DR Retention replaces attention\./);
    assert.ok(hrefs(html).includes('https://github.com/microsoft/torchscale'));
    assert.ok(hrefs(html).includes('https://openreview.net/forum?id=abc'));
    assert.match(visibleText(html), /Code\s*microsoft\/torchscale/);
    assert.match(visibleText(html), /Paper\s*openreview\.net/);
    assertSafe(html);
  });

  it('a Russian UI shows the Russian TL;DR; a missing one falls back to the English', () => {
    assert.match(visibleText(header(curated, 'ru')), /TL;DR Удержание вместо внимания\./);
    assert.deepEqual(tldrLangs(header(curated, 'ru')), ['ru']);
    const onlyEn = { ...curated, tldr_ru: undefined };
    assert.deepEqual(tldrLangs(header(onlyEn, 'ru')), ['en']);
    assert.ok(!startTags(header({ ...curated, tldr: undefined, tldr_ru: undefined })).some((t) => t.classes.includes('tldr')));
  });

  it('an excerpt says so, with the article URL when known', () => {
    const excerpt = { ...curated, excerpt: true, source: { name: 'Habr', url: 'https://habr.com/ru/articles/1/' } };
    const html = header(excerpt);
    assert.match(visibleText(html), /This digest is an excerpt of a longer article: https:\/\/habr\.com\/ru\/articles\/1\//);
    assert.ok(hrefs(html).includes('https://habr.com/ru/articles/1/'));
    assert.match(visibleText(header({ ...excerpt, source: { name: 'Habr' }, links: undefined }, 'ru')), /Этот дайджест — отрывок из более длинной статьи(?!:)/);
    assert.ok(!startTags(header(curated)).some((t) => t.classes.includes('excerpt-note')));
  });

  it('a multi-paper post gives each paper its authors and year', () => {
    const post = digest({ kind: 'multi-paper', papers: [{ title: 'One', arxiv: '2405.18719', authors: ['A. Author'], year: 2024 }, { title: 'Two' }] });
    const html = header(post);
    assert.match(visibleText(html), /One\s*2405\.18719.*A\. Author · 2024/s);
  });

  it('hostile text in every curated field stays text, and only http(s) URLs become links', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(1)</script>" onmouseover="alert(1) \u202Eevil';
    const hostile = digest({
      tldr: evil,
      tldr_ru: evil,
      authors: [evil],
      venue: evil,
      year: 2024,
      code: ['javascript:alert(1)', 'https://github.com/a/b"onmouseover="alert(1)', 'https://user:pw@evil.example/'],
      links: ['data:text/html,<script>alert(1)</script>', 'vscode://evil'],
      excerpt: true,
      source: { name: evil, url: 'javascript:alert(1)' },
    });
    for (const lang of ['en', 'ru'] as const) {
      const html = header(hostile, lang);
      assertSafe(html);
      assert.ok(visibleText(html).includes('<img src=x onerror=alert(1)>'), 'shown as text');
      for (const h of hrefs(html)) assert.ok(/^https:\/\/(arxiv\.org|www\.alphaxiv\.org|github\.com\/a\/b%22onmouseover=%22alert\(1\))/.test(h), `unexpected link ${h}`);
    }
  });
});
