import * as vscode from 'vscode';
import { decodeDigestBytes, fileSizeProblem, idFromFileName } from '../core/digest';
import type { Draft, Existing } from '../core/import';
import { digestFiles, importer } from './lazyCore';
import type { DigestMeta } from '../core/types';
import { plainText } from '../core/text';
import type { Feature, FeatureDeps } from './deps';
import { RefusedWrite, writeFileNoLinks } from './safeWrite';
import { display, firstExtraFolder, isExtraFolder, listMarkdownFiles, offerToAddFolder, pickFolder, takenNames } from './folders';

/** A channel export with years of posts is tens of MB; beyond this it is not a chat export. */
export const MAX_EXPORT_BYTES = 100 * 1024 * 1024;

/** Optional arguments (tests, other commands): given values skip the matching dialog. */
export interface ImportArgs {
  /** URI of the `result.json` to import. */
  file?: string;
  /** URI of the folder to write drafts into. */
  target?: string;
}

export interface ImportSummary {
  format: string;
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Problems found in the export (errors and warnings). */
  problems: number;
  /** URIs of the files written (new and updated). */
  written: string[];
  /** Files not written because a symbolic link or another file was in the way. */
  refused?: string[];
  target: string;
}

function readArgs(raw: unknown): ImportArgs {
  if (!raw || typeof raw !== 'object' || raw instanceof vscode.Uri) return {};
  const a = raw as Record<string, unknown>;
  return {
    ...(typeof a.file === 'string' ? { file: a.file } : {}),
    ...(typeof a.target === 'string' ? { target: a.target } : {}),
  };
}

const showLog = (): string => vscode.l10n.t('Show Log');

function notify(kind: 'info' | 'error', message: string): void {
  const action = showLog();
  const shown = kind === 'error' ? vscode.window.showErrorMessage(message, action) : vscode.window.showInformationMessage(message, action);
  void shown.then((a) => {
    if (a === action) void vscode.commands.executeCommand('digestLens.showOutput');
  });
}

function sameDigest(a: DigestMeta & { body: string }, b: DigestMeta & { body: string }): boolean {
  return digestFiles().serializeDigest(a, a.body) === digestFiles().serializeDigest(b, b.body);
}

/** Digests already in the target folder (any depth), with the files they came from. */
async function readExisting(
  folder: vscode.Uri,
  topicIds: ReadonlySet<string>,
  log: FeatureDeps['log'],
): Promise<{ existing: (Existing & { uri: vscode.Uri })[]; names: Set<string> }> {
  const existing: (Existing & { uri: vscode.Uri })[] = [];
  let names = new Set<string>();
  let files: vscode.Uri[] = [];
  try {
    const { uris, listing } = await listMarkdownFiles(folder);
    files = uris;
    for (const m of listing.problems) log.warn(m);
  } catch {
    return { existing, names }; // a new folder
  }
  try {
    names = await takenNames(folder);
  } catch {
    /* listed above; nothing more to learn */
  }
  for (const uri of files) {
    names.add(idFromFileName(uri.path).toLowerCase());
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (fileSizeProblem(stat.size)) continue;
      const decoded = decodeDigestBytes(await vscode.workspace.fs.readFile(uri));
      if ('problem' in decoded) continue;
      const { digest } = digestFiles().parseDigestFile(decoded.text, uri.toString(), topicIds);
      if (digest) existing.push({ ...digest, uri });
    } catch (e) {
      log.warn(`${display(uri)}: not read (${e instanceof Error ? e.message : String(e)}); its name is kept free`);
    }
  }
  return { existing, names };
}

/** Imports a Telegram Desktop export (or any page the importer knows) as draft digests. */
export async function importTelegramExport(deps: FeatureDeps, args: ImportArgs = {}): Promise<ImportSummary | undefined> {
  const log = deps.log;
  let file = args.file ? vscode.Uri.parse(args.file) : undefined;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Telegram Export'),
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Import'),
      filters: { [vscode.l10n.t('Telegram Desktop export (result.json)')]: ['json'], [vscode.l10n.t('All files')]: ['*'] },
    });
    file = picked?.[0];
    if (!file) return undefined;
  }

  let text: string;
  try {
    const stat = await vscode.workspace.fs.stat(file);
    if (stat.size > MAX_EXPORT_BYTES) {
      notify('error', vscode.l10n.t('{0} is too large to import ({1} MB).', plainText(display(file)), Math.round(stat.size / 1024 / 1024)));
      return undefined;
    }
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch (e) {
    notify('error', vscode.l10n.t('Cannot read {0}: {1}', plainText(display(file)), plainText(e instanceof Error ? e.message : String(e))));
    return undefined;
  }
  const fileName = file.path.split('/').pop() ?? 'result.json';
  const result = importer().importSource(text, fileName);
  log.info(`Import ${display(file)}: ${result.format}, ${result.posts.length} post(s), ${result.skipped.length} skipped.`);
  for (const p of result.problems) {
    const line = `${display(file)}${p.line !== undefined ? `:${p.line + 1}` : ''}: ${p.message}`;
    if (p.severity === 'error') log.error(line);
    else log.warn(line);
  }
  if (result.drafts.length === 0) {
    const reason = result.problems.find((p) => p.severity === 'error')?.message;
    notify(
      'error',
      reason
        ? vscode.l10n.t('Nothing imported from {0}: {1}', plainText(fileName), plainText(reason))
        : vscode.l10n.t('Nothing imported from {0}: no paper digests found ({1} posts skipped).', plainText(fileName), result.skipped.length),
    );
    for (const s of result.skipped) log.info(`  skipped (line ${s.line + 1}): ${s.reason}${s.excerpt ? ` — «${s.excerpt}»` : ''}`);
    return { format: result.format, imported: 0, updated: 0, unchanged: 0, skipped: result.skipped.length, problems: result.problems.length, written: [], target: args.target ?? '' };
  }

  let target = args.target ? vscode.Uri.parse(args.target) : undefined;
  const chosen = !target;
  if (!target) {
    target = await pickFolder(vscode.l10n.t('Folder for the imported drafts'), firstExtraFolder(deps));
    if (!target) return undefined;
  }
  const existedBefore = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  await vscode.workspace.fs.createDirectory(target);

  const corpus = deps.corpus.corpus;
  const topicIds = new Set(corpus.topics.map((t) => t.id));
  const { existing, names } = await readExisting(target, topicIds, log);
  // New drafts are named by the importer's one rule (src/core/import/merge): free in the folder
  // (any file name there, even of a broken file or a link) and in the corpus.
  const plan = importer().planImport(result.drafts, existing, sameDigest, names, (id) => corpus.get(id) !== undefined);
  const written: string[] = [];
  const refused: string[] = [];
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  const write = async (uri: vscode.Uri, d: Draft, mode: 'new' | 'replace'): Promise<boolean> => {
    try {
      await writeFileNoLinks(target, uri, new TextEncoder().encode(digestFiles().serializeDigest(d, d.body)), mode);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      log.error(`  not written: ${display(uri)}: ${why}`);
      if (!(e instanceof RefusedWrite)) throw e;
      refused.push(display(uri));
      return false;
    }
    written.push(uri.toString());
    return true;
  };
  for (const item of plan) {
    if (item.status === 'unchanged') {
      unchanged++;
      log.info(`  unchanged: ${item.digest.id}`);
      continue;
    }
    if (item.status === 'updated') {
      const match = existing.find((e) => e.id === item.existingId);
      if (match) {
        if (await write(match.uri, item.digest, 'replace')) {
          updated++;
          log.info(`  updated: ${display(match.uri)}`);
        }
        continue;
      }
    }
    const uri = vscode.Uri.joinPath(target, `${item.digest.id}.md`);
    if (await write(uri, item.digest, 'new')) {
      imported++;
      log.info(`  new: ${display(uri)}`);
    }
  }
  for (const s of result.skipped) log.info(`  skipped (line ${s.line + 1}): ${s.reason}${s.excerpt ? ` — «${s.excerpt}»` : ''}`);
  for (const m of result.merged) log.info(`  duplicate post at line ${m.line + 1} merged with line ${m.keptLine + 1}: ${m.title}`);
  const summary = `Imported ${imported}, updated ${updated}, unchanged ${unchanged}, skipped ${result.skipped.length}.`;
  log.info(`${summary} Drafts are in ${display(target)}; fill in methods and topics.`);
  notify('info', vscode.l10n.t('Imported {0}, updated {1}, skipped {2}.', imported, updated, result.skipped.length));
  if (refused.length > 0) {
    notify('error', vscode.l10n.t('{0} file(s) not written: a symbolic link or another file is in the way ({1}).', refused.length, plainText(refused[0])));
  }

  if (chosen) void offerToAddFolder(deps, target);
  // Watchers report the new files; a folder that did not exist had none yet.
  if (!existedBefore && isExtraFolder(deps, target)) void deps.corpus.reload();
  return {
    format: result.format,
    imported,
    updated,
    unchanged,
    skipped: result.skipped.length,
    problems: result.problems.length,
    written,
    refused,
    target: target.toString(),
  };
}

export const activate: Feature = (_context, deps) => {
  deps.commands.register({
    'digestLens.importTelegramExport': (args?: unknown) => importTelegramExport(deps, readArgs(args)),
  });
};
