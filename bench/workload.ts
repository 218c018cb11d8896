/**
 * What the benchmark hovers, scans and searches: a 10,000-line source file that mentions the
 * corpus the way ML code does, a 100 KB minified line, hover positions and search queries.
 * Seeded like the corpus, so every run measures the same work.
 */
import { QUERY_WORDS, Rng } from './synthetic';

/** All the workload needs of a digest; the loaded index entries qualify. */
export interface NamedDigest {
  methods: readonly string[];
  arxiv: readonly string[];
}

export interface HoverPoint {
  line: number;
  character: number;
}

const CODE_TEMPLATES: ((n: string, a: string, r: Rng) => string)[] = [
  (n) => `        self.${snake(n)} = ${camel(n)}Block(d_model, n_heads=8, dropout=0.1)`,
  (n) => `from models.${snake(n)} import ${camel(n)}Config, build_${snake(n)}`,
  (_n, a) => `    # Follows arXiv:${a}; the mask is applied before the softmax.`,
  (n) => `    out = ${snake(n)}_forward(x, cache=kv_cache, use_${snake(n)}=True)`,
  (n) => `    logger.info("using ${n} with %d layers", cfg.n_layers)`,
  (_n, a) => `# https://arxiv.org/abs/${a}v2 (see the appendix for the schedule)`,
  (n) => `class ${camel(n)}Attention(nn.Module):  # ${n} variant`,
  (n, _a, r) => `    ${r.pick(['q', 'k', 'v', 'h'])} = self.${snake(n)}(${r.pick(['q', 'k', 'v', 'h'])}).view(b, t, ${r.pick(['n_heads', 'n_kv', 'd_head'])}, -1)`,
];

const PLAIN_LINES = [
  '    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:',
  '        b, t, c = x.shape',
  '        q, k, v = self.qkv(x).split(self.d_model, dim=2)',
  '        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))',
  '        att = att.masked_fill(self.bias[:, :, :t, :t] == 0, float("-inf"))',
  '        y = self.resid_dropout(self.c_proj(y))',
  '    for step, batch in enumerate(loader):',
  '        loss = criterion(model(batch["input_ids"]), batch["labels"])',
  '        optimizer.zero_grad(set_to_none=True)',
  '        scaler.scale(loss).backward()',
  '    return {"loss": loss.item(), "lr": scheduler.get_last_lr()[0]}',
  '',
  '    # Keep the cache on the same device as the activations.',
  '    if cfg.compile and hasattr(torch, "compile"):',
  '        model = torch.compile(model, mode="max-autotune")',
  '    parser.add_argument("--warmup-steps", type=int, default=2000)',
];

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}

function camel(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

/** A Python-like file of `lines` lines; about one line in four mentions a digest. */
export function sourceFile(digests: readonly NamedDigest[], lines = 10_000, seed = 7): string[] {
  const r = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (r.chance(0.25)) {
      const d = r.pick(digests);
      const name = r.pick(d.methods);
      const arxiv = d.arxiv[0] ?? `${r.int(19, 24)}${String(r.int(1, 12)).padStart(2, '0')}.${r.int(10000, 99999)}`;
      out.push(r.pick(CODE_TEMPLATES)(name, arxiv, r));
    } else out.push(r.pick(PLAIN_LINES));
  }
  return out;
}

/** Hover positions on non-empty lines: half on a random character, half on a word start. */
export function hoverPoints(lines: readonly string[], count: number, seed = 11): HoverPoint[] {
  const r = new Rng(seed);
  const out: HoverPoint[] = [];
  while (out.length < count) {
    const line = r.int(0, lines.length - 1);
    const text = lines[line];
    if (text.length === 0) continue;
    let character = r.int(0, text.length - 1);
    if (r.chance(0.5)) {
      const words = [...text.matchAll(/[A-Za-zΑ-Ωα-ω]\w*/g)];
      if (words.length > 0) character = (r.pick(words).index ?? 0) + 1;
    }
    out.push({ line, character });
  }
  return out;
}

/** One line of minified JavaScript, ~`size` characters, with a few mentions inside. */
export function minifiedLine(digests: readonly NamedDigest[], size = 100_000, seed = 13): string {
  const r = new Rng(seed);
  const ident = (): string => r.pick(['e', 't', 'n', 'r', 'i', 'o', 's', 'a', 'u', 'c', 'l', 'd', 'f', 'p', 'h']) + (r.chance(0.3) ? String(r.int(0, 9)) : '');
  const pieces: string[] = [];
  let length = 0;
  while (length < size) {
    let p: string;
    const k = r.next();
    if (k < 0.02) p = `${ident()}.${snake(r.pick(r.pick(digests).methods))}(${ident()})`;
    else if (k < 0.5) p = `${ident()}=${ident()}(${ident()},${ident()})`;
    else if (k < 0.7) p = `function(${ident()},${ident()}){return ${ident()}[${r.int(0, 999)}]}`;
    else if (k < 0.85) p = `"${r.pick(['use strict', 'default', 'length', 'prototype', 'object'])}"`;
    else p = `${ident()}&&${ident()}.${ident()}`;
    pieces.push(p);
    length += p.length + 1;
  }
  return pieces.join(';').slice(0, size);
}

export interface Query {
  kind: 'method' | 'title' | 'russian' | 'typo';
  text: string;
}

/** 200 queries: method names, English title words, Russian words, and typos of names. */
export function searchQueries(digests: readonly NamedDigest[], count = 200, seed = 17): Query[] {
  const r = new Rng(seed);
  const out: Query[] = [];
  const typo = (s: string): string => {
    if (s.length < 4) return s + r.pick(['x', 'e', 's']);
    const at = r.int(1, s.length - 2);
    const op = r.int(0, 2);
    if (op === 0) return s.slice(0, at) + s.slice(at + 1); // deletion
    if (op === 1) return s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2); // transposition
    return s.slice(0, at) + r.pick([...'aeiourtn']) + s.slice(at + 1); // substitution
  };
  for (let i = 0; out.length < count; i++) {
    const d = r.pick(digests);
    switch (i % 4) {
      case 0:
        out.push({ kind: 'method', text: r.chance(0.3) ? r.pick(d.methods).toLowerCase() : r.pick(d.methods) });
        break;
      case 1: {
        const a = r.pick(QUERY_WORDS.en);
        out.push({ kind: 'title', text: r.chance(0.5) ? `${a} ${r.pick(QUERY_WORDS.en)}` : a });
        break;
      }
      case 2:
        out.push({ kind: 'russian', text: r.chance(0.3) ? `${r.pick(QUERY_WORDS.ru)} ${r.pick(QUERY_WORDS.ru)}` : r.pick(QUERY_WORDS.ru) });
        break;
      default:
        out.push({ kind: 'typo', text: typo(r.chance(0.5) ? r.pick(d.methods) : r.pick(QUERY_WORDS.en)) });
    }
  }
  return out;
}
