// Launching Debian's Chromium with playwright-core and speaking VS Code's test protocol
// (`codeAutomationLog` / `codeAutomationExit`) to a workbench page. Shared by the web
// workbench lane and the Node extension host lane. Never downloads a browser.
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { format } from 'node:util';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The line each tests entry logs after its run, so a harness can sum up the counts. */
export const RESULT_MARKER = 'DIGEST_LENS_RESULT';

/** Path of the Chromium to drive: $CHROMIUM_PATH or Debian's package. Throws a helpful error. */
export function chromiumPath() {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `Chromium not found (looked at ${candidates.join(', ')}). Install it with \`apt-get install -y chromium\` or point CHROMIUM_PATH at a Chromium binary.`,
    );
  }
  return found;
}

/**
 * Launches Chromium with a throw-away profile.
 * `handleSignals: false` leaves SIGINT/SIGTERM/SIGHUP to the caller: Playwright's own handler
 * closes the browser and then exits the process at once, before the caller can stop the
 * servers it started.
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, close: () => Promise<void> }>}
 */
export async function launchChromium({ headless = true, args = [], handleSignals = true } = {}) {
  const executablePath = chromiumPath();
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'digest-lens-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless,
      args: [...CHROMIUM_ARGS, ...args],
      viewport: { width: 1280, height: 800 },
      handleSIGINT: handleSignals,
      handleSIGTERM: handleSignals,
      handleSIGHUP: handleSignals,
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not launch Chromium at ${executablePath}: ${err?.message ?? err}`);
  }
  let closed = false;
  return {
    context,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A free TCP port on the loopback interface. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Parses the `DIGEST_LENS_RESULT {"passed":N,"failed":M}` line a tests entry logs.
 * Returns undefined for anything else, including a malformed payload.
 */
export function parseResultLine(line) {
  const at = line.indexOf(RESULT_MARKER);
  if (at < 0) return undefined;
  try {
    const value = JSON.parse(line.slice(at + RESULT_MARKER.length).trim());
    if (Number.isInteger(value?.passed) && Number.isInteger(value?.failed) && value.passed >= 0 && value.failed >= 0) {
      return { passed: value.passed, failed: value.failed };
    }
  } catch {
    /* not ours */
  }
  return undefined;
}

/**
 * Workbench chatter that says nothing about the tests: start-up progress, the extension
 * gallery it cannot reach offline, and translations the local builds do not ship.
 */
export const HARMLESS_LOG_PATTERNS = [
  /Ignoring fetching additional builtin extensions from gallery/,
  /ENOPRO: No file system provider found/,
  /package\.nls\.json.*404|404.*package\.nls\.json/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\] registered/,
  /^ChatSessionStore: /,
  /^Creation of workbench contribution '[^']*' took \d+ms/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN) (open-vsx\.org|marketplace\.visualstudio\.com|update\.code\.visualstudio\.com)/,
];

/** Workbench log arrives as a string or as console-style arguments (`'%s passing', 3`). */
function messageText(args) {
  return Array.isArray(args) ? format(...args) : typeof args === 'string' ? args : format(args);
}

/**
 * Opens `url` in a new page of `context` and waits for the workbench to report the end of
 * the tests through `codeAutomationExit`.
 *
 * @param {import('playwright-core').BrowserContext | import('playwright-core').Page | { context: import('playwright-core').BrowserContext }} target
 *   a browser context (a new page is opened), the handle from `launchChromium`, or a page
 *   that has not navigated yet.
 * @param {string} url
 * @param {{ timeoutMs?: number, screenshotPath?: string, logsDir?: string, label?: string,
 *           ignore?: RegExp[], write?: (type: string, text: string) => void,
 *           signal?: AbortSignal }} [options]
 *   `logsDir`: where to save the workbench's own logs when the run fails.
 *   `label`: prefix of the harness's own messages (the tests' output is not prefixed).
 *   `write`: receives each output line (default: the matching `console` method).
 * @returns {Promise<{ exitCode: number, passed: number, failed: number, reported: boolean, timedOut: boolean }>}
 *   `reported` is false when the tests entry never logged its counts (then both are 0).
 */
export async function runTestPage(target, url, options = {}) {
  const { timeoutMs = 10 * 60_000, screenshotPath, logsDir, label, ignore = HARMLESS_LOG_PATTERNS, signal } = options;
  const print = options.write ?? ((type, text) => (console[type] ?? console.log)(text));
  const write = (type, text, own = true) => print(type, own && label ? `${label}: ${text}` : text);
  const context = target?.context && typeof target.context !== 'function' ? target.context : target;
  const ownsPage = typeof context.newPage === 'function';
  const page = ownsPage ? await context.newPage() : context;
  // Lets the runner read the workbench DOM (notifications) on behalf of the tests.
  options.onPage?.(page);
  let counts;
  // Workbench errors before the tests start (a broken extension host, a failed
  // activation) never reach codeAutomationLog; keep the last few to show on failure.
  const pageErrors = [];
  const remember = (text) => {
    pageErrors.push(text);
    if (pageErrors.length > 40) pageErrors.shift();
  };
  page.on('pageerror', (err) => remember(`[page error] ${err?.message ?? err}`));
  page.on('console', (msg) => {
    // The workbench styles its console errors (`%c  ERR color: #f33 …`); keep the words.
    if (msg.type() === 'error') remember(`[browser console] ${msg.text().replace(/%c\s*|color:\s*#[0-9a-f]{3,6}\s*/gi, '')}`);
  });

  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = messageText(args);
    const result = parseResultLine(text);
    if (result) {
      counts = result;
      return;
    }
    if (ignore.some((re) => re.test(text))) return;
    write(['log', 'info', 'warn', 'error', 'debug', 'trace'].includes(type) ? type : 'log', text, false);
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => finish({ code: Number(code) || 0, logs }));

  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
  });
  const aborted = new Promise((resolve) => {
    if (signal?.aborted) resolve({ aborted: true });
    signal?.addEventListener('abort', () => resolve({ aborted: true }), { once: true });
  });
  // A crashed or closed page never calls codeAutomationExit; do not wait for the timeout.
  const lost = new Promise((resolve) => {
    page.once('crash', () => resolve({ error: new Error('the workbench page crashed') }));
    page.once('close', () => resolve({ error: new Error('the workbench page was closed') }));
  });

  let outcome;
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.min(timeoutMs, 120_000) });
    outcome = await Promise.race([exited, timedOut, aborted, lost]);
  } catch (err) {
    outcome = { error: err };
  } finally {
    clearTimeout(timer);
  }

  let exitCode;
  if (outcome.timeout) {
    write('error', `tests did not finish within ${Math.round(timeoutMs / 1000)} s`);
    exitCode = 1;
  } else if (outcome.aborted) {
    write('error', 'interrupted');
    exitCode = 130;
  } else if (outcome.error) {
    write('error', `workbench at ${url}: ${outcome.error?.message ?? outcome.error}`);
    exitCode = 1;
  } else {
    exitCode = outcome.code;
  }
  // An entry that reports failures must not pass, whatever the exit code says.
  if (exitCode === 0 && counts && counts.failed > 0) exitCode = 1;

  if (exitCode !== 0 && !outcome.aborted) {
    // With counts the suite output already says what failed; without them the tests never
    // ran or never finished, and the workbench's own errors are the only clue.
    if (!counts) for (const line of pageErrors) if (!ignore.some((re) => re.test(line))) write('error', line);
    if (screenshotPath) {
      try {
        mkdirSync(dirname(screenshotPath), { recursive: true });
        await page.screenshot({ path: screenshotPath, timeout: 10_000 });
        write('error', `screenshot: ${screenshotPath}`);
      } catch (err) {
        write('error', `no screenshot (${err?.message ?? err})`);
      }
    }
    if (logsDir && Array.isArray(outcome.logs) && outcome.logs.length) {
      saveLogs(logsDir, outcome.logs);
      write('error', `workbench logs: ${logsDir}`);
    }
  }
  if (ownsPage) await page.close().catch(() => {});
  return {
    exitCode,
    passed: counts?.passed ?? 0,
    failed: counts?.failed ?? 0,
    reported: Boolean(counts),
    timedOut: Boolean(outcome.timeout),
  };
}

function saveLogs(dir, logs) {
  for (const entry of logs) {
    const rel = String(entry?.relativePath ?? '').replace(/\.\.+/g, '_').replace(/^[/\\]+/, '');
    if (!rel) continue;
    const file = join(dir, rel);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, String(entry.contents ?? ''));
    } catch {
      /* a log we cannot save is not worth failing over */
    }
  }
}
