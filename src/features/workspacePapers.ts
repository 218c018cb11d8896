import * as vscode from 'vscode';
import { isBinaryBytes, plainText } from '../core/text';
import { mapConcurrent } from '../core/util';
import { excludeMatcher } from '../core/workspace';
import { BINARY_GLOBS, enabledGlobs, excludeGlob, FileFindings, fileFindings, gitignoreGlobs, Location, PaperSummary, summarize, workspaceBibtex, WorkspaceSummary } from '../core/workspace';
import { DigestEntry } from '../core/types';
import { Feature, FeatureDeps } from './deps';
import { Disposable, toDisposable } from './dispose';
import { digestTooltip, readingContextValue } from './digestItem';
import { RefusedWrite, writeFileNoLinks } from './safeWrite';

/** Bounds of one scan: files looked at, bytes per file and in all, lines per file, wall time. */
export const LIMITS = { files: 5000, fileBytes: 1024 * 1024, totalBytes: 64 * 1024 * 1024, lines: 20_000, ms: 30_000 };
const SAVE_DEBOUNCE_MS = 500;
const READ_CONCURRENCY = 16;

export class PaperNode {
  constructor(readonly paper: PaperSummary<DigestEntry>) {}
}
export class UnknownGroupNode {
  constructor(readonly papers: PaperSummary<string>[]) {}
}
export class UnknownIdNode {
  constructor(readonly paper: PaperSummary<string>) {}
}
export class LocationNode {
  constructor(
    readonly location: Location,
    readonly parentKey: string,
  ) {}
}
export type PapersNode = PaperNode | UnknownGroupNode | UnknownIdNode | LocationNode;

function rel(file: string): string {
  const uri = vscode.Uri.parse(file);
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/**
 * `digestLens.workspacePapers`: every digest and unknown arXiv ID the workspace's files mention,
 * found by the hover's recognizer. Honours `files.exclude`, `search.exclude` and the folders'
 * `.gitignore`; bounded in files, bytes and time; cancellable; re-reads a file when it is saved.
 */
export class WorkspacePapers extends Disposable implements vscode.TreeDataProvider<PapersNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<PapersNode | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly perFile = new Map<string, FileFindings>();
  private summaryCache: WorkspaceSummary = { digests: [], unknown: [] };
  private cancel: vscode.CancellationTokenSource | undefined;
  /** Scans cancelled because a newer one started (not by the reader). */
  private readonly superseded = new WeakSet<vscode.CancellationTokenSource>();
  private pendingSaves = new Set<string>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set once a scan has run: saves and corpus changes update only a view someone looked at. */
  scanned = false;
  /** What the last scan stopped at, if a bound was reached ("files", "bytes", "time", "cancelled"). */
  stoppedAt: string | undefined;
  filesScanned = 0;
  /** Resolves when the latest scan or save update is done (tests wait on it). */
  settled: Promise<void> = Promise.resolve();
  view: vscode.TreeView<PapersNode> | undefined;

  constructor(private readonly deps: FeatureDeps) {
    super();
    this._register(
      toDisposable(() => {
        this.cancel?.cancel();
        if (this.saveTimer) clearTimeout(this.saveTimer);
      }),
    );
  }

  get summary(): WorkspaceSummary {
    return this.summaryCache;
  }

  getTreeItem(node: PapersNode): vscode.TreeItem {
    if (node instanceof PaperNode) {
      const d = node.paper.key;
      const item = new vscode.TreeItem(plainText(d.title), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `paper:${d.id}`;
      item.description = vscode.l10n.t('mentions: {0} · files: {1}', node.paper.count, node.paper.files);
      item.tooltip = digestTooltip(d, this.deps.corpus.corpus);
      item.iconPath = new vscode.ThemeIcon(this.deps.readingState.isStarred(d.id) ? 'star-full' : 'book');
      item.contextValue = readingContextValue(d, this.deps.readingState);
      return item;
    }
    if (node instanceof UnknownGroupNode) {
      const item = new vscode.TreeItem(vscode.l10n.t('arXiv IDs not in the corpus'), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = 'unknown';
      item.description = String(node.papers.length);
      item.iconPath = new vscode.ThemeIcon('question');
      item.contextValue = 'unknownGroup';
      return item;
    }
    if (node instanceof UnknownIdNode) {
      const item = new vscode.TreeItem(plainText(`arXiv:${node.paper.key}`), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `unknown:${node.paper.key}`;
      item.description = vscode.l10n.t('mentions: {0} · files: {1}', node.paper.count, node.paper.files);
      item.iconPath = new vscode.ThemeIcon('link-external');
      item.contextValue = 'unknownArxiv';
      return item;
    }
    const l = node.location;
    const item = new vscode.TreeItem(plainText(`${rel(l.file)}:${l.line + 1}`), vscode.TreeItemCollapsibleState.None);
    item.id = `${node.parentKey}@${l.file}:${l.line}:${l.character}`;
    item.iconPath = vscode.ThemeIcon.File;
    item.resourceUri = vscode.Uri.parse(l.file);
    item.command = {
      command: 'vscode.open',
      title: vscode.l10n.t('Go to Mention'),
      arguments: [vscode.Uri.parse(l.file), { selection: new vscode.Range(l.line, l.character, l.line, l.endCharacter) }],
    };
    return item;
  }

  getChildren(node?: PapersNode): PapersNode[] {
    const s = this.summaryCache;
    if (!node) {
      const roots: PapersNode[] = s.digests.map((p) => new PaperNode(p));
      if (s.unknown.length > 0) roots.push(new UnknownGroupNode(s.unknown));
      return roots;
    }
    if (node instanceof UnknownGroupNode) return node.papers.map((p) => new UnknownIdNode(p));
    if (node instanceof PaperNode) return node.paper.locations.map((l) => new LocationNode(l, node.paper.key.id));
    if (node instanceof UnknownIdNode) return node.paper.locations.map((l) => new LocationNode(l, node.paper.key));
    return [];
  }

  /**
   * What one workspace folder excludes (settings, `.gitignore`, binaries): as the glob handed to
   * `findFiles`, and as a test the results are checked with (a provider may ignore the glob).
   */
  private async excludes(folder: vscode.WorkspaceFolder): Promise<{ glob: string | undefined; excluded: (uri: vscode.Uri) => boolean }> {
    const files = vscode.workspace.getConfiguration('files', folder.uri).get<unknown>('exclude');
    const search = vscode.workspace.getConfiguration('search', folder.uri).get<unknown>('exclude');
    let ignored: string[] = [];
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gitignore'));
      if (bytes.byteLength <= 256 * 1024) ignored = gitignoreGlobs(new TextDecoder().decode(bytes));
    } catch {
      // no .gitignore
    }
    const globs = [...enabledGlobs(files, search), ...ignored, ...BINARY_GLOBS];
    const matcher = excludeMatcher(globs);
    return { glob: excludeGlob(globs), excluded: (uri) => matcher(vscode.workspace.asRelativePath(uri, false)) };
  }

  /** Reads and scans one file; undefined when it is skipped (binary, too big, unreadable). */
  private async scanFile(uri: vscode.Uri, budget: { bytes: number }): Promise<FileFindings | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File) || stat.size > LIMITS.fileBytes || stat.size > budget.bytes) return undefined;
      budget.bytes -= stat.size;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > LIMITS.fileBytes || isBinaryBytes(bytes)) return undefined;
      const text = new TextDecoder().decode(bytes);
      const options = { methods: this.deps.settings().hover.methodNames, arxiv: true, maxLines: LIMITS.lines };
      const mentions = this.deps.corpus.recognizer.scanText(text, options);
      const corpus = this.deps.corpus.corpus;
      return fileFindings(uri.toString(), mentions, (id) => corpus.get(id));
    } catch {
      return undefined;
    }
  }

  private publish(): void {
    const corpus = this.deps.corpus.corpus;
    this.summaryCache = summarize(this.perFile, (id) => corpus.get(id));
    if (this.view) {
      const s = this.summaryCache;
      this.view.description = vscode.l10n.t('digests: {0} · unknown IDs: {1}', s.digests.length, s.unknown.length);
      const stopped =
        this.stoppedAt === 'cancelled'
          ? vscode.l10n.t('Scan cancelled after {0} files.', this.filesScanned)
          : this.stoppedAt
            ? vscode.l10n.t('Scan stopped at its limit ({0}) after {1} files.', this.stoppedAt, this.filesScanned)
            : undefined;
      this.view.message = stopped ?? (s.digests.length + s.unknown.length === 0 ? vscode.l10n.t('No papers mentioned in {0} files.', this.filesScanned) : undefined);
    }
    this.emitter.fire(undefined);
  }

  /**
   * Scans every workspace folder again, cancelling a scan under way: that one publishes nothing,
   * and its callers wait for this one, so whoever awaits a scan sees the latest whole result.
   */
  scan(): Promise<void> {
    if (this.cancel) {
      this.superseded.add(this.cancel);
      this.cancel.cancel();
    }
    const cts = (this.cancel = new vscode.CancellationTokenSource());
    this.scanned = true;
    const run = async () => {
      await this.deps.corpus.ready;
      void vscode.commands.executeCommand('setContext', 'digestLens.workspacePapers.scanning', true);
      try {
        await vscode.window.withProgress({ location: { viewId: 'digestLens.workspacePapers' }, title: vscode.l10n.t('Scanning the workspace for papers') }, () =>
          this.doScan(cts.token, () => this.superseded.has(cts)),
        );
      } finally {
        if (this.cancel === cts) {
          this.cancel = undefined;
          void vscode.commands.executeCommand('setContext', 'digestLens.workspacePapers.scanning', false);
        }
        cts.dispose();
      }
    };
    const mine = run();
    this.settled = mine;
    // A newer scan started meanwhile: resolve with it.
    return mine.then(() => (this.settled === mine ? undefined : this.settled));
  }

  cancelScan(): void {
    this.cancel?.cancel();
  }

  private async doScan(token: vscode.CancellationToken, superseded: () => boolean): Promise<void> {
    const started = Date.now();
    const found = new Map<string, FileFindings>();
    const budget = { bytes: LIMITS.totalBytes };
    let stopped: string | undefined;
    let count = 0;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (token.isCancellationRequested) break;
      const exclude = await this.excludes(folder);
      const uris = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), exclude.glob ?? null, LIMITS.files + 1 - count, token)).filter((u) => !exclude.excluded(u));
      if (uris.length > LIMITS.files - count) stopped = 'files';
      const list = uris.slice(0, LIMITS.files - count);
      await mapConcurrent(list, READ_CONCURRENCY, async (uri) => {
        if (token.isCancellationRequested || stopped === 'time' || stopped === 'bytes') return;
        if (Date.now() - started > LIMITS.ms) {
          stopped = 'time';
          return;
        }
        if (budget.bytes <= 0) {
          stopped = 'bytes';
          return;
        }
        count++;
        const f = await this.scanFile(uri, budget);
        if (f && (f.digests.size > 0 || f.unknown.size > 0)) found.set(uri.toString(), f);
      });
    }
    if (token.isCancellationRequested) {
      // Replaced by a newer scan: its result, not this partial one, is what the view shows.
      if (superseded()) return;
      stopped = 'cancelled';
    }
    this.perFile.clear();
    for (const [k, v] of found) this.perFile.set(k, v);
    this.stoppedAt = stopped;
    this.filesScanned = count;
    this.publish();
  }

  /** A saved file: re-read it alone, if the scan would include it (same excludes). */
  saved(uri: vscode.Uri): void {
    if (!this.scanned || !vscode.workspace.getWorkspaceFolder(uri)) return;
    this.pendingSaves.add(uri.toString());
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      const files = [...this.pendingSaves];
      this.pendingSaves.clear();
      this.settled = this.settled.then(() => this.rescan(files));
    }, SAVE_DEBOUNCE_MS);
  }

  private async rescan(files: string[]): Promise<void> {
    // One read of each folder's excludes (and .gitignore) per batch of saves.
    const excludesOf = new Map<string, ReturnType<WorkspacePapers['excludes']>>();
    for (const file of files) {
      const uri = vscode.Uri.parse(file);
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const key = folder.uri.toString();
      if (!excludesOf.has(key)) excludesOf.set(key, this.excludes(folder));
      const exclude = await excludesOf.get(key)!;
      const f = exclude.excluded(uri) ? undefined : await this.scanFile(uri, { bytes: LIMITS.fileBytes });
      if (f && (f.digests.size > 0 || f.unknown.size > 0)) this.perFile.set(file, f);
      else this.perFile.delete(file);
    }
    this.publish();
  }

  /** Writes the `.bib` of what was found; never through a symbolic link. */
  async exportBibtex(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const s = this.summaryCache;
    if (s.digests.length + s.unknown.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No papers found in this workspace to export.'));
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export BibTeX'),
        defaultUri: folder ? vscode.Uri.joinPath(folder, 'papers.bib') : undefined,
        filters: { BibTeX: ['bib'] },
      }));
    if (!uri) return undefined;
    try {
      // A temporary file renamed into place: never through a link, never over a folder.
      await writeFileNoLinks(vscode.Uri.joinPath(uri, '..'), uri, new TextEncoder().encode(workspaceBibtex(s)), 'create-or-replace');
    } catch (e) {
      if (!(e instanceof RefusedWrite)) throw e;
      void vscode.window.showErrorMessage(vscode.l10n.t('Not written: the chosen file is a symbolic link or a folder.'));
      return undefined;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} BibTeX entries.', s.digests.length + s.unknown.length));
    return uri;
  }

  refreshItems(): void {
    this.emitter.fire(undefined);
  }
}

export const activate: Feature<WorkspacePapers> = (context, deps) => {
  const provider = new WorkspacePapers(deps);
  const view = vscode.window.createTreeView('digestLens.workspacePapers', { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  let corpusTimer: ReturnType<typeof setTimeout> | undefined;
  deps.commands.register({
    'digestLens.workspacePapers.refresh': () => provider.scan(),
    'digestLens.workspacePapers.cancel': () => provider.cancelScan(),
    // No target argument: a command link elsewhere must not be able to name the file written.
    'digestLens.exportBibtex': () => provider.exportBibtex(),
  });
  context.subscriptions.push(
    provider,
    view,
    // The first look at the view starts the scan; nothing is read for a view nobody opened.
    view.onDidChangeVisibility((e) => {
      if (e.visible && !provider.scanned) void provider.scan();
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => provider.saved(doc.uri)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => provider.scanned && void provider.scan()),
    deps.corpus.onDidChange(() => {
      if (!provider.scanned) return;
      if (corpusTimer) clearTimeout(corpusTimer);
      corpusTimer = setTimeout(() => void provider.scan(), 1000);
    }),
    deps.readingState.onDidChange(() => provider.refreshItems()),
    { dispose: () => corpusTimer && clearTimeout(corpusTimer) },
  );
  if (view.visible) void provider.scan();
  return provider;
};
