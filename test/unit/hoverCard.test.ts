import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildHoverCard, CARD_ACTIONS, DEFAULT_LABELS, openDigestAction, CardAction, cardAt, CardLookup, escapeMarkdown, HoverCardOptions } from '../../src/core/render/hoverCard';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { uiLang } from '../../src/core/render/localized';
import { topicLabel } from '../../src/core/digest/topics';
import { DigestEntry, Mention } from '../../src/core/types';
import { TOPICS, cardEntry } from '../builders/recognizer';

function lookupOf(entries: DigestEntry[]): CardLookup {
  return {
    get: (id) => entries.find((e) => e.id === id),
    topic: (id) => TOPICS.find((t) => t.id === id),
  };
}

function mention(digests: string[], fields: Partial<Mention> = {}): Mention {
  return { line: 0, character: 0, endCharacter: 6, text: 'RetNet', kind: 'method', digests, ...fields };
}

const OPTIONS: HoverCardOptions = { maxCards: 3, unknownArxivIds: true };

/** The targets of every Markdown link in the card, in order (an escaped `\](` is text). */
function links(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\(([^\s)]+)/g)].map((m) => m[1]);
}

function commandArgs(uri: string): unknown {
  return JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1)));
}

const retnet = cardEntry('retnet', {
  methods: ['RetNet'],
  title: 'Retentive Network: A Successor to Transformer',
  title_ru: 'Сеть с удержанием',
  arxiv: ['2307.08621'],
  topics: ['llm'],
  source: { name: 'rizzearch', url: 'https://t.me/rizzearch/1', date: '2024-05-30' },
  summary: 'RetNet replaces attention with retention. It trains in parallel.',
});

describe('hover card: one digest', () => {
  const card = buildHoverCard([mention(['retnet'])], lookupOf([retnet]), OPTIONS)!;

  it('links the title and "Open digest" to the digest view with the id as argument', () => {
    const commands = links(card.markdown).filter((l) => l.startsWith('command:digestLens.openDigest?'));
    assert.equal(commands.length, 2);
    for (const c of commands) assert.deepEqual(commandArgs(c), ['retnet']);
    assert.ok(card.markdown.includes('Retentive Network: A Successor to Transformer'.replace(/:/g, '\\:')));
    assert.deepEqual(card.commands.sort(), ['digestLens.ignoreDigest', 'digestLens.openDigest', 'digestLens.star']);
  });

  it('offers Star next to "Open digest", or Unstar for a starred digest; each command is enabled', () => {
    const star = links(card.markdown).filter((l) => l.startsWith('command:digestLens.star?'));
    assert.equal(star.length, 1);
    assert.deepEqual(commandArgs(star[0]), ['retnet']);
    const starred = buildHoverCard([mention(['retnet'])], lookupOf([retnet]), { ...OPTIONS, starred: (id) => id === 'retnet' })!;
    const unstar = links(starred.markdown).filter((l) => l.startsWith('command:digestLens.'));
    assert.ok(unstar.some((l) => l.startsWith('command:digestLens.unstar?')), starred.markdown);
    assert.ok(!unstar.some((l) => l.startsWith('command:digestLens.star?')), 'a starred digest offers no Star');
    assert.deepEqual(starred.commands.sort(), ['digestLens.ignoreDigest', 'digestLens.openDigest', 'digestLens.unstar']);
  });

  it('offers to hide the names the text used and to mute the digest', () => {
    const named = buildHoverCard([mention(['retnet'], { name: 'RetNet' }), mention(['retnet'], { name: 'MSR' })], lookupOf([retnet]), OPTIONS)!;
    const controls = links(named.markdown).filter((l) => l.startsWith('command:digestLens.ignore'));
    assert.deepEqual(
      controls.map((c) => [c.slice(8, c.indexOf('?')), commandArgs(c)]),
      [
        ['digestLens.ignoreName', ['RetNet']],
        ['digestLens.ignoreName', ['MSR']],
        ['digestLens.ignoreDigest', ['retnet']],
      ],
    );
    assert.ok(named.markdown.includes(escapeMarkdown("Don't show cards for ‘MSR’")));
    assert.deepEqual(named.commands.sort(), ['digestLens.ignoreDigest', 'digestLens.ignoreName', 'digestLens.openDigest', 'digestLens.star']);
  });

  it('escapes a hostile name in the action label', () => {
    const named = buildHoverCard([mention(['retnet'], { name: '](command:evil) $(alert)' })], lookupOf([retnet]), OPTIONS)!;
    for (const l of links(named.markdown)) assert.ok(!l.startsWith('command:evil'), l);
    assert.ok(!named.markdown.includes('$(alert)'));
  });

  it('gives the arXiv ID with abstract, PDF and alphaXiv links', () => {
    const web = links(card.markdown).filter((l) => l.startsWith('https://'));
    assert.deepEqual(web, [
      'https://arxiv.org/abs/2307.08621',
      'https://arxiv.org/pdf/2307.08621',
      'https://www.alphaxiv.org/abs/2307.08621',
      'https://t.me/rizzearch/1',
    ]);
  });

  it('shows the topic label, the source with its date and the first sentences', () => {
    assert.ok(card.markdown.includes('Language models'));
    assert.ok(card.markdown.includes('rizzearch'));
    assert.ok(card.markdown.includes('2024\\-05\\-30'));
    assert.ok(card.markdown.includes('RetNet replaces attention with retention\\. It trains in parallel\\.'));
    assert.ok(card.markdown.includes('Сеть с удержанием'));
  });

  it('puts the mentioned arXiv ID first when a digest has several', () => {
    const multi = cardEntry('multi', { arxiv: ['2401.18059', '2405.18719'] });
    const md = buildHoverCard([mention(['multi'], { kind: 'arxiv', arxiv: '2405.18719' })], lookupOf([multi]), OPTIONS)!.markdown;
    assert.ok(md.indexOf('2405.18719') < md.indexOf('2401.18059'));
  });

  it('uses translated labels', () => {
    const md = buildHoverCard([mention(['retnet'])], lookupOf([retnet]), { ...OPTIONS, labels: { openDigest: 'Открыть дайджест' } })!.markdown;
    assert.ok(md.includes('Открыть дайджест'));
    assert.ok(!md.includes('Open digest'));
  });
});

describe('hover card: several digests and unknown IDs', () => {
  const many = Array.from({ length: 5 }, (_, i) => cardEntry(`d${i}`, { title: `Paper ${i}`, arxiv: [`2405.1000${i}`] }));

  it('makes a compact section per digest, capped, with "+N more" to search', () => {
    const card = buildHoverCard([mention(many.map((d) => d.id), { text: 'Mamba' })], lookupOf(many), OPTIONS)!;
    const sections = card.markdown.split('\n\n---\n\n');
    assert.equal(sections.length, 4);
    for (let i = 0; i < 3; i++) assert.ok(sections[i].includes(`Paper ${i}`));
    assert.ok(!card.markdown.includes('Paper 3'));
    const more = links(sections[3]);
    assert.equal(more.length, 1);
    assert.ok(more[0].startsWith('command:digestLens.search?'));
    assert.deepEqual(commandArgs(more[0]), ['Mamba']);
    assert.ok(sections[3].includes('\\+2 more'));
    assert.deepEqual(card.commands.sort(), ['digestLens.openDigest', 'digestLens.search']);
  });

  it('shows no "+N more" when everything fits', () => {
    const card = buildHoverCard([mention(['d0', 'd1'])], lookupOf(many), { ...OPTIONS, maxCards: 2 })!;
    assert.equal(card.markdown.split('\n\n---\n\n').length, 2);
    assert.deepEqual(card.commands, ['digestLens.openDigest']);
  });

  it('lists a digest once even when several mentions point to it', () => {
    const card = buildHoverCard([mention(['d0']), mention(['d0', 'd1'])], lookupOf(many), OPTIONS)!;
    assert.equal(card.markdown.split('Paper 0').length, 2);
  });

  it('makes a small "not in the digest corpus" card for an unknown arXiv ID', () => {
    const unknown = mention([], { kind: 'arxiv', arxiv: '2501.00001', text: 'arXiv:2501.00001v2' });
    const card = buildHoverCard([unknown], lookupOf([]), OPTIONS)!;
    assert.ok(card.markdown.includes('not in the digest corpus'));
    assert.ok(links(card.markdown).includes('https://arxiv.org/abs/2501.00001'));
    assert.deepEqual(card.commands, []);
    assert.equal(buildHoverCard([unknown], lookupOf([]), { ...OPTIONS, unknownArxivIds: false }), undefined);
  });

  it('shows nothing for no mentions or for digests that have gone from the corpus', () => {
    assert.equal(buildHoverCard([], lookupOf(many), OPTIONS), undefined);
    assert.equal(buildHoverCard([mention(['gone'])], lookupOf(many), OPTIONS), undefined);
  });

  it('refuses command ids outside this extension', () => {
    assert.throws(() => buildHoverCard([mention(['d0'])], lookupOf(many), { ...OPTIONS, commandIds: { openDigest: 'workbench.action.terminal.sendSequence' } }));
    assert.throws(() => buildHoverCard([mention(['d0'])], lookupOf(many), { ...OPTIONS, commandIds: { search: 'digestLens.search?x' } }));
  });
});

describe('hover card: hostile corpus text', () => {
  const evil = cardEntry('evil', {
    title: 'Click [me](command:workbench.action.terminal.sendSequence?%7B%7D) ![x](https://t.co/p.png) <img src=x onerror=alert(1)>',
    title_ru: '`code` *bold* _it_ $(alert) &lt;',
    arxiv: ['2405.18719)](command:evil', '2401.18059'],
    topics: ['](command:evil)'],
    source: { name: 'x](command:evil', url: 'javascript:alert(1)', date: '2024-01-01 [y](z)' },
    summary: 'Line one\n# Heading\n\n- item\u202Eevil\u2066 \u0000 https://evil.example/(x)',
  });
  const card = buildHoverCard([mention(['evil'])], lookupOf([evil]), OPTIONS)!;

  it('lets no corpus text become a link, image, HTML or icon', () => {
    for (const l of links(card.markdown)) {
      assert.ok(
        l.startsWith('command:digestLens.openDigest?') ||
          l.startsWith('command:digestLens.star?') ||
          l.startsWith('command:digestLens.ignoreDigest?') ||
          l.startsWith('https://arxiv.org/') ||
          l.startsWith('https://www.alphaxiv.org/'),
        `unexpected link target ${l}`,
      );
    }
    assert.ok(!/(^|[^\\])</.test(card.markdown), 'unescaped <');
    assert.ok(!/(^|[^\\])!\[/.test(card.markdown), 'image syntax');
    assert.ok(!/(^|[^\\])`/.test(card.markdown), 'unescaped backtick');
    // The only theme icons are the card's own.
    const icons = [...card.markdown.matchAll(/(^|[^\\])\$\(([^)]*)\)/g)].map((m) => m[2]);
    for (const icon of icons) assert.ok(['book', 'tag', 'broadcast', 'go-to-file', 'star-empty', 'star-full', 'eye-closed', 'mute'].includes(icon), icon);
  });

  it('lets no corpus text render a theme icon after Markdown unescaping (as VS Code renders icons)', () => {
    const hostile = cardEntry('icons', {
      title: '$(loading~spin) Verified $(verified-filled) $(warning)',
      summary: 'Status: $(pass-filled) checked',
      source: { name: '$(shield)' },
    });
    const md = buildHoverCard([mention(['icons'])], lookupOf([hostile]), OPTIONS)!.markdown;
    // CommonMark turns `\$\(` back into `$(` before the workbench looks for icons.
    const rendered = md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    const icons = [...rendered.matchAll(/\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g)].map((m) => m[1]);
    assert.deepEqual(icons.filter((i) => !['book', 'tag', 'broadcast', 'go-to-file', 'info', 'star-empty', 'star-full', 'eye-closed', 'mute'].includes(i)), []);
    assert.match(rendered, /Verified/);
  });

  it('strips bidi controls and NULs and keeps the text on one line per block', () => {
    assert.ok(!/[\u202A-\u202E\u2066-\u2069\u0000]/.test(card.markdown));
    assert.ok(!card.markdown.includes('\n# '));
    assert.ok(!card.markdown.includes('\n- '));
  });

  it('links the well-formed arXiv ID and shows the malformed one as text', () => {
    assert.ok(links(card.markdown).includes('https://arxiv.org/abs/2401.18059'));
    assert.ok(!links(card.markdown).some((l) => l.includes('command:evil') || l.includes('2405.18719')));
  });

  it('escapes every Markdown-significant character', () => {
    const raw = '\\`*_{}[]()#+-.!|<>~$&:"\'';
    const escaped = escapeMarkdown(raw);
    assert.equal(escaped, raw.replace(/./g, (c) => '\\' + c));
    assert.equal(escapeMarkdown('  a\n\tb  '), 'a b');
    assert.equal(escapeMarkdown('Δ-IRIS'), 'Δ\\-IRIS');
  });
});

// ---------------------------------------------------------------------------------------
// The curated fields, in an English and a Russian UI

const RU_LABELS = { openDigest: 'Открыть дайджест', notInCorpus: 'нет в корпусе дайджестов', more: 'ещё {0}', code: 'Код', provenance: 'дайджест: {0}', excerpt: 'отрывок из более длинной статьи' };

const curated = cardEntry('cla', {
  title: 'Reducing Transformer Key-Value Cache Size with Cross-Layer Attention',
  title_ru: 'Уменьшение KV-кэша с помощью Cross-Layer Attention',
  arxiv: ['2405.12981'],
  methods: ['CLA'],
  topics: ['llm'],
  source: { name: 'rizzearch', url: 'https://t.me/rizzearch/1', date: '2024-05-21' },
  summary: 'KV Cache поистине прекрасная идея.',
  tldr: 'CLA shares key/value heads between adjacent layers, halving the KV cache again.',
  tldr_ru: 'CLA делит ключи и значения между соседними слоями и уменьшает KV-кэш ещё вдвое.',
  authors: ['William Brandon', 'Mayank Mishra', 'Aniruddha Nrusimha', 'Rameswar Panda', 'Jonathan Ragan-Kelley'],
  year: 2024,
  venue: 'NeurIPS 2024',
  code: ['https://github.com/example/cla'],
  links: ['https://openreview.net/forum?id=abc'],
});

/** The card's blocks (paragraphs), in order. */
const blocks = (md: string) => md.split('\n\n');

describe('hover card: the curated fields', () => {
  const en = buildHoverCard([mention(['cla'])], lookupOf([curated]), OPTIONS)!.markdown;
  const ru = buildHoverCard([mention(['cla'])], lookupOf([curated]), { ...OPTIONS, lang: 'ru', labels: RU_LABELS })!.markdown;

  it('English UI: title, the Russian title, authors · year · venue, then the English TL;DR', () => {
    const [head, tldr] = blocks(en);
    const lines = head.split('  \n');
    assert.match(lines[0], /^\$\(book\) \*\*\[Reducing Transformer Key\\-Value Cache Size with Cross\\-Layer Attention\]\(command:digestLens\.openDigest\?/);
    assert.equal(lines[1], '*Уменьшение KV\\-кэша с помощью Cross\\-Layer Attention*');
    assert.equal(lines[2], 'William Brandon\\, Mayank Mishra\\, Aniruddha Nrusimha et al\\. · 2024 · NeurIPS 2024');
    assert.equal(tldr, escapeMarkdown(curated.tldr!));
    assert.ok(!en.includes(escapeMarkdown(curated.summary)), 'the opening sentences are not shown when there is a TL;DR');
  });

  it('English UI: arXiv · PDF · alphaXiv · Code · paper page, then topics and provenance, then "Open digest"', () => {
    const [, , links, actions] = blocks(en);
    const [first, second] = links.split('  \n');
    assert.deepEqual(
      [...first.matchAll(/\[([^\]]+)\]\(([^)]+)\)/g)].map((m) => `${m[1]} ${m[2]}`),
      [
        '2405\\.12981 https://arxiv.org/abs/2405.12981',
        'PDF https://arxiv.org/pdf/2405.12981',
        'alphaXiv https://www.alphaxiv.org/abs/2405.12981',
        'Code https://github.com/example/cla',
        'openreview\\.net https://openreview.net/forum?id=abc',
      ],
    );
    assert.equal(second, '$(tag) Language models · $(broadcast) digest\\: [rizzearch](https://t.me/rizzearch/1) · 2024\\-05\\-21');
    assert.match(actions, /^\[\$\(go-to-file\) Open digest\]\(command:digestLens\.openDigest\?/);
    assert.equal(blocks(en).length, 4);
  });

  it('Russian UI: the Russian title first, the English one under it, the Russian TL;DR, topics and labels in Russian', () => {
    const [head, tldr, links, actions] = blocks(ru);
    const lines = head.split('  \n');
    assert.match(lines[0], /^\$\(book\) \*\*\[Уменьшение KV\\-кэша с помощью Cross\\-Layer Attention\]\(command:/);
    assert.equal(lines[1], '*Reducing Transformer Key\\-Value Cache Size with Cross\\-Layer Attention*');
    assert.equal(tldr, escapeMarkdown(curated.tldr_ru!));
    assert.ok(links.includes('[Код](https://github.com/example/cla)'));
    assert.ok(links.includes('$(tag) Языковые модели · $(broadcast) дайджест\\: [rizzearch](https://t.me/rizzearch/1)'));
    assert.match(actions, /^\[\$\(go-to-file\) Открыть дайджест\]/);
    assert.ok(!ru.includes('Language models') && !ru.includes('Open digest'));
  });

  it('falls back to the other language\'s TL;DR, then to the opening sentences', () => {
    const onlyEn = { ...curated, tldr_ru: undefined };
    assert.equal(blocks(buildHoverCard([mention(['cla'])], lookupOf([onlyEn]), { ...OPTIONS, lang: 'ru' })!.markdown)[1], escapeMarkdown(curated.tldr!));
    const onlyRu = { ...curated, tldr: undefined };
    assert.equal(blocks(buildHoverCard([mention(['cla'])], lookupOf([onlyRu]), OPTIONS)!.markdown)[1], escapeMarkdown(curated.tldr_ru!));
    const none = { ...curated, tldr: undefined, tldr_ru: undefined };
    assert.equal(blocks(buildHoverCard([mention(['cla'])], lookupOf([none]), OPTIONS)!.markdown)[1], escapeMarkdown(curated.summary));
  });

  it('a draft with no curated fields still makes a card: title, opening, links, "Open digest"', () => {
    const bare = cardEntry('draft', { arxiv: ['2405.18719'], summary: 'Первые слова.' });
    const md = buildHoverCard([mention(['draft'])], lookupOf([bare]), OPTIONS)!.markdown;
    const [head, about, links, actions] = blocks(md);
    assert.equal(head.split('  \n').length, 1, 'no byline, no second title');
    assert.equal(about, 'Первые слова\\.');
    assert.ok(links.startsWith('arXiv [2405\\.18719]'));
    assert.match(actions, /Open digest/);
  });

  it('an excerpt says so, linking the full article (the post URL, else its page link)', () => {
    const habr = cardEntry('neo-rnn', { title: 'Neo-RNN', source: { name: 'Habr' }, links: ['https://ntr.ai/publications/neo-rnn'], excerpt: true, tldr: 'About neo-RNNs.' });
    const md = buildHoverCard([mention(['neo-rnn'])], lookupOf([habr]), OPTIONS)!.markdown;
    assert.ok(md.includes('digest\\: Habr · [excerpt of a longer article](https://ntr.ai/publications/neo-rnn)'), md);
    const withUrl = { ...habr, source: { name: 'Habr', url: 'https://habr.com/ru/articles/1/' } };
    const md2 = buildHoverCard([mention(['neo-rnn'])], lookupOf([withUrl]), { ...OPTIONS, lang: 'ru', labels: RU_LABELS })!.markdown;
    assert.ok(md2.includes('[отрывок из более длинной статьи](https://habr.com/ru/articles/1/)'), md2);
    const noUrl = { ...habr, links: undefined };
    assert.ok(buildHoverCard([mention(['neo-rnn'])], lookupOf([noUrl]), OPTIONS)!.markdown.includes('· excerpt of a longer article'));
  });

  it('several matches stay compact: title · year · arXiv · topics, no TL;DR, no byline', () => {
    const other = cardEntry('retnet2', { title: 'RetNet again', arxiv: ['2307.08621'] });
    const md = buildHoverCard([mention(['cla', 'retnet2'])], lookupOf([curated, other]), OPTIONS)!.markdown;
    const sections = md.split('\n\n---\n\n');
    assert.equal(sections.length, 2);
    assert.match(sections[0], /^\*\*\[Reducing[^\n]*\]\(command:[^)]*\)\*\* · 2024 · arXiv \[2405\\\.12981\]/);
    assert.ok(!md.includes(escapeMarkdown(curated.tldr!)) && !md.includes('William Brandon'));
    assert.ok(!md.includes('$(go-to-file)'), 'each title is its link; no action applies to several digests');
  });

  it('the default action line offers Star, or Unstar for a starred digest', () => {
    assert.ok(CARD_ACTIONS.includes(openDigestAction));
    const line = (starred: boolean) => blocks(buildHoverCard([mention(['cla'])], lookupOf([curated]), { ...OPTIONS, starred: () => starred })!.markdown).at(-1)!;
    assert.match(line(false), /\[\$\(star-empty\) Star\]\(command:digestLens\.star\?%5B%22cla%22%5D\)/);
    assert.match(line(true), /\[\$\(star-full\) Unstar\]\(command:digestLens\.unstar\?%5B%22cla%22%5D\)/);
  });

  it('the action line is the options\' list, in order; an action may skip a card', () => {
    const star: CardAction = ({ entries, compact }) => (compact ? undefined : { icon: 'star', text: 'Star', command: 'digestLens.star', args: [entries[0].id] });
    const never: CardAction = () => undefined;
    const card = buildHoverCard([mention(['cla'])], lookupOf([curated]), { ...OPTIONS, actions: [openDigestAction, never, star] })!;
    const line = blocks(card.markdown).at(-1)!;
    assert.match(line, /^\[\$\(go-to-file\) Open digest\]\(command:digestLens\.openDigest\?[^)]*\) · \[\$\(star\) Star\]\(command:digestLens\.star\?%5B%22cla%22%5D\)$/);
    assert.deepEqual(card.commands.sort(), ['digestLens.openDigest', 'digestLens.star']);
    const foreign: CardAction = () => ({ text: 'x', command: 'workbench.action.terminal.sendSequence', args: [] });
    assert.throws(() => buildHoverCard([mention(['cla'])], lookupOf([curated]), { ...OPTIONS, actions: [foreign] }), /not a Digest Lens command/);
  });
});

describe('hover card: hostile text in the curated fields', () => {
  const evil = '[x](command:workbench.action.terminal.sendSequence) ![i](https://t.co/p.png) <img src=x onerror=alert(1)> `c` $(alert) \u202Eevil';
  const hostile = cardEntry('evil', {
    arxiv: ['2405.18719'],
    tldr: evil,
    tldr_ru: evil,
    authors: [evil, 'B](command:evil)'],
    venue: evil,
    code: ['javascript:alert(1)', 'https://github.com/a/b)](command:evil', 'https://user:pw@evil.example/'],
    links: ['data:text/html,<script>alert(1)</script>', 'https://ok.example/x"y'],
    aliases: [evil],
    excerpt: true,
    source: { name: evil, url: 'javascript:alert(1)' },
  });

  for (const lang of ['en', 'ru'] as const) {
    it(`no corpus text becomes a link, image, HTML or icon (${lang} UI)`, () => {
      const card = buildHoverCard([mention(['evil'])], lookupOf([hostile]), { ...OPTIONS, lang })!;
      for (const l of links(card.markdown)) {
        assert.ok(/^(command:digestLens\.openDigest\?|command:digestLens\.star\?%5B%22evil%22%5D$|command:digestLens\.ignoreDigest\?%5B%22evil%22%5D$|https:\/\/arxiv\.org\/|https:\/\/www\.alphaxiv\.org\/|https:\/\/github\.com\/a\/b%29%5D%28command:evil$|https:\/\/ok\.example\/x%22y$)/.test(l), `unexpected link target ${l}`);
      }
      assert.ok(!/(^|[^\\])</.test(card.markdown), 'unescaped <');
      assert.ok(!/(^|[^\\])!\[/.test(card.markdown), 'image syntax');
      assert.ok(!/(^|[^\\])`/.test(card.markdown), 'unescaped backtick');
      assert.ok(!/[\u202A-\u202E]/.test(card.markdown), 'bidi control');
      for (const m of card.markdown.matchAll(/(^|[^\\])\$\(([^)]*)\)/g)) assert.ok(['book', 'tag', 'broadcast', 'go-to-file', 'star-empty', 'mute'].includes(m[2]), m[2]);
      assert.deepEqual(card.commands.sort(), ['digestLens.ignoreDigest', 'digestLens.openDigest', 'digestLens.star']);
    });
  }
});

describe('hover card: the card at a position (the hover provider\'s path)', () => {
  const recognizer = Recognizer.build([curated, retnet]);
  const lookup = lookupOf([curated, retnet]);
  const line = 'layer = CLA(dim)  # arXiv:2307.08621';
  // The line is line 4 of a document whose first line cites CLA's paper: evidence for the acronym.
  const doc = () => ({ key: {}, version: 1, lines: () => ['# Cross-layer KV sharing, arXiv:2405.12981', '', '', '', line] });

  it('finds the mentions under the cursor and returns their card and range', () => {
    const onName = cardAt(recognizer, lookup, doc(), line, 4, 9, { ...OPTIONS, methodNames: true })!;
    assert.deepEqual([onName.start, onName.end], [8, 11]);
    assert.equal(onName.card.markdown, buildHoverCard(onName.mentions, lookup, OPTIONS)!.markdown);
    assert.deepEqual(onName.mentions.map((m) => m.digests), [['cla']]);
    const onId = cardAt(recognizer, lookup, doc(), line, 4, 30, { ...OPTIONS, methodNames: true })!;
    assert.ok(onId.card.markdown.includes('Retentive Network'));
    assert.deepEqual([onId.start, onId.end], [20, 36]);
  });

  it('the document decides: without evidence of its paper the acronym gets no card, the arXiv ID still does', () => {
    const bare = { key: {}, version: 1, lines: () => ['', '', '', '', line] };
    assert.equal(cardAt(recognizer, lookup, bare, line, 4, 9, { ...OPTIONS, methodNames: true }), undefined);
    assert.ok(cardAt(recognizer, lookup, bare, line, 4, 30, { ...OPTIONS, methodNames: true }));
  });

  it('nothing where nothing is mentioned, and no method names when they are off', () => {
    assert.equal(cardAt(recognizer, lookup, doc(), line, 4, 1, { ...OPTIONS, methodNames: true }), undefined);
    assert.equal(cardAt(recognizer, lookup, doc(), line, 4, 9, { ...OPTIONS, methodNames: false }), undefined);
    assert.ok(cardAt(recognizer, lookup, doc(), line, 4, 30, { ...OPTIONS, methodNames: false }));
  });
});

describe('hover card: words', () => {
  it('every default label is a message of the l10n bundle, so the CLI translates what the hover shows', () => {
    const root = join(__dirname, '..', '..', '..');
    const en = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const ru = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.ru.json'), 'utf8')) as Record<string, string>;
    for (const message of Object.values(DEFAULT_LABELS)) {
      assert.ok(message in en, `"${message}" is not in l10n/bundle.l10n.json`);
      assert.notEqual(ru[message], undefined, `"${message}" has no Russian text`);
    }
  });

  it('one topic label rule: the UI language, the English label as fallback, the id for an unknown topic', () => {
    const t = { id: 'llm', label: 'Language models', label_ru: 'Языковые модели' };
    assert.equal(topicLabel(t, 'llm', 'en'), 'Language models');
    assert.equal(topicLabel(t, 'llm', 'ru'), 'Языковые модели');
    assert.equal(topicLabel({ ...t, label_ru: '' }, 'llm', 'ru'), 'Language models');
    assert.equal(topicLabel(undefined, 'astrology', 'ru'), 'astrology');
    assert.deepEqual(['ru', 'ru-RU', 'RU', 'en', 'en-us', 'de', '', undefined].map(uiLang), ['ru', 'ru', 'ru', 'en', 'en', 'en', 'en', 'en']);
  });
});
