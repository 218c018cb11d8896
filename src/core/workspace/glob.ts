/**
 * Glob patterns as `files.exclude`, `search.exclude` and the workspace search understand them
 * (`**`, `*`, `?`, `[…]`, one level of `{a,b}`), matched against a `/`-separated relative
 * path. A file search provider may ignore the excludes it is given (the web test host's does),
 * so a scan checks its results itself. Patterns come from settings and `.gitignore` files, so
 * matching uses no regular expressions: a segment is matched by the two-pointer wildcard
 * algorithm and `**` by a table over segments, O(pattern × path) whatever the pattern.
 */
const MAX_PATTERN = 500;
const MAX_ALTERNATIVES = 64;

type Token = { t: 'lit'; c: string } | { t: 'any' } | { t: 'star' } | { t: 'class'; neg: boolean; items: (string | [string, string])[] };
/** A compiled pattern: segments, `**` as null. */
type Compiled = (Token[] | null)[];

/** `a{b,c}d` → `abd`, `acd` (one level; a nested or unclosed brace makes the pattern unusable). */
function expandBraces(glob: string): string[] | undefined {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  const close = glob.indexOf('}', open);
  if (close < 0 || glob.slice(open + 1, close).includes('{')) return undefined;
  const rest = expandBraces(glob.slice(close + 1));
  if (!rest) return undefined;
  const out: string[] = [];
  for (const alt of glob.slice(open + 1, close).split(',')) for (const r of rest) out.push(glob.slice(0, open) + alt + r);
  return out.length <= MAX_ALTERNATIVES ? out : undefined;
}

function tokens(segment: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      while (segment[i + 1] === '*') i++;
      out.push({ t: 'star' });
    } else if (c === '?') out.push({ t: 'any' });
    else if (c === '[' && segment.indexOf(']', i + 2) > i) {
      const end = segment.indexOf(']', i + 2);
      let body = segment.slice(i + 1, end);
      const neg = body.startsWith('!') || body.startsWith('^');
      if (neg) body = body.slice(1);
      const items: (string | [string, string])[] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          items.push([body[k], body[k + 2]]);
          k += 2;
        } else items.push(body[k]);
      }
      out.push({ t: 'class', neg, items });
      i = end;
    } else out.push({ t: 'lit', c });
  }
  return out;
}

function one(token: Token, ch: string): boolean {
  if (token.t === 'lit') return token.c === ch;
  if (token.t === 'any') return true;
  if (token.t === 'class') return token.items.some((it) => (typeof it === 'string' ? it === ch : it[0] <= ch && ch <= it[1])) !== token.neg;
  return false;
}

/** Wildcard match of one path segment: greedy with one remembered star, O(|p| × |s|). */
function matchSegment(p: Token[], s: string): boolean {
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    if (pi < p.length && p[pi].t !== 'star' && one(p[pi], s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi].t === 'star') {
      starP = pi++;
      starS = si;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else return false;
  }
  while (pi < p.length && p[pi].t === 'star') pi++;
  return pi === p.length;
}

function compile(glob: string): Compiled[] | undefined {
  if (glob.length === 0 || glob.length > MAX_PATTERN) return undefined;
  const alternatives = expandBraces(glob.replace(/\\/g, '/'));
  if (!alternatives) return undefined;
  return alternatives.map((alt) =>
    alt
      .replace(/^\/+/, '')
      .split('/')
      .filter((seg, i, all) => seg !== '' || i === all.length - 1)
      .map((seg) => (seg === '**' ? null : tokens(seg))),
  );
}

function matchPath(c: Compiled, parts: readonly string[]): boolean {
  // reach[j]: the pattern's first i segments can match the path's first j segments.
  let reach = new Array<boolean>(parts.length + 1).fill(false);
  reach[0] = true;
  for (const seg of c) {
    const next = new Array<boolean>(parts.length + 1).fill(false);
    if (seg === null) {
      let any = false;
      for (let j = 0; j <= parts.length; j++) {
        any = any || reach[j];
        next[j] = any;
      }
    } else {
      for (let j = 0; j < parts.length; j++) if (reach[j] && matchSegment(seg, parts[j])) next[j + 1] = true;
    }
    reach = next;
  }
  return reach[parts.length];
}

/** True when `glob` matches the whole relative path; false for a pattern it cannot use. */
export function globMatch(glob: string, relativePath: string): boolean {
  return excludeMatcher([glob])(relativePath, false);
}

/**
 * A test for relative paths: true when any pattern matches the path or, with `parents`, a
 * folder above it (`**\/node_modules` excludes what is below it, as the explorer and search do).
 */
export function excludeMatcher(globs: readonly string[]): (relativePath: string, parents?: boolean) => boolean {
  const compiled = globs.flatMap((g) => compile(g) ?? []);
  return (path, parents = true) => {
    const p = path.replace(/\\/g, '/').replace(/^\/+/, '');
    if (p.length > 4096) return true;
    const parts = p.split('/');
    for (let n = parts.length; n >= (parents ? 1 : parts.length); n--) {
      const prefix = parts.slice(0, n);
      if (compiled.some((c) => matchPath(c, prefix))) return true;
    }
    return false;
  };
}
