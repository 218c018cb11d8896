/**
 * Characters as the method-name matcher sees them: letters, digits and combining marks form
 * words; everything else separates them. Shared by the compiler of names and the line scanner
 * so that a name and the text that spells it reduce to the same key.
 */

export const enum CharClass {
  Other = 0,
  Lower = 1,
  Upper = 2,
  /** A letter without case (CJK, Hebrew…). */
  Caseless = 3,
  Digit = 4,
  Mark = 5,
}

export const enum Script {
  None = 0,
  Latin = 1,
  Greek = 2,
  Cyrillic = 3,
  Other = 4,
}

const LETTER = /\p{L}/u;
const NUMBER = /\p{Nd}/u;
const MARK = /\p{M}/u;

// Per-code-point results for non-ASCII text; bounded so a hostile file cannot grow it forever.
const cache = new Map<number, CharClass>();
const CACHE_LIMIT = 8192;

export function classify(cp: number): CharClass {
  if (cp < 128) {
    if (cp >= 97 && cp <= 122) return CharClass.Lower;
    if (cp >= 65 && cp <= 90) return CharClass.Upper;
    if (cp >= 48 && cp <= 57) return CharClass.Digit;
    return CharClass.Other;
  }
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  const ch = String.fromCodePoint(cp);
  let c: CharClass;
  if (LETTER.test(ch)) {
    if (ch.toLowerCase() !== ch) c = CharClass.Upper;
    else if (ch.toUpperCase() !== ch) c = CharClass.Lower;
    else c = CharClass.Caseless;
  } else if (NUMBER.test(ch)) c = CharClass.Digit;
  else if (MARK.test(ch)) c = CharClass.Mark;
  else c = CharClass.Other;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cp, c);
  return c;
}

export function scriptOf(cp: number): Script {
  if (cp < 0x250 || (cp >= 0x1e00 && cp <= 0x1eff)) return Script.Latin;
  if (cp >= 0x370 && cp <= 0x3ff) return Script.Greek;
  if (cp >= 0x400 && cp <= 0x52f) return Script.Cyrillic;
  return Script.Other;
}

/** Lower-cases one character, keeping it when lower-casing would change its length (`İ`). */
export function lowerChar(ch: string): string {
  const l = ch.toLowerCase();
  return l.length === ch.length ? l : ch;
}

/**
 * Greek letters spelled out, so `Δ-IRIS` is also found as `DeltaIRIS` / `delta_iris` and `μP` as
 * `muP`: identifiers are usually ASCII.
 */
const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', ο: 'omicron', π: 'pi', ρ: 'rho',
  σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  µ: 'mu', // U+00B5 MICRO SIGN, which is what most keyboards type for μ
};

export function transliterateGreek(name: string): string | undefined {
  let greek = false;
  for (let i = 0; i < name.length && !greek; i++) {
    const c = name.charCodeAt(i);
    greek = c === 0xb5 || (c >= 0x370 && c <= 0x3ff);
  }
  if (!greek) return undefined;
  let changed = false;
  let out = '';
  for (const ch of name) {
    const lower = ch.toLowerCase();
    const word = GREEK[lower] ?? GREEK[ch];
    if (word) {
      changed = true;
      out += ch !== lower ? word[0].toUpperCase() + word.slice(1) : word;
    } else out += ch;
  }
  return changed ? out : undefined;
}
