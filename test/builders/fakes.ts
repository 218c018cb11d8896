import { WorkspaceCitations } from '../../src/features/documentMentions';
import * as vscode from 'vscode';
import { Corpus } from '../../src/core/corpus/corpus';
import { Recognizer } from '../../src/core/recognizer/recognizer';
import { DigestSearch } from '../../src/core/search/search';
import { DEFAULT_SETTINGS, DigestLensSettings } from '../../src/core/settings/settings';
import type { DigestEntry, Topic } from '../../src/core/types';
import type { CorpusProvider, FeatureDeps } from '../../src/features/deps';
import { ReadingStateService } from '../../src/features/readingState';
import { CommandRegistry } from '../../src/features/commands';

/**
 * Small fakes of the extension's own dependencies, for workbench tests that construct a provider
 * directly: a fixed corpus snapshot that never changes, and fixed settings.
 */

/** One corpus snapshot of `entries`, with its recognizer and an empty search. */
export function fixedCorpus(entries: readonly DigestEntry[], topics: readonly Topic[] = [], bodies: Record<string, string> = {}): CorpusProvider {
  const corpus = new Corpus(entries, topics, (e) => Promise.resolve(bodies[e.id]));
  const search = new DigestSearch();
  return {
    corpus,
    recognizer: Recognizer.build(entries),
    search,
    searchReady: () => Promise.resolve(search),
    onDidChange: new vscode.EventEmitter<Corpus>().event,
    reload: () => Promise.resolve(),
    ready: Promise.resolve(),
  };
}

/** Settings as a reader would set them: the defaults, with `hover` fields overridden. */
export function fixedSettings(hover: Partial<DigestLensSettings['hover']> = {}): DigestLensSettings {
  return { ...DEFAULT_SETTINGS, hover: { ...DEFAULT_SETTINGS.hover, ...hover } };
}

/** The deps a feature reads: a fixed corpus and settings; nothing logged; nothing read or starred yet. */
export function fakeDeps(corpus: CorpusProvider, settings: DigestLensSettings = fixedSettings()): FeatureDeps {
  const quiet = (): void => undefined;
  return {
    corpus,
    settings: () => settings,
    onDidChangeSettings: new vscode.EventEmitter<void>().event,
    log: { info: quiet, warn: quiet, error: quiet },
    extensionUri: vscode.Uri.parse('untitled:/digest-lens-test'),
    readingState: new ReadingStateService(memoryMemento()),
    digestOnScreen: { id: undefined } as FeatureDeps['digestOnScreen'],
    citations: new WorkspaceCitations(),
    // Registers nothing unless a test starts a whole feature with these deps.
    commands: new CommandRegistry(),
  };
}

/** A `Memento` kept in memory (the reading state's store). */
export function memoryMemento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: (key: string, value: unknown) => {
      values.set(key, value);
      return Promise.resolve();
    },
  } as vscode.Memento;
}
