/**
 * Canonical form of an arXiv ID: no version suffix; for old-style IDs a lower-case archive
 * without the subject class (`math.GT/0309136` is `math/0309136` on arXiv).
 */
export function normalizeArxivId(raw: string): string {
  let id = raw.trim();
  id = id.replace(/^arxiv:/i, '');
  id = id.replace(/v\d+$/i, '');
  const slash = id.indexOf('/');
  if (slash < 0) return id;
  const archive = id.slice(0, slash);
  const dot = archive.indexOf('.');
  return ((dot < 0 ? archive : archive.slice(0, dot)) + id.slice(slash)).toLowerCase();
}

const NEW_STYLE = /^\d{4}\.\d{4,5}(v\d+)?$/;
const OLD_STYLE = /^[a-z][a-z-]*(\.[A-Z]{2})?\/\d{7}(v\d+)?$/i;

/** True for a well-formed arXiv identifier (new style `2405.18719`, old style `hep-th/9901001`). */
export function isArxivId(raw: string): boolean {
  return NEW_STYLE.test(raw) || OLD_STYLE.test(raw);
}

export interface ArxivLinks {
  abs: string;
  pdf: string;
  alphaxiv: string;
}

export function arxivLinks(raw: string): ArxivLinks {
  const id = normalizeArxivId(raw);
  return {
    abs: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}`,
    alphaxiv: `https://www.alphaxiv.org/abs/${id}`,
  };
}
