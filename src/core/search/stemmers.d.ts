// The stemmers' typings, for module resolution that does not read package `exports`.
declare module '@orama/stemmers/russian' {
  export function stemmer(word: string): string;
}
declare module 'wink-porter2-stemmer' {
  const stem: (word: string) => string;
  export default stem;
}
