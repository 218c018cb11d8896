import * as vscode from 'vscode';
import { Corpus } from '../core/corpus';
import { Recognizer } from '../core/recognizer';
import { DigestSearch } from '../core/search';
import { DigestLensSettings } from '../core/settings';

/** The live corpus: replaced as a whole on reload (user folder change, refresh). */
export interface CorpusProvider {
  readonly corpus: Corpus;
  /** Built once per corpus snapshot; every consumer shares it (parse once, not per provider). */
  readonly recognizer: Recognizer;
  /** Search over the same snapshot; empty until `searchReady` resolves. */
  readonly search: DigestSearch;
  /** The snapshot's search once its indexes are loaded (the bundle's compiled one, the user's digests). */
  searchReady(): Promise<DigestSearch>;
  readonly onDidChange: vscode.Event<Corpus>;
  /** Re-reads the bundle and the user's folders (`digestLens.refresh`). */
  reload(): Promise<void>;
  /** Extra digest sources register how to re-read themselves on `reload`. */
  onReload(reload: () => Promise<void>): vscode.Disposable;
  /** Sets (or, with `undefined`, removes) the digests of one extra source (a user folder) and republishes. */
  setExtra(key: string, digests: import('./corpusService').ExtraDigests | undefined): void;
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
}

/** A feature may return a service object; it is exposed to tests through the extension API. */
export type Feature = (context: vscode.ExtensionContext, deps: FeatureDeps) => unknown;
