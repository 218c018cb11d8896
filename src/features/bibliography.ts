import * as vscode from 'vscode';
import { BibEntry, citationDigests, citationLookup, MAX_BIB_BYTES, MAX_BIB_FILES, parseBib } from '../core/recognizer';
import { Citations } from '../core/recognizer';
import { Feature } from './deps';

/**
 * The workspace's `.bib` files, resolved against the corpus: `\cite{key}` and `[@key]` become
 * mentions of the digest the entry's eprint, arXiv URL or exact title names. Re-read when a
 * `.bib` file or the corpus changes.
 */
export const activate: Feature = (context, deps) => {
  let generation = 0;
  // The parsed entries depend on the .bib files only: read again when one changes; a corpus
  // change only resolves the same entries against the new corpus.
  let read: Promise<BibEntry[]> | undefined;
  const readEntries = async (): Promise<BibEntry[]> => {
    if (!vscode.workspace.workspaceFolders?.length) return [];
    const files = await vscode.workspace.findFiles('**/*.bib', '**/node_modules/**', MAX_BIB_FILES);
    const entries: BibEntry[] = [];
    for (const uri of files) {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BIB_BYTES) continue;
        entries.push(...parseBib(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))));
      } catch {
        // unreadable: skipped
      }
    }
    return entries;
  };
  const resolve = async (): Promise<void> => {
    const mine = ++generation;
    const entries = await (read ??= readEntries());
    const citations: Citations = citationDigests(entries, citationLookup(deps.corpus.corpus.entries));
    if (mine === generation) deps.citations.set(citations.size > 0 ? citations : undefined);
  };
  const run = (): void => void resolve().catch((e: unknown) => deps.log.warn(`bibliography: ${String(e)}`));
  const reread = (): void => {
    read = undefined;
    run();
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.bib');
  context.subscriptions.push(watcher, watcher.onDidChange(reread), watcher.onDidCreate(reread), watcher.onDidDelete(reread), deps.corpus.onDidChange(run));
  void deps.corpus.ready.then(run);
  return undefined;
};
