import * as vscode from 'vscode';
import { toDisposable } from './dispose';

/** Accepts what callers pass to `digestLens.openDigest`: an id, `{ id }`, or a node with `digest`. */
export function digestIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { id?: unknown; digest?: { id?: unknown } };
    if (typeof o.id === 'string') return o.id;
    if (typeof o.digest?.id === 'string') return o.digest.id;
  }
  return undefined;
}

/**
 * The digest shown in the active digest panel, for commands run from its title bar. The digest
 * view provides it; the commands of other features read it through their deps, so no feature
 * imports the digest view.
 */
export class DigestOnScreen {
  private source: (() => string | undefined) | undefined;

  /** The digest in the active digest panel, if that panel is the active editor. */
  get id(): string | undefined {
    return this.source?.();
  }

  provide(source: () => string | undefined): vscode.Disposable {
    this.source = source;
    return toDisposable(() => {
      if (this.source === source) this.source = undefined;
    });
  }
}
