// Lane 2: the integration suites in a Node extension host — the host desktop VS Code users
// run, loading the extension's `main` entry. code-server (set up by setup-node-host.mjs)
// serves the workbench on loopback; Debian's Chromium drives it with VS Code's test protocol.
//
// Usage: node scripts/test-node-host.mjs [--extension <dir>] [--label <name>] [--grep <re>]
//                                        [--timeout <seconds>] [--headed] [--tests <entry.js>]
//                                        [--log-level <level>]
//   --extension  load the extension from <dir> (e.g. the unpacked .vsix) instead of the repo
//   --grep       run only the tests whose full title matches
//   --tests      a different tests entry (default: out/test/integration/node/node-index.js)
//   --log-level  code-server's log level (trace, debug, info, warn, error); `trace` puts the
//                file watcher's raw events into the server logs saved on failure
// Exit codes: the tests' (0 passed, 1 failed), 2 nothing built, 3 lane not set up.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium, runTestPage } from './lib/browser.mjs';
import { CODE_SERVER_VERSION, SETUP_ID, codeServerPackage, installedVersion } from './setup-node-host.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const label = arg('--label') ?? 'node-host';
const extensionPath = resolve(arg('--extension') ?? root);
const grep = arg('--grep') ?? process.env.DIGEST_LENS_GREP ?? '';
const timeoutMs = Number(arg('--timeout') ?? 600) * 1000;
const headless = !process.argv.includes('--headed');
const logLevel = arg('--log-level');
const testsPath = resolve(arg('--tests') ?? join(root, 'out', 'test', 'integration', 'node', 'node-index.js'));
const workspace = join(root, 'test', 'fixtures', 'workspace');
const entry = join(codeServerPackage, 'out', 'node', 'entry.js');

const fail = (code, message) => {
  console.error(`${label}: ${message}`);
  process.exit(code);
};

if (installedVersion() !== SETUP_ID || !existsSync(entry)) {
  fail(3, `code-server ${CODE_SERVER_VERSION} is not set up (or set up by an older recipe) in ${relative(root, dirname(dirname(codeServerPackage)))}; run "npm run setup:node-host" first.`);
}
if (!existsSync(testsPath)) fail(2, `${relative(root, testsPath)} is missing; run "npm run build" first.`);
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) fail(2, `--timeout wants a number of seconds, got "${arg('--timeout')}".`);
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'];
if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) fail(2, `--log-level wants one of ${LOG_LEVELS.join(', ')}, got "${logLevel}".`);
let main;
try {
  main = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')).main;
} catch (err) {
  fail(2, `cannot read ${join(extensionPath, 'package.json')}: ${err.message}`);
}
// This lane exists to load `main`; an extension without one would silently test nothing.
if (typeof main !== 'string') fail(2, `${extensionPath}/package.json has no "main" entry.`);
const mainFile = join(extensionPath, main);
if (![mainFile, `${mainFile}.js`].some((f) => existsSync(f))) {
  fail(2, `${relative(root, mainFile) || mainFile} (the extension's "main") is missing; run "npm run build" first.`);
}
if (!existsSync(workspace)) {
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'README.md'), '# Fixture workspace\n\nOpened by the integration tests.\n');
}

const resultsDir = join(root, 'test-results');
const screenshotPath = join(resultsDir, `${label}-failure.png`);
const logsDir = join(resultsDir, `${label}-logs`);
// Evidence of an earlier failure must not be mistaken for this run's.
rmSync(screenshotPath, { force: true });
rmSync(logsDir, { recursive: true, force: true });

const started = Date.now();

/** The workbench page once it is open; the DOM endpoint answers from it. */
let currentPage;
let domUrl;
const domServer = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const selector = url.searchParams.get('selector');
  if (url.pathname !== '/dom' || !selector || !currentPage) {
    res.writeHead(404).end();
    return;
  }
  currentPage
    .$$eval(selector, (els) => els.map((e) => ({ text: e.textContent ?? '', html: e.innerHTML, links: e.querySelectorAll('a').length })))
    .then(
      (found) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(found)),
      (err) => res.writeHead(500).end(String(err?.message ?? err)),
    );
});
await new Promise((r) => domServer.listen(0, '127.0.0.1', r));
domUrl = `http://127.0.0.1:${domServer.address().port}`;
const scratch = mkdtempSync(join(tmpdir(), 'digest-lens-node-host-'));
const controller = new AbortController();
let server;
let browser;
let serverLog = '';

/** Kills code-server and the extension host it spawned (they share its process group). */
async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const gone = new Promise((r) => server.once('exit', r));
  const signalGroup = (sig) => {
    try {
      process.kill(-server.pid, sig);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 3000);
  await gone;
  clearTimeout(timer);
}

async function cleanUp() {
  domServer.close();
  await browser?.close().catch(() => {});
  await stopServer();
  rmSync(scratch, { recursive: true, force: true });
}

/** The server side (extension host, file watcher, remote agent) logs into the scratch dir. */
function saveServerLogs() {
  const from = join(scratch, 'user-data', 'logs');
  if (!existsSync(from)) return;
  try {
    cpSync(from, join(logsDir, 'server'), { recursive: true });
    console.error(`${label}: server logs: ${join(logsDir, 'server')}`);
  } catch (err) {
    console.error(`${label}: could not save the server logs: ${err?.message ?? err}`);
  }
}

let interrupted = 0;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    interrupted++;
    if (interrupted > 1) process.exit(130);
    console.error(`${label}: ${sig}, stopping`);
    controller.abort();
  });
}

/** Starts code-server and resolves once it accepts HTTP requests. */
async function startServer(port) {
  const userData = join(scratch, 'user-data');
  const extensions = join(scratch, 'extensions');
  mkdirSync(userData, { recursive: true });
  mkdirSync(extensions, { recursive: true });
  // Quiet built-ins: the fixture workspace sits inside this repository, so the git extension
  // would scan it and ask to open the parent repository; nothing may reach for the gallery.
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'git.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
      },
      null,
      2,
    ),
  );
  const config = join(scratch, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  // Tests must not see the settings of a VS Code this script may be launched from.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|ELECTRON_)/.test(k)));
  env.DIGEST_LENS_GREP = grep;
  // The tests run in the extension host and cannot see the workbench page; they ask this
  // loopback endpoint, which reads the page's DOM (e.g. how a notification rendered).
  if (domUrl) env.DIGEST_LENS_DOM = domUrl;
  // code-server keeps state (heartbeat, last-opened) under XDG dirs; keep it in the scratch dir.
  env.XDG_DATA_HOME = join(scratch, 'xdg-data');
  env.XDG_CONFIG_HOME = join(scratch, 'xdg-config');
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    '--config', config,
    ...(logLevel ? ['--log', logLevel] : []),
    workspace,
  ];
  server = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk) => {
    serverLog += chunk;
    if (serverLog.length > 200_000) serverLog = serverLog.slice(-100_000);
  };
  server.stdout.setEncoding('utf8').on('data', collect);
  server.stderr.setEncoding('utf8').on('data', collect);

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (controller.signal.aborted) throw new Error('interrupted');
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`code-server exited early (${server.exitCode ?? server.signalCode})`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('code-server did not answer within 60 s');
}

const remote = (port, path) => `vscode-remote://127.0.0.1:${port}${path}`;

let result = { exitCode: 1, passed: 0, failed: 0, reported: false };
try {
  const port = await freePort();
  await startServer(port);
  const bootMs = Date.now() - started;
  browser = await launchChromium({ headless, handleSignals: false });
  const payload = [
    ['extensionDevelopmentPath', remote(port, extensionPath)],
    ['extensionTestsPath', remote(port, testsPath)],
  ];
  const url =
    `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  if (process.env.DIGEST_LENS_VERBOSE) console.log(`${label}: code-server up in ${bootMs} ms, opening ${url}`);
  result = await runTestPage(browser, url, {
    label,
    onPage: (page) => (currentPage = page),
    timeoutMs,
    signal: controller.signal,
    screenshotPath,
    logsDir,
  });
  // Our tests entry always reports its counts; an exit without them means the suites never ran.
  if (result.exitCode === 0 && !result.reported) {
    console.error(`${label}: the workbench reported success but the tests entry never reported its results`);
    result.exitCode = 1;
  }
} catch (err) {
  console.error(`${label}: ${err?.message ?? err}`);
  result.exitCode = controller.signal.aborted ? 130 : 1;
} finally {
  if (result.exitCode !== 0 && !result.reported && !controller.signal.aborted && serverLog.trim()) {
    console.error(`${label}: code-server output (last lines):\n${serverLog.trimEnd().split('\n').slice(-30).join('\n')}`);
  }
  if (result.exitCode !== 0 && !controller.signal.aborted) saveServerLogs();
  await cleanUp();
}
const note = result.reported ? '' : ' (no results reported)';
console.log(
  `${label}: ${result.passed} passed, ${result.failed} failed${note} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
process.exit(result.exitCode);
