import { DigestEntry, Mention } from '../types';

export interface DigestMentions {
  digest: DigestEntry;
  mentions: Mention[];
}

export interface InFileResult {
  digests: DigestMentions[];
  /** arXiv IDs in the text that no digest covers, with their mentions. */
  unknownArxiv: { id: string; mentions: Mention[] }[];
}

/** Groups a document's mentions by digest, in order of first mention. */
export function groupMentions(mentions: readonly Mention[], lookup: (id: string) => DigestEntry | undefined): InFileResult {
  const byDigest = new Map<string, DigestMentions>();
  const unknown = new Map<string, Mention[]>();
  for (const m of mentions) {
    if (m.digests.length === 0 && m.arxiv) {
      const list = unknown.get(m.arxiv);
      if (list) list.push(m);
      else unknown.set(m.arxiv, [m]);
      continue;
    }
    for (const id of m.digests) {
      let g = byDigest.get(id);
      if (!g) {
        const digest = lookup(id);
        if (!digest) continue;
        byDigest.set(id, (g = { digest, mentions: [] }));
      }
      // One row per line is enough to navigate; keep the first mention on each line.
      const last = g.mentions[g.mentions.length - 1];
      if (!last || last.line !== m.line) g.mentions.push(m);
    }
  }
  return {
    digests: [...byDigest.values()],
    unknownArxiv: [...unknown].map(([id, ms]) => ({ id, mentions: ms })),
  };
}
