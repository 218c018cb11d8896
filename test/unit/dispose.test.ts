import * as assert from 'assert';
import { Disposable, toDisposable } from '../../src/features/dispose';

/** The glue's `Disposable` base uses `vscode` for its types only, so it runs here. */
class Owner extends Disposable {
  register<T extends { dispose(): void }>(d: T): T {
    return this._register(d);
  }
}

describe('Disposable base', () => {
  it('returns what it registers and disposes each once, newest first', () => {
    const order: string[] = [];
    const owner = new Owner();
    const a = toDisposable(() => order.push('a'));
    assert.strictEqual(owner.register(a), a);
    owner.register(toDisposable(() => order.push('b')));
    owner.dispose();
    owner.dispose();
    assert.deepStrictEqual(order, ['b', 'a']);
  });

  it('disposes at once what is registered after it was disposed', () => {
    const owner = new Owner();
    owner.dispose();
    let disposed = 0;
    owner.register(toDisposable(() => disposed++));
    assert.strictEqual(disposed, 1);
  });

  it('disposes the rest when one throws, then rethrows', () => {
    const owner = new Owner();
    let disposed = 0;
    owner.register(toDisposable(() => disposed++));
    owner.register(
      toDisposable(() => {
        throw new Error('boom');
      }),
    );
    assert.throws(() => owner.dispose(), /boom/);
    assert.strictEqual(disposed, 1);
  });
});
