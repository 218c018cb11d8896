import * as vscode from 'vscode';
import { Logger } from './deps';

/** The `Digest Lens` output channel, as a `Logger`. */
export function createLogger(context: vscode.ExtensionContext): Logger & { channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Digest Lens', { log: true });
  context.subscriptions.push(channel);
  return {
    channel,
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
}
