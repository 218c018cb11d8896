import { isArxivId, normalizeArxivId } from '../arxivId';

// Links first (they carry the ID unambiguously), then `arXiv:` prefixes, then bare new-style
// IDs that are not part of a longer number or a dotted version string.
const PATTERNS: RegExp[] = [
  /(?:arxiv\.org\/(?:abs|pdf|html)|alphaxiv\.org\/(?:ru\/)?(?:abs|overview)|huggingface\.co\/papers)\/((?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?)/gi,
  /arxiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)/gi,
  /(?<![\d.\w/])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d.]*\d)/g,
];

/** Every distinct arXiv ID mentioned in a text, normalized (no version), in order of appearance. */
export function findArxivIds(text: string): string[] {
  const found: { at: number; id: string }[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const id = m[1];
      if (!isArxivId(id)) continue;
      const norm = normalizeArxivId(id);
      if (/^\d{4}\./.test(norm) && !plausibleYymm(norm)) continue;
      found.push({ at: m.index, id: norm });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.id))];
}

/** A real month, and the right number of digits for it (4 until 2014, 5 since 1501). */
function plausibleYymm(id: string): boolean {
  const month = Number(id.slice(2, 4));
  const digits = id.length - 5;
  return month >= 1 && month <= 12 && digits === (Number(id.slice(0, 4)) >= 1501 ? 5 : 4);
}
