// Bundles the extension (desktop + web), the CLI and the test entries with esbuild.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: true,
  target: 'es2022',
  logLevel: 'warning',
  minify: production,
  external: ['vscode'],
};

// The web-worker extension host has no `process`; a few dependencies (and node's assert
// polyfill in the tests) read it, so give them a minimal one.
const webBanner = `var process = globalThis.process || { env: {}, platform: 'browser', cwd: () => '/', nextTick: (f, ...a) => Promise.resolve().then(() => f(...a)) };`;

const list = (dir, suffix) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f)) : [];

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs' },
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    mainFields: ['browser', 'module', 'main'],
    define: { global: 'globalThis' },
    banner: { js: webBanner },
  },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    minify: false,
    entryPoints: [...list('test/unit', '.test.ts'), ...list('bench', '.ts')],
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    format: 'cjs',
    packages: 'external',
  },
  // Integration suites: one browser bundle for the web workbench, one file per suite for
  // the Node extension host (mocha there loads them with addFile).
  {
    ...common,
    minify: false,
    entryPoints: ['test/integration/web-index.ts'],
    outfile: 'out/test/integration/web-index.js',
    platform: 'browser',
    format: 'cjs',
    define: { global: 'globalThis' },
    banner: { js: webBanner },
  },
  {
    ...common,
    minify: false,
    entryPoints: ['test/integration/node-index.ts', ...list('test/integration', '.spec.ts')],
    outdir: 'out/test/integration/node',
    platform: 'node',
    format: 'cjs',
  },
];

const present = builds.filter((b) => (b.entryPoints ?? []).length > 0 && b.entryPoints.every((e) => existsSync(e)));

if (watch) {
  const contexts = await Promise.all(present.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] esbuild is watching src/ and test/');
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
