import * as vscode from 'vscode';
import { toEntry } from '../core/bundle';
import { parseDigestFile } from '../core/digestFile';
import { FolderResolution, isInside, resolveFolders, trimTrailing } from '../core/paths';
import type { DigestEntry, Problem } from '../core/types';
import type { Feature, FeatureDeps } from './deps';

/** Files larger than this are not read at all: a digest is a page of text. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** How deep below a user folder digests are looked for. */
export const MAX_DEPTH = 8;
/** More files than this in one folder is not a digest collection (a home folder, a repo). */
export const MAX_FILES = 5000;
const DEBOUNCE_MS = 150;

/** The home folder in a Node extension host; none in the browser, where `~` is reported. */
export function homeDir(): string | undefined {
  // `os.homedir()` reads these too; `os` cannot be bundled for the web worker.
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  return process.env.HOME || process.env.USERPROFILE || undefined;
}

/** `digestLens.extraFolders` resolved against the home folder and the workspace folders. */
export function resolveExtraFolders(extraFolders: readonly string[]): FolderResolution[] {
  return resolveFolders(extraFolders, {
    home: homeDir(),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()),
  });
}

/** How a file or folder is named in messages: a path on disk, else the URI. */
export function display(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

function errorMessage(e: unknown): string {
  if (e instanceof vscode.FileSystemError) return e.code ? `${e.code}: ${e.message}` : e.message;
  return e instanceof Error ? e.message : String(e);
}

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
}

/** Hidden folders (`.git`) and dependency trees are never digest collections. */
function skippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** True for a path under `folder` that a full scan would read (`.md`, not hidden, within depth). */
function inScope(file: vscode.Uri, folder: vscode.Uri): boolean {
  const f = file.toString();
  const root = folder.toString();
  if (!isInside(f, root) || f === root) return false;
  const segments = file.path.slice(trimTrailing(folder.path, '/').length).split('/').filter(Boolean);
  return segments.length <= MAX_DEPTH + 1 && !segments.some(skippedName);
}

/**
 * Every `*.md` file below `root`, through `workspace.fs` only (virtual workspaces too). Bounded
 * depth and count; a symbolic link that leads back to a folder above it is reported, not followed.
 */
export async function listMarkdownFiles(root: vscode.Uri, report: (message: string) => void): Promise<vscode.Uri[]> {
  const files: vscode.Uri[] = [];
  let full = false;
  // A folder's identity without a real path (workspace.fs has no realpath): times, size, entries.
  const signature = async (dir: vscode.Uri, entries: [string, vscode.FileType][]): Promise<string> => {
    const s = await vscode.workspace.fs.stat(dir).then(
      (st) => `${st.mtime}:${st.ctime}:${st.size}`,
      () => '?',
    );
    return `${s}|${entries.map(([n, t]) => `${n}/${t}`).sort().join('|')}`;
  };
  const walk = async (dir: vscode.Uri, depth: number, ancestors: readonly string[], entries: [string, vscode.FileType][]): Promise<void> => {
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      if (full) return;
      if (skippedName(name)) continue;
      const uri = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        if (depth >= MAX_DEPTH) {
          report(`${display(uri)}: folder nested more than ${MAX_DEPTH} levels deep; not read`);
          continue;
        }
        let children: [string, vscode.FileType][];
        try {
          children = await vscode.workspace.fs.readDirectory(uri);
        } catch (e) {
          report(`${display(uri)}: cannot read folder (${errorMessage(e)})`);
          continue;
        }
        const sig = await signature(uri, children);
        if (type & vscode.FileType.SymbolicLink && ancestors.includes(sig)) {
          report(`${display(uri)}: symbolic link loop (points back to a folder above it); not followed`);
          continue;
        }
        await walk(uri, depth + 1, [...ancestors, sig], children);
      } else if (/\.md$/i.test(name)) {
        if (type & vscode.FileType.File) {
          if (files.length >= MAX_FILES) {
            report(`${display(root)}: more than ${MAX_FILES} markdown files; only the first ${MAX_FILES} are read`);
            full = true;
            return;
          }
          files.push(uri);
        } else if (type & vscode.FileType.SymbolicLink) {
          report(`${display(uri)}: broken symbolic link`);
        }
      }
    }
  };
  const top = await vscode.workspace.fs.readDirectory(root);
  await walk(root, 0, [await signature(root, top)], top);
  return files;
}

/** One digest file as last read: what it adds to the corpus and what is wrong with it. */
interface FileState {
  uri: vscode.Uri;
  entry?: DigestEntry;
  problems: Problem[];
  diagnostics: vscode.Diagnostic[];
  /** 0-based line of `id:`, where an id clash is shown. */
  idLine: number;
}

/** Body text of each user entry (entries are immutable, so a weak map keyed by them is exact). */
const bodies = new WeakMap<DigestEntry, string>();

/** Reads and parses one file; `undefined` when it no longer exists. */
export async function readDigest(
  uri: vscode.Uri,
  origin: string,
  topicIds: ReadonlySet<string>,
): Promise<FileState | undefined> {
  const file = uri.toString();
  const failed = (message: string): FileState => {
    const problem: Problem = { file, line: 0, column: 0, message, severity: 'error' };
    return { uri, problems: [problem], diagnostics: [toDiagnostic(problem, [])], idLine: 0 };
  };
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return undefined;
    if (stat.size > MAX_FILE_BYTES) {
      return failed(`file too large (${(stat.size / 1024 / 1024).toFixed(1)} MB; a digest may have at most ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
    }
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    return failed(`cannot read file (${errorMessage(e)})`);
  }
  // The size can change between stat and read; the cap holds either way.
  if (bytes.byteLength > MAX_FILE_BYTES) return failed(`file too large (more than ${MAX_FILE_BYTES / 1024 / 1024} MB)`);
  if (bytes.subarray(0, 8192).includes(0)) return failed('binary file, not a markdown digest');
  const text = new TextDecoder('utf-8').decode(bytes);
  const parsed = parseDigestFile(text, file, topicIds);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let entry: DigestEntry | undefined;
  if (parsed.digest) {
    entry = toEntry({ ...parsed.digest, file }, origin);
    bodies.set(entry, parsed.digest.body);
  }
  const idLine = Math.max(0, lines.findIndex((l) => /^id\s*:/.test(l)));
  return { uri, entry, problems: parsed.problems, diagnostics: parsed.problems.map((p) => toDiagnostic(p, lines)), idLine };
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
class Folder implements vscode.Disposable {
  files = new Map<string, FileState>();
  problems: Problem[] = [];
  private readonly pendingFiles = new Set<string>();
  private readonly pendingDirs = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private scanning = false;
  private readonly watchers: vscode.Disposable[] = [];

  constructor(
    readonly uri: vscode.Uri,
    private readonly owner: UserFolders,
  ) {
    const md = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uri, '**/*.md'));
    const onFile = (u: vscode.Uri): void => this.changed(u, false);
    // A second watcher sees folders that appear (moved in) or disappear with digests inside.
    const any = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(uri, '**/*'), false, true, false);
    const onAny = (u: vscode.Uri): void => {
      if (!/\.md$/i.test(u.path)) this.changed(u, true);
    };
    this.watchers.push(md, md.onDidCreate(onFile), md.onDidChange(onFile), md.onDidDelete(onFile), any, any.onDidCreate(onAny), any.onDidDelete(onAny));
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
    const files = new Map<string, FileState>();
    const folderProblem = (message: string): void => {
      problems.push({ file: this.key, message, severity: 'warning' });
    };
    try {
      let list: vscode.Uri[] = [];
      try {
        const stat = await vscode.workspace.fs.stat(this.uri);
        if (stat.type & vscode.FileType.Directory) list = await listMarkdownFiles(this.uri, folderProblem);
        else folderProblem(`${display(this.uri)}: not a folder`);
      } catch (e) {
        folderProblem(isNotFound(e) ? `${display(this.uri)}: folder not found` : `${display(this.uri)}: cannot read folder (${errorMessage(e)})`);
      }
      // A few files at a time: enough to overlap I/O without flooding a remote file system.
      for (let i = 0; i < list.length; i += 16) {
        const states = await Promise.all(list.slice(i, i + 16).map((u) => readDigest(u, this.key, topicIds)));
        for (const s of states) if (s) files.set(s.uri.toString(), s);
      }
      this.files = files;
      this.problems = problems;
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
        listed = await listMarkdownFiles(uri, () => undefined);
      } catch (e) {
        if (!isNotFound(e)) continue;
      }
      const present = new Set((listed ?? []).map((u) => u.toString()));
      for (const known of this.files.keys()) if (isInside(known, dir) && !present.has(known)) this.pendingFiles.add(known);
      for (const u of present) if (inScope(vscode.Uri.parse(u), this.uri)) this.pendingFiles.add(u);
    }
    const files = [...this.pendingFiles];
    this.pendingFiles.clear();
    for (const f of files) {
      const state = await readDigest(vscode.Uri.parse(f), this.key, topicIds);
      if (state) this.files.set(f, state);
      else this.files.delete(f);
    }
    if (files.length > 0) this.owner.publish();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers) w.dispose();
  }
}

/** What tests and other features can ask of the user folders. */
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
 * Reads `digestLens.extraFolders` into the corpus, one extra source per folder, and keeps
 * them in step with the disk: watchers, saves, settings and workspace folder changes.
 * Problems go to the Problems panel (per file, per line) and the output channel.
 */
export class UserFolders implements UserFoldersService, vscode.Disposable {
  private folderList: Folder[] = [];
  private settingProblems: Problem[] = [];
  private readonly published = new Map<string, readonly DigestEntry[]>();
  private readonly logged = new Map<string, string>();
  private readonly notified = new Set<string>();
  private folderProblems = new Set<string>();
  private generation = 0;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidUpdate = this.emitter.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('digestLens');
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly deps: FeatureDeps) {}

  get log(): FeatureDeps['log'] {
    return this.deps.log;
  }

  topicIds(): ReadonlySet<string> {
    return new Set(this.deps.corpus.corpus.topics.map((t) => t.id));
  }

  folders(): string[] {
    return this.folderList.map((f) => f.key);
  }

  problems(): Problem[] {
    return [...this.settingProblems, ...this.folderList.flatMap((f) => [...f.problems, ...[...f.files.values()].flatMap((s) => s.problems)])];
  }

  /** A file saved in the editor: read again if it is in one of the folders. */
  saved(uri: vscode.Uri): void {
    for (const f of this.folderList) if (inScope(uri, f.uri) && /\.md$/i.test(uri.path)) f.changed(uri, false);
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
    const bundled = new Set(this.deps.corpus.corpus.entries.filter((e) => e.origin === 'bundled').map((e) => e.id));
    const owner = new Map<string, string>();
    const seenFiles = new Set<string>();
    const diagnostics: [vscode.Uri, vscode.Diagnostic[]][] = [];
    const liveKeys = new Set<string>();
    const folderProblems = new Set<string>();
    for (const folder of this.folderList) {
      const entries: DigestEntry[] = [];
      const states = [...folder.files.values()].sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1));
      for (const s of states) {
        const file = s.uri.toString();
        // A folder nested in another configured folder: its files are read once.
        if (seenFiles.has(file)) continue;
        seenFiles.add(file);
        const diags = [...s.diagnostics];
        const problems = [...s.problems];
        if (s.entry) {
          const id = s.entry.id;
          const clash = bundled.has(id) ? 'a bundled digest' : owner.get(id);
          if (clash !== undefined) {
            const p: Problem = { file, line: s.idLine, column: 0, severity: 'error', message: `digest id "${id}" is already used by ${clash}; this file is not loaded (rename the file and its id)` };
            problems.push(p);
            const d = new vscode.Diagnostic(new vscode.Range(s.idLine, 0, s.idLine, 1000), p.message, vscode.DiagnosticSeverity.Error);
            d.source = 'Digest Lens';
            diags.push(d);
          } else {
            owner.set(id, display(s.uri));
            entries.push(s.entry);
          }
        }
        if (diags.length > 0) diagnostics.push([s.uri, diags]);
        this.logProblems(file, problems);
      }
      const key = `user:${folder.key}`;
      liveKeys.add(key);
      for (const p of folder.problems) folderProblems.add(p.message);
      const before = this.published.get(key);
      // An empty folder seen for the first time changes nothing: no new snapshot to build.
      if (!before && entries.length === 0) this.published.set(key, entries);
      else if (!before || before.length !== entries.length || before.some((e, i) => e !== entries[i])) {
        this.published.set(key, entries);
        this.deps.corpus.setExtra(key, { entries, body: (e) => Promise.resolve(bodies.get(e)) });
      }
    }
    for (const p of this.settingProblems) folderProblems.add(p.message);
    for (const m of folderProblems) if (!this.folderProblems.has(m)) this.reportFolderProblem(m);
    this.folderProblems = folderProblems;
    for (const key of [...this.published.keys()]) {
      if (liveKeys.has(key)) continue;
      this.published.delete(key);
      this.deps.corpus.setExtra(key, undefined);
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

  /** Folder and setting problems have no file to point at: logged when they appear, shown once. */
  private reportFolderProblem(message: string): void {
    this.deps.log.warn(message);
    if (this.notified.has(message)) return;
    this.notified.add(message);
    void vscode.window.showWarningMessage(vscode.l10n.t('Digest Lens: {0}', message));
  }

  dispose(): void {
    this.generation++;
    for (const f of this.folderList) f.dispose();
    this.folderList = [];
    this.diagnostics.dispose();
    this.emitter.dispose();
  }
}

export const activate: Feature = (context, deps) => {
  const service = new UserFolders(deps);
  let lastFolders = JSON.stringify(deps.settings().extraFolders);
  context.subscriptions.push(
    service,
    deps.corpus.onReload(service.reload),
    deps.onDidChangeSettings(() => {
      const now = JSON.stringify(deps.settings().extraFolders);
      if (now === lastFolders) return;
      lastFolders = now;
      void service.reload();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void service.reload()),
    // Saves in the editor, for file systems whose watchers report nothing.
    vscode.workspace.onDidSaveTextDocument((doc) => service.saved(doc.uri)),
  );
  service.ready = deps.corpus.ready.then(() => service.reload());
  return service;
};
