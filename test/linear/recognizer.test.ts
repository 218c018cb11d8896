import { findArxivIds } from '../../src/core/arxiv/arxiv';
import { isArxivId, normalizeArxivId } from '../../src/core/arxiv/arxiv';
import { buildHoverCard, escapeMarkdown } from '../../src/core/render/hoverCard';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { NASTY_ENTRIES, TOPICS, cardEntry } from '../builders/recognizer';
import { assertLinear } from './linearTime';


const repeat = (unit: string, tail = '') => (n: number): string => unit.repeat(Math.ceil(n / unit.length)) + tail;

// Names that share long prefixes with each other and with the adversarial text.
const NASTY = Recognizer.build(NASTY_ENTRIES);

describe('linear time on adversarial input', function () {
  this.timeout(60_000);

  describe('arXiv ID finder', () => {
    const find = (s: string) => findArxivIds(s);
    it('digit runs and almost-IDs', () => {
      assertLinear(find, repeat('1'));
      assertLinear(find, repeat('2405.'));
      assertLinear(find, repeat('2405.1871'));
      assertLinear(find, repeat('2405.18719.'));
      assertLinear(find, repeat('2405.18719v'));
    });
    it('URL look-behinds', () => {
      assertLinear(find, repeat('arxiv.org/abs/'));
      assertLinear(find, repeat('https://www.alphaxiv.org/ru/overview/2405.18719'));
      assertLinear(find, repeat('a'));
      assertLinear(find, (n) => 'a/'.repeat(n / 2) + '2405.18719');
    });
    it('old-style look-behinds', () => {
      assertLinear(find, repeat('hep-th/9901001'));
      assertLinear(find, repeat('-/9901001'));
      assertLinear(find, repeat('math.GT/'));
    });
  });

  describe('arXiv ID helpers', () => {
    it('normalizeArxivId', () => {
      assertLinear(normalizeArxivId, (n) => 'v' + '1'.repeat(n) + 'x');
      assertLinear(normalizeArxivId, repeat('v1'));
      assertLinear(normalizeArxivId, repeat('arxiv:'));
      assertLinear(normalizeArxivId, (n) => 'a.'.repeat(n / 2) + '/1');
    });
    it('isArxivId', () => {
      assertLinear(isArxivId, repeat('a', '/'));
      assertLinear(isArxivId, repeat('a-', '.AB/123456'));
      assertLinear(isArxivId, repeat('1'));
      assertLinear(isArxivId, (n) => '2405.18719' + 'v1'.repeat(n / 2) + 'x');
    });
  });

  describe('recognizer', () => {
    const line = (s: string) => NASTY.scanLine(s, 0);
    const text = (s: string) => NASTY.scanText(s);
    it('runs of words that match name prefixes', () => {
      assertLinear(line, repeat('a'));
      assertLinear(line, repeat('a '));
      assertLinear(line, repeat('aB'));
      assertLinear(line, repeat('AAx_'));
      assertLinear(line, repeat('ab '));
      assertLinear(line, repeat('a-b_c d'));
    });
    it('code-context checks: backticks, citations, punctuation', () => {
      assertLinear(line, repeat('`', ' cope'));
      assertLinear(line, repeat('` cope '));
      assertLinear(line, (n) => '\\cite{' + 'x,'.repeat(n / 2) + 'cope}');
      assertLinear(line, repeat('cope '));
      assertLinear(line, repeat('.cope('));
      assertLinear(line, repeat('import cope '));
    });
    it('non-ASCII, surrogates and binary', () => {
      assertLinear(line, repeat('ΔIRIS '));
      assertLinear(line, repeat('Ωщ'));
      assertLinear(line, repeat('\ud835\udc00'));
      assertLinear(line, repeat('\ud800'));
      assertLinear(line, repeat('\u0000\u00ff\u0301'));
    });
    it('many lines', () => {
      assertLinear(text, repeat('RetNet\n'));
      assertLinear(text, repeat('\r'));
    });
    it('hover at a position in an ever longer line', () => {
      assertLinear((s) => NASTY.mentionsAt(s, 0, s.length >> 1), repeat('a_'));
    });
  });

  describe('hover card escaping (corpus text is untrusted)', () => {
    it('escapeMarkdown', () => {
      assertLinear(escapeMarkdown, repeat('\u202e['));
      assertLinear(escapeMarkdown, repeat(' \n\t'));
      assertLinear(escapeMarkdown, repeat('$(x)'));
    });
    it('buildHoverCard', () => {
      const card = (s: string) =>
        buildHoverCard(
          [{ line: 0, character: 0, endCharacter: 1, text: 'x', kind: 'method', digests: ['d'] }],
          {
            get: (id) => cardEntry(id, { title: s, summary: s, source: { name: s, url: 'https://x.org/' + s } }),
            topic: (id) => TOPICS.find((t) => t.id === id),
          },
          { maxCards: 3, unknownArxivIds: true },
        );
      assertLinear(card, repeat('(['));
      assertLinear(card, repeat('%'));
    });
  });
});
