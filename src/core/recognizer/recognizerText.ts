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
  /** Original offset where the code point of each unit starts / ends (first `low.length` used). */
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

// Working buffers shared by every call (JavaScript runs one scan at a time): a scan of a line or
// a name allocates only its result strings. Grown on demand, never shrunk below the first size.
let capacity = 0;
let startBuf = new Int32Array(0);
let endBuf = new Int32Array(0);
let kindBuf = new Uint8Array(0);
let clsBuf = new Uint8Array(0);
let lowBuf = new Uint16Array(0);
let casedBuf = new Uint16Array(0);

function ensure(span: number): void {
  if (span + 1 <= capacity) return;
  capacity = Math.max(span + 1, 1024, capacity * 2);
  startBuf = new Int32Array(capacity);
  endBuf = new Int32Array(capacity);
  kindBuf = new Uint8Array(capacity);
  clsBuf = new Uint8Array(capacity);
  lowBuf = new Uint16Array(capacity);
  casedBuf = new Uint16Array(capacity);
}

function unitsToString(units: Uint16Array, n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return out;
}

/**
 * The skeleton of `text[from, to)`. The typed arrays of the result are shared buffers, longer
 * than the skeleton (`low.length` is its length) and valid until the next call, which is all a
 * scan needs.
 */
export function skeletonize(text: string, from = 0, to = text.length): Skeleton {
  ensure(to - from);
  const start = startBuf;
  const end = endBuf;
  const kind = kindBuf;
  const cls = clsBuf;
  const lowU = lowBuf;
  const casedU = casedBuf;
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
    const unit = text.charCodeAt(i);
    const cp = unit >= 0xd800 && unit <= 0xdbff && i + 1 < to ? text.codePointAt(i)! : unit;
    const w = cp > 0xffff ? 2 : 1;
    let c = classify(cp);
    if (c === CharClass.Other) {
      gap++;
      gapChar = cp;
      i += w;
      continue;
    }
    if (c === CharClass.Mark && (n === 0 || gap > 0)) c = CharClass.Caseless;
    const script = cp < 128 ? Script.Latin : isLetter(c) ? scriptOf(cp) : Script.None;
    let k: Boundary;
    if (n === 0) k = Boundary.Hard;
    else if (gap > 0) k = gap === 1 ? joinerKind(gapChar, prevCls, c) : Boundary.Hard;
    else if (c === CharClass.Mark) k = Boundary.None;
    else if (prevCls === CharClass.Lower && c === CharClass.Upper) k = Boundary.Camel;
    else if ((isLetter(prevCls) && c === CharClass.Digit) || (prevCls === CharClass.Digit && isLetter(c))) k = Boundary.Camel;
    else if (script !== prevScript && isLetter(c) && isLetter(prevCls) && script !== Script.None && prevScript !== Script.None) k = Boundary.Script;
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
    if (w === 1) {
      casedU[n] = unit;
      if (cp < 128) lowU[n] = cp >= 65 && cp <= 90 ? cp + 32 : cp;
      else lowU[n] = lowerChar(text[i]).charCodeAt(0);
      start[n] = i;
      end[n] = i + 1;
      cls[n] = c;
      kind[n] = k;
      n++;
    } else {
      const lower = lowerChar(text.slice(i, i + 2));
      for (let u = 0; u < 2; u++) {
        casedU[n] = text.charCodeAt(i + u);
        lowU[n] = lower.charCodeAt(u);
        start[n] = i;
        end[n] = i + 2;
        cls[n] = c;
        kind[n] = u === 0 ? k : Boundary.None;
        n++;
      }
    }
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
  return {
    low: unitsToString(lowU, n),
    cased: unitsToString(casedU, n),
    start,
    end,
    kind,
    cls,
  };
}
