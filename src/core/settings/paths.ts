/**
 * Resolves `digestLens.extraFolders` entries to URI strings. Pure string work (no `vscode`, no
 * Node `path`), so the web worker resolves them the same way as the desktop host.
 *
 * Accepted forms: a URI with a scheme (`file:///…`, `vscode-vfs://…`), an absolute path
 * (`/home/me/notes`, `C:\notes`, `\\server\share\notes`), `~` or `~/…` (needs a home folder,
 * which a browser does not have), and a path relative to each workspace folder.
 */

export interface PathContext {
  /** Home folder as an absolute path or a URI; undefined where there is none (browser). */
  home?: string;
  /** URI strings of the open workspace folders, in order. */
  workspaceFolders: readonly string[];
  /**
   * Restricted Mode (an untrusted workspace): a relative entry, even from the user's own
   * settings, would name a folder the workspace controls, so it is not resolved at all.
   */
  restricted?: boolean;
}

export type FolderResolution =
  | { setting: string; uris: string[]; error?: undefined }
  | { setting: string; uris: []; error: string };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]+):/;
const DRIVE = /^[a-zA-Z]:([\\/]|$)/;

/** Longer settings are refused: no real folder path is this long, and the value is user input. */
const MAX_SETTING_LENGTH = 4096;

export function resolveFolder(raw: string, ctx: PathContext): FolderResolution {
  const setting = raw.trim();
  const fail = (error: string): FolderResolution => ({ setting, uris: [], error });
  if (setting === '') return fail('empty folder path');
  if (setting.length > MAX_SETTING_LENGTH) return fail(`folder path longer than ${MAX_SETTING_LENGTH} characters`);
  if (/[\u0000-\u001f]/.test(setting)) return fail('folder path contains control characters');

  if (setting === '~' || /^~[\\/]/.test(setting)) {
    if (!ctx.home) return fail('"~" cannot be resolved here (no home folder, e.g. in the browser); use an absolute path or a workspace-relative one');
    const home = toUri(ctx.home);
    if (!home) return fail(`home folder "${ctx.home}" is not an absolute path`);
    if (climbsOut(setting.slice(1))) return fail('"~" paths may not climb out of the home folder with ".."; write the full path');
    return { setting, uris: [joinUri(home, setting.slice(1))] };
  }
  if (setting.startsWith('~')) return fail('"~user" paths are not supported; write the full path');

  const absolute = toUri(setting);
  if (absolute) return { setting, uris: [absolute] };

  if (ctx.restricted) return fail('relative folder paths are not read in Restricted Mode (this workspace is not trusted); use an absolute path');
  if (climbsOut(setting)) return fail('a relative folder path may not climb out of the workspace folder with ".."; use an absolute path');
  if (ctx.workspaceFolders.length === 0) return fail('a relative folder path needs an open workspace folder');
  const uris = ctx.workspaceFolders.map((w) => joinUri(w, setting));
  return { setting, uris: [...new Set(uris)] };
}

/** True when `..` segments of a relative path lead above the folder it is relative to. */
export function climbsOut(relative: string): boolean {
  let depth = 0;
  for (const seg of relative.split(/[\\/]/)) {
    if (seg === '..') depth--;
    else if (seg !== '' && seg !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** Resolves every entry; the same folder named twice is kept once (first wins). */
export function resolveFolders(settings: readonly string[], ctx: PathContext): FolderResolution[] {
  const seen = new Set<string>();
  return settings.map((s) => {
    const r = resolveFolder(s, ctx);
    if (r.error !== undefined) return r;
    const uris = r.uris.filter((u) => !seen.has(u));
    for (const u of uris) seen.add(u);
    return { setting: r.setting, uris };
  });
}

/** An absolute path or URI as a URI string; undefined for a relative path. */
export function toUri(pathOrUri: string): string | undefined {
  if (DRIVE.test(pathOrUri)) {
    // A drive letter looks like a one-letter scheme; it is a Windows path.
    const drive = pathOrUri.slice(0, 2).toUpperCase();
    return `file:///${drive}${encodePath(normalizeSegments(pathOrUri.slice(2).split(/[\\/]/)))}`;
  }
  if (/^(\\\\|\/\/)[^\\/]/.test(pathOrUri)) {
    const [host, ...rest] = pathOrUri.slice(2).split(/[\\/]/);
    return `file://${encodeURIComponent(host.toLowerCase())}${encodePath(normalizeSegments(rest))}`;
  }
  if (pathOrUri.startsWith('/')) return `file://${encodePath(normalizeSegments(pathOrUri.split('/')))}`;
  if (SCHEME.test(pathOrUri)) return trimSlash(pathOrUri);
  return undefined;
}

/**
 * Appends a relative path (`/` or `\` separated, `.` and `..` allowed) to a URI string. The base
 * keeps its own encoding; new segments are percent-encoded. `..` never climbs above the root.
 */
export function joinUri(base: string, relative: string): string {
  const { prefix, path, suffix } = splitUri(base);
  const baseSegments = path.split('/').filter((s) => s !== '');
  const added = relative.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  const out = [...baseSegments];
  for (const seg of added) {
    if (seg === '..') out.pop();
    else out.push(encodeSegment(seg));
  }
  return `${prefix}/${out.join('/')}${suffix}`;
}

/** True when `file` is `folder` itself or inside it (both URI strings as produced here or by `Uri.toString()`). */
export function isInside(file: string, folder: string): boolean {
  const f = trimSlash(folder);
  return trimSlash(file) === f || file.startsWith(f.endsWith('/') ? f : f + '/');
}

/** `file` relative to `folder`, for messages; the whole URI when it is not inside. */
export function relativePath(file: string, folder: string): string {
  const f = trimSlash(folder);
  const base = f.endsWith('/') ? f : f + '/';
  if (!file.startsWith(base)) return file;
  return file
    .slice(base.length)
    .split('/')
    .map((s) => safeDecode(s))
    .join('/');
}

function splitUri(uri: string): { prefix: string; path: string; suffix: string } {
  const q = uri.search(/[?#]/);
  const suffix = q >= 0 ? uri.slice(q) : '';
  const main = q >= 0 ? uri.slice(0, q) : uri;
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/.exec(main);
  if (m) return { prefix: m[0], path: main.slice(m[0].length), suffix };
  const s = SCHEME.exec(main);
  // `scheme:/path` without an authority.
  if (s) return { prefix: trimTrailing(s[0], '/'), path: main.slice(s[0].length), suffix };
  return { prefix: '', path: main, suffix };
}

function normalizeSegments(segments: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out;
}

function encodePath(segments: readonly string[]): string {
  return '/' + segments.map(encodeSegment).join('/');
}

function encodeSegment(s: string): string {
  return encodeURIComponent(s);
}

function trimSlash(uri: string): string {
  const { prefix, path, suffix } = splitUri(uri);
  // A loop, not /\/+$/: that regex retries every run of slashes and is quadratic on long ones.
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  const p = path.slice(0, end);
  return `${prefix}${p === '' ? '/' : p}${suffix}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `text` without the trailing run of `char` (a loop: `/\/+$/` is quadratic on many slashes). */
export function trimTrailing(text: string, char: string): string {
  const c = char.charCodeAt(0);
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === c) end--;
  return text.slice(0, end);
}
