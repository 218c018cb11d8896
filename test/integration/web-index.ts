// Test entry for the web-worker extension host. The build feeds it every *.spec.ts through
// `suites.generated` (see scripts/build.mjs), so adding a suite needs no edit here.
import 'mocha/mocha';
import { loadSuites } from './suites.generated';

function run(): Promise<void> {
  // The spec reporter writes through mocha's process.stdout shim, which ends up in console.log.
  mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 30_000, color: false });
  // Set by `test-web.mjs --grep` (see its copy of this entry); empty runs everything.
  const grep = process.env.DIGEST_LENS_GREP;
  if (grep) mocha.grep(grep);
  loadSuites();
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      console.log(`DIGEST_LENS_RESULT ${JSON.stringify({ passed, failed })}`);
      if (failed > 0) reject(new Error(`${failed} test(s) failed`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}

// Not `export function run`: bundled mocha's UMD header assigns `module.exports = mocha`, which
// would make the host call `mocha.run` instead. Assign the whole object last.
module.exports = { run };
