import * as assert from 'assert';
import { summarize } from '../../src/core/render/summary';

describe('summarize', () => {
  it('short bodies come back whole, whitespace collapsed, markdown stripped', () => {
    assert.strictEqual(summarize('# Title\n\nSome **bold** and [a link](https://x.org).\n\n'), 'Title Some bold and a link.');
  });

  it('long bodies end on a sentence boundary when one is far enough in', () => {
    const body = 'Первое предложение довольно длинное, чтобы занять место. ' + 'Второе предложение. '.repeat(40);
    const s = summarize(body, 120);
    assert.ok(s.length <= 120, `too long: ${s.length}`);
    assert.ok(s.endsWith('.'), s);
  });

  it('without a sentence boundary the cut is at a word and marked', () => {
    const s = summarize('word '.repeat(200), 50);
    assert.ok(s.endsWith('…'));
    assert.ok(s.length <= 51);
  });

  it('code blocks and images are left out', () => {
    assert.strictEqual(summarize('Intro.\n```python\nx = 1\n```\n![alt](img.png) Outro.'), 'Intro. Outro.');
  });

  it('an unclosed fence on a huge body stays bounded', () => {
    const s = summarize('```' + 'a'.repeat(5_000_000));
    assert.ok(s.length <= 321);
  });
});
