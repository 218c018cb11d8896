import { DigestEntry, Lang, Topic } from '../types';
import { topicLabel } from '../digest/topics';
import { GroupBy } from '../settings/settings';
import { digestDate, DigestDate, SortBy, compareDigests } from '../digest/digestDate';

export interface DigestGroup {
  /** Stable key: topic id, source name, or `YYYY-MM` / `YYYY` (year only) / `undated`. */
  key: string;
  label: string;
  digests: DigestEntry[];
}

export const UNDATED = 'undated';

/**
 * Groups digests for the sidebar, topics named in the UI language. Groups are sorted by label (dates newest first, a year with
 * no known month after that year's months); digests newest first or by title (`sortBy`). The
 * date of a digest is `digestDate`: the post date, else the paper's.
 */
export function groupDigests(
  entries: readonly DigestEntry[],
  by: GroupBy,
  topics: readonly Topic[],
  labels: { lang: Lang; undated: string; unknownSource: string; noTopic: string },
  sortBy: SortBy = 'title',
): DigestGroup[] {
  const dates = new Map<DigestEntry, DigestDate | undefined>();
  const dateOf = (e: DigestEntry): DigestDate | undefined => {
    if (!dates.has(e)) dates.set(e, digestDate(e));
    return dates.get(e);
  };
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
      const date = dateOf(e);
      const key = date ? (date.month ?? date.year) : undefined;
      add(key ?? UNDATED, key ?? labels.undated, e);
    }
  }
  const list = [...groups.values()];
  const order = compareDigests(sortBy, dateOf);
  for (const g of list) g.digests.sort(order);
  if (by === 'date') {
    // Newest first; `2024` (month unknown) after `2024-01`; undated last.
    const rank = (k: string) => (k.length === 4 ? `${k}-00` : k);
    list.sort((a, b) => (a.key === UNDATED ? 1 : b.key === UNDATED ? -1 : rank(b.key).localeCompare(rank(a.key))));
  } else {
    list.sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.label.localeCompare(b.label)));
  }
  return list;
}
