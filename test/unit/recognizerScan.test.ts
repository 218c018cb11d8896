import * as assert from 'node:assert/strict';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { Mention } from '../../src/core/types';
import { ENTRIES, recognizerEntry } from '../builders/recognizer';

const r = Recognizer.build(ENTRIES);
const brief = (ms: Mention[]): string[] => ms.map((m) => `${m.line}:${m.character}-${m.endCharacter} ${m.text}`);

/** A deterministic filler without letters or digits next to which a name could be glued. */
function filler(length: number): string {
  return ' ;'.repeat(Math.ceil(length / 2)).slice(0, length);
}

describe('recognizer: hovering a position', () => {
  const line = 'x = RetNet(cfg)  # arXiv:2405.18719';

  it('returns the mention under the cursor from its first to its last character', () => {
    const start = line.indexOf('RetNet');
    for (const c of [start, start + 3, start + 5]) assert.deepEqual(brief(r.mentionsAt(line, 3, c)), [`3:${start}-${start + 6} RetNet`]);
    assert.deepEqual(r.mentionsAt(line, 3, start - 1), []);
    assert.deepEqual(r.mentionsAt(line, 3, start + 6), []);
  });

  it('covers the arXiv prefix as well as the ID', () => {
    const at = line.indexOf('arXiv');
    assert.deepEqual(brief(r.mentionsAt(line, 0, at)), [`0:${at}-${line.length} arXiv:2405.18719`]);
    assert.deepEqual(r.mentionsAt(line, 0, at)[0].digests, ['cope']);
  });

  it('ignores positions outside the line', () => {
    assert.deepEqual(r.mentionsAt(line, 0, -1), []);
    assert.deepEqual(r.mentionsAt(line, 0, line.length + 5), []);
    assert.deepEqual(r.mentionsAt('', 0, 0), []);
  });

  it('finds a mention deep inside a 5 MB line by looking at its neighbourhood only', () => {
    const before = filler(2_500_000);
    const huge = before + 'RetNet' + filler(2_500_000);
    let elapsed = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const found = r.mentionsAt(huge, 0, before.length + 2);
      elapsed = Math.min(elapsed, performance.now() - t0);
      assert.deepEqual(brief(found), [`0:${before.length}-${before.length + 6} RetNet`]);
    }
    // Scanning the whole line takes hundreds of milliseconds; the window well under one (the
    // fastest of three runs, so that a busy machine does not decide).
    assert.ok(elapsed < 20, `hover on a 5 MB line took ${elapsed.toFixed(1)} ms`);
  });

  it('agrees with a whole-line scan wherever the cursor is', () => {
    const text = 'use_cla and `cope` via https://arxiv.org/abs/2307.08621v2, then Δ-IRIS and 2501.00001.';
    const all = r.scanLine(text, 0);
    for (let c = 0; c < text.length; c++) {
      const expected = all.filter((m) => m.character <= c && c < m.endCharacter);
      assert.deepEqual(r.mentionsAt(text, 0, c), expected, `at ${c}`);
    }
  });
});

describe('recognizer: whole lines and texts', () => {
  it('finds every mention of a long line, including those across piece borders', () => {
    const names = ['RetNet', 'arXiv:2405.18719', 'https://arxiv.org/abs/2307.08621', 'SingLoRA', 'Cross-Layer Attention'];
    let text = '';
    const expected: string[] = [];
    // Place mentions so that some straddle multiples of the piece size (8192).
    for (let k = 1; k <= 12; k++) {
      const name = names[k % names.length];
      const at = k * 8192 - (k % 3 === 0 ? name.length >> 1 : k % 3 === 1 ? 0 : name.length);
      if (at < text.length + 1) continue;
      text += filler(at - text.length);
      expected.push(`0:${at}-${at + name.length} ${name}`);
      text += name;
    }
    text += filler(100);
    assert.ok(expected.length >= 10);
    assert.deepEqual(brief(r.scanLine(text, 0)), expected);
  });

  it('numbers lines for \\n, \\r\\n and \\r endings and stops at maxLines', () => {
    const text = 'RetNet\r\nno mention\nSingLoRA\rMatMul-free\n\n2405.18719';
    assert.deepEqual(brief(r.scanText(text)), ['0:0-6 RetNet', '2:0-8 SingLoRA', '3:0-11 MatMul-free', '5:0-10 2405.18719']);
    assert.deepEqual(brief(r.scanText(text, { maxLines: 3 })), ['0:0-6 RetNet', '2:0-8 SingLoRA']);
    assert.deepEqual(r.scanText(''), []);
  });

  it('turns method names or arXiv IDs off on request', () => {
    const text = 'RetNet arXiv:2307.08621';
    assert.deepEqual(brief(r.scanLine(text, 0, { methods: false })), ['0:7-23 arXiv:2307.08621']);
    assert.deepEqual(brief(r.scanLine(text, 0, { arxiv: false })), ['0:0-6 RetNet']);
    assert.deepEqual(r.scanLine(text, 0, { arxiv: false, methods: false }), []);
  });

  it('prefers the longest name at a position', () => {
    assert.deepEqual(
      r.scanLine('Mamba-2 beats Mamba (arXiv:2312.00752)', 0).map((m) => `${m.text}=>${m.digests.join(',')}`),
      ['Mamba-2=>mamba2', 'Mamba=>mamba', 'arXiv:2312.00752=>mamba'],
    );
  });

  it('lists every digest that shares a name, and arXiv IDs it does not know with no digest', () => {
    const shared = Recognizer.build([recognizerEntry('a', { methods: ['SharedNet'] }), recognizerEntry('b', { methods: ['SharedNet', 'OtherNet'] })]);
    const [m] = shared.scanLine('SharedNet', 0);
    assert.deepEqual(m.digests, ['a', 'b']);
    const [u] = r.scanLine('arXiv:2501.00001v3', 0);
    assert.deepEqual({ kind: u.kind, arxiv: u.arxiv, digests: u.digests }, { kind: 'arxiv', arxiv: '2501.00001', digests: [] });
  });

  it('returns fresh arrays: a caller cannot corrupt the compiled corpus', () => {
    r.scanLine('RetNet', 0)[0].digests.push('tampered');
    r.scanLine('2307.08621', 0)[0].digests.push('tampered');
    assert.deepEqual(r.scanLine('RetNet 2307.08621', 0).map((m) => m.digests), [['retnet'], ['retnet']]);
  });

  it('gives a method name inside an arXiv URL no separate mention', () => {
    const withAbs = Recognizer.build([recognizerEntry('abs', { methods: ['AbsFormer', 'Papers'] }), ...ENTRIES]);
    assert.deepEqual(
      withAbs.scanLine('https://huggingface.co/papers/2405.18719 AbsFormer', 0).map((m) => m.text),
      ['https://huggingface.co/papers/2405.18719', 'AbsFormer'],
    );
  });
});

describe('recognizer: building from untidy corpora', () => {
  it('skips names that cannot be matched sensibly instead of failing', () => {
    const odd = Recognizer.build([
      recognizerEntry('a', { methods: ['', ' ', 'X', '42', '---', 'Ok'.repeat(50), 'Good Name'] }),
      { id: 'b', arxiv: [null as unknown as string, ''], methods: [undefined as unknown as string] },
    ]);
    assert.equal(odd.nameCount, 1);
    assert.deepEqual(odd.scanLine('a Good Name, X 42 ---', 0).map((m) => m.text), ['Good Name']);
  });

  it('works with an empty corpus (arXiv IDs are still recognized)', () => {
    const empty = Recognizer.build([]);
    assert.deepEqual(brief(empty.scanLine('RetNet 2405.18719', 0)), ['0:7-17 2405.18719']);
  });

  it('compiles 30,000 names once and still answers from a map', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => recognizerEntry(`d${i}`, { methods: [`Meth${i}Net`, `SYN${i}X`, `q${i}-former`] }));
    const big = Recognizer.build([...ENTRIES, ...many]);
    assert.equal(big.nameCount >= 30_000, true);
    assert.deepEqual(
      big.scanLine('Meth9999Net and syn42x_layer and RetNet', 0).map((m) => `${m.text}=>${m.digests.join(',')}`),
      ['Meth9999Net=>d9999', 'syn42x=>d42', 'RetNet=>retnet'],
    );
  });

  it('never reports a range outside the text on binary-looking input', () => {
    let seed = 12345;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    let text = '';
    for (let i = 0; i < 200_000; i++) text += String.fromCharCode(Math.floor(rand() * 0x10000));
    // A line like this is machine-written: names are not looked for there, arXiv IDs are.
    text += ' RetNet arXiv:2405.18719';
    const found = r.scanLine(text, 0);
    for (const m of found) {
      assert.ok(m.character >= 0 && m.endCharacter <= text.length && m.character < m.endCharacter);
      assert.equal(text.slice(m.character, m.endCharacter), m.text);
    }
    assert.equal(found[found.length - 1].text, 'arXiv:2405.18719');
    assert.ok(!found.some((m) => m.kind === 'method'));
  });
});
