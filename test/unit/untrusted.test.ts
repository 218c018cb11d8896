import * as assert from 'assert';
import { plainText } from '../../src/core/text/untrusted';

// The patterns VS Code uses: notification links (parseLinkedText) and theme icons (iconLabels).
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/;
const THEME_ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;

describe('plainText', () => {
  it('a command link in a setting value is no longer a link', () => {
    const out = plainText('[Fix](command:workbench.action.terminal.runSelectedText)');
    assert.doesNotMatch(out, NOTIFICATION_LINK);
    assert.strictEqual(out.replace(/\u2060/g, ''), '[Fix](command:workbench.action.terminal.runSelectedText)');
  });

  it('links with spaces before the parenthesis and https links are broken too', () => {
    assert.doesNotMatch(plainText('see [here] (https://evil.example/x)'), NOTIFICATION_LINK);
    assert.doesNotMatch(plainText('[a](https://x.org "t")'), NOTIFICATION_LINK);
  });

  it('theme icons are shown as text', () => {
    for (const s of ['$(sync~spin) loading', '$(verified)', 'x$(warning)y']) assert.doesNotMatch(plainText(s), THEME_ICON, s);
  });

  it('one line: newlines, controls and bidi overrides removed', () => {
    assert.strictEqual(plainText('a\nb\r\n\tc\u202Ed\u0000e'), 'a b cde');
  });

  it('long text is cut with an ellipsis', () => {
    const out = plainText('x'.repeat(1000), 50);
    assert.strictEqual(out.length, 50);
    assert.ok(out.endsWith('…'));
  });

  it('non-strings become text without throwing', () => {
    assert.strictEqual(plainText(undefined), '');
    assert.strictEqual(plainText(42), '42');
    assert.strictEqual(plainText({ a: '[x](command:y)' }).includes('](command'), false);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.strictEqual(typeof plainText(cyclic), 'string');
  });
});
