import * as vscode from 'vscode';
import { Corpus } from '../core/corpus';
import { Recognizer } from '../core/recognizer';
import { DigestSearch } from '../core/search';
import { DigestLensSettings } from '../core/settings';

/**
 * The live corpus as features see it: one snapshot, replaced as a whole on reload (user folder
 * change, refresh). Features subscribe to `onDidChange` and read; only sources write (through
 * `CorpusService.setExtra`, wired in extension.ts).
 */
export interface CorpusProvider {
  readonly corpus: Corpus;
  /** Built once per corpus snapshot; every consumer shares it (parse once, not per provider). */
  readonly recognizer: Recognizer;
  /** Search over the same snapshot; empty until `searchReady` resolves. */
  readonly search: DigestSearch;
  /** The snapshot's search once its indexes are loaded (the bundle's compiled one, the user's digests). */
  searchReady(): Promise<DigestSearch>;
  readonly onDidChange: vscode.Event<Corpus>;
  /** Re-reads the bundle and every source (the user's folders), then publishes one snapshot (`digestLens.refresh`). */
  reload(): Promise<void>;
  /** Resolves once the bundled corpus has loaded (user folders: `services.userFolders.ready`). */
  readonly ready: Promise<void>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What every feature module's `activate(context, deps)` receives. */
export interface FeatureDeps {
  readonly corpus: CorpusProvider;
  readonly settings: () => DigestLensSettings;
  readonly onDidChangeSettings: vscode.Event<void>;
  readonly log: Logger;
  readonly extensionUri: vscode.Uri;
  /** Read / starred state of digests (global state, synced). */
  readonly readingState: import('./readingState').ReadingStateService;
  /** The digest in the active digest panel (provided by the digest view). */
  readonly digestOnScreen: import('./digestOnScreen').DigestOnScreen;
  /** The workspace's `.bib` citation keys (set by the bibliography feature). */
  readonly citations: import('./documentMentions').WorkspaceCitations;
  /** Where every feature registers its commands (one place, ids typed by src/core/commands). */
  readonly commands: import('./commands').CommandRegistry;
}

/**
 * A feature registers what it contributes on `context.subscriptions` and may return its service
 * (its providers, its state), typed: the extension API lists each one by name.
 */
export type Feature<T = void> = (context: vscode.ExtensionContext, deps: FeatureDeps) => T;
