import * as fs from 'node:fs';
import * as path from 'node:path';
import { toEntry } from '../core/corpus';
import { Corpus } from '../core/corpus';
import { MAX_DIGEST_BYTES } from '../core/digest';
import { parseDigestFile } from '../core/digestFile';
import { renderDigestHtml } from '../core/view';
import { parseTopics } from '../core/digestFile';
import { Lang, Topic } from '../core/types';
import { formatProblem } from './format';
import { CliIO } from './io';
import { langOption } from './l10n';
import { loadBundledCorpus } from './loadBundle';
import { readArgs } from './options';

const USAGE = 'usage: render <digest id | file.md> [--lang en|ru]';

/**
 * `render <id | file.md>`: the HTML body the digest view shows, from the same renderer.
 * A file is parsed like any digest file and rendered against the bundled corpus (for topic
 * names and related digests) when the bundle is there.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const read = readArgs(args, { lang: 'string' });
  const lang: Lang | undefined = 'error' in read ? undefined : langOption(read.values.lang);
  if ('error' in read || !lang || read.positionals.length !== 1) {
    io.err('error' in read ? `render: ${read.error}\n${USAGE}` : USAGE);
    return 2;
  }
  const positional = read.positionals;
  const target = positional[0];
  const file = path.resolve(io.cwd, target);
  const isFile = /\.md$/i.test(target) || (fs.existsSync(file) && fs.statSync(file).isFile());
  return isFile ? renderFile(file, lang, io) : renderId(target, lang, io);
}

async function renderId(id: string, lang: Lang, io: CliIO): Promise<number> {
  const { corpus } = loadBundledCorpus();
  const entry = corpus.get(id);
  if (!entry) {
    io.err(`render: no digest with id "${id}" in the bundled corpus`);
    return 1;
  }
  const body = (await corpus.body(id)) ?? '';
  io.out(renderDigestHtml({ ...entry, body }, { corpus, related: corpus.related(id), lang }));
  return 0;
}

async function renderFile(file: string, lang: Lang, io: CliIO): Promise<number> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    io.err(`render: ${file}: no such file`);
    return 1;
  }
  // Checked before reading: a multi-gigabyte file must not be pulled into memory first.
  if (!stat.isFile() || stat.size > MAX_DIGEST_BYTES * 4) {
    io.err(`render: ${file}: not a digest file (${stat.isFile() ? `${stat.size} bytes` : 'not a regular file'})`);
    return 1;
  }
  const bundled = tryBundle();
  const topics = bundled?.topics ?? siblingTopics(file);
  const text = fs.readFileSync(file, 'utf8');
  const { digest, problems } = parseDigestFile(text, file, new Set(topics.map((t) => t.id)), { rules: 'user' });
  for (const p of problems) io.err(formatProblem(p));
  if (!digest) return 1;
  const entry = toEntry({ ...digest, file }, file);
  // The file wins over a bundled digest with the same id: it is what the author is editing.
  const others = bundled ? bundled.corpus.entries.filter((e) => e.id !== entry.id) : [];
  const corpus = new Corpus([entry, ...others], topics, async () => undefined);
  io.out(renderDigestHtml({ ...entry, body: digest.body }, { corpus, related: corpus.related(entry.id), lang }));
  // Problems are shown, but whatever parsed is still rendered: checking is `validate`'s job.
  return 0;
}

function tryBundle(): { corpus: Corpus; topics: Topic[] } | undefined {
  try {
    const { corpus, index } = loadBundledCorpus();
    return { corpus, topics: index.topics };
  } catch {
    return undefined;
  }
}

/** Without a bundle, the vocabulary next to the file (`digests/topics.yaml`) names topics. */
function siblingTopics(file: string): Topic[] {
  const yaml = path.join(path.dirname(file), 'topics.yaml');
  if (!fs.existsSync(yaml)) return [];
  return parseTopics(fs.readFileSync(yaml, 'utf8'), yaml).topics;
}
