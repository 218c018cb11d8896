import * as vscode from 'vscode';
import { Corpus } from './core/corpus';
import { CorpusService } from './features/corpusService';
import { Feature, FeatureDeps } from './features/deps';
import { createLogger } from './features/logger';
import { SettingsReader } from './features/settingsReader';
import { features } from './features';
import { ReadingStateService } from './features/readingState';
import { DigestOnScreen } from './features/digestOnScreen';

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface DigestLensApi {
  readonly corpus: Corpus;
  readonly ready: Promise<void>;
  readonly services: Record<string, unknown>;
  /** The digest view controller (current digest id, current HTML), for tests. */
  readonly digestView: unknown;
}

export async function activate(context: vscode.ExtensionContext): Promise<DigestLensApi> {
  const log = createLogger(context);
  const settings = new SettingsReader(log);
  const corpus = new CorpusService(context.extensionUri, log);
  const readingState = new ReadingStateService(context.globalState);
  context.subscriptions.push(settings, corpus, readingState);

  const deps: FeatureDeps = {
    corpus,
    settings: settings.get,
    onDidChangeSettings: settings.onDidChange,
    log,
    extensionUri: context.extensionUri,
    readingState,
    digestOnScreen: new DigestOnScreen(),
  };
  const services: Record<string, unknown> = {};
  for (const [name, feature] of Object.entries(features) as [string, Feature][]) {
    try {
      const service = await feature(context, deps);
      if (service !== undefined) services[name] = service;
    } catch (e) {
      // One broken feature must not take the others down.
      log.error(`Feature "${name}" failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
  context.subscriptions.push(vscode.commands.registerCommand('digestLens.showOutput', () => log.channel.show()));
  await corpus.ready;
  return {
    get corpus() {
      return corpus.corpus;
    },
    ready: corpus.ready,
    services,
    digestView: services.digestView,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
