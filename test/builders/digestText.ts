import type { DigestMeta } from '../../src/core/types';
import { meta, Overrides } from './digests';

/**
 * A digest file's text, as a reader writes one in `digests/*.md` or in a folder of their own:
 * YAML front matter between `---` lines, a blank line, the body, a final newline. No Node
 * built-ins: the integration suites write such files from the web worker too.
 */
export interface DigestTextOptions extends Overrides<DigestMeta & { body: string }> {
  /**
   * The front matter as written, instead of lines made from the fields: for a test about the
   * text itself (line numbers, YAML syntax, limits). The fields then give only the body.
   */
  frontMatter?: string | readonly string[];
  /** Lines after the front matter's other lines, as written: more fields, deliberate mistakes. */
  extra?: readonly string[];
}

/** The front matter's fields in the order of `digests/*.md` (serializeDigest's order). */
const FIELDS = ['id', 'title', 'title_ru', 'tldr', 'tldr_ru', 'authors', 'year', 'venue', 'code', 'links', 'aliases', 'excerpt', 'arxiv', 'methods', 'topics', 'source', 'lang', 'kind', 'papers'] as const;
/** Written plain, so that a test can find or replace the line (`lang: en` → `lang: klingon`). */
const PLAIN = new Set<string>(['id', 'lang', 'kind']);
/** Characters a writer spells as an escape rather than leave invisible in the file. */
const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const json = (value: unknown): string => JSON.stringify(value).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The fields are `meta()`'s, so a test names only what it cares about (`paper: 'retnet'` starts
 * from a real paper); one line each, values other than id, lang and kind written as JSON, which
 * YAML reads as it is (invisible characters as `\uXXXX` escapes).
 */
export function digestText(options: DigestTextOptions = {}): string {
  const { frontMatter, extra = [], ...fields } = options;
  const m = meta(fields);
  const { body, ...values } = m;
  const unknown = Object.keys(values).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new Error(`digestText: no front-matter line for ${unknown.join(', ')}`);
  const lines =
    frontMatter === undefined
      ? FIELDS.flatMap((key) => {
          const value = m[key];
          if (value === undefined) return [];
          return [`${key}: ${PLAIN.has(key) ? String(value) : json(value)}`];
        })
      : typeof frontMatter === 'string'
        ? [frontMatter]
        : frontMatter;
  return ['---', ...lines, ...extra, '---', '', body, ''].join('\n');
}
