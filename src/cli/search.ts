import { CliIO } from './io';
import { loadBundledCorpus } from './loadBundle';
import { bundleSearch } from '../core/search';

/** `search <query>`: digest ids, best first (same index and ranking as the QuickPick). */
export async function run(args: string[], io: CliIO): Promise<number> {
  const query = args.join(' ').trim();
  if (!query) {
    io.err('search: missing <query>');
    return 2;
  }
  const { corpus, index } = loadBundledCorpus();
  const search = bundleSearch(index, corpus);
  io.out(JSON.stringify(search.search(query).map((h) => h.id)));
  return 0;
}
