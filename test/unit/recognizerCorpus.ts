import { RecognizerEntry } from '../../src/core/recognizer/recognizer';
import { DigestEntry, Topic } from '../../src/core/types';

/** A recognizer entry; tests say only what they care about. */
export function entry(id: string, fields: { arxiv?: string[]; methods?: string[] } = {}): RecognizerEntry {
  return { id, arxiv: fields.arxiv ?? [], methods: fields.methods ?? [] };
}

/** A full digest entry with harmless defaults, for the hover card. */
export function digest(id: string, fields: Partial<DigestEntry> = {}): DigestEntry {
  return {
    id,
    title: `Title of ${id}`,
    arxiv: [],
    methods: [],
    topics: [],
    source: { name: 'rizzearch' },
    lang: 'ru',
    kind: 'paper',
    summary: '',
    origin: 'bundled',
    ...fields,
  };
}

export const TOPICS: Topic[] = [
  { id: 'llm', label: 'Language models', label_ru: 'Языковые модели' },
  { id: 'rl', label: 'Reinforcement learning', label_ru: 'Обучение с подкреплением' },
];

/**
 * The methods the recognizer tests exercise: ordinary words (CoPE, DIAMOND, FoX, RAPTOR), a
 * Greek letter (Δ-IRIS, μP), multi-part names (MatMul-free, Cross-Layer Attention), digits
 * (Mamba-2) and one name shared by two digests.
 */
export const ENTRIES: RecognizerEntry[] = [
  entry('retnet', { arxiv: ['2307.08621'], methods: ['RetNet', 'Retentive Network'] }),
  entry('cope', { arxiv: ['2405.18719'], methods: ['CoPE', 'Contextual Position Encoding'] }),
  entry('singlora', { arxiv: ['2507.05566'], methods: ['SingLoRA'] }),
  entry('cla', { arxiv: ['2405.12981'], methods: ['CLA', 'Cross-Layer Attention'] }),
  entry('delta-iris', { arxiv: ['2406.19320'], methods: ['Δ-IRIS'] }),
  entry('diamond', { arxiv: ['2405.12399'], methods: ['DIAMOND'] }),
  entry('fox', { arxiv: ['2503.02130'], methods: ['FoX', 'Forgetting Transformer'] }),
  entry('raptor', { arxiv: ['2401.18059'], methods: ['RAPTOR'] }),
  entry('matmul-free', { arxiv: ['2406.02528'], methods: ['MatMul-free'] }),
  entry('mamba2', { methods: ['Mamba-2', 'SSD'] }),
  entry('mamba', { arxiv: ['2312.00752'], methods: ['Mamba'] }),
  entry('mup', { arxiv: ['2203.03466'], methods: ['μP'] }),
  entry('xlstm', { methods: ['xLSTM'] }),
  entry('old-string', { arxiv: ['hep-th/9901001'] }),
  entry('ssm-survey', { methods: ['Mamba'] }),
  entry('infini-gram', { methods: ['infini-gram', '∞-gram'] }),
  entry('lora-plus', { methods: ['LoRA+'] }),
  entry('contamination', { methods: ['task contamination'] }),
];
