/** Reading the topic vocabulary file (`digests/topics.yaml`). */
import { LineCounter, parseDocument, isMap, isSeq, isScalar } from 'yaml';
import { nestingProblem } from './digestFile';
import { MAX_TOPICS, MIN_TOPICS } from '../digest/topics';
import { DIGEST_ID } from '../digest/digestIds';
import { isBinaryText } from '../text/binary';
import type { Problem, Topic } from '../types';

/** Topic ids are spelled like digest ids (kebab-case). */
const TOPIC_ID = DIGEST_ID;

/**
 * Parses the topic vocabulary (`digests/topics.yaml`): a YAML list of `{id, label, label_ru}`.
 * Broken entries are reported and left out; the rest is still returned.
 */
export function parseTopics(text: string, file: string): { topics: Topic[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const topics: Topic[] = [];
  const lc = new LineCounter();
  const at = (offset: number | undefined): { line?: number; column?: number } => {
    if (offset === undefined) return {};
    const p = lc.linePos(offset);
    return { line: p.line - 1, column: p.col - 1 };
  };
  const report = (message: string, offset?: number, severity: Problem['severity'] = 'error'): void => {
    problems.push({ file, ...at(offset), message, severity });
  };
  if (isBinaryText(text)) {
    report('binary file, expected YAML');
    return { topics, problems };
  }
  const tooDeep = nestingProblem(text);
  if (tooDeep) {
    problems.push({ file, line: tooDeep.line, column: 0, message: tooDeep.message, severity: 'error' });
    return { topics, problems };
  }
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { schema: 'failsafe', lineCounter: lc, prettyErrors: false });
  for (const e of doc.errors.slice(0, 5)) report(`YAML: ${e.message.split('\n')[0]}`, e.pos[0]);
  if (doc.errors.length > 0) return { topics, problems };
  const root = isMap(doc.contents) ? doc.contents.get('topics', true) : doc.contents;
  if (!isSeq(root)) {
    report('expected a list of topics (each with id, label, label_ru)', 0);
    return { topics, problems };
  }
  const seen = new Set<string>();
  for (const item of root.items) {
    const offset = (item as { range?: [number, number, number] }).range?.[0];
    if (!isMap(item)) {
      report('topic must be a map with id, label, label_ru', offset);
      continue;
    }
    const field = (key: string): string | undefined => {
      const node = item.get(key, true) as unknown;
      const v = isScalar(node) ? (node.value as unknown) : undefined;
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    const id = field('id');
    const label = field('label');
    const label_ru = field('label_ru');
    if (!id) {
      report('topic without an id', offset);
      continue;
    }
    if (!TOPIC_ID.test(id)) report(`topic id "${id}" must be kebab-case (a-z, 0-9, -)`, offset);
    if (seen.has(id)) {
      report(`duplicate topic id "${id}"`, offset);
      continue;
    }
    seen.add(id);
    if (!label) report(`topic "${id}" has no English label`, offset);
    if (!label_ru) report(`topic "${id}" has no Russian label (label_ru)`, offset);
    else if (!/[\u0400-\u04FF]/.test(label_ru)) report(`topic "${id}": label_ru does not look Russian`, offset, 'warning');
    topics.push({ id, label: label ?? id, label_ru: label_ru ?? label ?? id });
  }
  if (topics.length < MIN_TOPICS || topics.length > MAX_TOPICS) {
    report(`the vocabulary has ${topics.length} topics; keep it between ${MIN_TOPICS} and ${MAX_TOPICS}`, 0);
  }
  return { topics, problems };
}
