/** Canonical form of an arXiv ID: lower-case archive for old-style IDs, no version suffix. */
export function normalizeArxivId(raw: string): string {
  let id = raw.trim();
  id = id.replace(/^arxiv:/i, '');
  id = id.replace(/v\d+$/i, '');
  return id.includes('/') ? id.toLowerCase() : id;
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
