/**
 * "Papers in this workspace": what the recognizer found in each scanned file, summed up per
 * digest and per unknown arXiv ID, plus the exclude globs a scan honours. Pure: the feature
 * reads files and settings and passes them in.
 */
import { trimTrailing } from '../settings/paths';
import { bibtex, bibtexForArxivId } from '../render/citation';
import { groupMentions } from '../recognizer/inFile';
import { DigestEntry, Mention } from '../types';
import { byUnits } from '../util/order';

export interface Location {
  file: string;
  line: number;
  character: number;
  endCharacter: number;
}

/** One file's contribution: digest ids and unknown arXiv IDs, each with where they occur. */
export interface FileFindings {
  digests: Map<string, Location[]>;
  unknown: Map<string, Location[]>;
}

/** Sums a file's mentions (the recognizer's `scanText`), one location per digest and line. */
export function fileFindings(file: string, mentions: readonly Mention[], lookup: (id: string) => DigestEntry | undefined): FileFindings {
  const grouped = groupMentions(mentions, lookup);
  const at = (m: Mention): Location => ({ file, line: m.line, character: m.character, endCharacter: m.endCharacter });
  return {
    digests: new Map(grouped.digests.map((g) => [g.digest.id, g.mentions.map(at)])),
    unknown: new Map(grouped.unknownArxiv.map((u) => [u.id, u.mentions.map(at)])),
  };
}

export interface PaperSummary<K> {
  key: K;
  count: number;
  files: number;
  locations: Location[];
}

export interface WorkspaceSummary {
  digests: PaperSummary<DigestEntry>[];
  unknown: PaperSummary<string>[];
}

/** Most mentioned first, then by title / ID. Digests no longer in the corpus are left out. */
export function summarize(perFile: ReadonlyMap<string, FileFindings>, lookup: (id: string) => DigestEntry | undefined): WorkspaceSummary {
  const digests = new Map<string, Location[]>();
  const unknown = new Map<string, Location[]>();
  const files = [...perFile.keys()].sort();
  for (const f of files) {
    const found = perFile.get(f)!;
    for (const [id, locs] of found.digests) digests.set(id, [...(digests.get(id) ?? []), ...locs]);
    for (const [id, locs] of found.unknown) unknown.set(id, [...(unknown.get(id) ?? []), ...locs]);
  }
  const summary = <K>(key: K, locations: Location[]): PaperSummary<K> => ({ key, count: locations.length, files: new Set(locations.map((l) => l.file)).size, locations });
  const out: WorkspaceSummary = { digests: [], unknown: [] };
  for (const [id, locs] of digests) {
    const e = lookup(id);
    if (e) out.digests.push(summary(e, locs));
  }
  for (const [id, locs] of unknown) if (!lookup(id)) out.unknown.push(summary(id, locs));
  out.digests.sort((a, b) => b.count - a.count || a.key.title.localeCompare(b.key.title));
  out.unknown.sort((a, b) => b.count - a.count || byUnits(a.key, b.key));
  return out;
}

/** A `.bib` of every digest and unknown arXiv ID found, in the summary's order. */
export function workspaceBibtex(s: WorkspaceSummary): string {
  const parts = [...s.digests.map((d) => bibtex(d.key).trimEnd()), ...s.unknown.map((u) => bibtexForArxivId(u.key)?.trimEnd()).filter((x): x is string => !!x)];
  // Two digests citing the same paper would repeat a key; BibTeX keeps the first.
  const seen = new Set<string>();
  const entries = parts.join('\n\n').split(/\n(?=@)/).filter((entry) => {
    const key = /^@\w+\{([^,]+),/.exec(entry.trim())?.[1];
    if (!key) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return entries.map((e) => e.trim()).filter(Boolean).join('\n\n') + '\n';
}

/**
 * Files that are never scanned: binaries, archives, model weights, media. One glob each: the
 * exclude is one brace list, and globs do not nest braces.
 */
export const BINARY_GLOBS = 'png jpg jpeg gif webp ico pdf zip gz tgz bz2 xz 7z tar jar whl so dll dylib exe bin pt pth ckpt safetensors onnx h5 npy npz pkl parquet arrow mp3 mp4 wav mov woff woff2 ttf otf class o a pyc'
  .split(' ')
  .map((ext) => `**/*.${ext}`);

/**
 * The enabled patterns of `files.exclude` / `search.exclude` objects (`{ glob: true }`; a
 * `{ when }` condition cannot be checked without the sibling file, so it is left out).
 */
export function enabledGlobs(...settings: unknown[]): string[] {
  const out: string[] = [];
  for (const s of settings) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) continue;
    for (const [glob, on] of Object.entries(s as Record<string, unknown>)) {
      if (on === true && glob.trim() && !/[{}]/.test(glob) && !out.includes(glob)) out.push(glob);
    }
  }
  return out;
}

/**
 * `.gitignore` lines as globs relative to its folder. Negations (`!keep.txt`) cannot be
 * expressed in an exclude glob and are dropped: a negated file is skipped with its pattern.
 */
export function gitignoreGlobs(text: string, prefix = ''): string[] {
  const out: string[] = [];
  const base = prefix ? `${trimTrailing(prefix, '/')}/` : '';
  for (const raw of text.split(/\r?\n/).slice(0, 1000)) {
    const line = raw.trimEnd();
    if (!line || line.startsWith('#') || line.startsWith('!') || /[{}]/.test(line)) continue;
    let p = line.replace(/^\\/, '');
    const dirOnly = p.endsWith('/');
    p = trimTrailing(p, '/');
    if (!p) continue;
    const anchored = p.includes('/');
    p = p.replace(/^\/+/, '');
    const path = anchored ? `${base}${p}` : `${base}**/${p}`;
    out.push(`${path}/**`);
    if (!dirOnly) out.push(path);
  }
  return out;
}

/** One exclude glob for `workspace.findFiles` (a brace list; empty when nothing is excluded). */
export function excludeGlob(globs: readonly string[]): string | undefined {
  const list = [...new Set(globs)].filter(Boolean);
  if (list.length === 0) return undefined;
  return list.length === 1 ? list[0] : `{${list.join(',')}}`;
}
