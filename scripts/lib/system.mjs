// What `npm test` needs from the machine that npm cannot bring, and the Debian package that
// brings each. `npm test` checks this before anything else and `.ci/run` installs what is
// missing, so both read the same list.
//
// Usage: node scripts/lib/system.mjs [--node-host-build]
//   prints the names of the missing Debian packages on one line (nothing when all are there);
//   --node-host-build also counts the compilers the first set-up of the code-server lane uses.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './browser.mjs';

/** The first `name` on PATH, as an absolute path. */
export function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return resolve(candidate);
  }
  return undefined;
}

/** Absolute path of a ripgrep binary: $RIPGREP_PATH, else `rg` on PATH. */
export function ripgrepPath() {
  if (process.env.RIPGREP_PATH) return existsSync(process.env.RIPGREP_PATH) ? resolve(process.env.RIPGREP_PATH) : undefined;
  return onPath('rg');
}

function hasChromium() {
  try {
    chromiumPath();
    return true;
  } catch {
    return false;
  }
}

/**
 * What every lane of `npm test` needs: Chromium drives the workbenches, unzip unpacks the
 * .vsix, ripgrep serves workspace.findFiles in the Node extension host (@vscode/ripgrep
 * downloads its binary at install time, which cannot work offline).
 * @returns {{ pkg: string, why: string }[]}
 */
export function missingForTests() {
  const missing = [];
  if (!hasChromium()) {
    const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : 'no /usr/bin/chromium';
    missing.push({ pkg: 'chromium', why: `for the workbench tests; ${where}` });
  }
  if (!onPath('unzip')) missing.push({ pkg: 'unzip', why: 'to test the unpacked .vsix; no unzip on PATH' });
  missing.push(...missingRipgrep());
  return missing;
}

function missingRipgrep() {
  if (ripgrepPath()) return [];
  const where = process.env.RIPGREP_PATH ? `RIPGREP_PATH=${process.env.RIPGREP_PATH} does not exist` : 'no rg on PATH';
  return [{ pkg: 'ripgrep', why: `for the Node extension host; ${where}` }];
}

/** What the first set-up of the code-server lane needs: it compiles native modules. */
export function missingForNodeHostBuild() {
  const tools = [['gcc', 'gcc'], ['g++', 'g++'], ['make', 'make'], ['python3', 'python3']];
  const missing = tools.filter(([tool]) => !onPath(tool)).map(([, pkg]) => ({ pkg, why: 'to build code-server' }));
  return [...missing, ...missingRipgrep()];
}

/**
 * The Debian packages `npm test` lacks. `nodeHostBuild`: the code-server lane is not set up
 * yet, so its build tools count too.
 */
export function missingDebianPackages({ nodeHostBuild = false } = {}) {
  const all = [...missingForTests(), ...(nodeHostBuild ? missingForNodeHostBuild() : [])];
  return all.filter((m, i) => all.findIndex((o) => o.pkg === m.pkg) === i);
}

/** The one line that names what is missing and the command that installs it. */
export function missingPackagesLine(missing) {
  const names = missing.map((m) => m.pkg);
  const sudo = typeof process.getuid === 'function' && process.getuid() !== 0 ? 'sudo ' : '';
  return `missing Debian package${names.length > 1 ? 's' : ''}: ${missing.map((m) => `${m.pkg} (${m.why})`).join(', ')}. Install with: ${sudo}apt-get install -y ${names.join(' ')}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = missingDebianPackages({ nodeHostBuild: process.argv.includes('--node-host-build') }).map((m) => m.pkg);
  if (names.length) console.log(names.join(' '));
}
