import { DigestEntry, DigestMeta, Topic } from '../../src/core/types';

/** Small builders for test data: each test states only the fields it cares about. */
let counter = 0;

export function meta(overrides: Partial<DigestMeta & { body: string }> = {}): DigestMeta & { body: string } {
  counter++;
  return {
    id: `digest-${counter}`,
    title: `Paper number ${counter}`,
    arxiv: [],
    methods: [],
    topics: ['llm'],
    source: { name: 'rizzearch' },
    lang: 'ru',
    kind: 'paper',
    body: `Первое предложение дайджеста ${counter}. Второе предложение.`,
    ...overrides,
  };
}

export function entry(overrides: Partial<DigestEntry> = {}): DigestEntry {
  const { body: _body, ...m } = meta(overrides);
  return { summary: 'A summary.', origin: 'bundled', ...m, ...overrides };
}

export const TOPICS: Topic[] = [
  { id: 'llm', label: 'Language models', label_ru: 'Языковые модели' },
  { id: 'attention', label: 'Attention and positional encoding', label_ru: 'Внимание и позиционное кодирование' },
  { id: 'rl', label: 'Reinforcement learning', label_ru: 'Обучение с подкреплением' },
];
