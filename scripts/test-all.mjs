// `npm test`: every check in order, then one summary line counting all suites.
//   1. build, type check and lint     4. integration suites, web workbench (repo; the UI-language
//                                        suites again in a Russian workbench)
//   2. validate digests/              5. the same suites against the unpacked .vsix
//   3. unit tests (mocha, Node)          (and its README's and walkthrough's links resolve inside it)
//                                     6. the same suites in a Node extension host (code-server)
// First it checks the Debian packages npm cannot bring and stops at once, naming the
// install command, when one is missing. Step 6 sets its lane up on the first run
// (scripts/setup-node-host.mjs installs code-server from npm; later runs find it ready).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedVersion, SETUP_ID } from './setup-node-host.mjs';
import { missingDebianPackages, missingPackagesLine } from './lib/system.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const totals = { passed: 0, failed: 0 };
const lines = [];

/** Runs a command, echoing its output; returns exit code and the output text. */
function sh(cmd, args, opts = {}) {
  return new Promise((res) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, ...opts });
    let text = '';
    const take = (stream, sink) =>
      stream.on('data', (d) => {
        text += d;
        sink.write(d);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('close', (code) => res({ code: code ?? 1, text }));
  });
}

/** A check that is not a test runner counts as one test. */
async function check(name, cmd, args) {
  console.log(`\n=== ${name}`);
  const { code } = await sh(cmd, args);
  record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  return code;
}

function record(name, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  lines.push(`${name}: ${passed} passed, ${failed} failed`);
}

/** A lane whose last line is `<label>: N passed, M failed`. */
async function lane(name, cmd, args) {
  console.log(`\n=== ${name}`);
  const { code, text } = await sh(cmd, args);
  const m = [...text.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  const passed = m ? Number(m[1]) : 0;
  const failed = m ? Number(m[2]) : 0;
  // A lane that crashed before counting is one failure, never a silent pass.
  record(name, passed, code !== 0 && failed === 0 ? failed + 1 : failed);
}

// Nothing is worth starting when a lane could not run: say what to install, in one line.
const missing = missingDebianPackages({ nodeHostBuild: installedVersion() !== SETUP_ID });
if (missing.length) {
  console.error(`npm test: ${missingPackagesLine(missing)}`);
  process.exit(1);
}

const started = Date.now();
// The build goes first: it also generates test/integration/suites.generated.ts, which the
// type check reads.
const built = await check('build', 'npm', ['run', '--silent', 'build']);
await check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
await check('lint', 'npx', ['eslint', 'src', 'test', 'scripts']);
if (built === 0) {
  await check('validate digests/', 'node', ['dist/cli.js', 'validate', 'digests']);

  console.log('\n=== unit tests');
  const unit = await sh('npx', ['mocha', '--reporter', 'spec', 'out/test/unit/*.test.js']);
  const passing = /(\d+) passing/.exec(unit.text);
  const failing = /(\d+) failing/.exec(unit.text);
  const up = passing ? Number(passing[1]) : 0;
  const uf = failing ? Number(failing[1]) : unit.code !== 0 ? 1 : 0;
  record('unit', up, uf);

  await lane('web workbench', 'node', ['scripts/test-web.mjs']);
  // The suites that depend on the display language, again in a Russian workbench.
  await lane('web workbench (Russian UI)', 'node', ['scripts/test-web.mjs', '--locale', 'ru', '--grep', 'UI language', '--label', 'web-ru']);

  console.log('\n=== package .vsix');
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const vsix = `digest-lens-${version}.vsix`;
  // The README's own packaging command, so the lane tests what users build.
  const packaged = await sh('npm', ['run', '--silent', 'package', '--', '--out', vsix]);
  const unpacked = join(root, '.vscode-test', 'vsix');
  if (packaged.code === 0) {
    rmSync(unpacked, { recursive: true, force: true });
    mkdirSync(unpacked, { recursive: true });
    const unzip = await sh('unzip', ['-q', '-o', vsix, '-d', unpacked]);
    if (unzip.code === 0) {
      await check('links inside the .vsix', 'node', ['scripts/lib/packageLinks.mjs', join(unpacked, 'extension')]);
      // The tests are not part of the package; put them beside it for this run only.
      cpSync(join(root, 'out', 'test', 'integration'), join(unpacked, 'extension', 'out', 'test', 'integration'), { recursive: true });
      await lane('web workbench (.vsix)', 'node', ['scripts/test-web.mjs', '--extension', join(unpacked, 'extension'), '--label', 'vsix']);
    } else record('unzip .vsix', 0, 1);
  } else record('package .vsix', 0, 1);

  // Idempotent: a set-up lane is reported ready in a moment.
  console.log('\n=== node extension host set-up');
  const setUp = await sh('node', ['scripts/setup-node-host.mjs']);
  if (setUp.code !== 0) record('node extension host set-up', 0, 1);
  else await lane('node extension host', 'node', ['scripts/test-node-host.mjs']);
}

console.log('\n=== summary');
for (const l of lines) console.log(`  ${l}`);
console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
