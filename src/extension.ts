import * as vscode from 'vscode';
import { Corpus } from './core/corpus';
import type { DigestLensSettings } from './core/settings';
import { CorpusService } from './features/corpusService';
import { Feature, FeatureDeps } from './features/deps';
import { DigestOnScreen } from './features/digestOnScreen';
import { WorkspaceCitations } from './features/documentMentions';
import { features, FeatureServices } from './features';
import { CommandRegistry } from './features/commands';
import { createLogger, type LogEntry } from './features/logger';
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
  /** The settings as every feature reads them: bad values replaced by their defaults. */
  settings(): DigestLensSettings;
  /** Each line written to the Digest Lens output channel (a bad setting's warning, a folder problem). */
  readonly onDidLog: vscode.Event<LogEntry>;
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
  const commands = new CommandRegistry();
  context.subscriptions.push(settings, corpus, readingState, commands);

  const deps: FeatureDeps = {
    corpus,
    settings: settings.get,
    onDidChangeSettings: settings.onDidChange,
    log,
    extensionUri: context.extensionUri,
    readingState,
    digestOnScreen: new DigestOnScreen(),
    citations: new WorkspaceCitations(),
    commands,
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
  commands.register({
    'digestLens.showOutput': () => log.channel.show(),
    'digestLens.refresh': () => vscode.window.withProgress({ location: { viewId: 'digestLens.topics' } }, () => corpus.reload()),
  });
  const missing = commands.missing();
  if (missing.length > 0) log.error(`Commands without a handler (their feature did not start): ${missing.join(', ')}`);
  await corpus.ready;
  const typed = services as DigestLensServices;
  return {
    get corpus() {
      return corpus.corpus;
    },
    ready: corpus.ready,
    services: typed,
    digestView: typed.digestView,
    settings: settings.get,
    onDidLog: log.onDidLog,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
