import { RecognizerEntry } from '../../src/core/recognizer/recognizer';
import { DigestEntry } from '../../src/core/types';
import { entry } from './digests';

export { TOPICS } from './digests';

/** A recognizer entry: an id with the arXiv IDs and method names it answers to. */
export function recognizerEntry(id: string, fields: { arxiv?: string[]; methods?: string[] } = {}): RecognizerEntry {
  return { id, arxiv: fields.arxiv ?? [], methods: fields.methods ?? [] };
}

/**
 * A full digest entry for a hover card: `entry()` with the id given, a title made from it, no
 * topics and no summary, so a card shows only what the test sets.
 */
export function cardEntry(id: string, fields: Partial<DigestEntry> = {}): DigestEntry {
  return entry({ id, title: `Title of ${id}`, topics: [], summary: '', ...fields });
}

/**
 * The methods the recognizer tests exercise: ordinary words (CoPE, DIAMOND, FoX, RAPTOR), a
 * Greek letter (Δ-IRIS, μP), multi-part names (MatMul-free, Cross-Layer Attention), digits
 * (Mamba-2) and one name shared by two digests.
 */
export const ENTRIES: RecognizerEntry[] = [
  recognizerEntry('retnet', { arxiv: ['2307.08621'], methods: ['RetNet', 'Retentive Network'] }),
  recognizerEntry('cope', { arxiv: ['2405.18719'], methods: ['CoPE', 'Contextual Position Encoding'] }),
  recognizerEntry('singlora', { arxiv: ['2507.05566'], methods: ['SingLoRA'] }),
  recognizerEntry('cla', { arxiv: ['2405.12981'], methods: ['CLA', 'Cross-Layer Attention'] }),
  recognizerEntry('delta-iris', { arxiv: ['2406.19320'], methods: ['Δ-IRIS'] }),
  recognizerEntry('diamond', { arxiv: ['2405.12399'], methods: ['DIAMOND'] }),
  recognizerEntry('fox', { arxiv: ['2503.02130'], methods: ['FoX', 'Forgetting Transformer'] }),
  recognizerEntry('raptor', { arxiv: ['2401.18059'], methods: ['RAPTOR'] }),
  recognizerEntry('matmul-free', { arxiv: ['2406.02528'], methods: ['MatMul-free'] }),
  recognizerEntry('mamba2', { methods: ['Mamba-2', 'SSD'] }),
  recognizerEntry('mamba', { arxiv: ['2312.00752'], methods: ['Mamba'] }),
  recognizerEntry('mup', { arxiv: ['2203.03466'], methods: ['μP'] }),
  recognizerEntry('xlstm', { methods: ['xLSTM'] }),
  recognizerEntry('old-string', { arxiv: ['hep-th/9901001'] }),
  recognizerEntry('ssm-survey', { methods: ['Mamba'] }),
  recognizerEntry('infini-gram', { methods: ['infini-gram', '∞-gram'] }),
  recognizerEntry('lora-plus', { methods: ['LoRA+'] }),
  recognizerEntry('contamination', { methods: ['task contamination'] }),
];

/** ENTRIES and names that share long prefixes with each other and with adversarial text. */
export const NASTY_ENTRIES: RecognizerEntry[] = [
  ...ENTRIES,
  ...Array.from({ length: 60 }, (_, i) => recognizerEntry(`a${i}`, { methods: ['a'.repeat(i + 2), 'A'.repeat(i + 2) + 'x', 'aB'.repeat(i + 1)] })),
  recognizerEntry('long-multi', { methods: [Array.from({ length: 30 }, () => 'ab').join(' ')] }),
];
