import * as assert from 'assert';
import { parse, parseFragment, serializeOuter, type DefaultTreeAdapterMap } from 'parse5';

/**
 * HTML as a browser's parser reads it, for assertions about markup rather than substrings
 * (`onerror` inside escaped text is harmless; inside a tag it is not). No Node built-ins: the
 * integration suites use these in the web worker too (`assert` is the npm package there).
 */

/** One element of a page as a browser's HTML parser builds it. */
export interface HtmlElement {
  /** Lower-case tag name; `!--` for a comment (bogus comments such as `<!x>` included). */
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  /** The start tag, re-serialized, for assertion messages. */
  readonly raw: string;
  /** The names in its `class` attribute. */
  readonly classes: readonly string[];
  /** The text inside it, entities decoded (what `textContent` gives). */
  readonly text: string;
  /** The element and everything inside it, re-serialized: to read one part of a page. */
  readonly html: string;
}

interface Node {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
  value?: string;
  data?: string;
}

/** The children a browser builds under a node, `<template>` contents included. */
const childrenOf = (node: Node): Node[] => [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])];

function textOf(node: Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (node.nodeName === '#comment') return '';
  return childrenOf(node).map(textOf).join('');
}

function element(node: Node): HtmlElement {
  if (node.nodeName === '#comment') {
    const raw = `<!--${node.data ?? ''}-->`;
    return { name: '!--', attrs: new Map(), raw, classes: [], text: '', html: raw };
  }
  const attrs = new Map((node.attrs ?? []).map((a) => [a.name.toLowerCase(), a.value] as const));
  return {
    name: node.nodeName.toLowerCase(),
    attrs,
    raw: `<${node.nodeName}${[...attrs].map(([k, v]) => ` ${k}="${v}"`).join('')}>`,
    classes: (attrs.get('class') ?? '').split(/\s+/).filter(Boolean),
    // Read on demand: a page of thousands of elements would serialize each one's subtree.
    get text() {
      return textOf(node);
    },
    get html() {
      return serializeOuter(node as unknown as DefaultTreeAdapterMap['node']);
    },
  };
}

/**
 * Reads HTML with parse5, the WHATWG parser: what the test sees is what the webview's browser
 * builds (entities decoded, attributes as the tokenizer splits them, `<template>` contents
 * included). A whole page (starting with a doctype or `<html>`) is parsed as a document, anything
 * else as a body fragment. Elements come in document order.
 */
export function readHtml(html: string): { elements: HtmlElement[]; text: string } {
  const root = (/^\s*<(!doctype|html)/i.test(html) ? parse(html) : parseFragment(html)) as unknown as Node;
  const elements: HtmlElement[] = [];
  const visit = (node: Node): void => {
    if (node.nodeName === '#comment' || !node.nodeName.startsWith('#')) elements.push(element(node));
    for (const child of childrenOf(node)) visit(child);
  };
  visit(root);
  return { elements, text: textOf(root) };
}

/** The elements of a page, comments left out. */
export function startTags(html: string): HtmlElement[] {
  return readHtml(html).elements.filter((e) => e.name !== '!--');
}

/** The first element whose attribute `name` is set (to `value`, when given). */
export function elementWith(html: string, name: string, value?: string): HtmlElement | undefined {
  return startTags(html).find((t) => t.attrs.has(name) && (value === undefined || t.attrs.get(name) === value));
}

/** The text a reader sees, tags gone and entities decoded. */
export function visibleText(html: string): string {
  return readHtml(html).text;
}

/** Every anchor's target in order: its `href`, or `digest:<id>` for an in-panel digest link. */
export function hrefs(html: string): string[] {
  return startTags(html)
    .filter((t) => t.name === 'a')
    .map((t) => (t.attrs.get('data-digest-id') ? `digest:${t.attrs.get('data-digest-id')}` : t.attrs.get('href') ?? ''));
}

/** Elements that run code, load something or take input: never in a digest page's content. */
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'img', 'svg', 'math', 'style', 'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'video', 'audio', 'source', 'template', '!--']);
/** Attributes a browser loads or follows as a URL. */
const URL_ATTRS = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'data', 'ping']);
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

export interface SafeHtmlPolicy {
  /** The only elements allowed; without it, any element that is not forbidden. */
  tags?: ReadonlySet<string>;
  /** The only attributes allowed; without it, any attribute that is not forbidden. */
  attrs?: ReadonlySet<string>;
  /** The digests an in-panel link (`href="#"` with `data-digest-id`) may name; without it, any. */
  digestIds?: ReadonlySet<string>;
}

/**
 * A digest page's content is safe: no element that runs code, loads something or takes input,
 * no comment, no event handler, no inline style or `srcdoc`, no URL attribute but `href`, every
 * link an absolute http(s) URL without credentials or whitespace, or `#` carrying the digest it
 * opens; every anchor has a target; no bidi control characters anywhere. Returns the links and
 * the in-panel digest links, in order.
 */
export function assertSafeHtml(html: string, policy: SafeHtmlPolicy = {}): { links: string[]; digestLinks: string[] } {
  const links: string[] = [];
  const digestLinks: string[] = [];
  for (const tag of readHtml(html).elements) {
    assert.ok(!FORBIDDEN_TAGS.has(tag.name), `forbidden element: ${tag.raw}`);
    if (policy.tags) assert.ok(policy.tags.has(tag.name), `unexpected tag ${tag.raw}`);
    for (const [name, value] of tag.attrs) {
      if (policy.attrs) assert.ok(policy.attrs.has(name), `unexpected attribute ${name} in ${tag.raw}`);
      assert.ok(!name.startsWith('on'), `event handler attribute: ${tag.raw}`);
      assert.ok(name !== 'style' && name !== 'srcdoc', `${name} attribute: ${tag.raw}`);
      if (!URL_ATTRS.has(name)) continue;
      assert.strictEqual(name, 'href', `URL attribute other than href: ${tag.raw}`);
      if (value === '#') continue;
      assert.ok(/^https?:\/\/\S+$/.test(value), `relative, non-http(s) or spaced link: ${tag.raw}`);
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        assert.fail(`unparsable link: ${tag.raw}`);
      }
      assert.ok(!url.username && !url.password, `link with credentials: ${tag.raw}`);
      links.push(url.href);
    }
    if (tag.name === 'a') {
      const href = tag.attrs.get('href');
      assert.ok(href !== undefined, `anchor without href: ${tag.raw}`);
      if (href === '#') {
        const id = tag.attrs.get('data-digest-id');
        assert.ok(id !== undefined, `'#' anchor that is not a digest link: ${tag.raw}`);
        assert.ok(!policy.digestIds || policy.digestIds.has(id), `in-panel link to something not in the corpus: ${tag.raw}`);
        digestLinks.push(id);
      }
    }
  }
  assert.doesNotMatch(html, BIDI_CONTROLS, 'bidi control characters in the page');
  return { links, digestLinks };
}
