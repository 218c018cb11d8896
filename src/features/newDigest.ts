import * as vscode from 'vscode';
import { uiLang as uiLangOf } from '../core/render';
import type { NewDigestInput } from '../core/digestFile';
import { digestFiles } from './lazyCore';
import type { Lang } from '../core/types';
import { plainText } from '../core/text';
import { RefusedWrite, writeFileNoLinks } from './safeWrite';
import type { Feature, FeatureDeps } from './deps';
import { display, firstExtraFolder, isExtraFolder, offerToAddFolder, pickFolder, takenNames } from './folders';

/** Optional arguments (tests, other commands): given values skip the matching dialog. */
export interface NewDigestArgs {
  /** An arXiv ID or a title, as typed in the input box. */
  query?: string;
  /** URI of the folder to create the file in. */
  folder?: string;
  /** Open the new file in an editor (default true). */
  open?: boolean;
}

export interface NewDigestResult {
  id: string;
  uri: string;
}

function inputError(input: NewDigestInput): string | undefined {
  if (input.kind !== 'invalid') return undefined;
  switch (input.reason) {
    case 'empty':
      return vscode.l10n.t('Type an arXiv ID or the paper title.');
    case 'too-long':
      return vscode.l10n.t('That is too long for a title.');
    case 'control-characters':
      return vscode.l10n.t('The title cannot contain line breaks or control characters.');
    default:
      return vscode.l10n.t('The title needs at least one letter or digit.');
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function today(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function uiLang(): Lang {
  return uiLangOf(vscode.env.language);
}

/** Creates a digest file from the template; never overwrites a file; returns what it created. */
export async function newDigest(deps: FeatureDeps, args: NewDigestArgs = {}): Promise<NewDigestResult | undefined> {
  const query =
    args.query ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('New Digest'),
      prompt: vscode.l10n.t('An arXiv ID (2405.18719, arXiv:2405.18719, an arxiv.org link) or the paper title'),
      placeHolder: '2405.18719',
      ignoreFocusOut: true,
      validateInput: (v) => inputError(digestFiles().classifyInput(v)),
    }));
  if (query === undefined) return undefined;
  const { baseId, classifyInput, digestTemplate, uniqueId } = digestFiles();
  const input = classifyInput(query);
  const error = inputError(input);
  if (error || input.kind === 'invalid') {
    void vscode.window.showErrorMessage(plainText(error));
    return undefined;
  }

  let folder = args.folder ? vscode.Uri.parse(args.folder) : firstExtraFolder(deps);
  let chosen = false;
  if (!folder) {
    folder = await pickFolder(vscode.l10n.t('Folder for your digests'));
    if (!folder) return undefined;
    chosen = true;
  }
  const existed = await exists(folder);
  try {
    await vscode.workspace.fs.createDirectory(folder);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot create the folder {0}: {1}', plainText(display(folder)), plainText(e instanceof Error ? e.message : String(e))));
    return undefined;
  }

  const names = await takenNames(folder);
  const corpus = deps.corpus.corpus;
  const arxiv = input.kind === 'arxiv' ? input.arxiv : undefined;
  const id = uniqueId(baseId(input.kind === 'arxiv' ? { arxiv } : { title: input.title }), (c) => names.has(c) || corpus.get(c) !== undefined);
  if (!id) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No free file name for this digest in {0}.', plainText(display(folder))));
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder, `${id}.md`);
  const knownTitle = arxiv ? corpus.byArxiv(arxiv).find((e) => e.kind === 'paper')?.title : undefined;
  const text = digestTemplate({
    id,
    ...(arxiv ? { arxiv } : { title: input.kind === 'title' ? input.title : undefined }),
    knownTitle,
    lang: uiLang(),
    date: today(),
    topics: corpus.topics,
  });
  try {
    // Never over an existing file or through a symbolic link (a dangling one included).
    await writeFileNoLinks(folder, uri, new TextEncoder().encode(text), 'new');
  } catch (e) {
    if (!(e instanceof RefusedWrite)) throw e;
    deps.log.error(`New digest not written: ${display(uri)}: ${e.message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} already exists; nothing was written.', plainText(display(uri))));
    return undefined;
  }
  deps.log.info(`New digest: ${display(uri)}`);

  if (args.open !== false) {
    const editor = await vscode.window.showTextDocument(uri, { preview: false });
    // Put the cursor on the first thing to fill in.
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('methods:'));
    if (line >= 0) editor.selection = new vscode.Selection(line, 'methods: ['.length, line, 'methods: ['.length);
  }
  if (chosen) void offerToAddFolder(deps, folder);
  // A folder that did not exist had no working watcher yet.
  else if (!existed && isExtraFolder(deps, folder)) void deps.corpus.reload();
  return { id, uri: uri.toString() };
}

/** Only well-typed fields are taken: the command can be run with anything (menus pass tree items). */
function readArgs(raw: unknown): NewDigestArgs {
  if (!raw || typeof raw !== 'object' || raw instanceof vscode.Uri) return {};
  const a = raw as Record<string, unknown>;
  return {
    ...(typeof a.query === 'string' ? { query: a.query } : {}),
    ...(typeof a.folder === 'string' ? { folder: a.folder } : {}),
    ...(typeof a.open === 'boolean' ? { open: a.open } : {}),
  };
}

export const activate: Feature = (_context, deps) => {
  deps.commands.register({
    'digestLens.newDigest': (args?: unknown) => newDigest(deps, readArgs(args)),
  });
};
