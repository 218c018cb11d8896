import { digestText } from './digestText';

/**
 * A user's own folder of digests, made up: `count` valid digest files with varied titles, topics,
 * methods, arXiv IDs and post dates, written by `digestText()`. Deterministic, so a run
 * can be compared with another. Used by the scale suite (1,000 digests in a user folder).
 */
export interface GeneratedFile {
  /** Relative path inside the folder (some files sit in subfolders, as real collections do). */
  path: string[];
  id: string;
  text: string;
}

const WORDS = ['sparse', 'linear', 'gated', 'recurrent', 'latent', 'mixture', 'adaptive', 'rotary', 'retentive', 'causal', 'hierarchical', 'contrastive', 'masked', 'diffusion', 'streaming', 'quantized'];
const NOUNS = ['attention', 'transformer', 'memory', 'experts', 'decoder', 'tokenizer', 'encoder', 'router', 'adapter', 'cache', 'policy', 'sampler'];

export function generateUserDigests(count: number, topics: readonly string[]): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  // A small linear congruential generator: the same folder every run.
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const id = `own-${String(i).padStart(4, '0')}`;
    const w = WORDS[next(WORDS.length)];
    const n = NOUNS[next(NOUNS.length)];
    const title = `${w[0].toUpperCase()}${w.slice(1)} ${n} study ${i}`;
    const method = `Own${w[0].toUpperCase()}${w.slice(1, 4)}${i}`;
    const yy = 20 + next(6);
    const mm = 1 + next(12);
    const arxiv = i % 3 === 0 ? [] : [`${yy}${String(mm).padStart(2, '0')}.${String(10000 + next(89999)).padStart(5, '0')}`];
    const picked = topics.length > 0 ? [topics[next(topics.length)]] : [];
    // Every other digest has a post date.
    const date = i % 2 === 0 ? `20${yy}-${String(mm).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}` : undefined;
    const text = digestText({
      id,
      title,
      arxiv,
      methods: [method],
      topics: picked,
      source: { name: 'my-notes', date },
      lang: 'en',
      tldr: `The ${w} ${n} keeps quality while cutting cost.`,
      authors: [`Author ${i}`],
      year: 2000 + yy,
      body: [
        `Notes on ${title}. The ${w} ${n} keeps quality while cutting cost; ${method} is the reference implementation.`,
        '',
        `A second paragraph about ${n}s, with enough text to look like a real page of notes. `.repeat(6),
      ].join('\n'),
    });
    files.push({ path: i % 4 === 0 ? [`batch-${i % 8}`, `${id}.md`] : [`${id}.md`], id, text });
  }
  return files;
}
