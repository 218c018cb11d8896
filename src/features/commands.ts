import * as vscode from 'vscode';
import { COMMAND_IDS, type CommandId } from '../core/commands';
import { Disposable } from './dispose';

/** What a command runs with: VS Code passes whatever the caller gave (a tree node, an id, nothing). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers narrow their own arguments
export type CommandHandler = (...args: any[]) => unknown;

/**
 * The one place commands are registered. Features hand their handlers over by id (typed by the
 * one list in src/core/commands, so an id package.json does not contribute fails to compile);
 * an id registered twice is an error, not a silent override; after activation `missing()` names
 * the contributed commands that have no handler (a feature that failed to start).
 */
export class CommandRegistry extends Disposable {
  private readonly handlers = new Set<CommandId>();

  register(commands: Partial<Record<CommandId, CommandHandler>>): void {
    for (const [id, run] of Object.entries(commands) as [CommandId, CommandHandler][]) {
      if (this.handlers.has(id)) throw new Error(`command ${id} is registered twice`);
      this.handlers.add(id);
      this._register(vscode.commands.registerCommand(id, run));
    }
  }

  missing(): CommandId[] {
    return COMMAND_IDS.filter((id) => !this.handlers.has(id));
  }
}
