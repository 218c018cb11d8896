import { DigestEntry, Topic } from '../types';
import { normalizeArxivId } from '../arxiv/arxiv';

/** Reads a digest body on demand (bodies are not parsed up front: see docs/architecture.md). */
export type BodyLoader = (entry: DigestEntry) => Promise<string | undefined>;

/**
 * Digests by position, each made on first use: the bundle's are parsed only when a hover, the
 * tree or the search needs them (`checkBundleIndex`). `at` returns the same object each time.
 */
export interface EntryList {
  readonly length: number;
  id(i: number): string;
  at(i: number): DigestEntry;
}

export function entryList(entries: readonly DigestEntry[]): EntryList {
  return { length: entries.length, id: (i) => entries[i].id, at: (i) => entries[i] };
}

/** `first`, then `rest`. */
export function concatEntries(first: EntryList, rest: readonly DigestEntry[]): EntryList {
  if (rest.length === 0) return first;
  const n = first.length;
  return {
    length: n + rest.length,
    id: (i) => (i < n ? first.id(i) : rest[i - n].id),
    at: (i) => (i < n ? first.at(i) : rest[i - n]),
  };
}

/**
 * The loaded corpus: bundled digests merged with the user's folders. Immutable: a reload
 * builds a new Corpus, so every consumer sees one consistent snapshot.
 */
export class Corpus {
  /** Position in `list` of the first digest with each id. */
  private readonly byId = new Map<string, number>();
  private readonly list: EntryList;
  private all: readonly DigestEntry[] | undefined;
  /** Built on the first lookup by arXiv ID: activation does not pay for normalizing every ID. */
  private arxivIndex: Map<string, DigestEntry[]> | undefined;
  private readonly topicIndex = new Map<string, Topic>();

  constructor(
    entries: readonly DigestEntry[] | EntryList,
    readonly topics: readonly Topic[],
    private readonly loadBody: BodyLoader,
  ) {
    const list = typeof (entries as Partial<EntryList>).at === 'function' && typeof (entries as Partial<EntryList>).id === 'function' ? (entries as EntryList) : entryList(entries as readonly DigestEntry[]);
    this.list = list;
    for (const t of topics) this.topicIndex.set(t.id, t);
    for (let i = 0; i < list.length; i++) {
      const id = list.id(i);
      if (!this.byId.has(id)) this.byId.set(id, i);
    }
  }

  /** Every digest, duplicates included; makes each one not made yet. */
  get entries(): readonly DigestEntry[] {
    this.all ??= Array.from({ length: this.list.length }, (_, i) => this.list.at(i));
    return this.all;
  }

  static empty(): Corpus {
    return new Corpus([], [], async () => undefined);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): DigestEntry | undefined {
    const at = this.byId.get(id);
    return at === undefined ? undefined : this.list.at(at);
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
    const entry = this.get(id);
    return entry ? this.loadBody(entry) : Promise.resolve(undefined);
  }

  /** Digests sharing methods (weighted 3) or topics (weighted 1) with `id`, best first. */
  related(id: string, max = 6): DigestEntry[] {
    const self = this.get(id);
    if (!self) return [];
    const methods = new Set(self.methods.map((m) => m.toLowerCase()));
    const topics = new Set(self.topics);
    const scored: { e: DigestEntry; score: number }[] = [];
    for (const at of this.byId.values()) {
      const e = this.list.at(at);
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
