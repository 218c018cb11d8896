/** Times `Recognizer.build` alone, cold and warm: node out/bench/profileRecognizer.js <corpus dir> */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Recognizer } from '../src/core/recognizer';
import { skeletonize } from '../src/core/recognizerText';

const index = JSON.parse(fs.readFileSync(path.join(process.argv[2], 'index.json'), 'utf8')) as { digests: { id: string; arxiv: string[]; methods: string[] }[] };
const names = index.digests.flatMap((d) => d.methods);
for (let run = 0; run < 4; run++) {
  let t = performance.now();
  for (const n of names) skeletonize(n);
  const sk = performance.now() - t;
  t = performance.now();
  Recognizer.build(index.digests);
  console.log(`run ${run}: skeletonize all names ${sk.toFixed(1)} ms, build ${(performance.now() - t).toFixed(1)} ms`);
}
