/**
 * The one rule for an outbound web link: which strings from a digest (source pages, paper pages,
 * code repositories) may become links in the digest view, the hover card and BibTeX, and which
 * the validator accepts.
 */

/** The canonical form of an absolute http(s) URL, or undefined for anything else. */
export function safeExternalUrl(raw: string): string | undefined {
  // Checked on the raw text first: the URL parser silently drops tabs and newlines, which
  // is how `java\tscript:` tricks work; an http(s) link never needs them.
  if (!/^https?:\/\/[^\s\u0000-\u001f]+$/i.test(raw)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (!parsed.hostname || parsed.username || parsed.password) return undefined;
  return parsed.href;
}
