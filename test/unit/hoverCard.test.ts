import * as assert from 'node:assert/strict';
import { buildHoverCard, CardLookup, escapeMarkdown, HoverCardOptions } from '../../src/core/hoverCard';
import { DigestEntry, Mention } from '../../src/core/types';
import { TOPICS, digest } from './recognizerCorpus';

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

const retnet = digest('retnet', {
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
    const commands = links(card.markdown).filter((l) => l.startsWith('command:digestLens.openDigest'));
    assert.equal(commands.length, 2);
    for (const c of commands) {
      assert.ok(c.startsWith('command:digestLens.openDigest?'));
      assert.deepEqual(commandArgs(c), ['retnet']);
    }
    assert.ok(card.markdown.includes('Retentive Network: A Successor to Transformer'.replace(/:/g, '\\:')));
    assert.deepEqual(card.commands, ['digestLens.openDigest', 'digestLens.ignoreDigest']);
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
    assert.deepEqual(named.commands.sort(), ['digestLens.ignoreDigest', 'digestLens.ignoreName', 'digestLens.openDigest']);
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
    const multi = digest('multi', { arxiv: ['2401.18059', '2405.18719'] });
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
  const many = Array.from({ length: 5 }, (_, i) => digest(`d${i}`, { title: `Paper ${i}`, arxiv: [`2405.1000${i}`] }));

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
  const evil = digest('evil', {
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
    for (const icon of icons) assert.ok(['book', 'tag', 'broadcast', 'go-to-file'].includes(icon), icon);
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
