/**
 * English words, from the `an-array-of-english-words` list (~275,000 words). Only the bundle
 * command needs it, at build time; it is loaded from node_modules, not bundled into the CLI.
 */
let words: Set<string> | undefined;

export function englishWord(): (word: string) => boolean {
  if (!words) {
    const list = require('an-array-of-english-words') as string[];
    words = new Set(list);
  }
  const set = words;
  return (w) => set.has(w);
}
