/** Validated `digestLens.*` settings. Wrong types or values fall back to defaults with a warning. */
export type GroupBy = 'topic' | 'source' | 'date';
export type { SortBy } from '../digest/digestDate';
import type { SortBy } from '../digest/digestDate';

export interface DigestLensSettings {
  hover: {
    enabled: boolean;
    methodNames: boolean;
    unknownArxivIds: boolean;
    excludeLanguages: string[];
    maxCards: number;
    /** Names that never get a card (any spelling: `CLA` also hides `use_cla`). */
    ignoreNames: string[];
    /** Digest ids that never get a card or an *In This File* row. */
    ignoreDigests: string[];
  };
  extraFolders: string[];
  groupBy: GroupBy;
  /** Order of digests inside a group: newest first, or by title. */
  sortBy: SortBy;
}

export const DEFAULT_SETTINGS: DigestLensSettings = {
  hover: { enabled: true, methodNames: true, unknownArxivIds: true, excludeLanguages: [], maxCards: 3, ignoreNames: [], ignoreDigests: [] },
  extraFolders: [],
  groupBy: 'topic',
  sortBy: 'date',
};

/** Reads a raw value by key (e.g. `hover.enabled`), as `WorkspaceConfiguration.get` does. */
export type RawSettingsReader = (key: string) => unknown;

export interface SettingsResult {
  settings: DigestLensSettings;
  warnings: string[];
}

export function readSettings(get: RawSettingsReader): SettingsResult {
  const warnings: string[] = [];
  const d = DEFAULT_SETTINGS;

  const bool = (key: string, fallback: boolean): boolean => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    warnings.push(`digestLens.${key}: expected true or false, got ${describe(v)}; using ${fallback}.`);
    return fallback;
  };
  const strings = (key: string, fallback: string[]): string[] => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((x) => x.trim()).filter((x) => x.length > 0);
    warnings.push(`digestLens.${key}: expected a list of strings, got ${describe(v)}; using the default.`);
    return fallback;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    warnings.push(`digestLens.${key}: expected an integer from ${min} to ${max}, got ${describe(v)}; using ${fallback}.`);
    return fallback;
  };
  const groupByRaw = get('topics.groupBy');
  let groupBy: GroupBy = d.groupBy;
  if (groupByRaw === 'topic' || groupByRaw === 'source' || groupByRaw === 'date') groupBy = groupByRaw;
  else if (groupByRaw !== undefined && groupByRaw !== null) {
    warnings.push(`digestLens.topics.groupBy: expected "topic", "source" or "date", got ${describe(groupByRaw)}; using "${d.groupBy}".`);
  }

  const sortByRaw = get('topics.sortBy');
  let sortBy: SortBy = d.sortBy;
  if (sortByRaw === 'date' || sortByRaw === 'title') sortBy = sortByRaw;
  else if (sortByRaw !== undefined && sortByRaw !== null) {
    warnings.push(`digestLens.topics.sortBy: expected "date" or "title", got ${describe(sortByRaw)}; using "${d.sortBy}".`);
  }

  return {
    settings: {
      hover: {
        enabled: bool('hover.enabled', d.hover.enabled),
        methodNames: bool('hover.methodNames', d.hover.methodNames),
        unknownArxivIds: bool('hover.unknownArxivIds', d.hover.unknownArxivIds),
        excludeLanguages: strings('hover.excludeLanguages', d.hover.excludeLanguages),
        maxCards: int('hover.maxCards', d.hover.maxCards, 1, 10),
        ignoreNames: strings('hover.ignoreNames', d.hover.ignoreNames),
        ignoreDigests: strings('hover.ignoreDigests', d.hover.ignoreDigests),
      },
      extraFolders: strings('extraFolders', d.extraFolders),
      groupBy,
      sortBy,
    },
    warnings,
  };
}

function describe(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? typeof v : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

/** The layers of `digestLens.extraFolders`, as `WorkspaceConfiguration.inspect` reports them. */
export interface ExtraFoldersInspect {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * The raw `extraFolders` value to validate. A trusted workspace resolves the layers as VS Code
 * does (folder, then workspace, then user; lists are not merged). An untrusted one reads only
 * the user's own value: a folder named by a workspace you have not trusted is never read.
 */
export function effectiveExtraFolders(inspect: ExtraFoldersInspect | undefined, trusted: boolean): unknown {
  if (!inspect) return undefined;
  if (!trusted) return inspect.globalValue;
  return inspect.workspaceFolderValue ?? inspect.workspaceValue ?? inspect.globalValue;
}
