// Installs code-server (a VS Code workbench with a Node extension host) into
// .vscode-test/code-server so the integration suites can run against the extension's
// `main` entry. Only npm is contacted: native modules are compiled against the local
// Node headers, and nothing downloads browsers, ripgrep or prebuilt binaries.
// Usage: node scripts/setup-node-host.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync, unlinkSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingForNodeHostBuild, missingPackagesLine, ripgrepPath } from './lib/system.mjs';

// The newest release whose engines allow Node 20 (4.104 needs 22); it brings VS Code 1.100.3.
export const CODE_SERVER_VERSION = '4.100.3';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerRoot = join(repo, '.vscode-test', 'code-server');
export const codeServerPackage = join(codeServerRoot, 'node_modules', 'code-server');
export const markerFile = join(codeServerRoot, 'setup-complete');
/** What the marker records: a change of the recipe below makes older installs redo it. */
export const SETUP_ID = `code-server@${CODE_SERVER_VERSION} recipe 2 (ripgrep from the system)`;

/** The marker's content when the setup ran to its end, else undefined. */
export function installedVersion() {
  try {
    return readFileSync(markerFile, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

class StepError extends Error {}

const env = {
  ...process.env,
  // node-gyp compiles against the local Node headers instead of downloading them.
  npm_config_nodedir: process.env.npm_config_nodedir || '/usr',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: process.env.npm_config_loglevel || 'warn',
  // Installs run with --ignore-scripts and only named native modules are rebuilt, but should
  // a download script run anyway it must find nothing to fetch.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  VSCODE_SKIP_NODE_VERSION_CHECK: '1',
};

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw new StepError(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, output };
}

function mustRun(cmd, args, cwd) {
  const { status, output } = run(cmd, args, cwd);
  if (status !== 0) {
    throw new StepError(`\`${cmd} ${args.join(' ')}\` in ${cwd} exited with ${status}:\n${tail(output)}`);
  }
  return output;
}

const tail = (text, lines = 40) => text.trimEnd().split('\n').slice(-lines).join('\n');

async function step(name, fn) {
  const started = Date.now();
  process.stdout.write(`setup-node-host: ${name} ... `);
  try {
    await fn();
  } catch (err) {
    console.log('FAILED');
    const cause = err instanceof StepError ? err.message : err?.stack || String(err);
    console.error(`setup-node-host: step "${name}" failed: ${cause}`);
    process.exit(1);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main() {
  const force = process.argv.includes('--force');
  if (!force && installedVersion() === SETUP_ID) {
    console.log(`setup-node-host: code-server ${CODE_SERVER_VERSION} already set up in ${codeServerRoot}`);
    return;
  }
  const total = Date.now();
  const vscodeDir = join(codeServerPackage, 'lib', 'vscode');

  await step('check build tools', () => {
    const missing = missingForNodeHostBuild();
    if (missing.length) throw new StepError(missingPackagesLine(missing));
    const headers = join(env.npm_config_nodedir, 'include', 'node', 'node_api.h');
    if (!existsSync(headers)) {
      throw new StepError(`Node headers not found at ${headers} (install Debian's nodejs headers or set npm_config_nodedir)`);
    }
    const major = Number(process.versions.node.split('.')[0]);
    if (major < 20) throw new StepError(`Node ${process.versions.node} is too old; code-server ${CODE_SERVER_VERSION} needs Node 20`);
  });

  // A folder of its own with a package.json makes npm install there instead of walking up to
  // the repository, whose lockfile stays untouched.
  await step('prepare folder', () => {
    // A half-finished install is not trusted: start over.
    rmSync(codeServerRoot, { recursive: true, force: true });
    mkdirSync(codeServerRoot, { recursive: true });
    writeFileSync(
      join(codeServerRoot, 'package.json'),
      JSON.stringify({ name: 'digest-lens-node-host', private: true, description: 'code-server for the Node extension host test lane' }, null, 2) + '\n',
    );
  });

  await step(`npm install code-server@${CODE_SERVER_VERSION}`, () => {
    mustRun('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], codeServerRoot);
    if (!existsSync(join(codeServerPackage, 'out', 'node', 'entry.js'))) {
      throw new StepError(`code-server installed but ${join(codeServerPackage, 'out/node/entry.js')} is missing`);
    }
  });

  await step('build argon2 from source', () => {
    mustRun('npm', ['rebuild', 'argon2', '--build-from-source'], codeServerRoot);
  });

  await step('install VS Code server dependencies (lib/vscode)', () => {
    mustRun('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  });

  await step('build native modules (spdlog, native-watchdog, deviceid, node-pty)', () => {
    const { status, output } = run('npm', ['rebuild', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid', 'node-pty'], vscodeDir);
    const required = [
      'node_modules/@vscode/spdlog/build/Release/spdlog.node',
      'node_modules/native-watchdog/build/Release/watchdog.node',
      'node_modules/@vscode/deviceid/build/Release/windows.node',
      'node_modules/node-pty/build/Release/pty.node',
    ];
    // node-pty's post-build compile-commands step fails without harm once pty.node exists;
    // judge by the binaries, not by npm's status.
    const missing = required.filter((f) => !existsSync(join(vscodeDir, f)));
    if (missing.length) {
      throw new StepError(`npm rebuild exited with ${status}; not built: ${missing.join(', ')}\n${tail(output)}`);
    }
  });

  // @vscode/ripgrep downloads its binary from GitHub at install time, which cannot work here.
  // Without it workspace.findFiles and text search fail in the extension host, which
  // desktop VS Code always has; Debian's ripgrep 13 speaks the same flags.
  await step('link ripgrep', () => {
    const rg = ripgrepPath();
    const bin = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(bin, { recursive: true });
    const link = join(bin, 'rg');
    rmSync(link, { force: true });
    symlinkSync(rg, link);
    const out = mustRun(link, ['--version'], vscodeDir);
    if (!/^ripgrep \d+/.test(out)) throw new StepError(`${rg} --version said: ${tail(out, 3)}`);
  });

  await step('link node_modules.asar', () => {
    const link = join(vscodeDir, 'node_modules.asar');
    try {
      if (lstatSync(link)) unlinkSync(link);
    } catch {
      /* absent */
    }
    symlinkSync('node_modules', link);
  });

  await step('install built-in extensions dependencies (lib/vscode/extensions)', () => {
    mustRun('npm', ['install', '--omit=dev', '--ignore-scripts'], join(vscodeDir, 'extensions'));
  });

  await step('smoke-check code-server', () => {
    // code-server writes a config with a password under XDG_CONFIG_HOME on first start; keep
    // that inside the install folder rather than in the user's home.
    env.XDG_CONFIG_HOME = join(codeServerRoot, 'xdg-config');
    env.XDG_DATA_HOME = join(codeServerRoot, 'xdg-data');
    const out = mustRun(process.execPath, [join(codeServerPackage, 'out', 'node', 'entry.js'), '--version'], codeServerRoot);
    if (!out.includes(CODE_SERVER_VERSION)) throw new StepError(`unexpected --version output: ${tail(out, 5)}`);
  });

  writeFileSync(markerFile, SETUP_ID + '\n');
  console.log(`setup-node-host: code-server ${CODE_SERVER_VERSION} ready in ${((Date.now() - total) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
