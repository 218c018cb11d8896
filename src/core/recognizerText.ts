/**
 * Reduces text to its "skeleton": the letters and digits, lower-cased, with what stood between
 * them recorded as a boundary kind. A method name and the text that spells it (`MatMul-free`,
 * `matmul_free`, `MatMulFree`) reduce to the same key, and the boundary kinds say whether the
 * spelling sits in prose or inside an identifier. One pass, no regex over the text.
 */
import { CharClass, Script, classify, lowerChar, scriptOf } from './recognizerChars';

export const enum Boundary {
  /** Inside a word: never a place where a name may start or end. */
  None = 0,
  /** A case change or a letter/digit change inside an identifier (`Ret|Net`, `fox|2025`). */
  Camel = 1,
  /** Latin next to Greek or Cyrillic without a gap (`Δ|IRIS`, `RetNet|ом`). */
  Script = 2,
  Underscore = 3,
  Hyphen = 4,
  Space = 5,
  /** Start or end of text, or anything but one joining character between two words. */
  Hard = 6,
}

export interface Skeleton {
  /** Lower-cased letters, digits and marks; one UTF-16 unit per unit of the original. */
  low: string;
  /** The same units in their original case. */
  cased: string;
  /** Original offset where the code point of each unit starts / ends. */
  start: Int32Array;
  end: Int32Array;
  /** `kind[i]`: the boundary before unit `i`; `kind[low.length]` is always Hard. */
  kind: Uint8Array;
  cls: Uint8Array;
}

const isLetter = (c: CharClass): boolean => c === CharClass.Lower || c === CharClass.Upper || c === CharClass.Caseless;

function joinerKind(cp: number, prev: CharClass, next: CharClass): Boundary {
  if (cp === 95 /* _ */) return Boundary.Underscore;
  if (cp === 45 /* - */ || cp === 0x2010 || cp === 0x2011) return Boundary.Hyphen;
  if (cp === 32) return Boundary.Space;
  // `Llama-3.1`: a dot between digits joins a version, elsewhere it ends a sentence.
  if (cp === 46 && prev === CharClass.Digit && next === CharClass.Digit) return Boundary.Hyphen;
  return Boundary.Hard;
}

export function skeletonize(text: string, from = 0, to = text.length): Skeleton {
  const span = to - from;
  const start = new Int32Array(span);
  const end = new Int32Array(span);
  const kind = new Uint8Array(span + 1);
  const cls = new Uint8Array(span);
  let low = '';
  let cased = '';
  let n = 0;
  let gap = 0;
  let gapChar = 0;
  let prevCls = CharClass.Other;
  let prevScript = Script.None;
  // Units where the last two code points started, for the `PE|Attention` look-behind.
  let last = -1;
  let beforeLast = -1;
  let i = from;
  while (i < to) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff && i + 1 < to ? 2 : 1;
    let c = classify(cp);
    if (c === CharClass.Other) {
      gap++;
      gapChar = cp;
      i += w;
      continue;
    }
    if (c === CharClass.Mark && (n === 0 || gap > 0)) c = CharClass.Caseless;
    const script = isLetter(c) ? scriptOf(cp) : Script.None;
    let k: Boundary;
    if (n === 0) k = Boundary.Hard;
    else if (gap > 0) k = gap === 1 ? joinerKind(gapChar, prevCls, c) : Boundary.Hard;
    else if (c === CharClass.Mark) k = Boundary.None;
    else if (prevCls === CharClass.Lower && c === CharClass.Upper) k = Boundary.Camel;
    else if ((isLetter(prevCls) && c === CharClass.Digit) || (prevCls === CharClass.Digit && isLetter(c))) k = Boundary.Camel;
    else if (script !== prevScript && script !== Script.None && prevScript !== Script.None) k = Boundary.Script;
    else k = Boundary.None;
    if (
      k === Boundary.None &&
      c === CharClass.Lower &&
      prevCls === CharClass.Upper &&
      beforeLast >= 0 &&
      cls[beforeLast] === CharClass.Upper &&
      kind[last] === Boundary.None
    ) {
      // An acronym followed by a capitalized word: `CoPE|Attention`, `XML|Parser`.
      kind[last] = Boundary.Camel;
    }
    const ch = w === 2 ? text.slice(i, i + 2) : text[i];
    const lower = lowerChar(ch);
    for (let u = 0; u < w; u++) {
      start[n] = i;
      end[n] = i + w;
      cls[n] = c;
      kind[n] = u === 0 ? k : Boundary.None;
      n++;
    }
    low += lower;
    cased += ch;
    beforeLast = last;
    last = n - w;
    if (c !== CharClass.Mark) {
      prevCls = c;
      prevScript = script;
    }
    gap = 0;
    i += w;
  }
  kind[n] = Boundary.Hard;
  return { low, cased, start: start.subarray(0, n), end: end.subarray(0, n), kind: kind.subarray(0, n + 1), cls: cls.subarray(0, n) };
}
