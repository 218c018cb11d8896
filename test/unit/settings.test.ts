import * as assert from 'assert';
import { DEFAULT_SETTINGS, readSettings } from '../../src/core/settings/settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readSettings', () => {
  it('unset values give the defaults and no warnings', () => {
    const { settings, warnings } = readSettings(reader({}));
    assert.deepStrictEqual(settings, DEFAULT_SETTINGS);
    assert.deepStrictEqual(warnings, []);
  });

  it('valid values are taken', () => {
    const { settings, warnings } = readSettings(
      reader({ 'hover.enabled': false, 'hover.maxCards': 5, 'hover.excludeLanguages': ['log', ' '], extraFolders: ['~/notes'], 'topics.groupBy': 'date' }),
    );
    assert.strictEqual(settings.hover.enabled, false);
    assert.strictEqual(settings.hover.maxCards, 5);
    assert.deepStrictEqual(settings.hover.excludeLanguages, ['log']);
    assert.deepStrictEqual(settings.extraFolders, ['~/notes']);
    assert.strictEqual(settings.groupBy, 'date');
    assert.deepStrictEqual(warnings, []);
  });

  it('wrong types and values fall back to defaults, one warning each naming the setting', () => {
    const { settings, warnings } = readSettings(
      reader({ 'hover.enabled': 'yes', 'hover.maxCards': 1e9, 'hover.excludeLanguages': 'python', extraFolders: [1, 2], 'topics.groupBy': 'color', 'hover.methodNames': {} }),
    );
    assert.deepStrictEqual(settings, DEFAULT_SETTINGS);
    assert.strictEqual(warnings.length, 6);
    for (const key of ['hover.enabled', 'hover.maxCards', 'hover.excludeLanguages', 'extraFolders', 'topics.groupBy', 'hover.methodNames']) {
      assert.ok(warnings.some((w) => w.startsWith(`digestLens.${key}:`)), `no warning for ${key}`);
    }
  });

  it('topics.sortBy takes "date" or "title"; anything else falls back to "date" with a warning', () => {
    assert.strictEqual(readSettings(reader({ 'topics.sortBy': 'title' })).settings.sortBy, 'title');
    const bad = readSettings(reader({ 'topics.sortBy': 'newest' }));
    assert.strictEqual(bad.settings.sortBy, 'date');
    assert.ok(bad.warnings.some((w) => w.startsWith('digestLens.topics.sortBy:')));
  });

  it('a huge bad value is shortened in the warning', () => {
    const { warnings } = readSettings(reader({ 'hover.enabled': 'x'.repeat(10_000) }));
    assert.ok(warnings[0].length < 200);
  });
});
