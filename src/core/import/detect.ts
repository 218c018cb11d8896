import { ALPHAXIV_URL_LINE } from './alphaxiv';
import { isLinkMarker, isReactionLine, isTelegramNoise } from './noise';
import { MESSAGES_LIST } from './telegramJson';
import type { SourceFormat } from './types';

/**
 * Which parser a raw file needs, from its content (file names of scraped pages say nothing).
 * Returns undefined for anything else, so the caller can say so instead of importing garbage.
 */
export function detectFormat(text: string, fileName: string): SourceFormat | undefined {
  const head = text.trimStart();
  if (head.startsWith('{') || /\.json$/i.test(fileName)) {
    return MESSAGES_LIST.test(text.slice(0, 1_000_000)) ? 'telegram-json' : undefined;
  }
  const lines = text.split('\n', 20000).map((l) => l.trim());
  const count = (pred: (l: string) => boolean): number => lines.reduce((n, l) => n + (pred(l) ? 1 : 0), 0);
  const habr = count((l) => /^reading time\s*\d+/i.test(l)) + count((l) => /^читать далее$/i.test(l));
  if (habr >= 2) return 'habr';
  if (count((l) => ALPHAXIV_URL_LINE.test(l)) >= 2) return 'alphaxiv';
  // Bare-number counters are too common in ordinary text to count as evidence here.
  const telegram = count((l) => isTelegramNoise(l) || isLinkMarker(l) || (isReactionLine(l) && /\D/.test(l)));
  if (telegram >= 2) return 'telegram-page';
  return undefined;
}
