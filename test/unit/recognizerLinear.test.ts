import { Recognizer } from '../../src/core/recognizer/recognizer';
import { assertLinear } from '../linear/linearTime';
import { NASTY_ENTRIES } from '../builders/recognizer';

// The recognizer is hand-written scanning, which eslint-plugin-regexp cannot check: these few
// growth checks stay in the unit suite. The full adversarial audit is `npm run test:linear`.
const repeat = (unit: string) => (n: number): string => unit.repeat(Math.ceil(n / unit.length));

// Names that share long prefixes with each other and with the adversarial text.
const NASTY = Recognizer.build(NASTY_ENTRIES);

describe('recognizer: linear growth on adversarial input', function () {
  this.timeout(60_000);
  it('a line of words that match name prefixes', () => {
    assertLinear((s) => NASTY.scanLine(s, 0), repeat('ab '));
  });
  it('many lines', () => {
    assertLinear((s) => NASTY.scanText(s), repeat('RetNet\n'));
  });
  it('a hover in an ever longer line', () => {
    assertLinear((s) => NASTY.mentionsAt(s, 0, s.length >> 1), repeat('a_'));
  });
});
