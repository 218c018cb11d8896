/**
 * Does a name's mention count here? The one rule, shared by the hover, *In This File* and the
 * CLI, decided once per document (version) from what the whole document says:
 *
 * - An **unambiguous** name (longer than four letters, not an English word, not the name of other
 *   well-known software: `RetNet`, `SingLoRA`, `MatMul-free`, `pyreft`) counts everywhere, in any
 *   case. So do arXiv IDs.
 * - An **ambiguous** name — a short acronym (`CLA`, `NAT`, `CoPE`, `FoX`), an English word
 *   (`raptor`, `diamond`) or a phrase of them — counts only with supporting evidence in the same
 *   document, and never against contrary evidence:
 *   - contrary: the document spells the acronym out as something else (`Contributor License
 *     Agreement` beside `CLA`; Title Case, or on the same line as the acronym) → never;
 *   - an unambiguous mention of the same digest (its arXiv ID, a distinctive name or alias) →
 *     counts, in any case (`# get reft model` in a file that imports `pyreft`);
 *   - the digest's own vocabulary (distinctive words of its title) in the document, or — for a
 *     word that is not a short acronym — ML context in the file (`import torch`, `attention`…),
 *     count where the spelling looks like code or like the corpus's own spelling (`CoPE`,
 *     `use_cope`, `` `raptor` ``, `cope(`), not in lower-case prose ("we cope with").
 * - Nothing counts inside encoded data: base64, hex, hashes and `sha512-…` integrity values,
 *   data URIs, minified lines.
 */
import { Mention } from '../types';

/** What the decision needs to know about one digest (looked up only for digests a document names). */
export interface EvidenceEntry {
  title?: string;
}

/** A method-name match before the decision: one per place, with every digest it may mean. */
export interface NameCandidate {
  line: number;
  start: number;
  end: number;
  text: string;
  /** The corpus's spelling of the name matched (`CLA`), for the card's actions and ignore lists. */
  name: string;
  /** Lower-case letters of the name (`cla`), for acronym checks. */
  key: string;
  /** Digest positions with how the name stands for each. */
  senses: NameSense[];
}

export interface NameSense {
  at: number;
  /** Counts everywhere. */
  unambiguous: boolean;
  /** An all-capitals short acronym: needs its own digest's evidence, not ML context alone. */
  short: boolean;
  /** The spelling looks like code, or is the corpus's own marked spelling. */
  codeLike: boolean;
}

/** Words that say a file is about machine learning; three distinct ones make ML context. */
const ML_WORDS = new Set([
  'torch', 'pytorch', 'tensorflow', 'keras', 'jax', 'flax', 'transformers', 'huggingface', 'neural', 'llm', 'llms',
  'gpt', 'bert', 'embedding', 'embeddings', 'attention', 'gradient', 'gradients', 'optimizer', 'softmax', 'logits',
  'finetune', 'finetuning', 'pretrained', 'pretraining', 'arxiv', 'dropout', 'lora', 'tokenizer', 'backprop',
  'autograd', 'cuda', 'checkpoint', 'epoch', 'epochs', 'perplexity', 'inference', 'transformer', 'reinforcement',
  'diffusion', 'encoder', 'decoder', 'mlp', 'relu', 'gelu', 'layernorm', 'numpy', 'triton',
]);

/** Title words that say nothing about one paper. */
const COMMON_TITLE_WORDS = new Set([
  'with', 'from', 'that', 'this', 'your', 'what', 'when', 'where', 'which', 'into', 'over', 'using', 'via', 'for',
  'learning', 'model', 'models', 'modeling', 'language', 'large', 'neural', 'network', 'networks', 'transformer',
  'transformers', 'attention', 'training', 'towards', 'deep', 'data', 'small', 'scaling', 'efficient', 'tasks',
  'task', 'understanding', 'analysis', 'matter', 'beats', 'help', 'each', 'other', 'more', 'than', 'about', 'through',
  'single', 'random', 'approaches', 'between', 'does', 'have', 'make', 'great', 'again', 'main', 'really',
]);

/** Limits on the evidence pass, so a huge document costs a bounded amount of work. */
const MAX_EVIDENCE_CHARS = 4_000_000;
const MAX_DISTINCT_WORDS = 200_000;

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLetter = (c: number): boolean => isLower(c) || isUpper(c);

/** The words of a document, lower-cased, and the acronym spell-outs it contains. */
class DocumentWords {
  private wordSet: Set<string> | undefined;
  /** Acronym (lower case) → spell-outs found (each a lower-case phrase). */
  readonly spellOuts = new Map<string, string[]>();

  /** `acronyms`: lower-case letters of the short names the document's candidates use. */
  constructor(
    private readonly lines: readonly string[],
    acronyms: ReadonlySet<string>,
  ) {
    if (acronyms.size === 0) return;
    const lengths = new Set<number>();
    for (const a of acronyms) lengths.add(a.length);
    let budget = MAX_EVIDENCE_CHARS;
    for (const line of lines) {
      if (budget <= 0) break;
      budget -= line.length;
      this.spellOutsIn(line, acronyms, lengths);
    }
  }

  /** Every word of the document (up to the evidence budget), made on first use. */
  get words(): ReadonlySet<string> {
    if (!this.wordSet) {
      const set = new Set<string>();
      let budget = MAX_EVIDENCE_CHARS;
      for (const line of this.lines) {
        if (budget <= 0) break;
        budget -= line.length;
        eachLetterRun(line, (i, j) => {
          // Shorter words say nothing about a paper or about ML.
          if (j - i >= 3 && j - i <= 24 && set.size < MAX_DISTINCT_WORDS) set.add(line.slice(i, j).toLowerCase());
        });
      }
      this.wordSet = set;
    }
    return this.wordSet;
  }

  private spellOutsIn(line: string, acronyms: ReadonlySet<string>, lengths: ReadonlySet<number>): void {
    // Word starts and ends; a phrase continues over one space or hyphen.
    const starts: number[] = [];
    const ends: number[] = [];
    eachLetterRun(line, (i, j) => {
      starts.push(i);
      ends.push(j);
    });
    if (starts.length < 2) return;
    let lowerLine: string | undefined;
    for (const k of lengths) {
      if (k < 2) continue;
      for (let s = 0; s + k <= starts.length; s++) {
        let ok = true;
        let title = true;
        let initials = '';
        for (let t = 0; t < k && ok; t++) {
          const w = s + t;
          // A one-letter word is the acronym itself or an article, not a spelled-out part.
          if (ends[w] - starts[w] < 2) ok = false;
          if (t > 0) {
            const sep = line.charCodeAt(ends[w - 1]);
            if (starts[w] - ends[w - 1] !== 1 || (sep !== 32 && sep !== 45)) ok = false;
          }
          const c = line.charCodeAt(starts[w]);
          title &&= isUpper(c);
          initials += String.fromCharCode(isUpper(c) ? c + 32 : c);
        }
        if (!ok || !acronyms.has(initials)) continue;
        // Title Case anywhere, or any case on a line that also uses the acronym.
        lowerLine ??= line.toLowerCase();
        if (!title && !containsWord(lowerLine, initials)) continue;
        const phrase = lowerLine.slice(starts[s], ends[s + k - 1]).replace(/[\s-]+/g, ' ');
        let list = this.spellOuts.get(initials);
        if (!list) this.spellOuts.set(initials, (list = []));
        if (!list.includes(phrase) && list.length < 16) list.push(phrase);
      }
    }
  }

  mlContext(): boolean {
    let hits = 0;
    for (const w of ML_WORDS) if (this.words.has(w) && ++hits >= 3) return true;
    return false;
  }

  /** Distinctive title words of a digest that the document uses, the name itself (`own`) aside. */
  titleWordsIn(title: string | undefined, own: string): number {
    if (!title) return 0;
    let hits = 0;
    const seen = new Set<string>([own]);
    for (const m of title.toLowerCase().matchAll(/[a-z]{4,}/g)) {
      const w = m[0];
      if (seen.has(w) || COMMON_TITLE_WORDS.has(w)) continue;
      seen.add(w);
      if (this.words.has(w)) hits++;
    }
    return hits;
  }
}

/** Calls `found(start, end)` for each run of letters in `line`, in order. */
function eachLetterRun(line: string, found: (start: number, end: number) => void): void {
  const n = line.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(line.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isLetter(line.charCodeAt(j))) j++;
    found(i, j);
    i = j;
  }
}

function containsWord(lowerLine: string, word: string): boolean {
  for (let at = lowerLine.indexOf(word); at >= 0; at = lowerLine.indexOf(word, at + 1)) {
    const b = at > 0 ? lowerLine.charCodeAt(at - 1) : 32;
    const a = at + word.length < lowerLine.length ? lowerLine.charCodeAt(at + word.length) : 32;
    if (!isLower(b) && !isLower(a)) return true;
  }
  return false;
}

/** A name's own spell-outs: its digest's other names whose initials give the acronym. */
export type OwnNames = (at: number) => readonly string[];

export interface DecideInput {
  lines: readonly string[];
  names: readonly NameCandidate[];
  /**
   * Mentions accepted as found, with the digest positions they name (strong evidence for those
   * digests' other names): arXiv IDs, and citation keys resolved through the workspace's `.bib`.
   */
  certain: readonly { mention: Mention; positions: readonly number[] }[];
  idOf(at: number): string;
  entry(at: number): EvidenceEntry | undefined;
  ownNames: OwnNames;
}

/** Lower-case initials of a name's words (`Cross-Layer Attention` → `cla`), or '' for one word. */
export function initialsOf(name: string): string {
  const words = name.split(/[\s\-_]+/).filter((w) => /^[A-Za-z]/.test(w));
  return words.length < 2 ? '' : words.map((w) => w[0].toLowerCase()).join('');
}

/** The accepted mentions of a document (method names and arXiv IDs), in document order. */
export function decideMentions(input: DecideInput): Mention[] {
  const strong = new Set<number>();
  for (const a of input.certain) for (const at of a.positions) strong.add(at);
  const acronyms = new Set<string>();
  let needWords = false;
  for (const c of input.names) {
    for (const s of c.senses) {
      if (s.unambiguous) strong.add(s.at);
      else {
        needWords = true;
        if (c.key.length <= 5 && /^[a-z]+$/.test(c.key)) acronyms.add(c.key);
      }
    }
  }
  const words = needWords ? new DocumentWords(input.lines, acronyms) : undefined;
  let ml: boolean | undefined;
  const vocab = new Map<string, number>();
  // What the document's spell-outs of an acronym say about one digest: `contrary` when one of
  // them is not the digest's (CLA beside "Contributor License Agreement"), `own` when they are
  // its other names or words of its title (PPO beside "Proximal Policy Optimization": evidence).
  const spelled = new Map<string, 'contrary' | 'own' | undefined>();
  const spellOutOf = (key: string, at: number): 'contrary' | 'own' | undefined => {
    const found = words?.spellOuts.get(key);
    if (!found) return undefined;
    const memo = `${key}\u0000${at}`;
    if (spelled.has(memo)) return spelled.get(memo);
    const norm = (n: string): string => n.toLowerCase().replace(/[\s\-_]+/g, ' ');
    const own = input.ownNames(at).map(norm);
    const title = norm(input.entry(at)?.title ?? '');
    const isOwn = (phrase: string): boolean => own.includes(phrase) || (title !== '' && containsWord(title, phrase));
    const v = found.some((phrase) => !isOwn(phrase)) ? 'contrary' : 'own';
    spelled.set(memo, v);
    return v;
  };
  const out: Mention[] = [];
  for (const c of input.names) {
    const ids: string[] = [];
    for (const s of c.senses) {
      let ok: boolean;
      if (s.unambiguous) ok = true;
      else if (acronyms.has(c.key) && spellOutOf(c.key, s.at) === 'contrary') ok = false;
      else if (strong.has(s.at)) ok = true;
      else if (acronyms.has(c.key) && spellOutOf(c.key, s.at) === 'own') ok = true;
      else if (!s.codeLike) ok = false;
      else {
        const memo = `${c.key}\u0000${s.at}`;
        let v = vocab.get(memo);
        if (v === undefined) vocab.set(memo, (v = words!.titleWordsIn(input.entry(s.at)?.title, c.key)));
        if (v >= (s.short ? 3 : 2)) ok = true;
        else if (s.short) ok = false;
        else ok = (ml ??= words!.mlContext());
      }
      if (ok) {
        const id = input.idOf(s.at);
        if (!ids.includes(id)) ids.push(id);
      }
    }
    if (ids.length > 0) out.push({ line: c.line, character: c.start, endCharacter: c.end, text: c.text, kind: 'method', name: c.name, digests: ids });
  }
  for (const a of input.certain) out.push(a.mention);
  out.sort((a, b) => a.line - b.line || a.character - b.character);
  return out;
}

/**
 * Whether `text[start, end)` sits inside encoded data: the run of base64/hex characters around
 * it is long and random-looking (digits among mixed-case letters, few words), or follows a hash
 * or data-URI prefix. Looks at most `MAX_RUN` characters each way.
 */
const MAX_RUN = 256;
const isB64 = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;

export function inEncodedData(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isB64(text.charCodeAt(i))) return false;
  let a = start;
  const floor = Math.max(0, start - MAX_RUN);
  while (a > floor && isB64(text.charCodeAt(a - 1))) a--;
  let b = end;
  const ceil = Math.min(text.length, end + MAX_RUN);
  while (b < ceil && isB64(text.charCodeAt(b))) b++;
  const len = b - a;
  // `sha512-…`, `sha1-…` integrity values and `base64,` data URIs: whatever follows is data.
  const before = text.slice(Math.max(0, a - 8), a).toLowerCase();
  if (/sha\d{1,3}-$|base64,$|md5-$/.test(before) && len >= 16) return true;
  if (len < 20) return false;
  let digits = 0;
  let upper = 0;
  let lower = 0;
  let switches = 0;
  let hex = true;
  let prev = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (isUpper(c)) upper++;
    else if (isLower(c)) lower++;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) hex = false;
    const kind = c >= 48 && c <= 57 ? 1 : isUpper(c) ? 2 : isLower(c) ? 3 : 4;
    if (prev !== 0 && kind !== prev) switches++;
    prev = kind;
  }
  if (hex && len >= 24 && digits > 0) return true;
  // Random base64 changes class (upper, lower, digit, symbol) at about two characters in three;
  // camelCase identifiers (`MultiScaleRetentionLayer2D`) at about one in three.
  return upper > 0 && lower > 0 && (digits >= 2 || len >= 40) && switches * 2 >= len;
}

/**
 * A minified or machine-written line: long, with fewer than one space in twenty characters
 * (prose and hand-written code have far more). Names are not looked for there.
 */
export function isMinifiedLine(text: string): boolean {
  if (text.length < 1000) return false;
  let spaces = 0;
  const n = Math.min(text.length, 20_000);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 32) spaces++;
  return spaces * 20 < n;
}

/** The key a name is ignored by: its letters and digits, lower-cased (`Use-CLA` → `usecla`). */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface MentionControls {
  /** Names never shown (`digestLens.hover.ignoreNames`), in any spelling. */
  ignoreNames?: readonly string[];
  /** Digests never shown (`digestLens.hover.ignoreDigests`). */
  ignoreDigests?: readonly string[];
}

/**
 * Mentions without the names and digests the user turned off: a mention keeps its other
 * digests; one left with none is dropped (an arXiv ID of a muted digest included, so it does not
 * turn into an "unknown ID" card).
 */
export function applyControls(mentions: readonly Mention[], controls: MentionControls): Mention[] {
  const names = new Set((controls.ignoreNames ?? []).map(nameKey).filter((k) => k !== ''));
  const digests = new Set(controls.ignoreDigests ?? []);
  if (names.size === 0 && digests.size === 0) return [...mentions];
  const out: Mention[] = [];
  for (const m of mentions) {
    if (m.kind === 'method' && m.name !== undefined && names.has(nameKey(m.name))) continue;
    if (digests.size === 0 || m.digests.length === 0) {
      out.push(m);
      continue;
    }
    const kept = m.digests.filter((id) => !digests.has(id));
    if (kept.length > 0) out.push(kept.length === m.digests.length ? m : { ...m, digests: kept });
  }
  return out;
}
