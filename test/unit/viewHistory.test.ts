import * as assert from 'assert';
import { History, MAX_HISTORY } from '../../src/core/reading/viewHistory';
import { parseViewMessage, renderToolbar } from '../../src/core/view/render';
import { elementWith } from '../builders/html';

describe('digest view history', () => {
  it('goes back and forward; a new digest drops the forward entries', () => {
    const h = History.of('a');
    h.push('b');
    h.push('c');
    assert.strictEqual(h.go(-1), 'b');
    assert.strictEqual(h.go(-1), 'a');
    assert.strictEqual(h.go(-1), undefined);
    assert.strictEqual(h.canGoBack, false);
    assert.strictEqual(h.go(1), 'b');
    h.push('d');
    assert.strictEqual(h.canGoForward, false);
    assert.deepStrictEqual(h.state(true), { id: 'd', history: ['a', 'b', 'd'], index: 2, main: true });
    h.push('d');
    assert.strictEqual(h.state(true).history?.length, 3, 'the same digest again is not a new entry');
  });

  it('is bounded', () => {
    const h = History.of('d0');
    for (let i = 1; i < MAX_HISTORY + 20; i++) h.push(`d${i}`);
    assert.strictEqual(h.state(false).history?.length, MAX_HISTORY);
    assert.strictEqual(h.current, `d${MAX_HISTORY + 19}`);
  });

  it('restores saved state, dropping ids that are gone and repairing a bad index', () => {
    const exists = (id: string) => id !== 'gone';
    const h = History.restore({ id: 'b', history: ['a', 'gone', 'b', 'c'], index: 2 }, exists)!;
    assert.deepStrictEqual(h.state(true), { id: 'b', history: ['a', 'b', 'c'], index: 1, main: true });
    const bad = History.restore({ id: 'c', history: ['a', 42 as unknown as string, 'c'], index: 99 }, exists)!;
    assert.strictEqual(bad.current, 'c');
    assert.strictEqual(bad.canGoBack, true);
    assert.strictEqual(History.restore({ id: 'x' }, exists)?.current, 'x', 'an old state without history');
    assert.strictEqual(History.restore({ id: 'gone', history: ['gone'] }, exists), undefined);
  });

  it('prunes ids that left the corpus and keeps its place', () => {
    const h = History.of('a');
    h.push('b');
    h.push('c');
    h.go(-1);
    assert.ok(h.prune((id) => id !== 'a'));
    assert.strictEqual(h.current, 'b');
    assert.strictEqual(h.canGoBack, false);
    assert.strictEqual(h.prune(() => false), false);
  });
});

describe('digest view toolbar', () => {
  it('renders the buttons with their state, and the state the page saves, escaped', () => {
    const html = renderToolbar({ canGoBack: false, canGoForward: true, read: true, starred: false, viewState: { id: '"><script>', history: ['a'] } });
    const button = (action: string) => elementWith(html, 'data-action', action);
    assert.strictEqual(button('back')?.attrs.has('disabled'), true);
    assert.strictEqual(button('forward')?.attrs.has('disabled'), false);
    assert.strictEqual(button('toggleRead')?.attrs.get('aria-pressed'), 'true');
    assert.match(html, /Mark as Unread/);
    assert.strictEqual(button('toggleStar')?.attrs.get('aria-pressed'), 'false');
    assert.ok(button('newTab'));
    assert.doesNotMatch(html, /<script>/);
    const state = elementWith(html, 'data-view-state')!.attrs.get('data-view-state')!;
    assert.deepStrictEqual(JSON.parse(state), { id: '"><script>', history: ['a'] });
  });

  it('accepts exactly the known actions from the page', () => {
    for (const action of ['back', 'forward', 'newTab', 'toggleRead', 'toggleStar']) assert.deepStrictEqual(parseViewMessage({ type: 'action', action }), { type: 'action', action });
    for (const bad of [{ type: 'action' }, { type: 'action', action: 'rm' }, { type: 'action', action: 'back', extra: 1 }, { type: 'action', action: ['back'] }]) {
      assert.strictEqual(parseViewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
