import * as vscode from 'vscode';
import { ReadingState } from '../core/reading';
import { Feature } from './deps';
import { Disposable } from './dispose';
import { digestIdFromArg } from './digestOnScreen';

/** Key in `context.globalState`; registered for Settings Sync so state follows the reader. */
export const READING_STATE_KEY = 'digestLens.readingState';

/** Read / unread and starred, kept in global state and synced across machines. */
export class ReadingStateService extends Disposable {
  private state: ReadingState;
  private readonly emitter = this._register(new vscode.EventEmitter<string>());
  /** Fires with the id whose read or starred state changed. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly memento: vscode.Memento) {
    super();
    this.state = ReadingState.parse(memento.get(READING_STATE_KEY));
  }

  get current(): ReadingState {
    return this.state;
  }

  isRead(id: string): boolean {
    return this.state.isRead(id);
  }

  isStarred(id: string): boolean {
    return this.state.isStarred(id);
  }

  async setRead(id: string, read: boolean): Promise<void> {
    await this.update(id, this.state.withRead(id, read));
  }

  async setStarred(id: string, starred: boolean): Promise<void> {
    await this.update(id, this.state.withStarred(id, starred));
  }

  private async update(id: string, next: ReadingState): Promise<void> {
    if (next === this.state) return;
    this.state = next;
    this.emitter.fire(id);
    await this.memento.update(READING_STATE_KEY, next.toJSON());
  }
}

export const activate: Feature<ReadingStateService> = (context, deps) => {
  const service = deps.readingState;
  context.globalState.setKeysForSync([READING_STATE_KEY]);
  /** A tree node, an id, `{ id }`, or nothing: the digest on screen in the digest view. */
  const target = (arg: unknown): string | undefined => {
    const id = digestIdFromArg(arg) ?? deps.digestOnScreen.id;
    if (id && deps.corpus.corpus.get(id)) return id;
    void vscode.window.showInformationMessage(vscode.l10n.t('Open or select a digest first.'));
    return undefined;
  };
  const command = (run: (id: string) => Promise<void>) => async (arg: unknown) => {
    const id = target(arg);
    if (id) await run(id);
    return id !== undefined;
  };
  deps.commands.register({
    'digestLens.markRead': command((id) => service.setRead(id, true)),
    'digestLens.markUnread': command((id) => service.setRead(id, false)),
    'digestLens.star': command((id) => service.setStarred(id, true)),
    'digestLens.unstar': command((id) => service.setStarred(id, false)),
  });
  return service;
};
