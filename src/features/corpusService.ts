import * as vscode from 'vscode';
import { BODIES_FILE, BundleBodies, bundleRecognizer, checkBundleIndex, ENTRIES_FILE, INDEX_FILE, LoadedBundle, SEARCH_FILE } from '../core/corpus';
import { concatEntries, Corpus, entryList } from '../core/corpus';
import { Recognizer } from '../core/recognizer';
import { bundledPart, DigestSearch, docsPart, SearchPart, searchDoc } from '../core/search';
import { DigestEntry, Topic } from '../core/types';
import { CorpusProvider, Logger } from './deps';
import { Disposable, toDisposable } from './dispose';

/** Digests from a source other than the bundle (the user's folders), with their bodies. */
export interface ExtraDigests {
  entries: DigestEntry[];
  body(entry: DigestEntry): Promise<string | undefined>;
}

/** A source of digests besides the bundle; `CorpusService.reload` re-reads each. */
export interface DigestSource {
  reload(): Promise<void>;
}

/**
 * What a source may see of the corpus service and do to it: the bundle it sits beside (its
 * topic vocabulary and ids, which a user digest may not take) and its own part of the next
 * snapshot. Never the published snapshot, which the source's own part is already in.
 */
export interface DigestSink {
  readonly bundleReady: Promise<void>;
  bundledTopics(): readonly Topic[];
  bundledIds(): ReadonlySet<string>;
  setExtra(key: string, digests: ExtraDigests | undefined): void;
}

/** After a snapshot is published, the search indexes itself this much later, in idle time. */
const SEARCH_WARM_DELAY_MS = 2000;

/**
 * Owns the live corpus snapshot. The bundled index is read once (through `workspace.fs`, so the
 * same code runs in the web worker); bodies are read on first use. The recognizer's table and
 * the search's index come compiled in the bundle; the user's digests are compiled on top.
 * Extra sources (user folders) replace their part and a new snapshot — corpus, recognizer,
 * search — is published at once.
 */
export class CorpusService extends Disposable implements CorpusProvider, DigestSink {
  private snapshot: { corpus: Corpus; recognizer: Recognizer; search: DigestSearch; prepare: () => Promise<DigestSearch> };
  private bundled: LoadedBundle | undefined;
  /** The bundled digests' recognizer, kept across snapshots: user folders only add to it. */
  private bundledRecognizer: Recognizer | undefined;
  private bundledIdSet: Set<string> | undefined;
  /** The bundle's search index (`search.bin`), read in idle time after activation or on the first search. */
  private bundledSearch: Promise<Uint8Array | undefined> | undefined;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;
  private bundledBodies: Promise<BundleBodies> | undefined;
  private readonly extras = new Map<string, ExtraDigests>();
  private readonly emitter = this._register(new vscode.EventEmitter<Corpus>());
  readonly onDidChange = this.emitter.event;
  readonly ready: Promise<void>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {
    super();
    this._register(toDisposable(() => this.warmTimer !== undefined && clearTimeout(this.warmTimer)));
    const empty = Corpus.empty();
    const search = new DigestSearch();
    this.snapshot = { corpus: empty, recognizer: Recognizer.build([]), search, prepare: () => Promise.resolve(search) };
    this.ready = this.loadBundled().then(
      () => this.publish(),
      (e: unknown) => this.log.error(`Could not load the bundled corpus: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  get corpus(): Corpus {
    return this.snapshot.corpus;
  }
  get recognizer(): Recognizer {
    return this.snapshot.recognizer;
  }
  get search(): DigestSearch {
    return this.snapshot.search;
  }

  searchReady(): Promise<DigestSearch> {
    return this.snapshot.prepare();
  }

  private readonly sources: DigestSource[] = [];

  /** Wired once in extension.ts: a source feeds `setExtra`, and `reload` re-reads it. */
  addSource(source: DigestSource): vscode.Disposable {
    this.sources.push(source);
    return toDisposable(() => {
      const at = this.sources.indexOf(source);
      if (at >= 0) this.sources.splice(at, 1);
    });
  }

  /** Re-reads the bundle and every extra source, then publishes one new snapshot. */
  async reload(): Promise<void> {
    this.bundledBodies = undefined;
    try {
      await this.loadBundled();
    } catch (e) {
      this.log.error(`Could not load the bundled corpus: ${e instanceof Error ? e.message : String(e)}`);
    }
    await Promise.all(this.sources.map((s) => s.reload().catch((e: unknown) => this.log.error(String(e)))));
    this.publish();
  }

  get bundleReady(): Promise<void> {
    return this.ready;
  }

  bundledTopics(): readonly Topic[] {
    return this.bundled?.topics ?? [];
  }

  bundledIds(): ReadonlySet<string> {
    return (this.bundledIdSet ??= new Set(this.bundled?.ids ?? []));
  }

  /** Sets (or, with `undefined`, removes) the digests of one extra source and republishes. */
  setExtra(key: string, digests: ExtraDigests | undefined): void {
    if (digests) this.extras.set(key, digests);
    else this.extras.delete(key);
    this.publish();
  }

  private corpusDir(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'corpus');
  }

  private async loadBundled(): Promise<void> {
    // Entries stay bytes until one is used; an older index has them inline.
    const [bytes, entries] = await Promise.all([
      vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.corpusDir(), INDEX_FILE)),
      Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.corpusDir(), ENTRIES_FILE))).catch(() => undefined),
    ]);
    this.bundled = checkBundleIndex(JSON.parse(new TextDecoder().decode(bytes)), entries);
    this.bundledIdSet = undefined;
    this.bundledRecognizer = undefined;
    this.bundledSearch = undefined;
    this.log.info(`Loaded ${this.bundled.ids.length} bundled digests.`);
  }

  private readBundledBodies(): Promise<BundleBodies> {
    this.bundledBodies ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.corpusDir(), BODIES_FILE))).then(
      (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as BundleBodies,
      (e: unknown) => {
        this.bundledBodies = undefined; // let a later open try again
        throw e;
      },
    );
    return this.bundledBodies;
  }

  private readBundledSearch(): Promise<Uint8Array | undefined> {
    this.bundledSearch ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.corpusDir(), SEARCH_FILE))).then(
      (bytes) => bytes,
      (e: unknown) => {
        // The search still works: it indexes the summaries itself.
        this.log.warn(`Could not read the bundled search index: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      },
    );
    return this.bundledSearch;
  }

  private publish(): void {
    const bundled = this.bundled?.entries ?? entryList([]);
    const topics = this.bundled?.topics ?? [];
    const extraOf = new Map<DigestEntry, ExtraDigests>();
    const extra: DigestEntry[] = [];
    // A user digest may not take a bundled id, nor one an earlier user digest took.
    const bundledIds = this.bundledIds();
    const taken = new Set<string>();
    for (const [key, source] of this.extras) {
      for (const e of source.entries) {
        if (bundledIds.has(e.id) || taken.has(e.id)) {
          this.log.warn(`${e.file ?? key}: digest id "${e.id}" is already used by another digest; this one is skipped.`);
          continue;
        }
        taken.add(e.id);
        extra.push(e);
        extraOf.set(e, source);
      }
    }
    const entries = concatEntries(bundled, extra);
    const corpus = new Corpus(entries, topics, async (e) => {
      const extra = extraOf.get(e);
      if (extra) return extra.body(e);
      return (await this.readBundledBodies())[e.id];
    });
    // The compiled index covers exactly the bundled digests, in order; user digests follow. It
    // is read and the user's digests indexed in idle time, or when the first search asks.
    const search = new DigestSearch();
    const bundle = this.bundled;
    let prepared: Promise<DigestSearch> | undefined;
    const prepare = (): Promise<DigestSearch> =>
      (prepared ??= (async () => {
        const topicOf = (id: string) => corpus.topic(id);
        const parts: SearchPart[] = [];
        if (bundle) {
          const bytes = await this.readBundledSearch();
          parts.push(bundledPart({ ids: bundle.ids, searchIndex: bytes, entries: bundle.entries }, topicOf, (m) => this.log.warn(`Search index: ${m}`)));
        }
        if (extra.length > 0) {
          const docs = await Promise.all(
            extra.map(async (e) => searchDoc(e, (await extraOf.get(e)!.body(e).catch(() => undefined)) ?? e.summary)),
          );
          parts.push(docsPart(docs, topicOf));
        }
        search.setParts(parts);
        return search;
      })());
    this.snapshot = { corpus, recognizer: this.bundledRecognizerOf().withExtra(extra), search, prepare };
    if (this.warmTimer !== undefined) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.warmTimer = undefined;
      if (this.snapshot.search === search) void prepare();
    }, SEARCH_WARM_DELAY_MS);
    void vscode.commands.executeCommand('setContext', 'digestLens.corpusEmpty', entries.length === 0);
    this.emitter.fire(corpus);
  }

  private bundledRecognizerOf(): Recognizer {
    this.bundledRecognizer ??= this.bundled ? bundleRecognizer(this.bundled) : Recognizer.build([]);
    return this.bundledRecognizer;
  }
}
