// `npm run screenshots`: PNGs of the extension in the web workbench (light and dark theme):
// the Digests tree, a hover card, the digest view. Output: docs/screenshot-<what>-<theme>.png
import { open } from '@vscode/test-web';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium } from './lib/browser.mjs';
import { prepareLocalBuild } from './lib/codeOss.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs');
const themes = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const HOVER_WORD = process.env.SHOWCASE_WORD ?? 'RetNet';
const DIGEST_QUERY = process.env.SHOWCASE_QUERY ?? 'RetNet';

mkdirSync(out, { recursive: true });
const { commit, dataDir } = prepareLocalBuild(root);

for (const [theme, themeName] of Object.entries(themes)) {
  const workspace = mkdtempSync(join(tmpdir(), `digest-lens-showcase-${theme}-`));
  cpSync(join(root, 'test', 'fixtures', 'showcase'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'workbench.colorTheme': themeName, 'workbench.startupEditor': 'none', 'editor.minimap.enabled': false, 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden' }),
  );
  const port = await freePort();
  const server = await open({ browserType: 'none', host: 'localhost', port, extensionDevelopmentPath: root, folderPath: workspace, quality: 'stable', commit, testRunnerDataDir: dataDir });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto(`http://vscode.localhost:${port}/`);
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    await page.waitForTimeout(2500);
    const shot = (what) => page.screenshot({ path: join(out, `screenshot-${what}-${theme}.png`) });

    // 1. The Digests tree, a topic expanded.
    await page.click('.activitybar a[aria-label^="Digest Lens"], .activitybar [aria-label^="Digest Lens"]');
    await page.waitForSelector('.pane-body .monaco-list-row', { timeout: 30_000 });
    await page.locator('.pane-body .monaco-list-row').first().click();
    await page.waitForTimeout(800);
    await shot('sidebar');

    // 2. A hover card over a method name in a Python file (opened from the Explorer).
    await page.keyboard.press('Control+Shift+E');
    await page.waitForTimeout(500);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'model.py' }).click();
    await page.waitForSelector('.monaco-editor .view-line', { timeout: 30_000 });
    await page.waitForTimeout(1500);
    const word = page.locator('.monaco-editor .view-line span', { hasText: HOVER_WORD }).first();
    const box = await word.boundingBox();
    if (!box) throw new Error(`"${HOVER_WORD}" is not visible in model.py`);
    await page.mouse.move(box.x + 8, box.y + box.height / 2);
    await page.waitForSelector('.monaco-hover .hover-contents', { timeout: 15_000 });
    await page.waitForTimeout(800);
    await shot('hover');

    // 3. The digest view, opened through the search command.
    await page.mouse.move(5, 700);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.keyboard.type('Digest Lens: Search Digests');
    await page.waitForTimeout(400);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(600);
    await page.keyboard.type(DIGEST_QUERY);
    await page.waitForTimeout(800);
    await page.keyboard.press('Enter');
    await page.waitForSelector('iframe.webview', { timeout: 20_000 });
    await page.waitForTimeout(2500);
    await shot('digest');
    console.log(`screenshots: ${theme} done`);
  } finally {
    await browser.close();
    await server.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
}
console.log(`screenshots: written to ${out}`);
