import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Linear-growth check for code that scans text a user controls (ReDoS and rescanning traps).
 * `f` is timed on adversarial input of size n and 4n in one run: linear code takes about 4× as
 * long, super-linear code 16× or more. The bound is 8× on the fastest of several interleaved
 * runs, with n grown until one run takes about ten milliseconds (below that, JIT and timer noise
 * dominate) and at most `maxN`. Garbage is collected before each timed run so that one run does
 * not pay for the previous one. The machine is shared, so a measurement over the bound is
 * repeated up to three times: load slows single runs, super-linear code fails every time.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function time(f: (input: string) => unknown, input: string, clean = false): number {
  if (clean) collectGarbage();
  const t0 = performance.now();
  f(input);
  return performance.now() - t0;
}

function fastest(f: (input: string) => unknown, input: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, time(f, input));
  return best;
}

export function assertLinear(f: (input: string) => unknown, make: (n: number) => string, startN = 1000, maxN = 64_000): void {
  fastest(f, make(startN), 3); // let the JIT settle before sizing
  let n = startN;
  while (n < maxN && fastest(f, make(n), 3) < 10) n *= 2;
  const small = make(n);
  const large = make(4 * n);
  let report = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    let t1 = Infinity;
    let t4 = Infinity;
    for (let rep = 0; rep < 5; rep++) {
      t1 = Math.min(t1, time(f, small, true));
      t4 = Math.min(t4, time(f, large, true));
    }
    if (t4 <= 8 * t1 + 0.5) return;
    report += ` ${t1.toFixed(2)} → ${t4.toFixed(2)} ms (${(t4 / t1).toFixed(1)}×);`;
  }
  assert.fail(`${JSON.stringify(small.slice(0, 30))}… at n=${n} and 4n:${report}`);
}
