import type { RenderContext } from '../../src/core/view/render';
import { Digest, DigestEntry, DigestMeta, Topic } from '../../src/core/types';

/** Small builders for test data: each test states only the fields it cares about. */
let counter = 0;

/**
 * Real papers a test can start from, as the digests in digests/ describe them: `paper: 'retnet'`
 * in a builder's overrides takes its fields, and the other overrides still win. A fresh copy
 * each time, so a test that changes a list changes only its own.
 */
const PAPERS = {
  retnet: (): Partial<DigestMeta> => ({
    id: 'retnet',
    title: 'Retentive Network: A Successor to Transformer for Large Language Models',
    arxiv: ['2307.08621'],
    methods: ['RetNet'],
    topics: ['llm'],
    source: { name: 'rizzearch', url: 'https://t.me/rizzearch/1', date: '2024-05-01' },
    lang: 'ru',
    kind: 'paper',
  }),
  cope: (): Partial<DigestMeta> => ({
    id: 'contextual-position-encoding',
    title: "Contextual Position Encoding: Learning to Count What's Important",
    title_ru: 'Контекстное позиционное кодирование',
    arxiv: ['2405.18719'],
    methods: ['CoPE'],
    topics: ['attention'],
    source: { name: 'rizzearch', url: 'https://t.me/rizzearch/300', date: '2024-05-31' },
    lang: 'ru',
    kind: 'paper',
  }),
};

/** A builder's overrides: any of the fields, and optionally the paper to start from. */
export type Overrides<T> = Partial<T> & { paper?: keyof typeof PAPERS };

export function meta(overrides: Overrides<DigestMeta & { body: string }> = {}): DigestMeta & { body: string } {
  const { paper, ...fields } = overrides;
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
    ...(paper ? PAPERS[paper]() : {}),
    ...fields,
  };
}

/** A digest with its body, as the digest view renders it. */
export function digest(overrides: Overrides<Digest> = {}): Digest {
  const { paper: _paper, ...fields } = overrides;
  return { summary: 'A summary.', origin: 'bundled', ...meta(overrides), ...fields };
}

/** A corpus entry: a digest without its body. */
export function entry(overrides: Overrides<DigestEntry> = {}): DigestEntry {
  const { body: _body, ...e } = digest(overrides);
  return e;
}

export const TOPICS: Topic[] = [
  { id: 'llm', label: 'Language models', label_ru: 'Языковые модели' },
  { id: 'attention', label: 'Attention and positional encoding', label_ru: 'Внимание и позиционное кодирование' },
  { id: 'rl', label: 'Reinforcement learning', label_ru: 'Обучение с подкреплением' },
];

/** What the digest view renders against: `entries` as the corpus, `topics` as its vocabulary. */
export function renderContext(entries: readonly DigestEntry[], overrides: Partial<RenderContext> = {}, topics: readonly Topic[] = TOPICS): RenderContext {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    corpus: { get: (id) => byId.get(id), topic: (id) => topics.find((t) => t.id === id) },
    related: [],
    lang: 'en',
    ...overrides,
  };
}
