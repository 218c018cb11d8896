/**
 * The naive matcher the recognizer is measured against: one case-insensitive regex per method
 * name, tried in turn. It is what a first version would do, and it does less than the
 * recognizer (no arXiv IDs, no sub-words, no case policy), so the comparison flatters it.
 */
export interface NaiveMatch {
  start: number;
  end: number;
  digests: string[];
}

interface Rule {
  re: RegExp;
  digests: string[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class NaiveMatcher {
  private readonly rules: Rule[] = [];

  constructor(entries: readonly { id: string; methods: readonly string[] }[]) {
    const byName = new Map<string, Rule>();
    for (const e of entries) {
      for (const name of e.methods) {
        const key = name.toLowerCase();
        let rule = byName.get(key);
        if (!rule) {
          // `\b` only knows ASCII words; names with other letters need Unicode look-arounds.
          const ascii = /^[\x00-\x7f]*$/.test(name);
          const re = ascii
            ? new RegExp(`\\b${escape(name)}\\b`, 'gi')
            : new RegExp(`(?<![\\p{L}\\p{N}_])${escape(name)}(?![\\p{L}\\p{N}_])`, 'giu');
          byName.set(key, (rule = { re, digests: [] }));
          this.rules.push(rule);
        }
        rule.digests.push(e.id);
      }
    }
  }

  get size(): number {
    return this.rules.length;
  }

  scanLine(text: string): NaiveMatch[] {
    const out: NaiveMatch[] = [];
    for (const { re, digests } of this.rules) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, digests });
    }
    return out;
  }

  mentionsAt(text: string, character: number): NaiveMatch[] {
    return this.scanLine(text).filter((m) => m.start <= character && character < m.end);
  }
}

/**
 * The peer a strong engineer would write first: every method name in one case-insensitive
 * alternation (longest first, so `RetNet-XL` wins over `RetNet`), with Unicode word edges, run
 * once over a line. Like the naive matcher it knows no arXiv IDs, sub-words or case policy.
 */
export class CombinedRegexMatcher {
  private readonly re: RegExp;
  private readonly digestsByName = new Map<string, string[]>();

  constructor(entries: readonly { id: string; methods: readonly string[] }[]) {
    for (const e of entries) {
      for (const name of e.methods) {
        const key = name.toLowerCase();
        const list = this.digestsByName.get(key);
        if (list) list.push(e.id);
        else this.digestsByName.set(key, [e.id]);
      }
    }
    const names = [...this.digestsByName.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${names.map(escape).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  }

  get size(): number {
    return this.digestsByName.size;
  }

  scanLine(text: string): NaiveMatch[] {
    const out: NaiveMatch[] = [];
    this.re.lastIndex = 0;
    for (let m = this.re.exec(text); m; m = this.re.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length, digests: this.digestsByName.get(m[0].toLowerCase()) ?? [] });
    }
    return out;
  }

  mentionsAt(text: string, character: number): NaiveMatch[] {
    return this.scanLine(text).filter((m) => m.start <= character && character < m.end);
  }
}
