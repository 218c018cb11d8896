import * as assert from 'assert';
import { mapConcurrent } from '../../src/core/util/concurrency';

describe('mapConcurrent', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapConcurrent([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    assert.deepStrictEqual(out, [50, 10, 40, 20, 30, 0, 60]);
    assert.strictEqual(peak, 3);
  });

  it('a slow item holds up only its own slot', async () => {
    const started: number[] = [];
    await mapConcurrent([30, 1, 1, 1, 1], 2, async (n, i) => {
      started.push(i);
      await new Promise((r) => setTimeout(r, n));
    });
    // Items 1..4 all ran through the second slot while item 0 was still running.
    assert.deepStrictEqual(started, [0, 1, 2, 3, 4]);
  });

  it('empty input, and a bad limit runs one at a time', async () => {
    assert.deepStrictEqual(await mapConcurrent([], 4, async () => 1), []);
    assert.deepStrictEqual(await mapConcurrent([1, 2], 0, async (n) => n), [1, 2]);
    assert.deepStrictEqual(await mapConcurrent([1, 2], Number.NaN, async (n) => n), [1, 2]);
  });

  it('a rejection rejects the whole map', async () => {
    await assert.rejects(mapConcurrent([1, 2, 3], 2, async (n) => { if (n === 2) throw new Error('boom'); return n; }), /boom/);
  });
});
