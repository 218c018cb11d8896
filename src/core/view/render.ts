/**
 * Digest → safe HTML for the digest view (and `cli render`).
 *
 * Everything that reaches the page is either escaped text or markup this module writes
 * itself. The corpus includes user folders, so digest text is treated as hostile:
 * markdown-it runs with `html: false`, every link goes through one policy
 * (`classifyHref`), images are shown as their alt text, and bidi override characters are
 * dropped so a title cannot visually reorder the text around it.
 */
import { trimTrailing } from '../settings/paths';
import MarkdownIt from 'markdown-it';
import { arxivLinks, isArxivId, normalizeArxivId } from '../arxiv/arxiv';
import { Digest, DigestEntry, Lang, Topic } from '../types';
import { safeExternalUrl } from '../text/url';
import { excerptUrl } from '../digest/curation';
import { tldrFor } from '../render/localized';
import { topicLabel as labelOf } from '../digest/topics';

export { safeExternalUrl };

type Md = MarkdownIt.MarkdownIt;
type Token = MarkdownIt.Token;
type Options = Required<MarkdownIt.MarkdownItOptions>;
type MdEnv = MarkdownIt.Env | undefined;

export interface RenderStrings {
  abs: string;
  pdf: string;
  alphaxiv: string;
  topics: string;
  methods: string;
  source: string;
  papers: string;
  related: string;
  image: string;
  tldr: string;
  code: string;
  /** Links to the paper's pages other than arXiv (OpenReview, a conference, a blog). */
  links: string;
  /** "This digest is an excerpt of a longer article", before the article's URL. */
  excerpt: string;
}

export const defaultStrings: RenderStrings = {
  abs: 'arXiv',
  pdf: 'PDF',
  alphaxiv: 'alphaXiv',
  topics: 'Topics',
  methods: 'Methods',
  source: 'Source',
  papers: 'Papers in this post',
  related: 'Related digests',
  image: 'Image',
  tldr: 'TL;DR',
  code: 'Code',
  links: 'Paper',
  excerpt: 'This digest is an excerpt of a longer article',
};

export interface RenderContext {
  corpus: {
    get(id: string): DigestEntry | undefined;
    topic(id: string): Topic | undefined;
  };
  related: readonly DigestEntry[];
  /** Language of the UI (labels, topic names); the digest body keeps its own `lang`. */
  lang: Lang;
  strings?: Partial<RenderStrings>;
}

// ---------------------------------------------------------------------------------------
// Text hygiene

/** LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes for both text and (double- or single-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return stripBidi(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// ---------------------------------------------------------------------------------------
// Link policy

export type HrefKind = { kind: 'external'; url: string } | { kind: 'digest'; id: string } | { kind: 'none' };

const DIGEST_SCHEME = /^digest:/i;

/**
 * The one place that decides what a link may be. Only absolute http(s) URLs that the URL
 * parser agrees on stay external links; `digest:<id>` becomes an in-panel link when the
 * id exists. Anything else — other schemes, relative paths, fragments, URLs with
 * credentials, strings the parser rejects — is not a link.
 */
export function classifyHref(href: string, hasDigest: (id: string) => boolean = () => true): HrefKind {
  const raw = href.trim();
  if (DIGEST_SCHEME.test(raw)) {
    let id: string;
    try {
      id = decodeURIComponent(raw.slice('digest:'.length));
    } catch {
      return { kind: 'none' };
    }
    return id && hasDigest(id) ? { kind: 'digest', id } : { kind: 'none' };
  }
  const url = safeExternalUrl(raw);
  return url ? { kind: 'external', url } : { kind: 'none' };
}

// ---------------------------------------------------------------------------------------
// Messages from the webview script (same link policy as the renderer)

export type ViewMessage = { type: 'open'; id: string } | { type: 'link'; href: string } | { type: 'action'; action: ViewAction };

/** What the toolbar buttons (and the mouse's back / forward buttons) ask the extension to do. */
export const VIEW_ACTIONS = ['back', 'forward', 'newTab', 'toggleRead', 'toggleStar'] as const;
export type ViewAction = (typeof VIEW_ACTIONS)[number];

/** Accepts exactly the two messages `media/digestView.js` sends; anything else is undefined. */
export function parseViewMessage(message: unknown): ViewMessage | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const m = message as Record<string, unknown>;
  const keys = Object.keys(m);
  if (m.type === 'open' && typeof m.id === 'string' && keys.length === 2 && 'id' in m) {
    return m.id.length > 0 && m.id.length <= 500 ? { type: 'open', id: m.id } : undefined;
  }
  if (m.type === 'action' && keys.length === 2 && (VIEW_ACTIONS as readonly unknown[]).includes(m.action)) {
    return { type: 'action', action: m.action as ViewAction };
  }
  if (m.type === 'link' && typeof m.href === 'string' && keys.length === 2 && 'href' in m) {
    if (m.href.length > 8192) return undefined;
    const url = safeExternalUrl(m.href);
    return url ? { type: 'link', href: url } : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Markdown

interface RenderEnv extends MarkdownIt.Env {
  hasDigest: (id: string) => boolean;
  strings: RenderStrings;
  /** One entry per open link: whether `link_close` must close an anchor. */
  openLinks: boolean[];
}

let markdown: Md | undefined;

function md(): Md {
  if (markdown) return markdown;
  const m = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  // Every link reaches the renderer, which turns the disallowed ones into their plain
  // text; markdown-it's own check would instead leave the raw `[x](javascript:…)` source.
  m.validateLink = () => true;
  m.core.ruler.push('digest_lens_tidy', (state) => tidyTokens(state.tokens));
  const rules = m.renderer.rules;
  rules.link_open = renderLinkOpen;
  rules.link_close = (_tokens, _idx, _options, env) => ((env as RenderEnv).openLinks.pop() ? '</a>' : '');
  rules.image = renderImage;
  // Unreachable with `html: false`; kept as a second line of defence.
  rules.html_block = (tokens, idx) => `<p>${escapeHtml(tokens[idx].content)}</p>`;
  rules.html_inline = (tokens, idx) => escapeHtml(tokens[idx].content);
  markdown = m;
  return m;
}

function tidyTokens(tokens: Token[]): void {
  for (const token of tokens) {
    // The page header owns the one <h1>; body headings move down a level.
    if ((token.type === 'heading_open' || token.type === 'heading_close') && /^h[1-5]$/.test(token.tag)) {
      token.tag = 'h' + (Number(token.tag[1]) + 1);
    }
    // Table alignment arrives as inline style, which the CSP blocks: use a class instead.
    if (token.type === 'th_open' || token.type === 'td_open') {
      const style = String(token.attrGet('style') ?? '');
      if (style) {
        const align = /text-align:(left|right|center)/.exec(style)?.[1];
        token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
        if (align) token.attrJoin('class', 'align-' + align);
      }
    }
    if (token.children) tidyTokens(token.children);
  }
}

function renderLinkOpen(tokens: Token[], idx: number, _options: Options, mdEnv: MdEnv): string {
  const env = mdEnv as RenderEnv;
  const target = classifyHref(String(tokens[idx].attrGet('href') ?? ''), env.hasDigest);
  if (target.kind === 'none') {
    env.openLinks.push(false);
    return '';
  }
  env.openLinks.push(true);
  return target.kind === 'external' ? externalLinkOpen(target.url) : digestLinkOpen(target.id);
}

function renderImage(tokens: Token[], idx: number, options: Options, mdEnv: MdEnv, self: MarkdownIt.Renderer): string {
  const env = mdEnv as RenderEnv;
  const alt = self.renderInlineAsText(tokens[idx].children ?? [], options, env).trim();
  return `<span class="image-alt">[${escapeHtml(env.strings.image)}${alt ? ': ' + escapeHtml(alt) : ''}]</span>`;
}

function externalLinkOpen(url: string): string {
  return `<a class="external" href="${escapeHtml(url)}" title="${escapeHtml(url)}">`;
}

function digestLinkOpen(id: string): string {
  return `<a class="digest-link" href="#" data-digest-id="${escapeHtml(id)}">`;
}

/** Renders a markdown body alone (no header), with the same link and image policy. */
export function renderMarkdown(
  body: string,
  hasDigest: (id: string) => boolean = () => false,
  strings: Partial<RenderStrings> = {},
): string {
  const env: RenderEnv = { hasDigest, strings: { ...defaultStrings, ...strings }, openLinks: [] };
  return stripBidi(md().render(stripBidi(body), env));
}

// ---------------------------------------------------------------------------------------
// Page body

/** The HTML body of the digest view: header, rendered digest, related digests. */
export function renderDigestHtml(digest: Digest, ctx: RenderContext): string {
  const strings: RenderStrings = { ...defaultStrings, ...ctx.strings };
  const hasDigest = (id: string) => ctx.corpus.get(id) !== undefined;
  const parts = [
    renderHeader(digest, ctx, strings),
    `<article class="digest-body" lang="${attrLang(digest.lang)}">\n${renderMarkdown(digest.body ?? '', hasDigest, strings)}</article>`,
    renderRelated(digest, ctx, strings),
  ];
  return stripBidi(parts.filter(Boolean).join('\n'));
}

function attrLang(lang: string): string {
  return lang === 'ru' ? 'ru' : 'en';
}

function renderHeader(d: Digest, ctx: RenderContext, s: RenderStrings): string {
  const out: string[] = ['<header class="digest-header">'];
  out.push(`<h1 class="title" lang="en">${escapeHtml(d.title)}</h1>`);
  if (d.title_ru && d.title_ru.trim() && d.title_ru !== d.title) {
    out.push(`<p class="title-ru" lang="ru">${escapeHtml(d.title_ru)}</p>`);
  }
  const byline = bylineHtml(d);
  if (byline) out.push(`<p class="byline">${byline}</p>`);
  // The TL;DR in the UI language (the other one as fallback); a body's opening is not repeated.
  const about = tldrFor({ tldr: d.tldr, tldr_ru: d.tldr_ru }, ctx.lang);
  if (about) {
    out.push(`<p class="tldr" lang="${attrLang(about.lang ?? ctx.lang)}"><span class="tldr-label">${escapeHtml(s.tldr)}</span> ${escapeHtml(about.text)}</p>`);
  }
  if (d.excerpt) out.push(excerptHtml(d, s));
  // A multi-paper post lists its papers below with their own chips; the top row keeps
  // only the IDs no listed paper carries.
  const listed = new Set(d.kind === 'multi-paper' ? uniqueArxiv((d.papers ?? []).map((p) => p.arxiv ?? '')) : []);
  const ids = uniqueArxiv(d.arxiv ?? []).filter((id) => !listed.has(id));
  if (ids.length > 0) {
    out.push(`<div class="chips arxiv-chips">${ids.map((id) => arxivChip(id, s)).join('')}</div>`);
  }
  const rows: string[] = [];
  const code = urlLinks(d.code, repoLabel);
  if (code) rows.push(metaRow(s.code, code));
  const links = urlLinks(d.links, hostLabel);
  if (links) rows.push(metaRow(s.links, links));
  if (d.topics?.length) {
    const chips = d.topics.map((t) => `<span class="chip topic">${escapeHtml(topicLabel(t, ctx))}</span>`).join('');
    rows.push(metaRow(s.topics, chips));
  }
  if (d.methods?.length) {
    const chips = d.methods.map((m) => `<code class="chip method">${escapeHtml(m)}</code>`).join('');
    rows.push(metaRow(s.methods, chips));
  }
  if (d.source?.name || d.source?.url) rows.push(metaRow(s.source, sourceHtml(d)));
  if (rows.length) out.push(`<dl class="meta">${rows.join('')}</dl>`);
  if (d.kind === 'multi-paper' && d.papers?.length) {
    const items = d.papers.map((p) => {
      const id = p.arxiv && isArxivId(normalizeArxivId(p.arxiv)) ? normalizeArxivId(p.arxiv) : undefined;
      const facts = bylineHtml(p);
      return `<li><span class="paper-title">${escapeHtml(p.title)}</span>${id ? ' ' + arxivChip(id, s) : ''}${facts ? `<div class="paper-byline">${facts}</div>` : ''}</li>`;
    });
    out.push(`<section class="papers"><h2>${escapeHtml(s.papers)}</h2><ol>${items.join('')}</ol></section>`);
  }
  out.push('</header>');
  return out.join('\n');
}

function metaRow(label: string, valueHtml: string): string {
  return `<div class="meta-row"><dt>${escapeHtml(label)}</dt><dd>${valueHtml}</dd></div>`;
}

function uniqueArxiv(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const r of raw) {
    const id = normalizeArxivId(String(r));
    if (isArxivId(id)) seen.add(id);
  }
  return [...seen];
}

function arxivChip(id: string, s: RenderStrings): string {
  const links = arxivLinks(id);
  const a = (href: string, label: string, cls: string) =>
    `<a class="chip-link ${cls}" href="${escapeHtml(href)}" title="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  return (
    `<span class="chip arxiv" data-arxiv="${escapeHtml(id)}"><span class="chip-id" title="arXiv:${escapeHtml(id)}">${escapeHtml(id)}</span>` +
    a(links.abs, s.abs, 'abs') +
    a(links.pdf, s.pdf, 'pdf') +
    a(links.alphaxiv, s.alphaxiv, 'alphaxiv') +
    '</span>'
  );
}

function topicLabel(id: string, ctx: RenderContext): string {
  return labelOf(ctx.corpus.topic(id), id, ctx.lang);
}

/** `Authors · 2024 · Venue`, every author (the view has room the card lacks). */
function bylineHtml(d: { authors?: readonly string[]; year?: number; venue?: string }): string {
  const parts: string[] = [];
  const authors = (d.authors ?? []).filter((a) => typeof a === 'string' && a.trim());
  if (authors.length) parts.push(`<span class="authors">${authors.map(escapeHtml).join(', ')}</span>`);
  if (typeof d.year === 'number') parts.push(`<span class="year">${escapeHtml(String(d.year))}</span>`);
  if (d.venue?.trim()) parts.push(`<span class="venue">${escapeHtml(d.venue)}</span>`);
  return parts.join('<span class="sep"> · </span>');
}

/** Links to http(s) URLs only (by the one rule), labelled from the URL. */
function urlLinks(urls: readonly string[] | undefined, label: (url: URL) => string): string {
  const out: string[] = [];
  for (const raw of urls ?? []) {
    const url = typeof raw === 'string' ? safeExternalUrl(raw.trim()) : undefined;
    if (!url) continue;
    out.push(`${externalLinkOpen(url)}${escapeHtml(label(new URL(url)))}</a>`);
  }
  return out.join('');
}

/** `owner/repo` for a GitHub repository, else the host and path. */
function repoLabel(url: URL): string {
  const path = trimTrailing(url.pathname, '/').replace(/\.git$/, '');
  const host = hostLabel(url);
  if (path.length <= 1) return host;
  return host === 'github.com' ? path.slice(1) : host + path;
}

function hostLabel(url: URL): string {
  return url.hostname.replace(/^www\./, '');
}

/** The excerpt note, with the article's URL when the source gives it. */
function excerptHtml(d: Digest, s: RenderStrings): string {
  const article = excerptUrl(d);
  const url = article ? safeExternalUrl(article.trim()) : undefined;
  const link = url ? `: ${externalLinkOpen(url)}${escapeHtml(url)}</a>` : '';
  return `<p class="excerpt-note">${escapeHtml(s.excerpt)}${link}</p>`;
}

function sourceHtml(d: Digest): string {
  const name = d.source.name || d.source.url || '';
  const url = d.source.url ? safeExternalUrl(d.source.url) : undefined;
  let html = url ? `${externalLinkOpen(url)}${escapeHtml(name)}</a>` : escapeHtml(name);
  if (d.source.date) html += ` <time class="date">${escapeHtml(d.source.date)}</time>`;
  return html;
}

function renderRelated(d: Digest, ctx: RenderContext, s: RenderStrings): string {
  const related = ctx.related.filter((r) => r.id !== d.id);
  if (related.length === 0) return '';
  const items = related.map((r) => {
    const ids = uniqueArxiv(r.arxiv ?? []);
    const topics = (r.topics ?? []).map((t) => escapeHtml(topicLabel(t, ctx))).join(', ');
    const meta =
      (ids.length ? `<span class="related-arxiv">arXiv:${escapeHtml(ids[0])}</span>` : '') +
      (topics ? `<span class="related-topics">${topics}</span>` : '');
    return `<li>${digestLinkOpen(r.id)}${escapeHtml(r.title)}</a>${meta ? `<div class="related-meta">${meta}</div>` : ''}</li>`;
  });
  return `<footer class="related"><h2>${escapeHtml(s.related)}</h2><ul>${items.join('')}</ul></footer>`;
}

// ---------------------------------------------------------------------------------------
// Toolbar: history, new tab, reading state

export interface ToolbarState {
  canGoBack: boolean;
  canGoForward: boolean;
  read: boolean;
  starred: boolean;
  /** Saved by the page script as its state (`setState`), so a reload restores the history. */
  viewState: unknown;
}

export interface ToolbarStrings {
  back: string;
  forward: string;
  newTab: string;
  markRead: string;
  markUnread: string;
  star: string;
  unstar: string;
}

export const defaultToolbarStrings: ToolbarStrings = {
  back: 'Back',
  forward: 'Forward',
  newTab: 'Open in New Tab',
  markRead: 'Mark as Read',
  markUnread: 'Mark as Unread',
  star: 'Star',
  unstar: 'Unstar',
};

/**
 * The bar above the digest. Buttons carry only a `data-action` from a fixed list; the page
 * script turns a click into `{ type: 'action', action }`, which `parseViewMessage` checks again.
 */
export function renderToolbar(t: ToolbarState, strings: Partial<ToolbarStrings> = {}): string {
  const s = { ...defaultToolbarStrings, ...strings };
  const button = (action: ViewAction, glyph: string, label: string, o: { disabled?: boolean; pressed?: boolean } = {}) =>
    `<button type="button" class="tool ${action}" data-action="${action}" title="${escapeHtml(label)}" aria-label="${escapeHtml(label)}"` +
    `${o.disabled ? ' disabled' : ''}${o.pressed !== undefined ? ` aria-pressed="${o.pressed}"` : ''}>` +
    `<span class="glyph" aria-hidden="true">${glyph}</span><span class="label">${escapeHtml(label)}</span></button>`;
  return [
    `<nav class="toolbar" data-view-state="${escapeHtml(JSON.stringify(t.viewState ?? null))}">`,
    button('back', '&larr;', s.back, { disabled: !t.canGoBack }),
    button('forward', '&rarr;', s.forward, { disabled: !t.canGoForward }),
    '<span class="spacer"></span>',
    button('toggleRead', t.read ? '&#9675;' : '&#10003;', t.read ? s.markUnread : s.markRead, { pressed: t.read }),
    button('toggleStar', t.starred ? '&#9733;' : '&#9734;', t.starred ? s.unstar : s.star, { pressed: t.starred }),
    button('newTab', '&#10697;', s.newTab),
    '</nav>',
  ].join('');
}

// ---------------------------------------------------------------------------------------
// Full webview document

export interface WebviewDocumentOptions {
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  styleUri: string;
  scriptUri: string;
  codiconsUri?: string;
  lang: Lang;
  /** Stored by the page script as its state, so the serializer can restore the panel. */
  digestId?: string;
  title?: string;
}

/** 128 random bits, hex; `crypto.getRandomValues` exists in Node 20 and in web workers. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function webviewDocument(bodyHtml: string, o: WebviewDocumentOptions): string {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(o.nonce)) throw new Error('webviewDocument: invalid nonce');
  // A CSP source list is space-separated hosts/schemes (the web workbench adds 'self'); any
  // other quoted keyword, or a semicolon, would let the caller rewrite the policy.
  if (!o.cspSource.trim().split(/\s+/).every((t) => t === "'self'" || /^[^;'"\s,]+$/.test(t))) {
    throw new Error('webviewDocument: invalid cspSource');
  }
  const n = escapeHtml(o.nonce);
  const stylesheet = (href: string) => `<link rel="stylesheet" href="${escapeHtml(href)}" nonce="${n}">`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${attrLang(o.lang)}">`,
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.nonce, o.cspSource))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    o.codiconsUri ? stylesheet(o.codiconsUri) : '',
    stylesheet(o.styleUri),
    `<title>${escapeHtml(o.title ?? 'Digest Lens')}</title>`,
    '</head>',
    `<body${o.digestId !== undefined ? ` data-digest-id="${escapeHtml(o.digestId)}"` : ''}>`,
    `<main class="digest">\n${bodyHtml}\n</main>`,
    `<script nonce="${n}" src="${escapeHtml(o.scriptUri)}"></script>`,
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}
