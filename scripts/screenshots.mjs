// `npm run screenshots`: PNGs of the extension in the web workbench (light and dark theme):
// the Digests tree, a hover card, the digest view (and after following a link, with Back), the
// Papers in This Workspace view. Output: docs/screenshot-<what>-<theme>.png
import { open } from '@vscode/test-web';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium } from './lib/browser.mjs';
import { prepareLocalBuild } from './lib/codeOss.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// --extension <dir>: show an installed copy (e.g. the unpacked .vsix) instead of the repo.
const extAt = process.argv.indexOf('--extension');
const extensionPath = extAt >= 0 ? resolve(process.argv[extAt + 1]) : root;
const outAt = process.argv.indexOf('--out');
const out = outAt >= 0 ? resolve(process.argv[outAt + 1]) : join(root, 'docs');
const themes = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const HOVER_WORD = process.env.SHOWCASE_WORD ?? 'RetNetBlock';
const DIGEST_QUERY = process.env.SHOWCASE_QUERY ?? 'RetNet';

mkdirSync(out, { recursive: true });
const { commit, dataDir } = prepareLocalBuild(root);

for (const [theme, themeName] of Object.entries(themes)) {
  const workspace = mkdtempSync(join(tmpdir(), `digest-lens-showcase-${theme}-`));
  cpSync(join(root, 'test', 'fixtures', 'showcase'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'workbench.colorTheme': themeName, 'workbench.startupEditor': 'none', 'editor.minimap.enabled': false, 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'editor.hover.delay': 150, 'window.title': '${rootName}', 'editor.fontSize': 13 }),
  );
  const port = await freePort();
  const server = await open({ browserType: 'none', host: 'localhost', port, extensionDevelopmentPath: extensionPath, folderPath: workspace, quality: 'stable', commit, testRunnerDataDir: dataDir });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto(`http://vscode.localhost:${port}/`);
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    await page.waitForTimeout(2500);
    const shot = (what) => page.screenshot({ path: join(out, `screenshot-${what}-${theme}.png`) });

    // The Python file first, so "In This File" has something to show.
    await page.keyboard.press('Control+Shift+E');
    await page.waitForTimeout(500);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'model.py' }).click();
    await page.waitForSelector('.monaco-editor .view-line', { timeout: 30_000 });

    // 1. The sidebar: the Digests tree with a topic expanded, and In This File.
    await page.click('.activitybar a[aria-label^="Digest Lens"], .activitybar [aria-label^="Digest Lens"]');
    await page.waitForSelector('.pane-body .monaco-list-row', { timeout: 30_000 });
    // Widen the side bar so titles and their arXiv IDs fit.
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width;
      await page.mouse.move(x - 1, 400);
      await page.mouse.down();
      await page.mouse.move(x + 160, 400, { steps: 8 });
      await page.mouse.up();
    }
    await page.locator('.pane-body .monaco-list-row', { hasText: /^Attention/ }).first().click();
    await page.waitForTimeout(1500);
    await shot('sidebar');

    // 2. A hover card over a method name in the Python file.
    await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
    await page.waitForTimeout(500);
    // A token span of exactly that word (a docstring line is one long span).
    const word = page.locator('.monaco-editor .view-line span span', { hasText: new RegExp(`^${HOVER_WORD}$`) }).first();
    const box = await word.boundingBox();
    if (!box) throw new Error(`"${HOVER_WORD}" is not visible in model.py`);
    // Monaco shows a hover after the mouse rests on a word: arrive, then nudge.
    await page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 4 });
    await page.waitForTimeout(300);
    await page.mouse.move(box.x + 10, box.y + box.height / 2, { steps: 2 });
    await page.waitForSelector('.monaco-hover .hover-contents, .monaco-hover .markdown-hover', { timeout: 15_000 });
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

    // 4. Back / Forward: follow a related digest inside the view; Back is then enabled.
    // The webview's page is in the host's #active-frame (a #pending-frame exists while it reloads).
    const inner = () => page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await inner().locator('footer.related a').first().click({ timeout: 15_000 });
    await page.waitForTimeout(1500);
    await inner().locator('button.back:not([disabled])').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1200);
    await shot('history');

    // 5. Papers in This Workspace: the digests and unknown arXiv IDs the files mention.
    const header = page.locator('.pane-header', { hasText: /Papers in This Workspace/i });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const papersPane = page.locator('.pane', { has: header });
    await papersPane.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
    await papersPane.locator('.monaco-list-row').first().click();
    await page.waitForTimeout(1500);
    await shot('workspace-papers');
    console.log(`screenshots: ${theme} done`);
  } catch (e) {
    await browser.context.pages().at(-1)?.screenshot({ path: join(root, 'test-results', `screenshots-failure-${theme}.png`) }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
    await server.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
}
console.log(`screenshots: written to ${out}`);
