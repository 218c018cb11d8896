/**
 * Shapes shared by every part of Digest Lens. Pure data: nothing here may import `vscode`,
 * so the same types serve the extension (desktop and web), the CLI and the tests.
 */

export type Lang = 'ru' | 'en';
export type DigestKind = 'paper' | 'multi-paper';

export interface SourceInfo {
  /** Channel or site name, e.g. "rizzearch", "Habr", "alphaXiv". */
  name: string;
  url?: string;
  /** ISO date (YYYY-MM-DD) when known. */
  date?: string;
}

/** One paper covered by a multi-paper digest. */
export interface PaperRef {
  title: string;
  arxiv?: string;
  authors?: string[];
  year?: number;
}

/**
 * What a reader needs to know what a paper is about without opening it; curated by hand and
 * verified (README, "The digest format"). Every field may be absent: drafts start without them.
 */
export interface CuratedFields {
  /** English, 1–2 sentences, at most 280 characters: what the paper proposes and its main result. */
  tldr?: string;
  /** The same in Russian. */
  tldr_ru?: string;
  /** As on the paper; a long list may end in "et al.". */
  authors?: string[];
  year?: number;
  venue?: string;
  /** Official repositories (http(s) URLs). */
  code?: string[];
  /** Paper pages for papers not on arXiv: OpenReview, conference, blog (http(s) URLs). */
  links?: string[];
  /** Names code uses for the official implementation: package, module, repository. */
  aliases?: string[];
  /** The body is only the opening of a longer article (at `source.url`). */
  excerpt?: boolean;
}

/** Front matter of a digest file, as written in `digests/*.md`. */
export interface DigestMeta extends CuratedFields {
  id: string;
  title: string;
  title_ru?: string;
  arxiv: string[];
  methods: string[];
  topics: string[];
  source: SourceInfo;
  lang: Lang;
  kind: DigestKind;
  papers?: PaperRef[];
  /** Curated: what the paper proposes and its main result, in English and in Russian. */
  tldr?: string;
  tldr_ru?: string;
  /** Curated: names code uses for the official implementation (package, module, repository). */
  aliases?: string[];
}

/** A digest as the corpus holds it: metadata, a derived summary, where it came from. */
export interface DigestEntry extends DigestMeta {
  /** First sentences of the body, plain text (derived at build / load time). */
  summary: string;
  /** `bundled`, or the URI string / path of the user folder the file came from. */
  origin: string;
  /** Path or URI of the source file, for messages and "reveal file". */
  file?: string;
}

export interface Digest extends DigestEntry {
  body: string;
}

export interface Topic {
  id: string;
  label: string;
  label_ru: string;
}

export type Severity = 'error' | 'warning';

/** A problem found in an input file; `line`/`column` are 0-based when present. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: Severity;
}

/** What the recognizer reports for one mention (0-based positions, UTF-16 offsets). */
export interface Mention {
  line: number;
  character: number;
  endCharacter: number;
  text: string;
  kind: 'arxiv' | 'method';
  /** Normalized arXiv ID for `kind: 'arxiv'` (no version suffix). */
  arxiv?: string;
  /** Ids of matching digests; empty for an arXiv ID not in the corpus. */
  digests: string[];
  /** For `kind: 'method'`: the corpus's spelling of the name (`CLA` for `use_cla`). */
  name?: string;
}
