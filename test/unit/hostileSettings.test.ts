import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, effectiveExtraFolders, readSettings } from '../../src/core/settings/settings';

const KEYS = ['hover.enabled', 'hover.methodNames', 'hover.unknownArxivIds', 'hover.excludeLanguages', 'hover.maxCards', 'extraFolders', 'topics.groupBy'];

/** Values settings.json can hold (any JSON), chosen to hit every wrong-type branch. */
const HOSTILE: unknown[] = [
  'no',
  'lots',
  '',
  'true',
  0,
  -1,
  1.5,
  3.0000001,
  1e308,
  -0,
  NaN,
  Infinity,
  [],
  [1, 'a'],
  ['a', null],
  [['nested']],
  {},
  { length: 3 },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  'x'.repeat(100_000),
  Array.from({ length: 10_000 }, () => 'p'),
  '\u202e\u0000<script>',
];

describe('settings: wrong types and values never throw and fall back to defaults', () => {
  it('every hostile value of every key gives a valid setting and a warning naming the key', () => {
    for (const key of KEYS) {
      for (const value of HOSTILE) {
        const { settings, warnings } = readSettings((k) => (k === key ? value : undefined));
        const valid =
          (typeof value === 'boolean' && key.startsWith('hover.') && !/Languages|maxCards/.test(key)) ||
          (Array.isArray(value) && value.every((v) => typeof v === 'string') && /Languages|extraFolders/.test(key)) ||
          (key === 'hover.maxCards' && Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 10);
        if (valid) continue;
        assert.deepEqual(settings, DEFAULT_SETTINGS, `${key} = ${String(value).slice(0, 40)}`);
        assert.equal(warnings.length, 1, `${key} = ${String(value).slice(0, 40)}: ${warnings.join(' | ')}`);
        assert.ok(warnings[0].startsWith(`digestLens.${key}:`), warnings[0]);
        assert.ok(warnings[0].length < 300, 'the warning quotes a huge value in full');
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('the values the settings suite sets in the editor: "lots" cards and hovers "no"', () => {
    const { settings, warnings } = readSettings((k) => ({ 'hover.maxCards': 'lots', 'hover.enabled': 'no' })[k]);
    assert.equal(settings.hover.maxCards, 3);
    assert.equal(settings.hover.enabled, true);
    assert.equal(warnings.length, 2);
  });

  it('a long list of folders or languages is taken as it is (every entry a string)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `f${i}`);
    const { settings, warnings } = readSettings((k) => (k === 'extraFolders' || k === 'hover.excludeLanguages' ? many : undefined));
    assert.equal(settings.extraFolders.length, 10_000);
    assert.equal(settings.hover.excludeLanguages.length, 10_000);
    assert.deepEqual(warnings, []);
  });
});

describe('settings: extraFolders and workspace trust', () => {
  const layers = { defaultValue: [], globalValue: ['~/mine'], workspaceValue: ['./theirs'], workspaceFolderValue: ['./folder'] };

  it('an untrusted workspace reads only the user value', () => {
    assert.deepEqual(effectiveExtraFolders(layers, false), ['~/mine']);
    assert.equal(effectiveExtraFolders({ ...layers, globalValue: undefined }, false), undefined);
    assert.equal(effectiveExtraFolders({ workspaceValue: ['/etc'] }, false), undefined);
    assert.equal(effectiveExtraFolders({ workspaceFolderValue: ['/etc'] }, false), undefined);
  });

  it('a trusted workspace takes the most specific layer, without merging lists', () => {
    assert.deepEqual(effectiveExtraFolders(layers, true), ['./folder']);
    assert.deepEqual(effectiveExtraFolders({ ...layers, workspaceFolderValue: undefined }, true), ['./theirs']);
    assert.deepEqual(effectiveExtraFolders({ globalValue: ['~/mine'] }, true), ['~/mine']);
    assert.equal(effectiveExtraFolders({ defaultValue: [] }, true), undefined);
    assert.equal(effectiveExtraFolders(undefined, true), undefined);
  });

  it('what the untrusted rule returns is still validated like any value', () => {
    const raw = effectiveExtraFolders({ globalValue: 'not a list', workspaceValue: ['./theirs'] }, false);
    const { settings, warnings } = readSettings((k) => (k === 'extraFolders' ? raw : undefined));
    assert.deepEqual(settings.extraFolders, []);
    assert.match(warnings[0], /^digestLens\.extraFolders:/);
  });
});
