/**
 * Builds the hover card for the mentions under the cursor. Pure: the hover provider passes the
 * corpus lookups and translated labels in, and wraps the result in a `MarkdownString`.
 *
 * Everything from the corpus is untrusted (user folders are merged into it): text is escaped so
 * it cannot form links, images, HTML or theme icons, and the only command links are the ones
 * built here, to this extension's commands, with JSON arguments.
 */
import { arxivLinks, isArxivId, normalizeArxivId } from '../arxiv/arxiv';
import type { CommandId } from '../commands/commandIds';
import { excerptUrl } from '../digest/curation';
import { authorLine, displayTitles, tldrFor } from './localized';
import { applyControls, type MentionControls } from '../recognizer/mentionEvidence';
import { type Citations, identifierRange, MAX_DOCUMENT_LINES, type Recognizer } from '../recognizer/recognizer';
import { topicLabel } from '../digest/topics';
import { DigestEntry, Lang, Mention, Topic } from '../types';
import { breakIconSyntax, visibleLine } from '../text/untrusted';
import { safeExternalUrl } from '../text/url';

export interface CardLookup {
  get(id: string): DigestEntry | undefined;
  topic(id: string): Topic | undefined;
}

/**
 * The card's words. The defaults are the English messages of `l10n/bundle.l10n.json`: the
 * extension translates them with `vscode.l10n.t`, the CLI with the same bundle. `{0}` marks
 * where a value goes.
 */
export interface CardLabels {
  openDigest: string;
  notInCorpus: string;
  /** "+{0} more" */
  more: string;
  code: string;
  /** "digest: {0}", before the source name and date. */
  provenance: string;
  excerpt: string;
  star: string;
  unstar: string;
  /** "Don't show cards for ‘{0}’" */
  ignoreName: string;
  muteDigest: string;
}

export const DEFAULT_LABELS: CardLabels = {
  openDigest: 'Open digest',
  notInCorpus: 'not in the digest corpus',
  more: '+{0} more',
  code: 'Code',
  provenance: 'digest: {0}',
  excerpt: 'excerpt of a longer article',
  star: 'Star',
  unstar: 'Unstar',
  ignoreName: 'Don\'t show cards for ‘{0}’',
  muteDigest: 'Mute this digest',
};

/** Names, not words: the same in every language. */
const NAMES = { arxiv: 'arXiv', pdf: 'PDF', alphaxiv: 'alphaXiv' };

export interface CardCommands {
  openDigest: string;
  search: string;
  star: string;
  unstar: string;
  ignoreName: string;
  ignoreDigest: string;
}

/** One link of the card's action line. `icon` is a codicon name. */
export interface CardLink {
  text: string;
  command: string;
  args: unknown[];
  icon?: string;
  tooltip?: string;
}

/** What an action sees: the digests the card shows (one for a full card) and the mentions under the cursor. */
export interface CardActionContext {
  entries: readonly DigestEntry[];
  mentions: readonly Mention[];
  labels: CardLabels;
  commands: CardCommands;
  lang: Lang;
  /** Several digests (or unknown IDs), one compact section each. */
  compact: boolean;
  /** Whether the reader starred a digest. */
  starred: (id: string) => boolean;
}

/** A link on the card's action line, or undefined when it does not apply to this card. */
export type CardAction = (ctx: CardActionContext) => CardLink | readonly CardLink[] | undefined;

/** "Open digest", on a card that shows one digest (several: each title is its link). */
export const openDigestAction: CardAction = ({ entries, labels, commands, compact }) =>
  !compact && entries.length === 1 ? { icon: 'go-to-file', text: labels.openDigest, command: commands.openDigest, args: [entries[0].id] } : undefined;

/** Star or Unstar, on a card that shows one digest. */
const starAction: CardAction = ({ entries, labels, commands, compact, starred }) => {
  if (compact || entries.length !== 1) return undefined;
  const id = entries[0].id;
  return starred(id)
    ? { icon: 'star-full', text: labels.unstar, command: commands.unstar, args: [id] }
    : { icon: 'star-empty', text: labels.star, command: commands.star, args: [id] };
};

/** "Don't show cards for ‘NAME’" for each method name (at most three) the text under the cursor used. */
const ignoreNameAction: CardAction = ({ mentions, labels, commands }) => {
  const names: string[] = [];
  for (const m of mentions) if (m.kind === 'method' && m.name && !names.includes(m.name) && names.length < 3) names.push(m.name);
  return names.map((n) => ({ icon: 'eye-closed', text: labels.ignoreName.replace('{0}', n), command: commands.ignoreName, args: [n] }));
};

/** "Mute this digest", on a card that shows one digest. */
const muteDigestAction: CardAction = ({ entries, labels, commands, compact }) =>
  !compact && entries.length === 1 ? { icon: 'mute', text: labels.muteDigest, command: commands.ignoreDigest, args: [entries[0].id] } : undefined;

/** The action line, in order: add an action here to show it on every card. */
export const CARD_ACTIONS: readonly CardAction[] = [
  openDigestAction,
  starAction,
  ignoreNameAction,
  muteDigestAction,
];

export interface HoverCardOptions {
  maxCards: number;
  unknownArxivIds: boolean;
  /** The UI language: which title, TL;DR and topic names come first. English by default. */
  lang?: Lang;
  commandIds?: Partial<CardCommands>;
  labels?: Partial<CardLabels>;
  /** The action line; `CARD_ACTIONS` by default. */
  actions?: readonly CardAction[];
  /** Whether the reader starred a digest: the card offers Star or Unstar. */
  starred?: (id: string) => boolean;
}

export interface HoverCard {
  markdown: string;
  /** Command ids the markdown links to: exactly what the hover must enable. */
  commands: string[];
}

const DEFAULT_COMMANDS: CardCommands = {
  openDigest: 'digestLens.openDigest',
  search: 'digestLens.search',
  star: 'digestLens.star',
  unstar: 'digestLens.unstar',
  ignoreName: 'digestLens.ignoreName',
  ignoreDigest: 'digestLens.ignoreDigest',
} satisfies Record<keyof CardCommands, CommandId>;

// Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them
// leaves no way to open a link, emphasis, code span, HTML, entity, autolink or `$(icon)`.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Plain text → Markdown that renders as the same text, on one line. Backslash escapes do not
 * stop theme icons (the renderer finds `$(name)` after unescaping), so that syntax is broken first.
 */
export function escapeMarkdown(text: string): string {
  return breakIconSyntax(visibleLine(text)).replace(PUNCTUATION, '\\$&');
}

/** An http(s) URL (by the one rule, `url.ts`) made safe for `[text](url)`: parentheses, spaces and quotes percent-encoded. */
function safeUrl(url: string): string | undefined {
  if (!safeExternalUrl(url.trim())) return undefined;
  try {
    return encodeURI(decodeURI(url.trim())).replace(/[()'"<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  } catch {
    return undefined;
  }
}

/** `{0}` in a label replaced by `value` (already Markdown); the label itself is escaped. */
function fill(label: string, value: string): string {
  const at = label.indexOf('{0}');
  if (at < 0) return `${escapeMarkdown(label)} ${value}`;
  const before = escapeMarkdown(label.slice(0, at));
  const after = escapeMarkdown(label.slice(at + 3));
  return `${before}${before && label[at - 1] === ' ' ? ' ' : ''}${value}${after && label[at + 3] === ' ' ? ' ' : ''}${after}`;
}

/** `openreview.net` for a paper page link. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** The last path segment of a repository URL: `pyreft` for github.com/stanfordnlp/pyreft. */
function repoName(url: string): string {
  try {
    const parts = new URL(url).pathname.split('/').filter(Boolean);
    return parts[parts.length - 1] ?? hostOf(url);
  } catch {
    return url;
  }
}

class Builder {
  readonly commands = new Set<string>();
  readonly labels: CardLabels;
  readonly ids: CardCommands;
  readonly lang: Lang;
  readonly actions: readonly CardAction[];
  readonly starred: (id: string) => boolean;

  constructor(
    readonly lookup: CardLookup,
    options: HoverCardOptions,
  ) {
    this.labels = { ...DEFAULT_LABELS, ...options.labels };
    this.ids = { ...DEFAULT_COMMANDS, ...options.commandIds };
    this.lang = options.lang === 'ru' ? 'ru' : 'en';
    this.actions = options.actions ?? CARD_ACTIONS;
    this.starred = options.starred ?? (() => false);
    for (const id of Object.values(this.ids)) checkCommand(id);
  }

  commandLink(text: string, command: string, args: unknown[], title?: string): string {
    checkCommand(command);
    this.commands.add(command);
    // encodeURIComponent leaves ( ) ' ! * alone; a ")" would end the markdown link early.
    const query = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const uri = `command:${command}?${query}`;
    const t = title ? ` "${escapeMarkdown(title)}"` : '';
    return `[${text}](${uri}${t})`;
  }

  webLink(text: string, url: string): string {
    const safe = safeUrl(url);
    return safe ? `[${escapeMarkdown(text)}](${safe})` : escapeMarkdown(text);
  }

  arxivLine(raw: string): string {
    const id = normalizeArxivId(raw);
    if (!isArxivId(id)) return escapeMarkdown(raw);
    const l = arxivLinks(id);
    return [`${escapeMarkdown(NAMES.arxiv)} [${escapeMarkdown(id)}](${safeUrl(l.abs)})`, `[${NAMES.pdf}](${safeUrl(l.pdf)})`, `[${NAMES.alphaxiv}](${safeUrl(l.alphaxiv)})`].join(' · ');
  }

  /** `Code` for one official repository, `Code: a · b` for several; paper pages by host. */
  paperLinks(e: DigestEntry): string[] {
    const out: string[] = [];
    const code = (e.code ?? []).filter((u) => safeUrl(u)).slice(0, 3);
    if (code.length === 1) out.push(this.webLink(this.labels.code, code[0]));
    else if (code.length > 1) out.push(`${escapeMarkdown(this.labels.code)}: ${code.map((u) => this.webLink(repoName(u), u)).join(', ')}`);
    for (const u of (e.links ?? []).filter((x) => safeUrl(x)).slice(0, 3)) out.push(this.webLink(hostOf(u), u));
    return out;
  }

  topics(e: DigestEntry): string {
    return e.topics.map((t) => escapeMarkdown(topicLabel(this.lookup.topic(t), t, this.lang))).join(', ');
  }

  /** `digest: rizzearch · 2024-05-21 · excerpt of a longer article`. */
  provenance(e: DigestEntry): string {
    const name = e.source?.name?.trim() ?? '';
    const url = e.source?.url;
    if (!name && !url) return '';
    const parts = [fill(this.labels.provenance, url && name ? this.webLink(name, url) : escapeMarkdown(name || hostOf(url ?? '')))];
    if (e.source?.date) parts.push(escapeMarkdown(e.source.date));
    if (e.excerpt) {
      const article = excerptUrl(e);
      parts.push(article ? this.webLink(this.labels.excerpt, article) : escapeMarkdown(this.labels.excerpt));
    }
    return parts.join(' · ');
  }

  /** `Authors · 2024 · NeurIPS 2024`. */
  facts(e: DigestEntry): string {
    return [authorLine(e.authors), e.year !== undefined ? String(e.year) : '', e.venue ?? '']
      .map((x) => x.trim())
      .filter(Boolean)
      .map(escapeMarkdown)
      .join(' · ');
  }

  title(e: DigestEntry): string {
    const { title } = displayTitles(e, this.lang);
    return `**${this.commandLink(escapeMarkdown(title), this.ids.openDigest, [e.id], this.labels.openDigest)}**`;
  }

  /** IDs of `e`, the one the text mentions first. */
  arxivIds(e: DigestEntry, mentioned: ReadonlySet<string>): string[] {
    const ids = e.arxiv.filter((a) => typeof a === 'string' && a.trim() !== '');
    return [...ids.filter((a) => mentioned.has(normalizeArxivId(a))), ...ids.filter((a) => !mentioned.has(normalizeArxivId(a)))];
  }

  actionLine(entries: readonly DigestEntry[], mentions: readonly Mention[], compact: boolean): string {
    const ctx: CardActionContext = { entries, mentions, labels: this.labels, commands: this.ids, lang: this.lang, compact, starred: this.starred };
    const links: string[] = [];
    for (const action of this.actions) {
      const result = action(ctx);
      for (const link of result === undefined ? [] : Array.isArray(result) ? result : [result as CardLink]) {
      const icon = link.icon && /^[a-z0-9-]+$/.test(link.icon) ? `$(${link.icon}) ` : '';
      links.push(this.commandLink(`${icon}${escapeMarkdown(link.text)}`, link.command, link.args, link.tooltip));
      }
    }
    return links.join(' · ');
  }

  full(e: DigestEntry, mentioned: ReadonlySet<string>, mentions: readonly Mention[]): string {
    const { other } = displayTitles(e, this.lang);
    const head = [`$(book) ${this.title(e)}`];
    if (other) head.push(`*${escapeMarkdown(other)}*`);
    const facts = this.facts(e);
    if (facts) head.push(facts);
    const blocks = [head.join('  \n')];
    const about = tldrFor(e, this.lang);
    if (about) blocks.push(escapeMarkdown(about.text));
    const linkLines = this.arxivIds(e, mentioned).slice(0, 3).map((a) => this.arxivLine(a));
    const more = this.paperLinks(e);
    if (more.length) {
      if (linkLines.length) linkLines[0] += ` · ${more.join(' · ')}`;
      else linkLines.push(more.join(' · '));
    }
    const topics = this.topics(e);
    const provenance = this.provenance(e);
    const tail = [topics && `$(tag) ${topics}`, provenance && `$(broadcast) ${provenance}`].filter((x) => x).join(' · ');
    if (tail) linkLines.push(tail);
    if (linkLines.length) blocks.push(linkLines.join('  \n'));
    const actions = this.actionLine([e], mentions, false);
    if (actions) blocks.push(actions);
    return blocks.join('\n\n');
  }

  compact(e: DigestEntry, mentioned: ReadonlySet<string>): string {
    const parts = [this.title(e)];
    if (e.year !== undefined) parts.push(escapeMarkdown(String(e.year)));
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

const COMMAND_ID = /^digestLens\.[A-Za-z][A-Za-z0-9]*$/;

function checkCommand(id: string): void {
  if (!COMMAND_ID.test(id)) throw new Error(`hover card: "${id}" is not a Digest Lens command`);
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
  if (digests.length === 1 && unknown.length === 0) {
    markdown = b.full(digests[0], mentioned, mentions);
  } else {
    const max = Math.max(1, Math.floor(options.maxCards) || 1);
    const sections = [...digests.map((e) => b.compact(e, mentioned)), ...unknown.map((id) => b.unknown(id))];
    const shown = sections.slice(0, max);
    if (total > max) {
      const query = mentions[0]?.arxiv ?? mentions[0]?.text ?? '';
      shown.push(b.commandLink(escapeMarkdown(b.labels.more.replace('{0}', String(total - max))), b.ids.search, [query]));
    }
    const actions = b.actionLine(digests.slice(0, max), mentions, true);
    markdown = shown.join('\n\n---\n\n') + (actions ? `\n\n${actions}` : '');
  }
  return { markdown, commands: [...b.commands] };
}

export interface CardAtOptions extends HoverCardOptions {
  /** Recognize method names, not only arXiv IDs (`digestLens.hover.methodNames`). */
  methodNames: boolean;
  /** Names and digests the reader muted (`digestLens.hover.ignoreNames` / `ignoreDigests`). */
  controls?: MentionControls;
}

/** A document as the card needs it: identity and version key the cached decision; lines on demand. */
export interface CardDocument {
  key: object;
  version: number;
  lines: () => readonly string[];
  /** The workspace's citation keys (`\cite{…}` through `.bib` files). */
  citations?: Citations;
}

/**
 * The card at a position: what the hover provider shows and `cli card` prints, by the same steps
 * (the document's decided mentions under the cursor, the reader's controls, then the card), with
 * the range the hover covers: the whole identifier (`golovneva2024cope`, `use_cla`), UTF-16
 * offsets in the line.
 */
export function cardAt(
  recognizer: Pick<Recognizer, 'hoverAt' | 'mentionsAt'>,
  lookup: CardLookup,
  doc: CardDocument,
  lineText: string,
  line: number,
  character: number,
  options: CardAtOptions,
): { card: HoverCard; mentions: Mention[]; start: number; end: number } | undefined {
  // The decision is made once per document version (shared with In This File); past the lines it
  // covers, the line decides alone, in a bounded window around the cursor.
  const decided =
    line < MAX_DOCUMENT_LINES
      ? recognizer.hoverAt(doc.key, doc.version, doc.lines, line, character, lineText, doc.citations)
      : recognizer.mentionsAt(lineText, line, character);
  const mentions = applyControls(
    decided.filter((m) => options.methodNames || m.kind !== 'method'),
    options.controls ?? {},
  );
  if (mentions.length === 0) return undefined;
  const card = buildHoverCard(mentions, lookup, options);
  if (!card) return undefined;
  const ranges = mentions.map((m) => identifierRange(lineText, m));
  const start = Math.min(...ranges.map((r) => r.start));
  const end = Math.max(...ranges.map((r) => r.end));
  return { card, mentions, start, end };
}
