import * as vscode from 'vscode';
import { Logger } from './deps';

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

/**
 * The `Digest Lens` output channel, as a `Logger`. `onDidLog` reports each line as it is written
 * (the extension API passes it on, so a test can wait for a warning without reading the channel).
 */
export function createLogger(context: vscode.ExtensionContext): Logger & { channel: vscode.LogOutputChannel; onDidLog: vscode.Event<LogEntry> } {
  const channel = vscode.window.createOutputChannel('Digest Lens', { log: true });
  const emitter = new vscode.EventEmitter<LogEntry>();
  context.subscriptions.push(channel, emitter);
  const write = (level: LogEntry['level'], message: string): void => {
    channel[level](message);
    emitter.fire({ level, message });
  };
  return {
    channel,
    onDidLog: emitter.event,
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}
