import * as path from 'node:path';
import { bundleRecognizer } from '../core/corpus';
import { cardAt, DEFAULT_LABELS } from '../core/render';
import { splitLines } from '../core/recognizer';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { Lang } from '../core/types';
import { CliIO } from './io';
import { langOption, translateAll, translator } from './l10n';
import { defaultBundleDir, loadBundledCorpus } from './loadBundle';
import { readTextFile } from './mentions';
import { readArgs } from './options';

const USAGE = 'usage: card <file> <line> <character> [--lang en|ru] [--corpus <dir>]   (0-based, as `mentions` prints them)';

/**
 * `card <file> <line> <character>`: the hover card markdown at that position, by the hover
 * provider's own steps (`cardAt`) with the default settings, so the card can be checked from
 * outside the editor. Exit 1 when there is no card there.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const read = readArgs(args, { lang: 'string', corpus: 'string' });
  const lang: Lang | undefined = 'error' in read ? undefined : langOption(read.values.lang);
  if ('error' in read || !lang || read.values.corpus === '') {
    io.err('error' in read ? `card: ${read.error}\n${USAGE}` : USAGE);
    return 2;
  }
  const corpusDir = read.values.corpus ? path.resolve(io.cwd, read.values.corpus) : defaultBundleDir();
  const positional = read.positionals;
  const [file, lineArg, charArg] = positional;
  const line = Number(lineArg);
  const character = Number(charArg);
  if (positional.length !== 3 || !Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0) {
    io.err(USAGE);
    return 2;
  }
  const text = readTextFile(path.resolve(io.cwd, file));
  if ('error' in text) {
    io.err(`card: ${text.error}`);
    return 1;
  }
  const lines = splitLines(text.text);
  if (line >= lines.length) {
    io.err(`card: ${file} has ${lines.length} line(s); line ${line} is past the end (lines count from 0)`);
    return 1;
  }
  const { corpus, index } = loadBundledCorpus(corpusDir);
  const hover = DEFAULT_SETTINGS.hover;
  // The whole file is the document, decided as the editor decides an open file.
  const found = cardAt(bundleRecognizer(index), corpus, { key: {}, version: 1, lines: () => lines }, lines[line], line, character, {
    methodNames: hover.methodNames,
    controls: hover,
    maxCards: hover.maxCards,
    unknownArxivIds: hover.unknownArxivIds,
    lang,
    labels: translateAll(DEFAULT_LABELS, translator(lang)),
  });
  if (!found) {
    io.err(`card: no card at ${line}:${character}`);
    return 1;
  }
  io.out(found.card.markdown);
  return 0;
}
