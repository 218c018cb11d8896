import { DigestEntry, Lang, Topic } from './types';
import { topicLabel } from './topics';
import { GroupBy } from './settings';

export interface DigestGroup {
  /** Stable key: topic id, source name, or `YYYY-MM` / `undated`. */
  key: string;
  label: string;
  digests: DigestEntry[];
}

export const UNDATED = 'undated';

/**
 * Groups digests for the sidebar, topics named in the UI language. Groups are sorted by label
 * (dates newest first), digests by title, so a reader finds things where they expect them.
 */
export function groupDigests(
  entries: readonly DigestEntry[],
  by: GroupBy,
  topics: readonly Topic[],
  labels: { lang: Lang; undated: string; unknownSource: string; noTopic: string },
): DigestGroup[] {
  const groups = new Map<string, DigestGroup>();
  const add = (key: string, label: string, e: DigestEntry) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, digests: [] }));
    g.digests.push(e);
  };
  const topicById = new Map(topics.map((t) => [t.id, t]));
  for (const e of entries) {
    if (by === 'topic') {
      if (e.topics.length === 0) add('', labels.noTopic, e);
      for (const id of e.topics) {
        add(id, topicLabel(topicById.get(id), id, labels.lang), e);
      }
    } else if (by === 'source') {
      const name = e.source.name.trim();
      add(name || '', name || labels.unknownSource, e);
    } else {
      const month = /^(\d{4}-\d{2})/.exec(e.source.date ?? '')?.[1];
      add(month ?? UNDATED, month ?? labels.undated, e);
    }
  }
  const list = [...groups.values()];
  for (const g of list) g.digests.sort((a, b) => a.title.localeCompare(b.title));
  if (by === 'date') {
    // Newest month first; undated last.
    list.sort((a, b) => (a.key === UNDATED ? 1 : b.key === UNDATED ? -1 : b.key.localeCompare(a.key)));
  } else {
    list.sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.label.localeCompare(b.label)));
  }
  return list;
}
