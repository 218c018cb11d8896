import { parseArgs } from 'node:util';

type Kind = 'string' | 'boolean';
type Values<S extends Record<string, Kind>> = { [K in keyof S]?: S[K] extends 'string' ? string : boolean };

/**
 * How every CLI command reads its arguments: Node's own `util.parseArgs`, strict, so an unknown
 * option or an option without its value is a usage error (exit 2) rather than a file name.
 * Returns the message to print when the arguments do not parse.
 */
export function readArgs<S extends Record<string, Kind>>(args: readonly string[], spec: S): { values: Values<S>; positionals: string[] } | { error: string } {
  const options = Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, { type }]));
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as Values<S>, positionals };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
