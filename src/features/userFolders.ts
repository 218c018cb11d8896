import * as vscode from 'vscode';
import { toEntry } from '../core/corpus';
import { byUnits, mapConcurrent } from '../core/util';
import { digestFiles } from './lazyCore';
import { decodeDigestBytes, fileSizeProblem, isDigestFileName, isSkippedName, MAX_DEPTH } from '../core/digest';
import { idClashMessage, resolveIdClaims } from '../core/digest';
import { isInside, trimTrailing } from '../core/settings';
import { plainText } from '../core/text';
import type { DigestEntry, Problem } from '../core/types';
import type { CorpusService, DigestSink } from './corpusService';
import type { FeatureDeps } from './deps';
import { Disposable, toDisposable } from './dispose';
import { display, listMarkdownFiles, resolveExtraFolders } from './folders';

const DEBOUNCE_MS = 150;
/**
 * Files read at once. In the web host every `workspace.fs` call is a round trip to the page and
 * on to the server (tens of milliseconds each), so a folder of 1,000 digests (a stat and a read
 * per file) is bound by round trips in flight, not by bytes: 128 at once read 1,000 files in
 * about half the time 16 did in the web test host.
 */
const READ_CONCURRENCY = 128;

function errorMessage(e: unknown): string {
  if (e instanceof vscode.FileSystemError) return e.code ? `${e.code}: ${e.message}` : e.message;
  return e instanceof Error ? e.message : String(e);
}

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

/** True for a path under `folder` that a full scan would read (`.md`, not hidden, within depth). */
function inScope(file: vscode.Uri, folder: vscode.Uri): boolean {
  const f = file.toString();
  const root = folder.toString();
  if (!isInside(f, root) || f === root) return false;
  const segments = file.path.slice(trimTrailing(folder.path, '/').length).split('/').filter(Boolean);
  return segments.length <= MAX_DEPTH + 1 && !segments.some(isSkippedName) && isDigestFileName(segments[segments.length - 1] ?? '');
}

/** One digest file as last read: what it adds to the corpus and what is wrong with it. */
interface FileState {
  uri: vscode.Uri;
  entry?: DigestEntry;
  problems: Problem[];
  diagnostics: vscode.Diagnostic[];
  /** 0-based line of `id:`, where an id clash is shown. */
  idLine: number;
  /** `mtime:size` when read: a full re-read skips a file whose stamp is unchanged. */
  stamp?: string;
  /** The topic vocabulary it was checked against (a new vocabulary re-checks every file). */
  topicsKey?: string;
}

/** Body text of each user entry (entries are immutable, so a weak map keyed by them is exact). */
const bodies = new WeakMap<DigestEntry, string>();

/** Reads and parses one file; `undefined` when it no longer exists. */
export async function readDigest(
  uri: vscode.Uri,
  origin: string,
  topicIds: ReadonlySet<string>,
  previous?: FileState,
): Promise<FileState | undefined> {
  const topicsKey = [...topicIds].join(',');
  const file = uri.toString();
  const failed = (message: string): FileState => {
    const problem: Problem = { file, line: 0, column: 0, message, severity: 'error' };
    return { uri, problems: [problem], diagnostics: [toDiagnostic(problem, [])], idLine: 0 };
  };
  let bytes: Uint8Array;
  let stamp: string | undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return undefined;
    stamp = `${stat.mtime}:${stat.size}`;
    if (previous && previous.stamp === stamp && previous.topicsKey === topicsKey) return previous;
    const tooLarge = fileSizeProblem(stat.size);
    if (tooLarge) return failed(tooLarge);
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    return failed(`cannot read file (${errorMessage(e)})`);
  }
  // The size can change between stat and read; the limit holds either way.
  const decoded = decodeDigestBytes(bytes);
  if ('problem' in decoded) return failed(decoded.problem);
  const text = decoded.text;
  // A reader's folder: a draft's missing TL;DR, topic or author is a warning, not an error.
  const parsed = digestFiles().parseDigestFile(text, file, topicIds, { rules: 'user' });
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let entry: DigestEntry | undefined;
  if (parsed.digest) {
    entry = toEntry({ ...parsed.digest, file }, origin);
    bodies.set(entry, parsed.digest.body);
  }
  const idLine = Math.max(0, lines.findIndex((l) => /^id\s*:/.test(l)));
  return { uri, entry, problems: parsed.problems, diagnostics: parsed.problems.map((p) => toDiagnostic(p, lines)), idLine, stamp, topicsKey };
}

/**
 * The range a problem points at: from its column to the end of the YAML token there (a key, a
 * list item, a quoted string), or the rest of the line when no token starts there.
 */
export function problemRange(p: Problem, lines: readonly string[]): vscode.Range {
  const line = Math.max(0, p.line ?? 0);
  const text = lines[line] ?? '';
  const col = Math.max(0, Math.min(p.column ?? 0, text.length));
  if (p.endLine !== undefined || p.endColumn !== undefined) {
    return new vscode.Range(line, col, p.endLine ?? line, p.endColumn ?? (lines[p.endLine ?? line] ?? '').length);
  }
  return new vscode.Range(line, col, line, tokenEnd(text, col));
}

function tokenEnd(text: string, col: number): number {
  const quote = text[col];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, col + 1);
    if (close > 0) return close + 1;
  }
  let end = col;
  while (end < text.length) {
    const c = text[end];
    if (c === ',' || c === ']' || c === '}' || c === '#') break;
    if (c === ':' && (end + 1 === text.length || text[end + 1] === ' ')) break;
    end++;
  }
  while (end > col && text[end - 1] === ' ') end--;
  return end > col ? end : text.trimEnd().length > col ? text.trimEnd().length : Math.max(col, text.length);
}

function toDiagnostic(p: Problem, lines: readonly string[]): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    problemRange(p, lines),
    p.message,
    p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
  );
  d.source = 'Digest Lens';
  return d;
}

/** One configured folder: its files, its folder-level problems, its watchers. */
class Folder extends Disposable {
  files = new Map<string, FileState>();
  problems: Problem[] = [];
  /** What a notification says about this folder's problems: each when few, else one summary. */
  notices: string[] = [];
  private readonly pendingFiles = new Set<string>();
  private readonly pendingDirs = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private scanning = false;

  constructor(
    readonly uri: vscode.Uri,
    private readonly owner: UserFolders,
  ) {
    super();
    this._register(toDisposable(() => this.timer && clearTimeout(this.timer)));
    const md = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uri, '**/*.md'));
    const onFile = (u: vscode.Uri): void => this.changed(u, false);
    // A second watcher sees folders that appear (moved in) or disappear with digests inside.
    const any = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uri, '**/*'), false, true, false);
    const onAny = (u: vscode.Uri): void => {
      if (!/\.md$/i.test(u.path)) this.changed(u, true);
    };
    for (const d of [md, md.onDidCreate(onFile), md.onDidChange(onFile), md.onDidDelete(onFile), any, any.onDidCreate(onAny), any.onDidDelete(onAny)]) this._register(d);
  }

  get key(): string {
    return this.uri.toString();
  }

  /** A change seen by a watcher (or a save in the editor); handled after a short quiet period. */
  changed(uri: vscode.Uri, maybeDir: boolean): void {
    if (uri.toString() !== this.key && !inScope(uri, this.uri) && !(maybeDir && isInside(uri.toString(), this.key))) return;
    if (maybeDir) this.pendingDirs.add(uri.toString());
    else this.pendingFiles.add(uri.toString());
    if (this.scanning) return; // picked up when the scan ends
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(() => this.flush());
    }, DEBOUNCE_MS);
  }

  /**
   * Scans and flushes of one folder run one after another: a scan that started before a change
   * must not overwrite what a flush read after it.
   */
  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job);
    this.queue = run.catch((e: unknown) => this.owner.log.error(`${display(this.uri)}: ${errorMessage(e)}`));
    return this.queue;
  }

  /** Reads the whole folder. Changes seen meanwhile are read again afterwards. */
  scan(topicIds: ReadonlySet<string>): Promise<void> {
    return this.enqueue(() => this.doScan(topicIds));
  }

  private async doScan(topicIds: ReadonlySet<string>): Promise<void> {
    this.scanning = true;
    const problems: Problem[] = [];
    let notices: string[] = [];
    const files = new Map<string, FileState>();
    const folderProblem = (message: string): void => {
      problems.push({ file: this.key, message, severity: 'warning' });
      notices.push(message);
    };
    try {
      let list: vscode.Uri[] = [];
      try {
        const stat = await vscode.workspace.fs.stat(this.uri);
        if (stat.type & vscode.FileType.Directory) {
          const { uris, listing } = await listMarkdownFiles(this.uri);
          list = uris;
          for (const m of listing.problems) problems.push({ file: this.key, message: m, severity: 'warning' });
          notices = [...listing.notices];
        } else folderProblem(`${display(this.uri)}: not a folder`);
      } catch (e) {
        folderProblem(isNotFound(e) ? `${display(this.uri)}: folder not found` : `${display(this.uri)}: cannot read folder (${errorMessage(e)})`);
      }
      // Unchanged files (same mtime and size) keep what was read before: a refresh re-reads
      // only what changed. Every state is collected first, then published once.
      const previous = this.files;
      const states = await mapConcurrent(list, READ_CONCURRENCY, (u) => readDigest(u, this.key, topicIds, previous.get(u.toString())));
      for (const s of states) if (s) files.set(s.uri.toString(), s);
      this.files = files;
      this.problems = problems;
      this.notices = notices;
    } finally {
      this.scanning = false;
    }
    if (this.pendingFiles.size > 0 || this.pendingDirs.size > 0) this.schedule();
  }

  private async flush(): Promise<void> {
    const topicIds = this.owner.topicIds();
    const dirs = [...this.pendingDirs];
    this.pendingDirs.clear();
    for (const dir of dirs) {
      const uri = vscode.Uri.parse(dir);
      let listed: vscode.Uri[] | undefined;
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (!(stat.type & vscode.FileType.Directory)) continue;
        listed = (await listMarkdownFiles(uri)).uris;
      } catch (e) {
        if (!isNotFound(e)) continue;
      }
      const present = new Set((listed ?? []).map((u) => u.toString()));
      for (const known of this.files.keys()) if (isInside(known, dir) && !present.has(known)) this.pendingFiles.add(known);
      for (const u of present) if (inScope(vscode.Uri.parse(u), this.uri)) this.pendingFiles.add(u);
    }
    const files = [...this.pendingFiles];
    this.pendingFiles.clear();
    // A folder copied in arrives as hundreds of events: read them together, publish once.
    const states = await mapConcurrent(files, READ_CONCURRENCY, (f) => readDigest(vscode.Uri.parse(f), this.key, topicIds));
    files.forEach((f, i) => {
      const state = states[i];
      if (state) this.files.set(f, state);
      else this.files.delete(f);
    });
    if (files.length > 0) this.owner.publish();
  }
}

/** What the extension API exposes of the user folders. */
export interface UserFoldersService {
  /** Resolves when the first read of every folder has been published. */
  readonly ready: Promise<void>;
  /** Fires after each publish (a folder read, a file changed). */
  readonly onDidUpdate: vscode.Event<void>;
  /** URIs of the folders being read, in settings order. */
  folders(): string[];
  /** Every current problem: settings, folders, files. */
  problems(): Problem[];
  /** Re-reads every folder (settings or workspace folders changed, "Refresh"). */
  reload(): Promise<void>;
}

/**
 * A source of the corpus: reads `digestLens.extraFolders` into it, one extra source per folder, and keeps
 * them in step with the disk: watchers, saves, settings and workspace folder changes.
 * Problems go to the Problems panel (per file, per line) and the output channel.
 */
export class UserFolders extends Disposable implements UserFoldersService {
  private folderList: Folder[] = [];
  private settingProblems: Problem[] = [];
  private readonly published = new Map<string, readonly DigestEntry[]>();
  private readonly logged = new Map<string, string>();
  private readonly notified = new Set<string>();
  private folderProblems = new Set<string>();
  private generation = 0;
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidUpdate = this.emitter.event;
  readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('digestLens'));
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: FeatureDeps,
    /** Where the folders' digests go: the corpus snapshot service (the one write into it). */
    private readonly corpus: DigestSink,
  ) {
    super();
    this._register(
      toDisposable(() => {
        this.generation++;
        for (const f of this.folderList) f.dispose();
        this.folderList = [];
      }),
    );
  }

  get log(): FeatureDeps['log'] {
    return this.deps.log;
  }

  topicIds(): ReadonlySet<string> {
    return new Set(this.corpus.bundledTopics().map((t) => t.id));
  }

  folders(): string[] {
    return this.folderList.map((f) => f.key);
  }

  problems(): Problem[] {
    return [...this.settingProblems, ...this.folderList.flatMap((f) => [...f.problems, ...[...f.files.values()].flatMap((s) => s.problems)])];
  }

  /** A file saved in the editor: read again if it is in one of the folders. */
  saved(uri: vscode.Uri): void {
    for (const f of this.folderList) if (inScope(uri, f.uri)) f.changed(uri, false);
  }

  reload = async (): Promise<void> => {
    const generation = ++this.generation;
    const resolved = resolveExtraFolders(this.deps.settings().extraFolders);
    const settingProblems: Problem[] = [];
    const wanted: vscode.Uri[] = [];
    for (const r of resolved) {
      if (r.error !== undefined) settingProblems.push({ file: r.setting, message: `digestLens.extraFolders: "${r.setting}": ${r.error}`, severity: 'warning' });
      for (const u of r.uris) wanted.push(vscode.Uri.parse(u));
    }
    const keep = new Map(this.folderList.map((f) => [f.key, f]));
    const next: Folder[] = [];
    for (const uri of wanted) {
      const key = uri.toString();
      if (next.some((f) => f.key === key)) continue;
      const existing = keep.get(key);
      keep.delete(key);
      next.push(existing ?? new Folder(uri, this));
    }
    for (const gone of keep.values()) gone.dispose();
    this.folderList = next;
    this.settingProblems = settingProblems;
    const topicIds = this.topicIds();
    await Promise.all(next.map((f) => f.scan(topicIds)));
    // A newer reload (settings changed again) publishes its own result.
    if (generation === this.generation) this.publish();
  };

  /** Hands every folder's digests to the corpus and refreshes the Problems panel. */
  publish(): void {
    const bundled = this.corpus.bundledIds();
    const seenFiles = new Set<string>();
    const diagnostics: [vscode.Uri, vscode.Diagnostic[]][] = [];
    const liveKeys = new Set<string>();
    const notices: string[] = [];
    // Every file once (a folder nested in another configured folder is read by both).
    const states: { state: FileState; folder: Folder }[] = [];
    for (const folder of this.folderList) {
      for (const s of folder.files.values()) {
        const file = s.uri.toString();
        if (seenFiles.has(file)) continue;
        seenFiles.add(file);
        states.push({ state: s, folder });
      }
    }
    // One rule for ids claimed twice (src/core/digestIds): the file named after the id, then
    // the first by path; the bundled corpus owns its ids.
    const claims = states.flatMap((x) => (x.state.entry ? [{ file: x.state.uri.toString(), id: x.state.entry.id, x }] : []));
    const { kept, clashes } = resolveIdClaims(
      claims,
      (id) => (bundled.has(id) ? 'a bundled digest' : undefined),
      (file) => display(vscode.Uri.parse(file)),
    );
    const clashOf = new Map(clashes.map((c) => [c.claim.x.state, c.owner]));
    const keptStates = new Set(kept.map((k) => k.x.state));
    const entriesOf = new Map<Folder, DigestEntry[]>(this.folderList.map((f) => [f, []]));
    states.sort((a, b) => byUnits(a.state.uri.toString(), b.state.uri.toString()));
    for (const { state: s, folder } of states) {
      const file = s.uri.toString();
      const diags = [...s.diagnostics];
      const problems = [...s.problems];
      const owner = clashOf.get(s);
      if (s.entry && owner !== undefined) {
        const p: Problem = { file, line: s.idLine, column: 0, severity: 'error', message: idClashMessage(s.entry.id, owner) };
        problems.push(p);
        const d = new vscode.Diagnostic(new vscode.Range(s.idLine, 0, s.idLine, 1000), p.message, vscode.DiagnosticSeverity.Error);
        d.source = 'Digest Lens';
        diags.push(d);
      } else if (s.entry && keptStates.has(s)) {
        entriesOf.get(folder)!.push(s.entry);
      }
      if (diags.length > 0) diagnostics.push([s.uri, diags]);
      this.logProblems(file, problems);
    }
    const folderProblems = new Set<string>();
    for (const folder of this.folderList) {
      const entries = entriesOf.get(folder)!;
      const key = `user:${folder.key}`;
      liveKeys.add(key);
      for (const p of folder.problems) folderProblems.add(p.message);
      notices.push(...folder.notices);
      const before = this.published.get(key);
      // An empty folder seen for the first time changes nothing: no new snapshot to build.
      if (!before && entries.length === 0) this.published.set(key, entries);
      else if (!before || before.length !== entries.length || before.some((e, i) => e !== entries[i])) {
        this.published.set(key, entries);
        this.corpus.setExtra(key, { entries, body: (e) => Promise.resolve(bodies.get(e)) });
      }
    }
    for (const p of this.settingProblems) {
      folderProblems.add(p.message);
      notices.push(p.message);
    }
    // Logged when they appear; the notifications say each notice once.
    for (const m of folderProblems) if (!this.folderProblems.has(m)) this.deps.log.warn(m);
    for (const m of notices) this.notify(m);
    this.folderProblems = folderProblems;
    for (const key of [...this.published.keys()]) {
      if (liveKeys.has(key)) continue;
      this.published.delete(key);
      this.corpus.setExtra(key, undefined);
    }
    for (const file of [...this.logged.keys()]) if (!seenFiles.has(file)) this.logged.delete(file);
    this.diagnostics.clear();
    this.diagnostics.set(diagnostics);
    this.emitter.fire();
  }

  private logProblems(file: string, problems: readonly Problem[]): void {
    const text = problems.map((p) => `${p.line ?? 0}:${p.column ?? 0} ${p.message}`).join('\n');
    if ((this.logged.get(file) ?? '') === text) return;
    this.logged.set(file, text);
    const where = display(vscode.Uri.parse(file));
    for (const p of problems) {
      const line = `${where}${p.line !== undefined ? `:${p.line + 1}:${(p.column ?? 0) + 1}` : ''}: ${p.message}`;
      if (p.severity === 'error') this.deps.log.error(line);
      else this.deps.log.warn(line);
    }
  }

  /** Folder and setting problems have no file to point at: each notice is shown once. */
  private notify(message: string): void {
    if (this.notified.has(message)) return;
    this.notified.add(message);
    void vscode.window.showWarningMessage(vscode.l10n.t('Digest Lens: {0}', plainText(message)));
  }
}

/**
 * Starts the user-folder source (extension.ts, before the features): it reads the settings and
 * the bundled topics, and writes only into `corpus`.
 */
export function startUserFolders(context: vscode.ExtensionContext, deps: FeatureDeps, corpus: DigestSink & Pick<CorpusService, 'addSource'>): UserFolders {
  const service = new UserFolders(deps, corpus);
  // The settings reader fires when trust is granted too (relative entries resolve only then).
  const folderState = (): string => JSON.stringify([deps.settings().extraFolders, vscode.workspace.isTrusted]);
  let lastFolders = folderState();
  context.subscriptions.push(
    service,
    corpus.addSource(service),
    deps.onDidChangeSettings(() => {
      const now = folderState();
      if (now === lastFolders) return;
      lastFolders = now;
      void service.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void service.reload()),
    // Saves in the editor, for file systems whose watchers report nothing.
    vscode.workspace.onDidSaveTextDocument((doc) => service.saved(doc.uri)),
  );
  service.ready = corpus.bundleReady.then(() => service.reload());
  return service;
}
