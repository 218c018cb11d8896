/**
 * Strings in UTF-16 code unit order, as `<` compares them: the same on every machine and
 * locale (unlike `localeCompare`), which is what reproducible bundles and stable tie-breaks need.
 */
export function byUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
