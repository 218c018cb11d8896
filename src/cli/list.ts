import { CliIO } from './io';
import { readBundleIndex } from './loadBundle';

/** `list`: the metadata of every bundled digest, in the field order DESIGN.md gives, then the curated fields (absent: null, [] or false). */
export async function run(_args: string[], io: CliIO): Promise<number> {
  const index = readBundleIndex();
  const rows = index.digests.map((d) => ({
    id: d.id,
    title: d.title,
    title_ru: d.title_ru ?? null,
    arxiv: d.arxiv,
    methods: d.methods,
    topics: d.topics,
    source: d.source,
    lang: d.lang,
    kind: d.kind,
    tldr: d.tldr ?? null,
    tldr_ru: d.tldr_ru ?? null,
    authors: d.authors ?? [],
    year: d.year ?? null,
    venue: d.venue ?? null,
    code: d.code ?? [],
    links: d.links ?? [],
    aliases: d.aliases ?? [],
    excerpt: d.excerpt === true,
    ...(d.papers ? { papers: d.papers } : {}),
  }));
  io.out(JSON.stringify(rows, null, 2));
  return 0;
}
