/**
 * Reading the curated fields from front matter and writing them back: `digestFile.ts` calls this
 * for every file. Which fields there are and what counts as missing is `digest/curation.ts`.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, isScalar, isSeq } from 'yaml';
import type { CuratedFields, PaperRef, Severity } from '../types';
import { safeExternalUrl } from '../text/url';
import { MAX_AUTHORS, MAX_TLDR_CHARS, MIN_YEAR } from '../digest/curation';

const MAX_NAME_CHARS = 200;
const MAX_URLS = 20;
const MAX_URL_CHARS = 2048;
const MAX_ALIASES = 20;
const MAX_ALIAS_CHARS = 100;

type Pos = { line?: number; column?: number };
export interface FieldContext {
  report(message: string, pos?: Pos, severity?: Severity): void;
  nodePos(node: unknown, key: string): Pos;
  keyPos(key: string): Pos;
  maxYear: number;
}

/** An empty YAML value (`key:` with nothing after it, or `""`). */
export function isBlankNode(node: unknown): boolean {
  if (!isScalar(node)) return false;
  const v = node.value as unknown;
  return v === null || v === '' || (typeof v === 'string' && v.trim() === '');
}

const CYRILLIC = /[\u0400-\u04FF]/;

/** Counts code points, so a Russian or emoji-laden TL;DR gets the same 280 as an English one. */
function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function readText(node: unknown, key: string, max: number, ctx: FieldContext): string | undefined {
  if (node === undefined || isBlankNode(node)) return undefined;
  if (!isScalar(node) || typeof node.value !== 'string') {
    ctx.report(`"${key}" must be a string`, ctx.nodePos(node, key));
    return undefined;
  }
  const text = oneLine(node.value);
  if (length(text) > max) {
    ctx.report(`"${key}" has ${length(text)} characters; at most ${max}`, ctx.nodePos(node, key));
    return undefined;
  }
  return text;
}

/** A list of non-empty strings; `check` reports and returns false to drop an entry. */
export function readStringList(
  node: unknown,
  key: string,
  ctx: FieldContext,
  limits: { maxItems: number; maxChars: number },
  check?: (v: string, item: Scalar) => boolean,
): string[] | undefined {
  if (node === undefined || isBlankNode(node)) return undefined;
  if (!isSeq(node)) {
    ctx.report(`"${key}" must be a list`, ctx.nodePos(node, key));
    return undefined;
  }
  if (node.items.length > limits.maxItems) {
    ctx.report(`"${key}" has ${node.items.length} entries; at most ${limits.maxItems}`, ctx.nodePos(node, key));
    return undefined;
  }
  const out: string[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
      ctx.report(`"${key}" entries must be non-empty strings`, ctx.nodePos(item, key));
      continue;
    }
    const v = oneLine(item.value);
    if (length(v) > limits.maxChars) {
      ctx.report(`an entry of "${key}" has ${length(v)} characters; at most ${limits.maxChars}`, ctx.nodePos(item, key));
      continue;
    }
    if (out.includes(v)) {
      ctx.report(`"${key}" lists "${v}" twice`, ctx.nodePos(item, key), 'warning');
      continue;
    }
    if (check && !check(v, item)) continue;
    out.push(v);
  }
  return out;
}

export function readAuthors(node: unknown, key: string, ctx: FieldContext): string[] | undefined {
  return readStringList(node, key, ctx, { maxItems: MAX_AUTHORS, maxChars: MAX_NAME_CHARS });
}

export function readYear(node: unknown, key: string, ctx: FieldContext): number | undefined {
  if (node === undefined || isBlankNode(node)) return undefined;
  const raw = isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
  if (raw === undefined || !/^\d{4}$/.test(raw)) {
    ctx.report(`"${key}" must be a four-digit year, not ${isScalar(node) ? `"${String(node.value)}"` : 'a list or map'}`, ctx.nodePos(node, key));
    return undefined;
  }
  const year = Number(raw);
  if (year < MIN_YEAR || year > ctx.maxYear) {
    ctx.report(`"${key}" ${year} is outside ${MIN_YEAR}–${ctx.maxYear}`, ctx.nodePos(node, key));
    return undefined;
  }
  return year;
}

function readUrls(node: unknown, key: string, ctx: FieldContext): string[] | undefined {
  return readStringList(node, key, ctx, { maxItems: MAX_URLS, maxChars: MAX_URL_CHARS }, (v, item) => {
    if (safeExternalUrl(v)) return true;
    ctx.report(`"${key}" entries must be http(s) URLs, not "${v}"`, ctx.nodePos(item, key));
    return false;
  });
}

function readBoolean(node: unknown, key: string, ctx: FieldContext): boolean | undefined {
  if (node === undefined || isBlankNode(node)) return undefined;
  const raw = isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  ctx.report(`"${key}" must be true or false`, ctx.nodePos(node, key));
  return undefined;
}

/** Reads the curated fields of one front matter map; each bad field is reported and left out. */
export function readCuratedFields(map: YAMLMap, ctx: FieldContext): CuratedFields {
  const get = (key: string): unknown => map.get(key, true) as unknown;
  const out: CuratedFields = {};
  const tldr = readText(get('tldr'), 'tldr', MAX_TLDR_CHARS, ctx);
  if (tldr !== undefined) {
    if (CYRILLIC.test(tldr)) ctx.report('"tldr" is the English TL;DR; the Russian one goes in "tldr_ru"', ctx.nodePos(get('tldr'), 'tldr'), 'warning');
    out.tldr = tldr;
  }
  const tldrRu = readText(get('tldr_ru'), 'tldr_ru', MAX_TLDR_CHARS, ctx);
  if (tldrRu !== undefined) {
    if (!CYRILLIC.test(tldrRu)) ctx.report('"tldr_ru" does not look Russian', ctx.nodePos(get('tldr_ru'), 'tldr_ru'), 'warning');
    out.tldr_ru = tldrRu;
  }
  const authors = readAuthors(get('authors'), 'authors', ctx);
  if (authors?.length) out.authors = authors;
  const year = readYear(get('year'), 'year', ctx);
  if (year !== undefined) out.year = year;
  const venue = readText(get('venue'), 'venue', MAX_NAME_CHARS, ctx);
  if (venue !== undefined) out.venue = venue;
  const code = readUrls(get('code'), 'code', ctx);
  if (code?.length) out.code = code;
  const links = readUrls(get('links'), 'links', ctx);
  if (links?.length) out.links = links;
  const aliases = readStringList(get('aliases'), 'aliases', ctx, { maxItems: MAX_ALIASES, maxChars: MAX_ALIAS_CHARS }, (v, item) => {
    // Names a program uses: a package, module or repository name has no spaces.
    if (!/\s/.test(v)) return true;
    ctx.report(`alias "${v}" has a space; aliases are package, module or repository names`, ctx.nodePos(item, 'aliases'));
    return false;
  });
  if (aliases?.length) out.aliases = aliases;
  const excerpt = readBoolean(get('excerpt'), 'excerpt', ctx);
  if (excerpt) out.excerpt = true;
  return out;
}

/** The `authors` and `year` of one entry of `papers`. */
export function readPaperFacts(item: YAMLMap, ctx: FieldContext): Pick<PaperRef, 'authors' | 'year'> {
  const out: Pick<PaperRef, 'authors' | 'year'> = {};
  const authors = readAuthors(item.get('authors', true), 'papers.authors', ctx);
  if (authors?.length) out.authors = authors;
  const year = readYear(item.get('year', true), 'papers.year', ctx);
  if (year !== undefined) out.year = year;
  return out;
}

// ---------------------------------------------------------------------------------------
// Writing

/**
 * The curated fields as front matter pairs, every one present: an unset field is an empty
 * placeholder (`""`, `[]`), so a draft shows what is left to fill in and reads back unchanged.
 */
export function curatedPairs(meta: CuratedFields): Pair[] {
  const flow = (items: readonly string[] | undefined): YAMLSeq => {
    const seq = new YAMLSeq();
    seq.flow = true;
    for (const i of items ?? []) seq.items.push(new Scalar(i));
    return seq;
  };
  const text = (v: string | undefined): Scalar => {
    const s = new Scalar(v ?? '');
    // A TL;DR is prose: quoted, so a colon or a leading dash inside it stays text.
    s.type = 'QUOTE_DOUBLE';
    return s;
  };
  const pair = (key: string, value: Scalar | YAMLSeq | YAMLMap): Pair => new Pair(new Scalar(key), value);
  return [
    pair('tldr', text(meta.tldr)),
    pair('tldr_ru', text(meta.tldr_ru)),
    pair('authors', flow(meta.authors)),
    pair('year', meta.year !== undefined ? new Scalar(String(meta.year)) : text(undefined)),
    pair('venue', text(meta.venue)),
    pair('code', flow(meta.code)),
    pair('links', flow(meta.links)),
    pair('aliases', flow(meta.aliases)),
    ...(meta.excerpt ? [pair('excerpt', new Scalar('true'))] : []),
  ];
}

