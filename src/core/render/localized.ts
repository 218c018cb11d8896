/**
 * What a digest says in the reader's language: the UI language from a VS Code locale, the title
 * and the TL;DR to show first. The hover card, the digest view, the tree and the CLI all ask here,
 * so they never disagree.
 */
import type { DigestEntry, Lang } from '../types';

/** The UI language for a locale such as `ru`, `ru-RU` or `en-us` (`vscode.env.language`). */
export function uiLang(locale: string | undefined): Lang {
  return /^ru\b/i.test(locale ?? '') ? 'ru' : 'en';
}

/** The title to show first (the Russian title in a Russian UI when there is one) and the other one. */
export function displayTitles(e: Pick<DigestEntry, 'id' | 'title' | 'title_ru'>, lang: Lang): { title: string; other?: string } {
  const en = e.title?.trim() || e.id;
  const ru = e.title_ru?.trim();
  if (!ru || ru === en) return { title: en };
  return lang === 'ru' ? { title: ru, other: en } : { title: en, other: ru };
}

export type TldrKind = 'tldr' | 'other-language' | 'opening';

/**
 * What the digest is about, in `lang`: its TL;DR, else the TL;DR in the other language, else
 * the opening sentences of the body (`summary`). Undefined when there is nothing at all.
 */
export function tldrFor(e: { tldr?: string; tldr_ru?: string; summary?: string }, lang: Lang): { text: string; kind: TldrKind; lang?: Lang } | undefined {
  const own = lang === 'ru' ? e.tldr_ru : e.tldr;
  if (own?.trim()) return { text: own.trim(), kind: 'tldr', lang };
  const otherLang: Lang = lang === 'ru' ? 'en' : 'ru';
  const other = otherLang === 'ru' ? e.tldr_ru : e.tldr;
  if (other?.trim()) return { text: other.trim(), kind: 'other-language', lang: otherLang };
  if (e.summary?.trim()) return { text: e.summary.trim(), kind: 'opening' };
  return undefined;
}

/** `A. Author, B. Author, C. Author et al.`: at most `max` names, as a card has room for. */
export function authorLine(authors: readonly string[] | undefined, max = 3): string {
  const list = (authors ?? []).map((a) => a.trim()).filter(Boolean);
  const etAl = list.length > 0 && /^et al\.?$/i.test(list[list.length - 1]);
  const names = etAl ? list.slice(0, -1) : list;
  if (names.length === 0) return '';
  if (names.length <= max && !etAl) return names.join(', ');
  return `${names.slice(0, max).join(', ')} et al.`;
}
