import * as assert from 'node:assert/strict';
import { BINARY_PROBE_BYTES, isBinaryBytes, isBinaryText } from '../../src/core/text';
import { decodeDigestBytes } from '../../src/core/digest';
import { parseDigestFile } from '../../src/core/digestFile';
import { importSource } from '../../src/core/import';
import { digestText } from '../builders/digestText';

describe('what is not text: one rule for every reader', () => {
  it('bytes: a NUL in the first 8 KB, as git and grep decide', () => {
    const at = (i: number, length = BINARY_PROBE_BYTES * 2): Uint8Array => {
      const b = new TextEncoder().encode('a'.repeat(length));
      b[i] = 0;
      return b;
    };
    assert.equal(isBinaryBytes(at(0)), true);
    assert.equal(isBinaryBytes(at(BINARY_PROBE_BYTES - 1)), true);
    assert.equal(isBinaryBytes(at(BINARY_PROBE_BYTES)), false);
    assert.equal(isBinaryBytes(new Uint8Array()), false);
    assert.equal(isBinaryBytes(new TextEncoder().encode('Ретентивная сеть 🚀')), false);
  });

  it('text: a NUL anywhere, or more than 2% replacement characters at its start', () => {
    assert.equal(isBinaryText(''), false);
    assert.equal(isBinaryText('x'.repeat(100_000) + '\u0000'), true);
    // A page with a few characters lost in decoding is still a page.
    assert.equal(isBinaryText('Статья о внимании. '.repeat(50) + '\uFFFD'.repeat(5)), false);
    assert.equal(isBinaryText(new TextDecoder().decode(Uint8Array.from({ length: 4000 }, (_, i) => (i * 131 + 200) % 256 | 128))), true);
  });

  it('the folder reader, the digest parser and the importer give the same answer', () => {
    const text = digestText({ id: 'x' }) + '\uFFFD'.repeat(2000);
    assert.match(parseDigestFile(text, 'x.md', new Set(['llm'])).problems[0]?.message ?? '', /binary file/);
    assert.match(importSource(text, 'x.txt').problems[0]?.message ?? '', /binary file/);
    const bytes = new TextEncoder().encode(digestText({ id: 'x' }));
    assert.ok('text' in decodeDigestBytes(bytes));
    bytes[10] = 0;
    const decoded = decodeDigestBytes(bytes);
    assert.match('problem' in decoded ? decoded.problem : '', /binary file/);
  });
});
