import * as vscode from 'vscode';
import { citationDigests, parseBib, titleKey } from '../core/bibliography';
import { normalizeArxivId } from '../core/arxiv';
import { Citations } from '../core/recognizer';
import { Feature } from './deps';
import { setCitations } from './documentMentions';

/** Bounds on reading the workspace's bibliographies. */
const MAX_BIB_FILES = 20;
const MAX_BIB_BYTES = 2 * 1024 * 1024;

/**
 * The workspace's `.bib` files, resolved against the corpus: `\cite{key}` and `[@key]` become
 * mentions of the digest the entry's eprint, arXiv URL or exact title names. Re-read when a
 * `.bib` file or the corpus changes.
 */
export const activate: Feature = (context, deps) => {
  let generation = 0;
  const load = async (): Promise<void> => {
    const mine = ++generation;
    if (!vscode.workspace.workspaceFolders?.length) return;
    const files = await vscode.workspace.findFiles('**/*.bib', '**/node_modules/**', MAX_BIB_FILES);
    const entries = [];
    for (const uri of files) {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BIB_BYTES) continue;
        entries.push(...parseBib(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))));
      } catch {
        // unreadable: skipped
      }
    }
    const corpus = deps.corpus.corpus;
    const titles = new Map<string, string[]>();
    for (const e of corpus.entries) {
      const k = titleKey(e.title);
      const list = titles.get(k);
      if (list) list.push(e.id);
      else titles.set(k, [e.id]);
    }
    const citations: Citations = citationDigests(entries, {
      byArxiv: (id) => corpus.byArxiv(normalizeArxivId(id)).map((e) => e.id),
      byTitle: (k) => titles.get(k) ?? [],
    });
    if (mine === generation) setCitations(citations.size > 0 ? citations : undefined);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.bib');
  const reload = () => void load().catch((e: unknown) => deps.log.warn(`bibliography: ${String(e)}`));
  context.subscriptions.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload), deps.corpus.onDidChange(reload));
  void deps.corpus.ready.then(reload);
  return undefined;
};
