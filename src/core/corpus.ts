import { DigestEntry, Topic } from './types';
import { normalizeArxivId } from './arxivId';

/** Reads a digest body on demand (bodies are not parsed up front: see docs/architecture.md). */
export type BodyLoader = (entry: DigestEntry) => Promise<string | undefined>;

/**
 * The loaded corpus: bundled digests merged with the user's folders. Immutable: a reload
 * builds a new Corpus, so every consumer sees one consistent snapshot.
 */
export class Corpus {
  private readonly byId = new Map<string, DigestEntry>();
  /** Built on the first lookup by arXiv ID: activation does not pay for normalizing every ID. */
  private arxivIndex: Map<string, DigestEntry[]> | undefined;
  private readonly topicIndex = new Map<string, Topic>();

  constructor(
    readonly entries: readonly DigestEntry[],
    readonly topics: readonly Topic[],
    private readonly loadBody: BodyLoader,
  ) {
    for (const t of topics) this.topicIndex.set(t.id, t);
    for (const e of entries) if (!this.byId.has(e.id)) this.byId.set(e.id, e);
  }

  static empty(): Corpus {
    return new Corpus([], [], async () => undefined);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): DigestEntry | undefined {
    return this.byId.get(id);
  }

  /** Every digest (bundled or user) that covers this arXiv ID; version suffixes are ignored. */
  byArxiv(arxivId: string): readonly DigestEntry[] {
    if (!this.arxivIndex) {
      const index = new Map<string, DigestEntry[]>();
      for (const e of this.entries) {
        for (const raw of e.arxiv) {
          const id = normalizeArxivId(raw);
          const list = index.get(id);
          if (list) list.push(e);
          else index.set(id, [e]);
        }
      }
      this.arxivIndex = index;
    }
    return this.arxivIndex.get(normalizeArxivId(arxivId)) ?? [];
  }

  topic(id: string): Topic | undefined {
    return this.topicIndex.get(id);
  }

  body(id: string): Promise<string | undefined> {
    const entry = this.byId.get(id);
    return entry ? this.loadBody(entry) : Promise.resolve(undefined);
  }

  /** Digests sharing methods (weighted 3) or topics (weighted 1) with `id`, best first. */
  related(id: string, max = 6): DigestEntry[] {
    const self = this.byId.get(id);
    if (!self) return [];
    const methods = new Set(self.methods.map((m) => m.toLowerCase()));
    const topics = new Set(self.topics);
    const scored: { e: DigestEntry; score: number }[] = [];
    for (const e of this.byId.values()) {
      if (e.id === id) continue;
      let score = 0;
      for (const m of e.methods) if (methods.has(m.toLowerCase())) score += 3;
      for (const t of e.topics) if (topics.has(t)) score += 1;
      if (score > 0) scored.push({ e, score });
    }
    scored.sort((a, b) => b.score - a.score || a.e.title.localeCompare(b.e.title));
    return scored.slice(0, max).map((s) => s.e);
  }
}
