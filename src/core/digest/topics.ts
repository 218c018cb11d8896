/** Topic labels and the vocabulary's size: what the tree, the card, the view and the search show. */
import type { Lang, Topic } from '../types';

/**
 * A topic's name in the UI language; the id when the vocabulary lacks the topic. The one label
 * rule for the hover, the tree, the digest view, the search and the grouping.
 */
export function topicLabel(topic: Topic | undefined, id: string, lang: Lang): string {
  if (!topic) return id;
  return (lang === 'ru' ? topic.label_ru : topic.label) || topic.label || id;
}

export const MIN_TOPICS = 8;
export const MAX_TOPICS = 15;
