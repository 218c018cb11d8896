/**
 * Digest identity: the id a file is named for, and which file keeps an id several claim. One
 * rule for the extension's user folders, the CLI's `validate`, the bundle and the importer.
 */
import { byUnits } from '../util/order';

/** What an id may be: lower-case letters and digits in dash-separated runs (it names the file). */
export const DIGEST_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The file's base name without `.md` (works for `/` and `\\` paths and URIs). */
export function idFromFileName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.md$/i, '');
}

/** One file that claims an id. */
export interface IdClaim {
  file: string;
  id: string;
}

/**
 * Which file keeps an id that several claim: the file named after the id, then the first by path
 * (string order of `file`), whatever order the files were read in. `takenBy` names ids that are
 * already owned elsewhere (the bundled corpus for user folders). Every other claimant is a clash.
 */
export function resolveIdClaims<T extends IdClaim>(
  claims: readonly T[],
  takenBy: (id: string) => string | undefined = () => undefined,
  name: (file: string) => string = (f) => f,
): { kept: T[]; clashes: { claim: T; owner: string }[] } {
  const named = (c: T): boolean => idFromFileName(c.file) === c.id;
  const order = [...claims].sort((a, b) => Number(named(b)) - Number(named(a)) || byUnits(a.file, b.file));
  const owner = new Map<string, string>();
  const keptSet = new Set<T>();
  const clashes: { claim: T; owner: string }[] = [];
  for (const c of order) {
    const other = takenBy(c.id) ?? owner.get(c.id);
    if (other !== undefined) {
      clashes.push({ claim: c, owner: other });
      continue;
    }
    owner.set(c.id, name(c.file));
    keptSet.add(c);
  }
  return { kept: claims.filter((c) => keptSet.has(c)), clashes };
}

/** The problem a clash reports (the CLI and the Problems panel say the same). */
export function idClashMessage(id: string, owner: string): string {
  return `duplicate id "${id}" (also in ${owner}); the id is already used, so this file is not loaded (rename the file and its id)`;
}

