import { parse, parseFragment } from 'parse5';

/** One element of a page as a browser's HTML parser builds it. */
export interface HtmlElement {
  /** Lower-case tag name; `!--` for a comment (bogus comments such as `<!x>` included). */
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  /** The start tag, re-serialized, for assertion messages. */
  readonly raw: string;
}

interface Node {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
  value?: string;
  data?: string;
}

/**
 * Reads HTML with parse5, the WHATWG parser: what the test sees is what the webview's browser
 * builds (entities decoded, attributes as the tokenizer splits them, `<template>` contents
 * included). A whole page (starting with a doctype or `<html>`) is parsed as a document, anything
 * else as a body fragment.
 */
export function readHtml(html: string): { elements: HtmlElement[]; text: string } {
  const root = (/^\s*<(!doctype|html)/i.test(html) ? parse(html) : parseFragment(html)) as unknown as Node;
  const elements: HtmlElement[] = [];
  let text = '';
  const visit = (node: Node): void => {
    if (node.nodeName === '#text') text += node.value ?? '';
    else if (node.nodeName === '#comment') elements.push({ name: '!--', attrs: new Map(), raw: `<!--${node.data ?? ''}-->` });
    else if (!node.nodeName.startsWith('#')) {
      const attrs = new Map((node.attrs ?? []).map((a) => [a.name.toLowerCase(), a.value] as const));
      const raw = `<${node.nodeName}${[...attrs].map(([k, v]) => ` ${k}="${v}"`).join('')}>`;
      elements.push({ name: node.nodeName.toLowerCase(), attrs, raw });
    }
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(root);
  return { elements, text };
}
