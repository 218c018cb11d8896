// Desktop lane for machines that can download VS Code: the same suites in VS Code desktop,
// through @vscode/test-electron (it downloads a VS Code build on first use).
import { runTests } from '@vscode/test-electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'node', 'node-index.js'),
    launchArgs: [join(root, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`desktop: ${e instanceof Error ? e.message : String(e)}`);
  console.error('desktop: this lane needs to download VS Code; offline, use "npm test" (web workbench + code-server lanes).');
  process.exit(1);
}
