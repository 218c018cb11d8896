import * as vscode from 'vscode';
import { Corpus } from './core/corpus';
import { CorpusService } from './features/corpusService';
import { Feature, FeatureDeps } from './features/deps';
import { DigestOnScreen } from './features/digestOnScreen';
import { WorkspaceCitations } from './features/documentMentions';
import { features, FeatureServices } from './features';
import { createLogger } from './features/logger';
import { ReadingStateService } from './features/readingState';
import { SettingsReader } from './features/settingsReader';
import { startUserFolders, UserFoldersService } from './features/userFolders';

/**
 * The services of the extension, by name. A feature that failed to start is missing (one broken
 * feature must not take the others down).
 */
export type DigestLensServices = Partial<FeatureServices> & {
  /** The user-folder source (always started). */
  readonly userFolders: UserFoldersService;
};

/** What `activate` returns: used by the integration tests and by other extensions. */
export interface DigestLensApi {
  readonly corpus: Corpus;
  readonly ready: Promise<void>;
  readonly services: DigestLensServices;
  /** The digest view controller (current digest id, current HTML), for tests. */
  readonly digestView: FeatureServices['digestView'] | undefined;
}

/**
 * Data flows one way: the sources (the bundle, read by the corpus service; the user's folders)
 * → one corpus snapshot service → the features, which subscribe to it and read.
 */
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
    citations: new WorkspaceCitations(),
  };
  const userFolders = startUserFolders(context, deps, corpus);
  const services: Record<string, unknown> = { userFolders };
  for (const [name, feature] of Object.entries(features) as [string, Feature<unknown>][]) {
    try {
      const service = await feature(context, deps);
      if (service !== undefined) services[name] = service;
    } catch (e) {
      log.error(`Feature "${name}" failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
  // The extension's own commands: the corpus and its log belong to no feature.
  context.subscriptions.push(
    vscode.commands.registerCommand('digestLens.showOutput', () => log.channel.show()),
    vscode.commands.registerCommand('digestLens.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'digestLens.topics' } }, () => corpus.reload()),
    ),
  );
  await corpus.ready;
  const typed = services as DigestLensServices;
  return {
    get corpus() {
      return corpus.corpus;
    },
    ready: corpus.ready,
    services: typed,
    digestView: typed.digestView,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
