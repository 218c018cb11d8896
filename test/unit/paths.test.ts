import * as assert from 'node:assert/strict';
import { isInside, joinUri, relativePath, resolveFolder, resolveFolders, toUri } from '../../src/core/settings/paths';

const ws = { workspaceFolders: ['file:///home/me/project'] };
const uris = (raw: string, ctx: Parameters<typeof resolveFolder>[1] = ws): string[] => {
  const r = resolveFolder(raw, ctx);
  assert.equal(r.error, undefined, `unexpected error for ${JSON.stringify(raw)}: ${r.error}`);
  return r.uris;
};
const error = (raw: string, ctx: Parameters<typeof resolveFolder>[1] = ws): string => {
  const r = resolveFolder(raw, ctx);
  assert.ok(r.error, `expected an error for ${JSON.stringify(raw)}, got ${JSON.stringify(r.uris)}`);
  assert.deepEqual(r.uris, []);
  return r.error;
};

describe('paths: resolving digestLens.extraFolders', () => {
  it('turns absolute POSIX paths into file URIs, normalizing . and ..', () => {
    assert.deepEqual(uris('/home/me/notes'), ['file:///home/me/notes']);
    assert.deepEqual(uris('/home/me/./old/../notes/'), ['file:///home/me/notes']);
    assert.deepEqual(uris('  /srv/digests  '), ['file:///srv/digests']);
  });

  it('percent-encodes characters that are not allowed in a URI path', () => {
    assert.deepEqual(uris('/home/me/My Notes/#1 ?ok%'), ['file:///home/me/My%20Notes/%231%20%3Fok%25']);
    assert.deepEqual(uris('/дайджесты'), ['file:///%D0%B4%D0%B0%D0%B9%D0%B4%D0%B6%D0%B5%D1%81%D1%82%D1%8B']);
  });

  it('understands Windows drive and UNC paths with either separator', () => {
    assert.deepEqual(uris('C:\\Users\\me\\notes'), ['file:///C:/Users/me/notes']);
    assert.deepEqual(uris('d:/notes/..\\papers'), ['file:///D:/papers']);
    assert.deepEqual(uris('\\\\Server\\share\\digests'), ['file://server/share/digests']);
  });

  it('keeps URIs with a scheme (virtual workspaces), without a trailing slash', () => {
    assert.deepEqual(uris('vscode-vfs://github/me/digests/'), ['vscode-vfs://github/me/digests']);
    assert.deepEqual(uris('file:///tmp/x'), ['file:///tmp/x']);
  });

  it('resolves ~ against the home folder when there is one', () => {
    const ctx = { home: '/home/me', workspaceFolders: [] };
    assert.deepEqual(uris('~', ctx), ['file:///home/me']);
    assert.deepEqual(uris('~/digests/ml', ctx), ['file:///home/me/digests/ml']);
    assert.deepEqual(uris('~\\digests', { home: 'C:\\Users\\me', workspaceFolders: [] }), ['file:///C:/Users/me/digests']);
  });

  it('reports ~ where there is no home folder (the browser) instead of guessing', () => {
    assert.match(error('~/digests', { workspaceFolders: ['vscode-test-web://mount/'] }), /cannot be resolved/);
    assert.match(error('~', { workspaceFolders: [] }), /~/);
  });

  it('does not treat ~user or a relative home as a home folder', () => {
    assert.match(error('~bob/digests', { home: '/home/me', workspaceFolders: [] }), /not supported/);
    assert.match(error('~/x', { home: 'relative/home', workspaceFolders: [] }), /not an absolute path/);
  });

  it('resolves a relative path against every workspace folder', () => {
    const ctx = { workspaceFolders: ['file:///a/one', 'vscode-test-web://mount/'] };
    assert.deepEqual(uris('digests/mine', ctx), ['file:///a/one/digests/mine', 'vscode-test-web://mount/digests/mine']);
    assert.deepEqual(uris('./x\\y', ctx), ['file:///a/one/x/y', 'vscode-test-web://mount/x/y']);
  });

  it('refuses .. that climbs out of the workspace folder or the home folder', () => {
    assert.match(error('../shared/digests'), /climb out of the workspace/);
    assert.match(error('../../../../../../etc'), /climb out/);
    assert.match(error('notes/../../etc'), /climb out/);
    assert.match(error('~/../other', { home: '/home/me', workspaceFolders: [] }), /climb out of the home/);
    assert.deepEqual(uris('notes/../papers'), ['file:///home/me/project/papers']);
  });

  it('resolves no relative entry in Restricted Mode, user-level ones included', () => {
    const restricted = { home: '/home/me', workspaceFolders: ['file:///home/me/ws'], restricted: true };
    assert.match(error('digests', restricted), /Restricted Mode/);
    assert.match(error('./x', restricted), /Restricted Mode/);
    assert.deepEqual(uris('/abs/notes', restricted), ['file:///abs/notes']);
    assert.deepEqual(uris('~/notes', restricted), ['file:///home/me/notes']);
  });

  it('reports a relative path when no folder is open', () => {
    assert.match(error('digests', { workspaceFolders: [] }), /workspace folder/);
  });

  it('rejects empty, control-character and absurdly long values', () => {
    assert.match(error('   '), /empty/);
    assert.match(error('/tmp/a\u0000b'), /control/);
    assert.match(error('/tmp/a\nb'), /control/);
    assert.match(error('/' + 'a'.repeat(5000)), /longer/);
  });

  it('does not take a drive-less "scheme" for one letter', () => {
    // "c:" is a drive, not a URI scheme.
    assert.equal(toUri('c:'), 'file:///C:/');
    assert.equal(toUri('notes'), undefined);
  });

  it('lists each folder once across entries', () => {
    const r = resolveFolders(['/a', '/a/', 'x', '/a/b'], { workspaceFolders: ['file:///a'] });
    assert.deepEqual(r.map((x) => x.uris), [['file:///a'], [], ['file:///a/x'], ['file:///a/b']]);
  });
});

describe('paths: URI helpers', () => {
  it('joins keeping the base encoding and any query', () => {
    assert.equal(joinUri('file:///a%20b/', 'c d'), 'file:///a%20b/c%20d');
    assert.equal(joinUri('vscode-test-web://mount/', 'tmp-1'), 'vscode-test-web://mount/tmp-1');
    assert.equal(joinUri('vscode-vfs://github/r?ref=main', 'docs'), 'vscode-vfs://github/r/docs?ref=main');
  });

  it('tells whether a file is inside a folder by whole segments', () => {
    assert.ok(isInside('file:///a/b/c.md', 'file:///a/b'));
    assert.ok(isInside('file:///a/b/c.md', 'file:///a/b/'));
    assert.ok(isInside('vscode-test-web://mount/x.md', 'vscode-test-web://mount/'));
    assert.ok(!isInside('file:///a/bc/d.md', 'file:///a/b'));
    assert.ok(!isInside('other:///a/b/c.md', 'file:///a/b'));
  });

  it('names files relative to their folder, decoded', () => {
    assert.equal(relativePath('file:///a/b/My%20Notes/x.md', 'file:///a/b'), 'My Notes/x.md');
    assert.equal(relativePath('file:///z/x.md', 'file:///a/b'), 'file:///z/x.md');
    assert.equal(relativePath('file:///a/b/%E0%A4%A.md', 'file:///a/b'), '%E0%A4%A.md');
  });
});
