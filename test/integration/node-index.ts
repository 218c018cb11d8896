// Test entry for the Node extension host (desktop VS Code, code-server). The build emits each
// *.spec.ts as its own file next to this one, so every suite found here runs, with no list
// to keep in step with the web entry.
import Mocha from 'mocha';
import { readdirSync } from 'fs';
import { join } from 'path';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20_000 });
  // The workbench forwards the extension host's environment when the harness sets it; an
  // empty or absent value runs everything.
  const grep = process.env.DIGEST_LENS_GREP;
  if (grep) mocha.grep(grep);
  const specs = readdirSync(__dirname)
    .filter((f) => f.endsWith('.spec.js'))
    .sort();
  if (specs.length === 0) throw new Error(`no *.spec.js next to ${__dirname}; run the build first`);
  for (const f of specs) mocha.addFile(join(__dirname, f));
  await mocha.loadFilesAsync();

  let passed = 0;
  let failed = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
  console.log(`DIGEST_LENS_RESULT ${JSON.stringify({ passed, failed })}`);
  if (failed > 0) throw new Error(`${failed} test(s) failed`);
}
