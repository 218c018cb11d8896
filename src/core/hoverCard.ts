/**
 * Builds the hover card for the mentions under the cursor. Pure: the hover provider passes the
 * corpus lookups and translated labels in, and wraps the result in a `MarkdownString`.
 *
 * Everything from the corpus is untrusted (user folders are merged into it): text is escaped so
 * it cannot form links, images, HTML or theme icons, and the only command links are the ones
 * built here, to this extension's commands, with JSON arguments.
 */
import { arxivLinks, isArxivId, normalizeArxivId } from './arxiv';
import { DigestEntry, Mention, Topic } from './types';

export interface CardLookup {
  get(id: string): DigestEntry | undefined;
  topic(id: string): Topic | undefined;
}

export interface CardLabels {
  openDigest: string;
  notInCorpus: string;
  pdf: string;
  arxiv: string;
  alphaxiv: string;
  /** "+3 more" */
  more(count: number): string;
  /** "Don't show cards for ‘CLA’" */
  ignoreName(name: string): string;
  muteDigest: string;
}

export interface CardCommands {
  openDigest: string;
  search: string;
  ignoreName: string;
  ignoreDigest: string;
}

export interface HoverCardOptions {
  maxCards: number;
  /** Offer "Mute this digest" on a single-digest card (default true). */
  muteDigests?: boolean;
  unknownArxivIds: boolean;
  commandIds?: Partial<CardCommands>;
  labels?: Partial<CardLabels>;
}

export interface HoverCard {
  markdown: string;
  /** Command ids the markdown links to: exactly what the hover must enable. */
  commands: string[];
}

export const DEFAULT_LABELS: CardLabels = {
  openDigest: 'Open digest',
  notInCorpus: 'not in the digest corpus',
  pdf: 'PDF',
  arxiv: 'arXiv',
  alphaxiv: 'alphaXiv',
  more: (n) => `+${n} more`,
  ignoreName: (name) => `Don't show cards for ‘${name}’`,
  muteDigest: 'Mute this digest',
};

export const DEFAULT_COMMANDS: CardCommands = {
  openDigest: 'digestLens.openDigest',
  search: 'digestLens.search',
  ignoreName: 'digestLens.ignoreName',
  ignoreDigest: 'digestLens.ignoreDigest',
};

const COMMAND_ID = /^digestLens\.[A-Za-z][A-Za-z0-9]*$/;

// Bidi overrides/isolates and marks can make escaped text read as something else (Trojan Source);
// C0/C1 controls and zero-width no-break spaces have no business in a card either.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const WHITESPACE = /[\s\u2028\u2029]+/g;
// Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
// leaves no way to open a link, emphasis, code span, HTML, entity, autolink or `$(icon)`.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Plain text → Markdown that renders as the same text, on one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim().replace(PUNCTUATION, '\\$&');
}

/** An http(s) URL made safe for `[text](url)`: parentheses, spaces and quotes percent-encoded. */
function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    return encodeURI(decodeURI(url)).replace(/[()'"<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  } catch {
    return undefined;
  }
}

class Builder {
  readonly commands = new Set<string>();
  /** Method names the mentions under the cursor used (their corpus spelling). */
  names: string[] = [];
  /** Offer to mute the digest (not for a card of unknown arXiv IDs only). */
  mutable = false;
  readonly labels: CardLabels;
  readonly ids: CardCommands;

  constructor(
    readonly lookup: CardLookup,
    options: HoverCardOptions,
  ) {
    this.labels = { ...DEFAULT_LABELS, ...options.labels };
    this.ids = { ...DEFAULT_COMMANDS, ...options.commandIds };
    for (const id of Object.values(this.ids)) {
      if (!COMMAND_ID.test(id)) throw new Error(`hover card: "${id}" is not a Digest Lens command`);
    }
  }

  commandLink(text: string, command: string, args: unknown[], title?: string): string {
    this.commands.add(command);
    // encodeURIComponent leaves ( ) ' ! * alone; a ")" would end the markdown link early.
    const query = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const uri = `command:${command}?${query}`;
    const t = title ? ` "${escapeMarkdown(title)}"` : '';
    return `[${text}](${uri}${t})`;
  }

  arxivLine(raw: string): string {
    const id = normalizeArxivId(raw);
    if (!isArxivId(id)) return escapeMarkdown(raw);
    const l = arxivLinks(id);
    return [
      `${escapeMarkdown(this.labels.arxiv)} [${escapeMarkdown(id)}](${safeUrl(l.abs)})`,
      `[${escapeMarkdown(this.labels.pdf)}](${safeUrl(l.pdf)})`,
      `[${escapeMarkdown(this.labels.alphaxiv)}](${safeUrl(l.alphaxiv)})`,
    ].join(' · ');
  }

  topics(e: DigestEntry): string {
    return e.topics.map((t) => escapeMarkdown(this.lookup.topic(t)?.label ?? t)).join(', ');
  }

  source(e: DigestEntry): string {
    const name = escapeMarkdown(e.source?.name ?? '');
    const url = e.source?.url ? safeUrl(e.source.url) : undefined;
    const parts = [url && name ? `[${name}](${url})` : name];
    if (e.source?.date) parts.push(escapeMarkdown(e.source.date));
    return parts.filter((p) => p).join(' · ');
  }

  title(e: DigestEntry): string {
    return `**${this.commandLink(escapeMarkdown(e.title || e.id), this.ids.openDigest, [e.id], this.labels.openDigest)}**`;
  }

  /** IDs of `e`, the one the text mentions first. */
  arxivIds(e: DigestEntry, mentioned: ReadonlySet<string>): string[] {
    const ids = e.arxiv.filter((a) => typeof a === 'string' && a.trim() !== '');
    return [...ids.filter((a) => mentioned.has(normalizeArxivId(a))), ...ids.filter((a) => !mentioned.has(normalizeArxivId(a)))];
  }

  /** "Don't show cards for ‘NAME’" for the names the text used, and muting the digest. */
  controls(names: readonly string[], digest?: DigestEntry): string {
    const links = names.map((n) => this.commandLink(escapeMarkdown(this.labels.ignoreName(n)), this.ids.ignoreName, [n]));
    if (digest) links.push(this.commandLink(escapeMarkdown(this.labels.muteDigest), this.ids.ignoreDigest, [digest.id]));
    return links.join(' · ');
  }

  full(e: DigestEntry, mentioned: ReadonlySet<string>): string {
    const blocks = [`$(book) ${this.title(e)}`];
    if (e.title_ru && e.title_ru !== e.title) blocks.push(`*${escapeMarkdown(e.title_ru)}*`);
    const meta: string[] = this.arxivIds(e, mentioned).slice(0, 3).map((a) => this.arxivLine(a));
    const topics = this.topics(e);
    const source = this.source(e);
    const facts = [topics && `$(tag) ${topics}`, source && `$(broadcast) ${source}`].filter((x) => x).join(' · ');
    if (facts) meta.push(facts);
    if (meta.length) blocks.push(meta.join('  \n'));
    if (e.summary) blocks.push(escapeMarkdown(e.summary));
    blocks.push(this.commandLink(`$(go-to-file) ${escapeMarkdown(this.labels.openDigest)}`, this.ids.openDigest, [e.id]));
    if (this.names.length > 0 || this.mutable) blocks.push(this.controls(this.names, this.mutable ? e : undefined));
    return blocks.join('\n\n');
  }

  compact(e: DigestEntry, mentioned: ReadonlySet<string>): string {
    const parts = [this.title(e)];
    const first = this.arxivIds(e, mentioned)[0];
    if (first) parts.push(this.arxivLine(first));
    const topics = this.topics(e);
    if (topics) parts.push(topics);
    return parts.join(' · ');
  }

  unknown(id: string): string {
    return `$(info) **${escapeMarkdown(id)}** — ${escapeMarkdown(this.labels.notInCorpus)}  \n${this.arxivLine(id)}`;
  }
}

/**
 * The card for `mentions` (usually the one under the cursor): one full card for a single
 * digest, otherwise a compact section per digest (and per unknown arXiv ID), at most
 * `maxCards`, then "+N more" linking to search. Undefined when there is nothing to show.
 */
export function buildHoverCard(mentions: readonly Mention[], lookup: CardLookup, options: HoverCardOptions): HoverCard | undefined {
  const b = new Builder(lookup, options);
  const digests: DigestEntry[] = [];
  const seen = new Set<string>();
  const unknown: string[] = [];
  const mentioned = new Set<string>();
  for (const m of mentions) {
    if (m.kind === 'method' && m.name && !b.names.includes(m.name) && b.names.length < 3) b.names.push(m.name);
    if (m.arxiv) mentioned.add(m.arxiv);
    if (m.kind === 'arxiv' && m.digests.length === 0 && m.arxiv) {
      if (options.unknownArxivIds && !unknown.includes(m.arxiv)) unknown.push(m.arxiv);
      continue;
    }
    for (const id of m.digests) {
      if (seen.has(id)) continue;
      seen.add(id);
      const e = lookup.get(id);
      if (e) digests.push(e);
    }
  }
  const total = digests.length + unknown.length;
  if (total === 0) return undefined;
  let markdown: string;
  b.mutable = options.muteDigests !== false && digests.length === 1;
  if (digests.length === 1 && unknown.length === 0) {
    markdown = b.full(digests[0], mentioned);
  } else {
    const max = Math.max(1, Math.floor(options.maxCards) || 1);
    const sections = [...digests.map((e) => b.compact(e, mentioned)), ...unknown.map((id) => b.unknown(id))];
    const shown = sections.slice(0, max);
    if (total > max) {
      const query = mentions[0]?.arxiv ?? mentions[0]?.text ?? '';
      shown.push(b.commandLink(escapeMarkdown(b.labels.more(total - max)), b.ids.search, [query]));
    }
    if (b.names.length > 0) shown.push(b.controls(b.names));
    markdown = shown.join('\n\n---\n\n');
  }
  return { markdown, commands: [...b.commands] };
}
