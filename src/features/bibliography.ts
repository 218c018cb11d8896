import * as vscode from 'vscode';
import { citationDigests, citationLookup, MAX_BIB_BYTES, MAX_BIB_FILES, parseBib } from '../core/recognizer';
import { Citations } from '../core/recognizer';
import { Feature } from './deps';

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
    const citations: Citations = citationDigests(entries, citationLookup(deps.corpus.corpus.entries));
    if (mine === generation) deps.citations.set(citations.size > 0 ? citations : undefined);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.bib');
  const reload = () => void load().catch((e: unknown) => deps.log.warn(`bibliography: ${String(e)}`));
  context.subscriptions.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload), deps.corpus.onDidChange(reload));
  void deps.corpus.ready.then(reload);
  return undefined;
};
