import { toEntry } from '../../src/core/corpus/bundle';
import { bibtex, escapeBibtex } from '../../src/core/render/citation';
import { yearOfArxivId } from '../../src/core/arxiv/arxiv';
import { nestingProblem, parseDigestFile, serializeDigest, validateDigestFiles } from '../../src/core/digestFile/digestFile';
import { idFromFileName } from '../../src/core/digest/digestIds';
import { classifyInput, digestTemplate } from '../../src/core/digestFile/digestTemplate';
import { importSource } from '../../src/core/import';
import { arxivIdsIn as findImportArxivIds } from '../../src/core/arxiv/arxiv';
import { skipReason } from '../../src/core/import/classify';
import { findLinkPreviews, isHabrNoise, isLinkMarker, isReactionLine, isTelegramNoise } from '../../src/core/import/noise';
import { readExport } from '../../src/core/import/telegramJson';
import { citedTitles, cleanTitle, fallbackTitle, findChannelHeader } from '../../src/core/import/telegramPage';
import { excerpt, isLatinTitle, isRussianHeading, lineKey, slugify, toMarkdownBody } from '../../src/core/import/text';
import { isInside, joinUri, relativePath, resolveFolder, toUri } from '../../src/core/settings/paths';
import { classifyHref, escapeHtml, parseViewMessage, renderDigestHtml, renderMarkdown, safeExternalUrl } from '../../src/core/view/render';
import { DigestSearch, docsPart, searchDoc } from '../../src/core/search/search';
import { readSettings } from '../../src/core/settings/settings';
import { summarize } from '../../src/core/render/summary';
import { parseTopics } from '../../src/core/digestFile/topicsFile';
import type { Digest, DigestEntry, DigestMeta } from '../../src/core/types';
import { assertLinear } from './linearTime';
import { entry, meta, renderContext } from '../builders/digests';
import { digestText } from '../builders/digestText';

/**
 * ReDoS audit of every regular expression (and regex-driven scan) that src/core applies to
 * text a user, a scraped page or a corpus file controls — everything except the recognizer and
 * the hover card, which test/unit/redos.test.ts covers. src/features only passes file names
 * and URIs of bounded length to regexes, and the same helpers are exercised here.
 *
 * Each function is timed on adversarial input of size n and 4n in one run: linear code takes
 * about 4× as long, super-linear code 16× or more. The bound is 8× on the fastest of several
 * interleaved runs, with n grown until one run takes about ten milliseconds (below that, JIT and
 * garbage collection dominate) and at most 64k (above that, the garbage collector's cost for large results does). The machine is shared,
 * so a measurement over the bound is repeated up to three times: load slows single runs down,
 * super-linear code fails every time.
 */

/** `unit` repeated to about n characters, then `tail` (which usually makes the match fail). */
const rep = (unit: string, tail = '', head = '') => (n: number): string => head + unit.repeat(Math.max(1, Math.ceil(n / unit.length))) + tail;

/** Whitespace runs that do not reach the end: the classic trap for `\s+$` and `\s*X`. */
const WS_INSIDE = rep(' ', 'x', 'x');
const WS_KINDS = rep(' \t\u00a0\u2003', 'x', 'x');

const TOPIC_IDS = new Set(['attention', 'architectures']);
/** The hostile digest's front matter; the adversarial text goes in its body or its front matter. */
const FRONT = ['id: hostile', 'title: Hostile', 'arxiv: []', 'methods: [X]', 'topics: [attention]', 'source: {name: test}', 'lang: en', 'kind: paper'];
const withBody = (body: string) => digestText({ frontMatter: FRONT, body });
const parseBody = (body: string) => parseDigestFile(withBody(body), 'hostile.md', TOPIC_IDS);
const parseFront = (yaml: string) => parseDigestFile(digestText({ frontMatter: yaml, body: 'body' }), 'hostile.md', TOPIC_IDS);

const HOSTILE: Partial<DigestMeta> = {
  id: 'hostile',
  title: 'Hostile',
  arxiv: ['2405.18719'],
  methods: ['X'],
  topics: ['attention'],
  source: { name: 'test', url: 'https://t.me/x/1', date: '2024-01-01' },
  lang: 'en',
};
const META: DigestMeta = meta(HOSTILE);
const entryWith = (over: Partial<DigestEntry>): DigestEntry => entry({ ...HOSTILE, summary: '', ...over });
const CTX = renderContext([], {}, []);

describe('ReDoS audit: linear time outside the recognizer', function () {
  this.timeout(120_000);

  describe('digest files (user folders are parsed in the extension host)', () => {
    it('a body with a long whitespace run that does not end the file', () => {
      assertLinear(parseBody, WS_INSIDE);
      assertLinear(parseBody, WS_KINDS);
      assertLinear(parseBody, rep('\n \n', 'x', 'x'));
    });
    it('a body of markdown punctuation and Cyrillic', () => {
      assertLinear(parseBody, rep('[`*_](<#>\\'));
      assertLinear(parseBody, rep('аб '));
    });
    it('front matter: whitespace runs, nesting markers, brackets, quotes, anchors', () => {
      assertLinear(parseFront, rep(' ', ' x', 'title: x'));
      assertLinear(parseFront, rep('- '.repeat(30) + 'x\n'));
      assertLinear(parseFront, rep('-' + ' '.repeat(40)));
      assertLinear(parseFront, rep('[', '', 'title: '));
      assertLinear(parseFront, rep('"\'', '', 'title: '));
      assertLinear(parseFront, rep('\n', 'x', 'title:'));
      assertLinear(nestingProblem, rep(': ? - '));
    });
    it('ids, file names, arXiv IDs in front matter, a whole folder', () => {
      assertLinear(idFromFileName, rep('a/b\\', '.md'));
      assertLinear(parseFront, rep('2405.18719', '"]', 'id: hostile\ntitle: t\narxiv: ["'));
      assertLinear(parseFront, rep('https://a', ' b', 'id: hostile\ntitle: t\nsource: {name: n, url: "') );
      assertLinear(
        (s) => validateDigestFiles([{ path: 'a/hostile.md', text: withBody(s) }, { path: 'b/hostile.md', text: withBody(s) }], TOPIC_IDS),
        WS_INSIDE,
      );
    });
    it('serializing a body with a long inner whitespace run', () => {
      assertLinear((s) => serializeDigest(META, s), WS_INSIDE);
    });
    it('topics.yaml', () => {
      assertLinear((s) => parseTopics(s, 'topics.yaml'), rep('- {id: a, label: b, label_ru: в}\n'));
      assertLinear((s) => parseTopics(s, 'topics.yaml'), rep(' ', 'x', 'topics:'));
    });
  });

  describe('summaries and the bundle', () => {
    it('summarize: unclosed links, images, fences, headings, emphasis', () => {
      for (const unit of ['[', '![', '](', '```', '#', '*_`>', '[a](', ' ', '. ']) assertLinear(summarize, rep(unit, 'x'));
      assertLinear((s) => summarize(s, 5000), rep('[', 'x'), 1000, 8000);
    });
    it('toEntry (summary + metadata) on a hostile body', () => {
      assertLinear((s) => toEntry({ ...META, body: s }, 'x'), rep('[a](b ', ''));
    });
  });

  describe('search', () => {
    const docs = Array.from({ length: 200 }, (_, i) =>
      searchDoc(entryWith({ id: `d${i}`, title: `Paper ${i} ${'a'.repeat(i % 17)}`, methods: [`M${i}`] }), 'Текст '.repeat(20)),
    );
    const search = new DigestSearch([docsPart(docs, () => undefined)]);
    it('queries of any length and shape', () => {
      for (const unit of ['a', ' ', 'arxiv:', '(.*)+', '"\'🔥']) assertLinear((q) => search.search(q), rep(unit), 100, 16_000);
    });
    it('indexing hostile titles', () => {
      assertLinear((t) => new DigestSearch([docsPart([searchDoc(entryWith({ title: t }), t)], () => undefined)]).search('a'), rep('a '), 1000, 50_000);
    });
  });

  describe('render (digest view and cli render)', () => {
    it('markdown: brackets, images, emphasis, code spans, autolinks, tables, quotes', () => {
      // From 32k characters up: below that, markdown-it's timings jump with JIT tiers.
      for (const unit of ['[', '![', '[a](', '**a*', '`a', '<a', 'http://a.', '> ', '[`*_](<']) {
        assertLinear((s) => renderMarkdown(s), rep(unit), 32_000);
      }
      assertLinear((s) => renderMarkdown(s), rep('|x|y|\n', '', '|a|b|\n|-|-|\n'));
      assertLinear((s) => renderMarkdown(s), (n) => 'http://' + 'a'.repeat(n));
    });
    it('bidi stripping and escaping', () => {
      assertLinear(escapeHtml, rep('\u202e<&"'));
      assertLinear((s) => renderMarkdown(s), rep('\u202e\u2066[a](javascript:x)'));
    });
    it('the link policy on long and tricky hrefs', () => {
      for (const make of [rep('a', '', 'https://x/'), rep('\t', '', 'https://'), rep(':', '', 'digest:'), rep('%', '', 'digest:'), rep('/', ' x', 'http://')]) {
        assertLinear((h) => classifyHref(h), make);
        assertLinear((h) => safeExternalUrl(h), make);
      }
      assertLinear((h) => parseViewMessage({ type: 'link', href: h }), rep('a', '', 'https://x/'), 1000, 8192);
    });
    it('a whole page with hostile header fields', () => {
      const page = (s: string): string => {
        const d: Digest = { ...entryWith({ title: s, title_ru: s, methods: [s], source: { name: s, url: 'https://x/' + s } }), body: s };
        return renderDigestHtml(d, CTX);
      };
      assertLinear(page, rep('<script>[x](javascript:y)\u202e '), 32_000);
    });
  });

  describe('citations', () => {
    it('BibTeX of hostile titles, sources and IDs', () => {
      assertLinear(escapeBibtex, rep('{}\\%$&#_^~ \u0000\u202e'));
      assertLinear(escapeBibtex, WS_INSIDE);
      assertLinear((t) => bibtex(entryWith({ title: t, arxiv: [] })), rep('{ '));
      assertLinear((u) => bibtex(entryWith({ arxiv: [], source: { name: 'x', url: 'https://x/' + u, date: '2024-01-01' } })), rep('{ }'));
      assertLinear(yearOfArxivId, rep('1', '.x'));
    });
  });

  describe('folder settings and paths (bounded length, checked anyway)', () => {
    const ctx = { home: '/home/u', workspaceFolders: ['file:///w'] };
    it('resolveFolder (settings longer than 4096 characters are refused)', () => {
      assertLinear((s) => resolveFolder(s, ctx), rep('/', 'x'), 250, 4096);
      assertLinear((s) => resolveFolder(s, ctx), rep('~/', 'x'), 250, 4096);
      assertLinear((s) => resolveFolder(s, ctx), rep('a/', 'x', 'file:///'), 250, 4096);
      assertLinear((s) => toUri(s), rep('\\', 'x', 'C:'));
      assertLinear((s) => joinUri('file:///w', s), rep('../'));
    });
    // Defect in src/core/paths.ts (trimSlash: /\/+$/ retries every run of slashes to its end).
    // Reachable with URIs of any length (workspace.fs results, file names), not only settings.
    it('toUri, isInside, relativePath on runs of slashes that do not end the URI', () => {
      assertLinear((s) => toUri(s), rep('/', 'x', 'file:'));
      assertLinear((s) => isInside('file:///w/' + s, 'file:///w' + s), rep('/', 'x'));
      assertLinear((s) => relativePath('file:///w/' + s, 'file:///w/' + s), rep('/', 'x'));
    });
    it('settings values', () => {
      assertLinear((s) => readSettings((k) => (k === 'extraFolders' ? [s] : s)), rep(' '));
    });
  });

  describe('new digest input', () => {
    it('classifyInput and the template', () => {
      assertLinear(classifyInput, rep(' /', 'x', '2405.18719'), 100, 300);
      assertLinear((t) => digestTemplate({ id: 'x', title: t, topics: [], lang: 'en', date: '2024-01-01' }), rep(' '));
    });
  });

  describe('importer (scraped pages and Telegram exports)', () => {
    it('line helpers', () => {
      assertLinear((s) => toMarkdownBody([s]), WS_INSIDE);
      assertLinear((s) => toMarkdownBody(s.split('\n')), rep('• \n1) \n'));
      assertLinear(slugify, rep('('));
      assertLinear(slugify, rep('(a'));
      assertLinear(slugify, rep(': '));
      assertLinear(lineKey, WS_INSIDE);
      assertLinear(excerpt, WS_INSIDE);
      assertLinear(isLatinTitle, rep('Ab '));
      assertLinear(isRussianHeading, rep('Аб '));
    });
    it('noise predicates', () => {
      assertLinear(isReactionLine, rep('1🔥', 'x'));
      assertLinear(isReactionLine, rep('1 ', 'x'));
      assertLinear(isLinkMarker, rep('👀 ', 'LINKx'));
      assertLinear(isTelegramNoise, WS_INSIDE);
      assertLinear(isHabrNoise, rep(' ', 'x', 'total votes'));
      assertLinear(isHabrNoise, rep(' ', 'x', 'reading time 1'));
      assertLinear(isHabrNoise, rep(' ', 'x', 'views 1'));
      assertLinear((s) => findLinkPreviews(s.split('\n')), rep('alphaXiv\nx | y\n'));
    });
    it('titles and headers', () => {
      assertLinear(cleanTitle, WS_INSIDE);
      assertLinear(cleanTitle, rep(' (', ')x', 'Title'));
      assertLinear(cleanTitle, rep('( ', ')', 'Title'));
      assertLinear(fallbackTitle, rep('. '));
      assertLinear(fallbackTitle, WS_INSIDE);
      assertLinear(citedTitles, rep('🔗 '));
      assertLinear(citedTitles, rep('🔗a, '));
      assertLinear((s) => findChannelHeader(['name', s]), rep(' ', 'x', '1'));
      assertLinear((s) => findChannelHeader(['name', s]), rep(' ', 'x', '1 K'));
    });
    it('skip rules', () => {
      const ev = { titled: true, linked: false, citesPaper: false, media: true };
      for (const unit of ['открылась ', 'позици ', 'video ', 'a ']) assertLinear((s) => skipReason('t', s, ev), rep(unit));
    });
    it('arXiv references in posts', () => {
      for (const unit of ['1234.12345.', '2405.18719v', 'arxiv: ', 'arxiv.org/abs/', '1234.']) assertLinear(findImportArxivIds, rep(unit));
    });
    it('Telegram JSON exports', () => {
      assertLinear(readExport, rep(' ', '', '{'));
      assertLinear(readExport, rep('"name": "a', '', '{'));
      assertLinear(readExport, rep('\\"', '', '{"name": "'));
      assertLinear(readExport, rep('{', '', '{"name": "x", "messages": ['), 1000, 200_000);
      assertLinear((s) => importSource(s, 'result.json'), rep('{"id": 1, "type": "message", "text": "a"},', ']}', '{"name": "x", "messages": ['));
    });
    it('whole pages of every format', () => {
      for (const [name, make] of [
        ['telegram.txt', rep('please open telegram to view this post\n', '', 'Chan\n1 subscribers\n')],
        ['telegram.txt', rep(' ', 'x\n', 'Chan\n1 subscribers\nTitle line\n')],
        ['habr.txt', rep('reading time 1 min\nRead more\n')],
        ['alphaxiv.txt', rep('https://www.alphaxiv.org/overview/2405.18719\nTitle\n')],
        ['telegram.txt', rep('открылась ', '\nview in telegram\n', 'Chan\n1 subscribers\nTitle\n')],
      ] as [string, (n: number) => string][]) {
        assertLinear((s) => importSource(s, name), make);
      }
    });
  });
});
