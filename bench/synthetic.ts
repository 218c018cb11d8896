/**
 * A seeded synthetic corpus, shaped like the real one but as large as we like: titles, 1–4
 * method names per digest in the spellings real papers use (acronyms `GQA`, CamelCase `RetNet`,
 * hyphenated `MatMul-free`, versions `Mamba-2`, non-Latin `Δ-IRIS`, ordinary words `Diamond`),
 * arXiv IDs, topics from a fixed vocabulary, bodies of 1–4 KB in Russian or English.
 *
 * Digest `i` depends only on the seed and the digests before it, so the corpus of 1,000 is the
 * first 1,000 digests of the corpus of 100,000: sizes differ in size only.
 */
import type { DigestMeta, Topic } from '../src/core/types';

export type SyntheticDigest = DigestMeta & { body: string };

/** mulberry32: tiny, fast, and the same sequence on every platform. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export const SYNTHETIC_TOPICS: Topic[] = [
  { id: 'architectures', label: 'Architectures', label_ru: 'Архитектуры' },
  { id: 'attention', label: 'Attention', label_ru: 'Внимание' },
  { id: 'efficiency', label: 'Efficiency', label_ru: 'Эффективность' },
  { id: 'fine-tuning', label: 'Fine-tuning', label_ru: 'Дообучение' },
  { id: 'reasoning', label: 'Reasoning', label_ru: 'Рассуждения' },
  { id: 'rl', label: 'Reinforcement learning', label_ru: 'Обучение с подкреплением' },
  { id: 'diffusion', label: 'Diffusion', label_ru: 'Диффузия' },
  { id: 'world-models', label: 'World models', label_ru: 'Модели мира' },
  { id: 'interpretability', label: 'Interpretability', label_ru: 'Интерпретируемость' },
  { id: 'data', label: 'Data', label_ru: 'Данные' },
  { id: 'evaluation', label: 'Evaluation', label_ru: 'Оценка' },
  { id: 'multimodal', label: 'Multimodal', label_ru: 'Мультимодальность' },
];

const CAMEL_HEAD = [
  'Ret', 'Hyper', 'Flash', 'Mega', 'Sparse', 'Lin', 'Mix', 'Quant', 'Deep', 'Long', 'Fast', 'Tiny', 'Meta', 'Self',
  'Cross', 'Multi', 'Grad', 'Token', 'Prompt', 'Chain', 'Graph', 'Mem', 'Seq', 'Vision', 'Audio', 'Code', 'Math',
  'Reward', 'Policy', 'Value', 'Diff', 'Flow', 'Score', 'Latent', 'Neural', 'Wave', 'Kernel', 'Router', 'Expert',
  'Shift', 'Rope', 'Norm', 'Gate', 'Loop', 'Echo', 'Star', 'Orbit', 'Pixel', 'Vox', 'Lumen', 'Nova', 'Zeta', 'Omni',
  'Hydra', 'Titan', 'Atlas', 'Aurora', 'Cobra', 'Falcon', 'Phoenix',
];
const CAMEL_MID = [
  '', '', '', '', 'Mat', 'Att', 'Conv', 'Rec', 'Trans', 'Mix', 'Sum', 'Mem', 'Pos', 'Ent', 'Dist', 'Prog', 'Cache',
  'Span', 'Step', 'Tok', 'Lay', 'Head', 'Block', 'Grid', 'Path',
];
const CAMEL_TAIL = [
  'Net', 'Former', 'Attn', 'LoRA', 'Mamba', 'Diff', 'GPT', 'BERT', 'RL', 'Search', 'Tune', 'Quant', 'Prune', 'Merge',
  'Bench', 'Eval', 'Agent', 'Coder', 'Gen', 'Mixer', 'Scale', 'Shift', 'Norm', 'Cast', 'Sync', 'Stack', 'Lens',
  'Pilot', 'Forge', 'Mind', 'Vision', 'Speech', 'Track', 'Fuse', 'Drop', 'Boost', 'Align', 'Distill', 'Router',
];
const HYPHEN_TAIL = ['free', 'lite', 'XL', 'Zero', 'Pro', 'v2', '2', '3', '3.1', 'R1', 'Plus', 'mini', 'large', 'o1'];
const GREEK = ['Δ', 'μ', 'α', 'β', 'λ', 'σ', 'Φ', 'Ω', 'ψ', 'τ'];
const WORD_NAMES = [
  'Diamond', 'Raptor', 'Fox', 'Cope', 'Orca', 'Magpie', 'Lynx', 'Otter', 'Heron', 'Badger', 'Comet', 'Quartz',
  'Ember', 'Willow', 'Cascade', 'Harbor', 'Sparrow', 'Beacon', 'Prism', 'Glacier',
];
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const ADJ = [
  'Scalable', 'Efficient', 'Robust', 'Sparse', 'Linear', 'Adaptive', 'Hierarchical', 'Contrastive', 'Causal',
  'Latent', 'Recurrent', 'Multilingual', 'Compositional', 'Self-Supervised', 'Memory-Efficient', 'Long-Context',
  'Data-Constrained', 'Parameter-Efficient', 'Retrieval-Augmented', 'Differentiable',
];
const NOUN = [
  'Attention', 'Transformers', 'Language Models', 'Diffusion Models', 'World Models', 'Agents', 'Reward Models',
  'Tokenizers', 'State Space Models', 'Mixture of Experts', 'Vision Encoders', 'Policies', 'Retrievers',
  'Position Encodings', 'Optimizers', 'Adapters', 'Planners', 'Decoders',
];
const TASK = [
  'Reasoning', 'Code Generation', 'Long Documents', 'Video Prediction', 'Instruction Following', 'Mathematical Proofs',
  'Offline RL', 'Speech Recognition', 'Image Synthesis', 'Machine Translation', 'Tool Use', 'Question Answering',
  'Continual Learning', 'Robotics', 'Protein Design',
];
const TITLE_RU_HEAD = [
  'Масштабируемое', 'Эффективное', 'Устойчивое', 'Разреженное', 'Линейное', 'Адаптивное', 'Иерархическое', 'Причинное',
];
const TITLE_RU_NOUN = [
  'внимание', 'обучение', 'дообучение', 'рассуждение', 'моделирование', 'сжатие', 'планирование', 'квантование',
];
const TITLE_RU_TAIL = [
  'для длинного контекста', 'без матричных умножений', 'для языковых моделей', 'в мире моделей', 'для агентов',
  'при ограниченных данных', 'для генерации кода', 'на малых GPU',
];
const CHANNELS = ['rizzearch', 'Habr', 'alphaXiv', 'gonzo-обзоры ML статей', 'Сиолошная', 'ML Digest', 'papers weekly'];

const RU_WORDS = (
  'модель обучение данные внимание слой токен контекст память градиент оптимизатор задача метрика результат ' +
  'архитектура параметр эксперимент качество скорость генерация последовательность вычисление трансформер ' +
  'исследователи авторы статья работа подход метод идея бенчмарк датасет выборка разметка награда политика ' +
  'агент среда шаг эпоха батч лосс регуляризация нормализация сжатие квантование дистилляция рассуждение ' +
  'инференс ускорение видеокарта вероятность распределение энкодер декодер представление эмбеддинг'
).split(' ');
const RU_GLUE = [
  'Авторы предлагают', 'В работе показано, что', 'Идея простая:', 'Главный результат —', 'Интересно, что',
  'На бенчмарках', 'По сравнению с бейзлайном', 'Судя по экспериментам,', 'Отдельно стоит отметить, что',
  'Как и в прошлых работах,',
];
const EN_WORDS = (
  'model training data attention layer token context memory gradient optimizer task metric result architecture ' +
  'parameter experiment quality speed generation sequence compute transformer researchers authors paper approach ' +
  'method idea benchmark dataset sample labels reward policy agent environment step epoch batch loss ' +
  'regularization normalization compression quantization distillation reasoning inference speedup GPU probability ' +
  'distribution encoder decoder representation embedding scaling baseline ablation'
).split(' ');
const EN_GLUE = [
  'The authors propose', 'The paper shows that', 'The idea is simple:', 'The main result is', 'Interestingly,',
  'On the benchmarks', 'Compared with the baseline', 'According to the experiments,', 'It is worth noting that',
  'As in earlier work,',
];

export interface GeneratorOptions {
  seed?: number;
}

/** The words the benchmark's search queries are drawn from, so queries hit the corpus. */
export const QUERY_WORDS = { ru: RU_WORDS, en: [...ADJ, ...NOUN, ...TASK].flatMap((s) => s.split(/[\s-]+/)) };

export class CorpusGenerator {
  private readonly rng: Rng;
  private readonly usedNames = new Set<string>();
  private readonly allNames: string[] = [];
  private arxivSerial = 0;
  private index = 0;

  constructor(options: GeneratorOptions = {}) {
    this.rng = new Rng(options.seed ?? 20240501);
  }

  /** Method names generated so far (in order), for building queries and test lines. */
  get names(): readonly string[] {
    return this.allNames;
  }

  take(n: number): SyntheticDigest[] {
    const out: SyntheticDigest[] = [];
    for (let i = 0; i < n; i++) out.push(this.nextDigest());
    return out;
  }

  private nextDigest(): SyntheticDigest {
    const r = this.rng;
    const i = this.index++;
    // Average three names per digest: 10,000 digests carry about 30,000 names.
    const count = r.pick([1, 2, 2, 3, 3, 3, 4, 4, 4, 4]);
    const methods: string[] = [];
    for (let k = 0; k < count; k++) {
      // A few names are shared between digests (follow-ups, surveys), as in the real corpus.
      const name = this.allNames.length > 50 && r.chance(0.03) ? r.pick(this.allNames) : this.freshName();
      if (!methods.includes(name)) methods.push(name);
    }
    const arxiv: string[] = [];
    const arxivCount = r.pick([0, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    for (let k = 0; k < arxivCount; k++) arxiv.push(this.nextArxiv());
    const topics: string[] = [];
    const topicCount = r.int(1, 3);
    while (topics.length < topicCount) {
      const t = r.pick(SYNTHETIC_TOPICS).id;
      if (!topics.includes(t)) topics.push(t);
    }
    const lang = r.chance(0.7) ? 'ru' : 'en';
    const title = `${methods[0]}: ${r.pick(ADJ)} ${r.pick(NOUN)} for ${r.pick(TASK)}`;
    const title_ru = lang === 'ru' && r.chance(0.8) ? `${r.pick(TITLE_RU_HEAD)} ${r.pick(TITLE_RU_NOUN)} ${r.pick(TITLE_RU_TAIL)}` : undefined;
    const year = 2019 + (i % 7);
    const date = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const channel = r.pick(CHANNELS);
    const slug = methods[0].normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'paper';
    const id = `s${String(i).padStart(6, '0')}-${slug}`;
    return {
      id,
      title,
      ...(title_ru ? { title_ru } : {}),
      arxiv,
      methods,
      topics,
      source: { name: channel, url: `https://t.me/${channel.replace(/\W+/g, '_')}/${i + 1}`, date },
      lang,
      kind: r.chance(0.1) ? 'multi-paper' : 'paper',
      body: this.body(lang, methods, arxiv, r.int(1024, 4096)),
    };
  }

  private freshName(): string {
    const r = this.rng;
    for (;;) {
      const style = r.next();
      let name: string;
      if (style < 0.3) {
        const len = r.pick([2, 3, 3, 3, 4, 4, 5]);
        name = '';
        for (let k = 0; k < len; k++) name += r.pick([...UPPER]);
        if (r.chance(0.15)) name += String(r.int(2, 9));
      } else if (style < 0.75) {
        name = r.pick(CAMEL_HEAD) + r.pick(CAMEL_MID) + r.pick(CAMEL_TAIL);
        if (r.chance(0.25)) name += String(r.int(2, 99));
      } else if (style < 0.9) {
        const head = r.chance(0.5) ? r.pick(CAMEL_HEAD) + r.pick(CAMEL_TAIL) : r.pick(CAMEL_HEAD) + r.pick(CAMEL_MID);
        name = `${head}-${r.pick(HYPHEN_TAIL)}`;
      } else if (style < 0.96) {
        const tail = r.chance(0.5) ? r.pick([...UPPER]) + r.pick([...UPPER]) + r.pick([...UPPER]) + r.pick(['', 'S', 'X']) : r.pick(CAMEL_HEAD) + r.pick(CAMEL_TAIL);
        name = `${r.pick(GREEK)}-${tail}`;
      } else {
        name = r.pick(WORD_NAMES);
        if (this.usedNames.has(name)) name = `${name}${r.pick(['Net', 'LM', 'RL', '-2', 'Former'])}${r.int(1, 999)}`;
      }
      const key = name.toLowerCase();
      if (name.length < 2 || this.usedNames.has(key)) continue;
      this.usedNames.add(key);
      this.allNames.push(name);
      return name;
    }
  }

  private nextArxiv(): string {
    const n = this.arxivSerial++;
    const yy = 18 + Math.floor(n / 120_000);
    const mm = 1 + (Math.floor(n / 10_000) % 12);
    return `${yy}${String(mm).padStart(2, '0')}.${String(10_000 + (n % 10_000) * 7 % 90_000).padStart(5, '0')}`;
  }

  private body(lang: 'ru' | 'en', methods: readonly string[], arxiv: readonly string[], target: number): string {
    const r = this.rng;
    const words = lang === 'ru' ? RU_WORDS : EN_WORDS;
    const glue = lang === 'ru' ? RU_GLUE : EN_GLUE;
    const parts: string[] = [];
    let size = 0;
    let paragraph: string[] = [];
    while (size < target) {
      let s = `${r.pick(glue)} `;
      const len = r.int(6, 18);
      for (let k = 0; k < len; k++) {
        if (k > 0) s += ' ';
        s += r.chance(0.06) ? `**${r.pick(methods)}**` : r.pick(words);
      }
      s += r.chance(0.1) && arxiv.length > 0 ? ` (https://arxiv.org/abs/${arxiv[0]}).` : '.';
      paragraph.push(s);
      size += s.length + 1;
      if (paragraph.length >= r.int(3, 6)) {
        parts.push(paragraph.join(' '));
        paragraph = [];
        if (r.chance(0.2)) parts.push(`## ${r.pick(words)} ${r.pick(words)}`);
      }
    }
    if (paragraph.length > 0) parts.push(paragraph.join(' '));
    return parts.join('\n\n');
  }
}

/** The first `n` digests of the seeded corpus, with every method name generated. */
export function generateCorpus(n: number, options: GeneratorOptions = {}): { digests: SyntheticDigest[]; names: readonly string[] } {
  const g = new CorpusGenerator(options);
  const digests = g.take(n);
  return { digests, names: g.names };
}
