/**
 * Times the recognizer's table alone: compiling it (build time, or `Recognizer.build`) and
 * loading the compiled form (activation), cold and warm:
 *   node out/bench/profileRecognizer.js <corpus dir>
 */
import { readBundleIndex } from '../src/cli/loadBundle';
import { compileNames } from '../src/core/recognizer';
import { Recognizer } from '../src/core/recognizer';

const index = readBundleIndex(process.argv[2]);
const ids = index.ids;
for (let run = 0; run < 4; run++) {
  let t = performance.now();
  const compiled = compileNames(index.digests);
  const compileMs = performance.now() - t;
  const text = JSON.stringify(compiled);
  t = performance.now();
  const r = Recognizer.load(JSON.parse(text) as typeof compiled, ids);
  const loadMs = performance.now() - t;
  t = performance.now();
  Recognizer.build(index.digests);
  const buildMs = performance.now() - t;
  console.log(
    `run ${run}: compile ${compileMs.toFixed(1)} ms, parse+load ${loadMs.toFixed(1)} ms (${r.nameCount} keys, ${(text.length / 1e6).toFixed(1)} MB), build ${buildMs.toFixed(1)} ms`,
  );
}
