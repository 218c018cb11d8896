import * as assert from 'assert';
import { excludeMatcher, globMatch } from '../../src/core/workspace/glob';

describe('exclude globs', () => {
  const m = excludeMatcher(['**/node_modules', '**/.git', 'dist/**', '**/*.log', 'docs/gen', '**/tmp-[ab]?/**', '**/*.{png,jpg}', '**/tmp-papers-x/excluded/**']);

  it('matches the forms settings and .gitignore use', () => {
    for (const p of ['node_modules/x/y.js', 'a/b/node_modules/z.py', '.git/config', 'dist/out.js', 'a/b/c.log', 'x.log', 'docs/gen/page.md', 'q/tmp-a1/f.py', 'img/x.png', 'y.jpg', 'tmp-papers-x/excluded/skip.py']) assert.ok(m(p), p);
    for (const p of ['src/node_modules_notes.md', 'distant/a.py', 'a/b/c.logs', 'docs/generated.md', 'q/tmp-c1/f.py', 'q/tmp-a12/f.py', 'img/x.pngx', 'src/model.py', 'tmp-papers-x/notes.md']) assert.ok(!m(p), p);
  });

  it('supports ?, classes, ranges and negated classes; regex characters are literal', () => {
    assert.ok(globMatch('f?le[0-9].[!t]xt', 'file7.sxt'));
    assert.ok(!globMatch('f?le[0-9].[!t]xt', 'file7.txt'));
    assert.ok(globMatch('a(b)+c$', 'a(b)+c$'));
    assert.ok(!globMatch('a.c', 'abc'));
    assert.ok(globMatch('**', 'any/depth/file'));
    assert.ok(!globMatch('*.md', 'sub/readme.md'), 'a single star stays in its folder');
  });

  it('ignores patterns it cannot use, without throwing', () => {
    for (const bad of ['', '{a,{b,c}}', '{a,b', 'x'.repeat(501), `{${'a,'.repeat(100)}b}`]) assert.ok(!excludeMatcher([bad])('a'), JSON.stringify(bad));
  });

  it('answers hostile patterns on long paths (no backtracking blow-up)', () => {
    const hostile = excludeMatcher(['*a*a*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/x', '**/*a*a*a*a*a*a*a*a*/**/y']);
    assert.strictEqual(hostile('a'.repeat(4000)), false);
    assert.strictEqual(hostile(`${'d/'.repeat(1500)}z`), false);
    assert.strictEqual(hostile(`${'a/'.repeat(1500)}y`), false);
  });
});
