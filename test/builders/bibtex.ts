import * as assert from 'assert';
import { bibtexParser } from 'latex-utensils';

/** One BibTeX entry as read back: lower-case type, key, lower-case field names to raw values. */
export interface BibEntry {
  type: string;
  key: string;
  /** Each field's text inside its outer braces, as written (inner braces and escapes kept). */
  fields: Map<string, string>;
}

/**
 * Reads BibTeX output with latex-utensils' BibTeX parser (the one LaTeX Workshop uses). It counts
 * braces the way BibTeX does (a backslash does not protect a brace), so an unbalanced field is a
 * syntax error and the test fails. On top of that, what our output may hold is stricter than what
 * BibTeX accepts: nothing but whitespace between entries (BibTeX skips any other text as a
 * comment, which would hide a broken entry), `@type{key,` heads, word field names and
 * brace-delimited values.
 */
export function parseBib(text: string): BibEntry[] {
  const entries: BibEntry[] = [];
  let end = 0;
  for (const e of bibtexParser.parse(text).content) {
    assert.ok(bibtexParser.isEntry(e), `@${e.entryType} where an entry was expected`);
    const start = e.location.start.offset;
    assert.match(text.slice(end, start), /^\s*$/, `text outside an entry at ${end}: ${text.slice(end, end + 40)}`);
    assert.match(text.slice(start, start + 200), /^@\w+\{[^,\s{}]+,/, `bad entry head at ${start}: ${text.slice(start, start + 40)}`);
    const fields = new Map<string, string>();
    for (const f of e.content) {
      assert.match(f.name, /^\w+$/, `bad field name at ${f.location.start.offset}: ${f.name}`);
      assert.ok(bibtexParser.isTextStringValue(f.value) && text[f.value.location.start.offset] === '{', `field ${f.name} is not a braced value`);
      fields.set(f.name.toLowerCase(), f.value.content);
    }
    entries.push({ type: e.entryType.toLowerCase(), key: e.internalKey ?? '', fields });
    end = e.location.end.offset;
  }
  assert.match(text.slice(end), /^\s*$/, `text after the last entry: ${text.slice(end, end + 40)}`);
  return entries;
}
