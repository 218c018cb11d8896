/**
 * One digest file: YAML front matter between `---` lines, then the markdown body.
 * Parsing never throws: every defect becomes a Problem naming the file and, where possible,
 * the line. Pure (no Node APIs) so the extension can read user folders in a web worker.
 */
import { Document, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { arxivIdProblem } from '../arxiv/arxiv';
import { CURATED_KEYS, curationProblems, maxYearOf, type ParseOptions } from '../digest/curation';
import { curatedPairs, type FieldContext, readCuratedFields, readPaperFacts } from './fields';
import { DIGEST_ID, idClashMessage, idFromFileName, resolveIdClaims } from '../digest/digestIds';
import { MAX_DIGEST_BYTES } from '../digest/digestFolder';
import { safeExternalUrl } from '../text/url';
import { isBinaryText } from '../text/binary';
import type { DigestKind, DigestMeta, Lang, PaperRef, Problem, Severity, SourceInfo } from '../types';

export type ParsedDigest = DigestMeta & { body: string };

const KNOWN_FIELDS: readonly string[] = ['id', 'title', 'title_ru', 'arxiv', 'methods', 'topics', 'source', 'lang', 'kind', 'papers', ...CURATED_KEYS];
/** Words too common to work as method names in hover matching. */
const GENERIC_METHODS = new Set(['attention', 'transformer', 'transformers', 'llm', 'model', 'rl', 'diffusion', 'lora', 'rag']);

const MAX_YAML_ERRORS = 5;
const MAX_NESTING = 32;
/**
 * A digest has a dozen fields and a short `papers` list. Past this many keys (all maps together)
 * the front matter is refused with one problem: every key costs parse time, a duplicate check
 * and a diagnostic, and a file of 100,000 keys must not hold the extension host for minutes.
 */
export const MAX_FRONT_MATTER_KEYS = 300;
/** Structural tokens (`key: `, `- `, `? `, `,`) the YAML parser is handed at most. */
export const MAX_FRONT_MATTER_TOKENS = 4000;
/** One file reports at most this many problems, then one line that says how many more. */
export const MAX_PROBLEMS_PER_FILE = 100;

/**
 * Counts what the YAML parser would turn into nodes, without parsing: `:` before a space or a
 * line end, `? ` and `- ` at the start of a line, and commas. One pass, stopping past `limit`.
 */
export function frontMatterTokens(yamlText: string, limit = MAX_FRONT_MATTER_TOKENS): number {
  let count = 0;
  let lineStart = true;
  for (let i = 0; i < yamlText.length && count <= limit; i++) {
    const c = yamlText.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      continue;
    }
    if (c === 32 || c === 9) continue;
    const next = yamlText.charCodeAt(i + 1);
    const spaceNext = Number.isNaN(next) || next === 32 || next === 9 || next === 10;
    if (c === 58 /* : */ && spaceNext) count++;
    else if (c === 44 /* , */) count++;
    else if (lineStart && (c === 45 /* - */ || c === 63) /* ? */ && spaceNext) count++;
    lineStart = false;
  }
  return count;
}

/** Every map's keys, once: the number of keys and the pairs whose key an earlier pair of the same map already has. */
function mapKeys(root: unknown): { keys: number; duplicates: Pair[] } {
  let keys = 0;
  const duplicates: Pair[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        keys++;
        const k = isScalar(pair.key) ? `s:${String(pair.key.value)}` : `n:${String(pair.key)}`;
        if (seen.has(k)) duplicates.push(pair as Pair);
        else seen.add(k);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return { keys, duplicates };
}

/**
 * Front matter nests a few levels at most. Refusing deep nesting before the YAML parser sees it
 * keeps hostile input from exhausting the parser's recursion (which can crash the process, not
 * just throw).
 */
export function nestingProblem(yamlText: string): { line: number; message: string } | undefined {
  let depth = 0;
  let line = 0;
  // Compact nested block sequences ("- - - - x") nest without indentation.
  const compact = new RegExp(`(?:[-?:][ \\t]+){${MAX_NESTING},}`).exec(yamlText);
  if (compact) return { line: yamlText.slice(0, compact.index).split('\n').length - 1, message: `front matter is nested too deeply (more than ${MAX_NESTING} levels)` };
  for (let i = 0; i < yamlText.length; i++) {
    const c = yamlText[i];
    if (c === '\n') {
      line++;
      const indent = /^ */.exec(yamlText.slice(i + 1, i + 1 + MAX_NESTING * 4 + 1))![0].length;
      if (indent > MAX_NESTING * 4) return { line, message: `front matter is indented too deeply (more than ${MAX_NESTING * 4} spaces)` };
      continue;
    }
    // Quotes are deliberately not tracked: a stray quote must not hide brackets after it.
    if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return { line, message: `front matter is nested too deeply (more than ${MAX_NESTING} levels)` };
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}


export function parseDigestFile(
  text: string,
  file: string,
  topicIds: ReadonlySet<string>,
  options: ParseOptions = {},
): { digest?: ParsedDigest; problems: Problem[] } {
  const result = parseDigestFileUncapped(text, file, topicIds, options);
  if (result.problems.length <= MAX_PROBLEMS_PER_FILE) return result;
  const more = result.problems.length - MAX_PROBLEMS_PER_FILE;
  const problems = result.problems.slice(0, MAX_PROBLEMS_PER_FILE);
  problems.push({ file, line: 0, column: 0, severity: 'warning', message: `${more} more problem(s) in this file not shown` });
  return { ...result, problems };
}

function parseDigestFileUncapped(
  text: string,
  file: string,
  topicIds: ReadonlySet<string>,
  options: ParseOptions,
): { digest?: ParsedDigest; problems: Problem[] } {
  const problems: Problem[] = [];
  // In a reader's own folder a fresh draft is normal: what is still to be filled in is a warning.
  const draftSeverity: Severity = options.rules === 'user' ? 'warning' : 'error';
  const report = (message: string, pos: { line?: number; column?: number } = {}, severity: Severity = 'error'): void => {
    problems.push({ file, ...pos, message, severity });
  };
  if (text.length > MAX_DIGEST_BYTES) {
    report(`file too large (${text.length} characters; a digest may have at most ${MAX_DIGEST_BYTES})`, { line: 0, column: 0 });
    return { problems };
  }
  if (isBinaryText(text)) {
    report('binary file, not a markdown digest', { line: 0, column: 0 });
    return { problems };
  }
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (src.trim() === '') {
    report('empty file', { line: 0, column: 0 });
    return { problems };
  }
  const lines = src.split('\n');
  if (lines[0].trim() !== '---') {
    report('missing YAML front matter: the file must start with a "---" line', { line: 0, column: 0 });
    return { problems };
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) {
    report('front matter is not closed: add a "---" line after the metadata', { line: 0, column: 0 });
    return { problems };
  }
  const yamlText = lines.slice(1, close).join('\n');
  // trimEnd, not /\s+$/: the regex retries every whitespace run to its end (quadratic time on
  // a body with a long run of spaces inside).
  const body = lines.slice(close + 1).join('\n').replace(/^\n+/, '').trimEnd();
  const tooDeep = nestingProblem(yamlText);
  if (tooDeep) {
    report(tooDeep.message, { line: tooDeep.line + 1, column: 0 });
    return { problems };
  }
  if (frontMatterTokens(yamlText) > MAX_FRONT_MATTER_TOKENS) {
    report(`front matter has too many entries (more than ${MAX_FRONT_MATTER_TOKENS} keys, list items and commas); a digest has a few dozen; not read`, { line: 1, column: 0 });
    return { problems };
  }
  const lc = new LineCounter();
  // Failsafe schema: every scalar stays a string, so `2410.01200` keeps its trailing zeros.
  // `uniqueKeys: false`: the parser's own check compares every key with every other one
  // (quadratic); `mapKeys` below does it with one set per map.
  const doc = parseDocument(yamlText, { schema: 'failsafe', lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const pos = (offset: number | undefined): { line?: number; column?: number } => {
    if (offset === undefined) return {};
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col - 1 }; // +1 line for the opening "---", -1 for 0-based
  };
  for (const e of doc.errors.slice(0, MAX_YAML_ERRORS)) report(`YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, pos(e.pos[0]));
  if (doc.errors.length > 0) return { problems };
  const { keys, duplicates } = mapKeys(doc.contents);
  if (keys > MAX_FRONT_MATTER_KEYS) {
    report(`front matter has ${keys} keys (a digest may have at most ${MAX_FRONT_MATTER_KEYS}); not read`, { line: 1, column: 0 });
    return { problems };
  }
  for (const pair of duplicates.slice(0, MAX_YAML_ERRORS)) {
    const range = (pair.key as { range?: [number, number, number] } | null)?.range;
    report('YAML: Map keys must be unique', range ? pos(range[0]) : { line: 1, column: 0 });
  }
  if (duplicates.length > 0) return { problems };
  if (!isMap(doc.contents)) {
    report('front matter must be a YAML mapping of fields (id, title, …)', { line: 1, column: 0 });
    return { problems };
  }
  const map = doc.contents;
  const keyPos = (key: string): { line?: number; column?: number } => {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    const range = (pair?.key as Scalar | undefined)?.range;
    return range ? pos(range[0]) : { line: 1, column: 0 };
  };
  const nodePos = (node: unknown, fallbackKey: string): { line?: number; column?: number } => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? pos(range[0]) : keyPos(fallbackKey);
  };
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KNOWN_FIELDS.includes(key)) report(`unknown field "${key}"`, nodePos(pair.key, key), 'warning');
  }

  const str = (key: string, required: boolean): string | undefined => {
    const node = map.get(key, true) as unknown;
    if (node === undefined || isBlank(node)) {
      if (required) report(`missing required field "${key}"`, keyPos(key));
      return undefined;
    }
    if (!isScalar(node)) {
      report(`"${key}" must be a string`, nodePos(node, key));
      return undefined;
    }
    return String(node.value).trim();
  };
  const list = (key: string, check?: (v: string, node: Scalar) => boolean, missing: Severity = 'error'): string[] => {
    const node = map.get(key, true) as unknown;
    if (node === undefined) {
      report(`missing required field "${key}" (use [] when empty)`, keyPos(key), missing);
      return [];
    }
    if (isBlank(node)) return [];
    if (!isSeq(node)) {
      report(`"${key}" must be a list`, nodePos(node, key));
      return [];
    }
    const out: string[] = [];
    const listed = new Set<string>();
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        report(`"${key}" entries must be non-empty strings`, nodePos(item, key));
        continue;
      }
      const v = item.value.trim();
      if (listed.has(v)) {
        report(`"${key}" lists "${v}" twice`, nodePos(item, key), 'warning');
        continue;
      }
      listed.add(v);
      if (check && !check(v, item)) continue;
      out.push(v);
    }
    return out;
  };

  const id = str('id', true);
  const title = str('title', true);
  const expectedId = idFromFileName(file);
  if (id !== undefined) {
    // Ids end up in command links, tree item ids and HTML attributes: only kebab-case loads.
    if (!DIGEST_ID.test(id)) report(`id "${id}" must be kebab-case (a-z, 0-9, -); this file is not loaded`, nodePos(map.get('id', true), 'id'));
    if (id !== expectedId) report(`id "${id}" does not match the file name (expected "${expectedId}")`, nodePos(map.get('id', true), 'id'));
  }
  const title_ru = str('title_ru', false);
  const arxiv = list('arxiv', (v, node) => {
    const why = arxivIdProblem(v);
    if (!why) return true;
    report(why, nodePos(node, 'arxiv'));
    return false;
  });
  const methods = list('methods', (v, node) => {
    if (GENERIC_METHODS.has(v.toLowerCase())) {
      report(`method "${v}" is a generic word; hovers would fire everywhere — list the paper's own names`, nodePos(node, 'methods'), 'warning');
    }
    return true;
  });
  const topics = list('topics', (v, node) => {
    if (topicIds.has(v)) return true;
    report(`unknown topic "${v}" (not in topics.yaml)`, nodePos(node, 'topics'));
    return false;
  }, draftSeverity);
  if (map.has('topics') && topics.length === 0 && !problems.some((p) => p.message.startsWith('unknown topic'))) {
    report('at least one topic is required', keyPos('topics'), draftSeverity);
  }
  if (topics.length > 3) report(`${topics.length} topics; use 1 to 3`, keyPos('topics'));

  const fields: FieldContext = { report, nodePos, keyPos, maxYear: maxYearOf(options) };
  const curated = readCuratedFields(map, fields);
  const source = readSource(map, report, nodePos, keyPos);
  const langRaw = str('lang', true);
  let lang: Lang = /[\u0400-\u04FF]/.test(body) ? 'ru' : 'en';
  if (langRaw !== undefined) {
    if (langRaw === 'ru' || langRaw === 'en') lang = langRaw;
    else report(`lang must be "ru" or "en", not "${langRaw}"`, nodePos(map.get('lang', true), 'lang'));
  }
  const papers = readPapers(map, report, nodePos, fields);
  const kindRaw = str('kind', true);
  let kind: DigestKind = papers && papers.length > 1 ? 'multi-paper' : 'paper';
  if (kindRaw !== undefined) {
    if (kindRaw === 'paper' || kindRaw === 'multi-paper') kind = kindRaw;
    else report(`kind must be "paper" or "multi-paper", not "${kindRaw}"`, nodePos(map.get('kind', true), 'kind'));
  }
  if (kind === 'multi-paper' && (!papers || papers.length < 2)) {
    report('kind: multi-paper should list the papers it covers under "papers"', keyPos('kind'), 'warning');
  }
  if (body === '') report('empty body', { line: close, column: 0 }, 'warning');

  if (!id || !title || !DIGEST_ID.test(id)) return { problems };
  const digest: ParsedDigest = {
    id,
    title,
    ...(title_ru ? { title_ru } : {}),
    ...curated,
    arxiv,
    methods,
    topics,
    source,
    lang,
    kind,
    ...(papers ? { papers } : {}),
    body,
  };
  for (const p of curationProblems(digest, options)) report(p.message, keyPos(p.key), p.severity);
  return { digest, problems };
}

type Report = (message: string, pos?: { line?: number; column?: number }, severity?: Severity) => void;
type NodePos = (node: unknown, key: string) => { line?: number; column?: number };

function readSource(map: YAMLMap, report: Report, nodePos: NodePos, keyPos: (k: string) => { line?: number; column?: number }): SourceInfo {
  const node = map.get('source', true) as unknown;
  if (node === undefined) {
    report('missing required field "source" (at least a name)', keyPos('source'));
    return { name: 'unknown' };
  }
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return { name: node.value.trim() };
  if (!isMap(node)) {
    report('"source" must be a map with name, url, date', nodePos(node, 'source'));
    return { name: 'unknown' };
  }
  const get = (k: string): string | undefined => {
    const v = node.get(k, true);
    if (v === undefined) return undefined;
    if (!isScalar(v) || typeof v.value !== 'string') {
      report(`source.${k} must be a string`, nodePos(v, 'source'));
      return undefined;
    }
    return v.value.trim() || undefined;
  };
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!['name', 'url', 'date'].includes(k)) report(`unknown field "source.${k}"`, nodePos(pair.key, 'source'), 'warning');
  }
  const name = get('name');
  const url = get('url');
  const date = get('date');
  const out: SourceInfo = { name: name ?? 'unknown' };
  if (!name) report('source.name is required', nodePos(node, 'source'));
  if (url !== undefined) {
    if (safeExternalUrl(url)) out.url = url;
    else report(`source.url must be an http(s) URL, not "${url}"`, nodePos(node.get('url', true), 'source'));
  }
  if (date !== undefined) {
    if (isIsoDate(date)) out.date = date;
    else report(`source.date must be an ISO date (YYYY-MM-DD), not "${date}"`, nodePos(node.get('date', true), 'source'));
  }
  return out;
}

/** An empty YAML value (`key:` with nothing after it). */
function isBlank(node: unknown): boolean {
  if (!isScalar(node)) return false;
  const v = node.value as unknown;
  return v === null || v === '';
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function readPapers(map: YAMLMap, report: Report, nodePos: NodePos, fields: FieldContext): PaperRef[] | undefined {
  const node = map.get('papers', true) as unknown;
  if (node === undefined) return undefined;
  if (isBlank(node)) return [];
  if (!isSeq(node)) {
    report('"papers" must be a list of {title, arxiv?}', nodePos(node, 'papers'));
    return undefined;
  }
  const out: PaperRef[] = [];
  for (const item of node.items) {
    if (!isMap(item)) {
      report('each entry of "papers" must be a map with title (and arxiv when known)', nodePos(item, 'papers'));
      continue;
    }
    const t = item.get('title', true);
    const a = item.get('arxiv', true);
    const title = isScalar(t) && typeof t.value === 'string' ? t.value.trim() : '';
    if (!title) {
      report('paper without a title in "papers"', nodePos(item, 'papers'));
      continue;
    }
    const ref: PaperRef = { title };
    if (a !== undefined && !isBlank(a)) {
      const v = isScalar(a) && typeof a.value === 'string' ? a.value.trim() : '';
      const why = arxivIdProblem(v);
      if (!why) ref.arxiv = v;
      else report(why, nodePos(a, 'papers'));
    }
    Object.assign(ref, readPaperFacts(item, fields));
    out.push(ref);
  }
  return out;
}

/** Writes a digest file with a fixed field order; `parseDigestFile` reads it back unchanged. */
export function serializeDigest(meta: DigestMeta, body: string): string {
  const doc = new Document();
  const map = new YAMLMap();
  const flow = (items: readonly string[]): YAMLSeq => {
    const seq = new YAMLSeq();
    seq.flow = true;
    for (const i of items) seq.items.push(new Scalar(i));
    return seq;
  };
  const add = (key: string, value: unknown): void => {
    map.items.push(new Pair(new Scalar(key), value instanceof YAMLMap || value instanceof YAMLSeq ? value : new Scalar(value)));
  };
  add('id', meta.id);
  add('title', meta.title);
  if (meta.title_ru) add('title_ru', meta.title_ru);
  map.items.push(...curatedPairs(meta));
  add('arxiv', flow(meta.arxiv));
  add('methods', flow(meta.methods));
  add('topics', flow(meta.topics));
  const source = new YAMLMap();
  source.items.push(new Pair(new Scalar('name'), new Scalar(meta.source.name)));
  if (meta.source.url) source.items.push(new Pair(new Scalar('url'), new Scalar(meta.source.url)));
  if (meta.source.date) source.items.push(new Pair(new Scalar('date'), new Scalar(meta.source.date)));
  add('source', source);
  add('lang', meta.lang);
  add('kind', meta.kind);
  if (meta.papers && meta.papers.length > 0) {
    const papers = new YAMLSeq();
    for (const p of meta.papers) {
      const m = new YAMLMap();
      m.items.push(new Pair(new Scalar('title'), new Scalar(p.title)));
      if (p.arxiv) m.items.push(new Pair(new Scalar('arxiv'), new Scalar(p.arxiv)));
      if (p.authors?.length) m.items.push(new Pair(new Scalar('authors'), flow(p.authors)));
      if (p.year !== undefined) m.items.push(new Pair(new Scalar('year'), new Scalar(String(p.year))));
      papers.items.push(m);
    }
    add('papers', papers);
  }
  doc.contents = map;
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const text = body.replace(/\r\n?/g, '\n').trimEnd();
  return `---\n${yaml}---\n\n${text}\n`;
}

/**
 * Checks a set of digest files: each file on its own, then what only the set can tell (the
 * same id twice, the same paper digested twice).
 */
export function validateDigestFiles(
  files: { path: string; text: string }[],
  topicIds: ReadonlySet<string>,
  options: ParseOptions = {},
): { digests: (ParsedDigest & { file: string })[]; problems: Problem[] } {
  const digests: (ParsedDigest & { file: string })[] = [];
  const problems: Problem[] = [];
  const byArxiv = new Map<string, string>();
  const parsed = files.map((f) => ({ f, r: parseDigestFile(f.text, f.path, topicIds, options) }));
  for (const { r } of parsed) problems.push(...r.problems);
  const claims = parsed.flatMap((p) => (p.r.digest ? [{ file: p.f.path, id: p.r.digest.id, p }] : []));
  const { kept, clashes } = resolveIdClaims(claims);
  for (const { claim, owner } of clashes) {
    problems.push({ file: claim.file, line: idLine(claim.p.f.text), column: 0, severity: 'error', message: idClashMessage(claim.id, owner) });
  }
  // Same-paper warnings follow the same precedence as ids: the kept file named after its id first.
  const isNamed = (c: (typeof kept)[number]): boolean => idFromFileName(c.file) === c.id;
  for (const c of [...kept.filter(isNamed), ...kept.filter((k) => !isNamed(k))]) {
    const digest = c.p.r.digest!;
    if (digest.kind !== 'paper') continue;
    for (const a of digest.arxiv) {
      const other = byArxiv.get(a);
      if (other) problems.push({ file: c.file, severity: 'warning', message: `arXiv ${a} is also the paper of ${other}: the same paper digested twice?` });
      else byArxiv.set(a, c.file);
    }
  }
  for (const c of kept) digests.push({ ...c.p.r.digest!, file: c.file });
  return { digests, problems };
}

function idLine(text: string): number | undefined {
  const i = text.replace(/\r\n?/g, '\n').split('\n').findIndex((l) => /^id\s*:/.test(l));
  return i >= 0 ? i : undefined;
}
