/** Back / forward history of one digest panel, and the state a panel saves to be restored. */

/**
 * What the page script stores with `setState`; all the serializer needs to restore a panel:
 * its digest, its history, and whether it is the panel `openDigest` reuses.
 */
export interface ViewState {
  id: string;
  history?: string[];
  index?: number;
  main?: boolean;
}

/** A panel's history is bounded: a long reading session must not grow the saved state forever. */
export const MAX_HISTORY = 50;

export function isViewState(state: unknown): state is ViewState {
  return typeof state === 'object' && state !== null && typeof (state as ViewState).id === 'string';
}

/** Back / forward through the digests one panel has shown. Restored state is untrusted. */
export class History {
  private constructor(
    private list: string[],
    private at: number,
  ) {}

  static of(id: string): History {
    return new History([id], 0);
  }

  static restore(state: ViewState, exists: (id: string) => boolean): History | undefined {
    const list = (Array.isArray(state.history) ? state.history : []).filter((x): x is string => typeof x === 'string' && exists(x)).slice(-MAX_HISTORY);
    const at = list.indexOf(state.id) >= 0 && typeof state.index === 'number' && list[state.index] === state.id ? state.index : list.lastIndexOf(state.id);
    if (at >= 0) return new History(list, at);
    return exists(state.id) ? History.of(state.id) : undefined;
  }

  get current(): string {
    return this.list[this.at];
  }
  get canGoBack(): boolean {
    return this.at > 0;
  }
  get canGoForward(): boolean {
    return this.at < this.list.length - 1;
  }

  /** A new digest: forward entries are dropped, as in a browser. */
  push(id: string): void {
    if (this.current === id) return;
    this.list = [...this.list.slice(0, this.at + 1), id].slice(-MAX_HISTORY);
    this.at = this.list.length - 1;
  }

  go(delta: -1 | 1): string | undefined {
    const next = this.at + delta;
    if (next < 0 || next >= this.list.length) return undefined;
    this.at = next;
    return this.current;
  }

  /** Drops ids no longer in the corpus (a user folder changed), keeping the position sensible. */
  prune(exists: (id: string) => boolean): boolean {
    const cur = this.current;
    const list = this.list.filter(exists);
    if (list.length === 0) return false;
    this.list = list;
    this.at = Math.max(0, list.indexOf(cur) >= 0 ? list.indexOf(cur) : Math.min(this.at, list.length - 1));
    return true;
  }

  state(main: boolean): ViewState {
    return { id: this.current, history: [...this.list], index: this.at, main };
  }
}
