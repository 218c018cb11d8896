/**
 * What is not text, for every reader of files: digest folders, the workspace scan, the importer,
 * the CLI. Bytes: a NUL in the first 8 KB, as git and grep decide. Decoded text: a NUL, or more
 * than 2% of U+FFFD in its first 64 K characters (what a UTF-8 decoder leaves of binary data;
 * a few replaced characters in a real page are mojibake, not a binary file).
 */
export const BINARY_PROBE_BYTES = 8192;
const TEXT_SAMPLE = 65536;
const MAX_REPLACED_SHARE = 0.02;

export function isBinaryBytes(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

export function isBinaryText(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.length > TEXT_SAMPLE ? text.slice(0, TEXT_SAMPLE) : text;
  let replaced = 0;
  for (let at = sample.indexOf('\uFFFD'); at >= 0; at = sample.indexOf('\uFFFD', at + 1)) replaced++;
  return sample.length > 0 && replaced / sample.length > MAX_REPLACED_SHARE;
}
