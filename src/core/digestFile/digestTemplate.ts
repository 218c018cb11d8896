/**
 * The file "New Digest…" creates: front matter the reader fills in, and a short body outline.
 * Pure, so the command's decisions (what the input means, which id, which file name) are tested
 * without an editor.
 */
import { findArxivIds } from '../arxiv/arxiv';
import { MAX_TLDR_CHARS } from '../digest/curation';
import { trimTrailing } from '../settings/paths';
import { DIGEST_ID } from '../digest/digestIds';
import { serializeDigest } from './digestFile';
import { slugify } from '../import/text';
import type { DigestMeta, Lang, Topic } from '../types';

/** Longer input is not a title: a pasted paragraph or a file. */
export const MAX_TITLE_LENGTH = 300;

export type NewDigestInput =
  | { kind: 'arxiv'; arxiv: string }
  | { kind: 'title'; title: string }
  | { kind: 'invalid'; reason: 'empty' | 'too-long' | 'control-characters' | 'no-letters' };

/** An input that is one arXiv ID (in any recognized form: `arXiv:…`, an abs/pdf URL) or else a title. */
export function classifyInput(raw: string): NewDigestInput {
  const text = raw.trim();
  if (text === '') return { kind: 'invalid', reason: 'empty' };
  if (text.length > MAX_TITLE_LENGTH) return { kind: 'invalid', reason: 'too-long' };
  if (/[\u0000-\u001f\u007f]/.test(text)) return { kind: 'invalid', reason: 'control-characters' };
  const ids = findArxivIds(text);
  if (ids.length === 1 && ids[0].start === 0 && /^[/\s]*$/.test(text.slice(ids[0].end))) {
    return { kind: 'arxiv', arxiv: ids[0].id };
  }
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: 'invalid', reason: 'no-letters' };
  return { kind: 'title', title: text.replace(/\s+/g, ' ') };
}

/** The digest id a new file starts from: `arxiv-2405-18719`, or a slug of the title. */
export function baseId(input: { arxiv?: string; title?: string }): string {
  if (input.arxiv) return trimTrailing(`arxiv-${input.arxiv.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, '-');
  const slug = slugify(input.title ?? '');
  return DIGEST_ID.test(slug) ? slug : 'digest';
}

/**
 * First id not in `taken` (ids of the corpus and base names of files already in the folder):
 * `id`, `id-2`, `id-3`… A new digest never overwrites a file and never hides behind another id.
 */
export function uniqueId(id: string, taken: (candidate: string) => boolean, limit = 10_000): string | undefined {
  if (!taken(id)) return id;
  for (let n = 2; n <= limit; n++) {
    const candidate = `${id}-${n}`;
    if (!taken(candidate)) return candidate;
  }
  return undefined;
}

export interface TemplateOptions {
  id: string;
  arxiv?: string;
  title?: string;
  /** A known title for the arXiv ID (e.g. from a bundled digest of the same paper). */
  knownTitle?: string;
  lang: Lang;
  /** ISO date (YYYY-MM-DD) of creation. */
  date?: string;
  /** The vocabulary, listed in a comment so the reader knows what `topics` accepts. */
  topics: readonly Topic[];
}

const OUTLINE: Record<Lang, string[]> = {
  ru: ['Кратко: о чём статья и какую задачу решает.', '', '**Идея.** Что предложили авторы.', '', '**Результаты.** Что получилось и на чём проверяли.', '', '**Мнение.** Что полезно взять в свой код.'],
  en: ['In short: what the paper is about and which problem it solves.', '', '**Idea.** What the authors propose.', '', '**Results.** What they found and how they tested it.', '', '**Take-away.** What is worth using in your own code.'],
};

const TLDR_HINT = `# tldr: what the paper proposes and its main result, at most ${MAX_TLDR_CHARS} characters; tldr_ru: the same in Russian`;

/**
 * The text of a new digest file; in a reader's folder `parseDigestFile` reads it with only "fill
 * me in" warnings (topics, TL;DR, authors).
 */
export function digestTemplate(o: TemplateOptions): string {
  const title = o.title ?? o.knownTitle ?? (o.arxiv ? `arXiv:${o.arxiv}` : o.id);
  const meta: DigestMeta = {
    id: o.id,
    title,
    arxiv: o.arxiv ? [o.arxiv] : [],
    methods: [],
    topics: [],
    source: { name: 'notes', ...(o.date ? { date: o.date } : {}) },
    lang: o.lang,
    kind: 'paper',
  };
  // The curated fields come as empty placeholders; YAML comments (which the parser ignores)
  // say what goes in them.
  let text = serializeDigest(meta, OUTLINE[o.lang].join('\n'));
  text = text.replace(/^tldr: ""$/m, (line) => `${line}\n${TLDR_HINT}`);
  const hint = topicHint(o.topics);
  if (!hint) return text;
  return text.replace(/^topics: \[\]$/m, (line) => `${line}\n${hint}`);
}

function topicHint(topics: readonly Topic[]): string | undefined {
  if (topics.length === 0) return undefined;
  const ids = topics.map((t) => t.id.replace(/[^a-z0-9-]/g, ''));
  const lines: string[] = [];
  let line = '# topics: 1–3 of';
  for (const id of ids) {
    if (line.length + id.length > 96) {
      lines.push(line);
      line = '#  ';
    }
    line += ` ${id}`;
  }
  lines.push(line);
  return lines.join('\n');
}
