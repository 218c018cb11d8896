import * as assert from 'node:assert/strict';
import { findArxivIds } from '../../src/core/arxiv';
import { isArxivId, normalizeArxivId } from '../../src/core/arxivId';
import { buildHoverCard, escapeMarkdown } from '../../src/core/hoverCard';
import { Recognizer } from '../../src/core/recognizer';
import { ENTRIES, TOPICS, digest, entry } from './recognizerCorpus';

/**
 * Every function that runs a regex or a scan over text a user (or a corpus file) controls is
 * timed on adversarial input at size n and 4n. Linear code takes about 4× as long; anything
 * super-linear (backtracking, rescanning) takes 16× or more. The bound is 8×, on the fastest of
 * several interleaved runs, with n grown until a run takes a few milliseconds. The machine is
 * shared (builds, other suites), so a measurement over the bound is repeated up to three times:
 * load makes single measurements slow, while super-linear code fails every time.
 */
function time(f: (input: string) => unknown, input: string): number {
  const t0 = performance.now();
  f(input);
  return performance.now() - t0;
}

function fastest(f: (input: string) => unknown, input: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, time(f, input));
  return best;
}

function assertLinear(f: (input: string) => unknown, make: (n: number) => string, startN = 1000): void {
  fastest(f, make(startN), 3); // let the JIT settle before sizing
  let n = startN;
  while (n < 1_000_000 && fastest(f, make(n), 3) < 5) n *= 2;
  const small = make(n);
  const large = make(4 * n);
  let report = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    let t1 = Infinity;
    let t4 = Infinity;
    for (let rep = 0; rep < 7; rep++) {
      t1 = Math.min(t1, time(f, small));
      t4 = Math.min(t4, time(f, large));
    }
    if (t4 <= 8 * t1 + 0.5) return;
    report += ` ${t1.toFixed(2)} → ${t4.toFixed(2)} ms (${(t4 / t1).toFixed(1)}×);`;
  }
  assert.fail(`${JSON.stringify(small.slice(0, 24))}… at n=${n} and 4n:${report}`);
}

const repeat = (unit: string, tail = '') => (n: number): string => unit.repeat(Math.ceil(n / unit.length)) + tail;

// Names that share long prefixes with each other and with the adversarial text.
const NASTY = Recognizer.build([
  ...ENTRIES,
  ...Array.from({ length: 60 }, (_, i) => entry(`a${i}`, { methods: ['a'.repeat(i + 2), 'A'.repeat(i + 2) + 'x', 'aB'.repeat(i + 1)] })),
  entry('long-multi', { methods: [Array.from({ length: 30 }, () => 'ab').join(' ')] }),
]);

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
            get: (id) => digest(id, { title: s, summary: s, source: { name: s, url: 'https://x.org/' + s } }),
            topic: (id) => TOPICS.find((t) => t.id === id),
          },
          { maxCards: 3, unknownArxivIds: true },
        );
      assertLinear(card, repeat('(['));
      assertLinear(card, repeat('%'));
    });
  });
});
