import type * as vscode from 'vscode';

/**
 * Owns what it registers: `dispose()` disposes each once, newest first, and anything registered
 * after that is disposed at once (a late registration must not outlive its owner).
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly toDispose: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.toDispose.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    while (this.toDispose.length > 0) {
      try {
        this.toDispose.pop()!.dispose();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}

/** A disposable that runs `fn` once. */
export function toDisposable(fn: () => void): vscode.Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      fn();
    },
  };
}
