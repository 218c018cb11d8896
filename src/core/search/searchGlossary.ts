/**
 * ML terms across the corpus's two languages. The digests are written in Russian ML slang
 * that keeps English terms or spells them in Cyrillic ("ревард", "аттеншн", "рлхф", "стейт
 * спейс"), while readers type either language: a query word also looks up its counterparts
 * here, ranked a little below the word itself. Each line is one term: its spellings, any
 * language, as a reader or a digest writes them.
 */
import { foldWord, stemWord } from './searchText';

const TERMS = [
  'attention внимание аттеншн аттеншен',
  'cache кэш кеш',
  'reward награда ревард',
  'rlhf рлхф',
  'feedback фидбек',
  'retention ретеншн',
  'linear линейный',
  'state стейт',
  'space спейс',
  'expert эксперт',
  'mixture смесь',
  'weight вес веса',
  'ternary тернарный троичный',
  'retrieval ретривал',
  'augmented дополненный',
  'generation генерация',
  'diffusion диффузия',
  'transformer трансформер',
  'memory память',
  'token токен',
  'layer слой',
  'loss лосс',
  'inference инференс',
  'reasoning рассуждение ризонинг',
  'finetuning дообучение файнтюнинг',
  'distillation дистилляция',
  'quantization квантизация квантование',
  'embedding эмбеддинг',
  'encoding кодирование',
  'position позиция',
  'context контекст',
  'agent агент',
  'policy политика',
  'planning планирование',
  'benchmark бенчмарк',
  'dataset датасет',
  'interpretability интерпретируемость',
  'representation представление',
  'scaling масштабирование скейлинг',
  'speech речь',
  'graph граф',
  'knowledge знания',
];

/** Stem → the stems of its counterparts in the other spellings. */
// Built on the first query rather than at activation: stemming the glossary costs a few ms.
let counterpartsByStem: Map<string, string[]> | undefined;

function buildCounterparts(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of TERMS) {
    const stems = [...new Set(line.split(' ').map((w) => stemWord(foldWord(w))))];
    for (const s of stems) map.set(s, [...new Set([...(map.get(s) ?? []), ...stems.filter((t) => t !== s)])]);
  }
  return map;
}

/** The stems of the other spellings of the term whose stem is `stem` (none for most words). */
export function counterparts(stem: string): readonly string[] {
  counterpartsByStem ??= buildCounterparts();
  return counterpartsByStem.get(stem) ?? [];
}
