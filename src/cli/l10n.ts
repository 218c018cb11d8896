import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../core/types';

/** `l10n/`, next to `dist/` in a checkout or an installed extension (or above the compiled tests). */
function l10nFolder(): string | undefined {
  const candidates = [1, 2, 3].map((up) => path.resolve(__dirname, ...Array<string>(up).fill('..'), 'l10n'));
  return candidates.find((c) => fs.existsSync(path.join(c, 'bundle.l10n.json')));
}

/**
 * Translates an English UI message as the extension's `vscode.l10n.t` does, from the same
 * bundle (`l10n/bundle.l10n.<lang>.json`), so the CLI prints the words the editor shows.
 */
export function translator(lang: Lang): (message: string) => string {
  if (lang === 'en') return (m) => m;
  const folder = l10nFolder();
  const file = folder && path.join(folder, `bundle.l10n.${lang}.json`);
  if (!file || !fs.existsSync(file)) throw new Error(`no ${lang} translations found (l10n/bundle.l10n.${lang}.json)`);
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  return (m) => (typeof bundle[m] === 'string' ? (bundle[m] as string) : m);
}

/** Every label of `defaults` (English messages) translated. */
export function translateAll<T extends { [K in keyof T]: string }>(defaults: T, t: (message: string) => string): T {
  return Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, t(v as string)])) as T;
}

/** The value of a `--lang` option: `en` (also when it is not given) or `ru`, else undefined (the command prints its usage). */
export function langOption(value: string | undefined): Lang | undefined {
  if (value === undefined) return 'en';
  return value === 'en' || value === 'ru' ? value : undefined;
}
