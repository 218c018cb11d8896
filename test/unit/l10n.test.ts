import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Tests run from out/test/unit; the repository root is three levels up.
const root = path.resolve(__dirname, '..', '..', '..');
const read = (rel: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join(',');

function assertTranslated(en: Record<string, string>, ru: Record<string, string>, what: string) {
  const missing = Object.keys(en).filter((k) => !(k in ru));
  const extra = Object.keys(ru).filter((k) => !(k in en));
  assert.deepStrictEqual(missing, [], `${what}: keys without a Russian translation`);
  assert.deepStrictEqual(extra, [], `${what}: Russian keys no longer used`);
  for (const k of Object.keys(en)) {
    assert.ok(ru[k].trim().length > 0, `${what}: empty translation for ${k}`);
    assert.strictEqual(placeholders(ru[k]), placeholders(en[k]), `${what}: placeholders differ for ${k}`);
  }
}

describe('localization', () => {
  it('every package.json string has an English and a Russian text', () => {
    const en = read('package.nls.json');
    assertTranslated(en, read('package.nls.ru.json'), 'package.nls');
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    for (const [, key] of manifest.matchAll(/"%([^"%]+)%"/g)) assert.ok(key in en, `package.json uses %${key}% which package.nls.json lacks`);
  });

  it('the l10n bundle is up to date with the source and fully translated', function () {
    this.timeout(60_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-lens-l10n-'));
    try {
      execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', tmp, path.join(root, 'src')], { stdio: 'pipe' });
      const extracted: Record<string, string> = JSON.parse(fs.readFileSync(path.join(tmp, 'bundle.l10n.json'), 'utf8'));
      assert.deepStrictEqual(Object.keys(read('l10n/bundle.l10n.json')).sort(), Object.keys(extracted).sort(), 'run "npm run l10n" to refresh l10n/bundle.l10n.json');
      assertTranslated(extracted, read('l10n/bundle.l10n.ru.json'), 'bundle.l10n');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
