// Text that came from digests, file or folder names or setting values, made safe for the VS Code
// surfaces that parse markup in plain strings: notification messages turn `[label](command:…)`
// into live links, and QuickPick items, status bar entries and tree labels render `$(icon)`.
// Every such surface takes untrusted text through `plainText`; Markdown (hover cards) goes
// through `escapeMarkdown` in hoverCard.ts instead.

// C0/C1 controls, bidi overrides/isolates, invisible marks and zero-width spaces can make text
// read as something else (Trojan Source) or break a one-line surface.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const WHITESPACE = /[\s\u2028\u2029]+/g;
// A word joiner between the two halves stops both parsers without changing what a reader sees:
// `](` no longer closes a link label, `$(` no longer opens an icon.
const LINK_JOIN = /\]\s*\(/g;
const ICON_OPEN = /\$\(/g;
const WORD_JOINER = '\u2060';

/** Text in which `$(name)` no longer opens a theme icon (hover cards render icons in their own chrome). */
export function breakIconSyntax(text: string): string {
  return text.replace(ICON_OPEN, `$${WORD_JOINER}(`);
}

/** Text on one line, without the characters that make it read as something else: what every untrusted surface shows. */
export function visibleLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

/** Untrusted text as one line of plain text that no notification, QuickPick or status bar parses as a link or an icon. */
export function plainText(value: unknown, maxLength = 300): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : safeString(value);
  let out = breakIconSyntax(visibleLine(text).replace(LINK_JOIN, `]${WORD_JOINER}(`));
  if (out.length > maxLength) out = out.slice(0, Math.max(0, maxLength - 1)).trimEnd() + '…';
  return out;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'object' ? JSON.stringify(value) ?? '' : String(value);
  } catch {
    return String(Object.prototype.toString.call(value));
  }
}
