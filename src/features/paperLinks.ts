import * as vscode from 'vscode';
import { plainText } from '../core/text';
import { arxivLinks, ArxivLinks, isArxivId, normalizeArxivId } from '../core/arxiv';
import { bibtex } from '../core/render';
import { DigestEntry } from '../core/types';
import { Feature, FeatureDeps } from './deps';

/**
 * What a command receives: a tree node (`{ digest }`), a digest id, `{ id }`, `{ arxiv }` for
 * an ID that has no digest (hover cards of unknown papers), or nothing.
 */
type Target = { entry: DigestEntry } | { arxiv: string };

interface DigestPick extends vscode.QuickPickItem {
  entry: DigestEntry;
}

async function resolveTarget(arg: unknown, deps: FeatureDeps): Promise<Target | undefined> {
  await deps.corpus.ready;
  const corpus = deps.corpus.corpus;
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { digest?: unknown; id?: unknown; arxiv?: unknown };
    if (isEntry(o.digest)) return { entry: corpus.get(o.digest.id) ?? o.digest };
    if (typeof o.id === 'string') return fromId(o.id, deps);
    if (typeof o.arxiv === 'string' && isArxivId(normalizeArxivId(o.arxiv))) return { arxiv: normalizeArxivId(o.arxiv) };
  }
  if (typeof arg === 'string') return fromId(arg, deps);
  // From the digest view's title bar the command gets no usable argument: use its digest.
  const shown = deps.digestOnScreen.id;
  if (shown && corpus.get(shown)) return { entry: corpus.get(shown)! };
  if (arg !== undefined && !(arg instanceof vscode.Uri)) {
    deps.log.warn(`Paper link command: unusable argument ${typeof arg}`);
  }
  return pickDigest(deps);
}

function isEntry(v: unknown): v is DigestEntry {
  return typeof v === 'object' && v !== null && typeof (v as DigestEntry).id === 'string' && Array.isArray((v as DigestEntry).arxiv);
}

function fromId(id: string, deps: FeatureDeps): Target | undefined {
  const entry = deps.corpus.corpus.get(id);
  if (entry) return { entry };
  void vscode.window.showWarningMessage(vscode.l10n.t('Digest "{0}" was not found.', plainText(id, 120)));
  return undefined;
}

async function pickDigest(deps: FeatureDeps): Promise<Target | undefined> {
  const items: DigestPick[] = [...deps.corpus.corpus.entries]
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((entry) => ({ entry, label: plainText(entry.title), description: plainText([entry.arxiv.join(', '), entry.methods.slice(0, 3).join(', ')].filter(Boolean).join(' · ')) }));
  const pick = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Choose a digest'),
    matchOnDescription: true,
  });
  return pick ? { entry: pick.entry } : undefined;
}

function validIds(entry: DigestEntry): string[] {
  const ids: string[] = [];
  for (const raw of entry.arxiv) {
    const id = normalizeArxivId(raw);
    if (isArxivId(id) && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** One arXiv ID of the target: the only one, or the reader's choice among several. */
async function chooseArxivId(target: Target): Promise<string | undefined> {
  if ('arxiv' in target) return target.arxiv;
  const ids = validIds(target.entry);
  if (ids.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no arXiv ID.', plainText(target.entry.title)));
    return undefined;
  }
  if (ids.length === 1) return ids[0];
  const titles = new Map<string, string>();
  for (const p of target.entry.papers ?? []) if (p.arxiv) titles.set(normalizeArxivId(p.arxiv), p.title);
  const pick = await vscode.window.showQuickPick(
    ids.map((id) => ({ label: plainText(id), description: plainText(titles.get(id)), id })),
    { placeHolder: vscode.l10n.t('Choose a paper of "{0}"', plainText(target.entry.title)) },
  );
  return pick?.id;
}

function openLink(kind: keyof ArxivLinks, deps: FeatureDeps) {
  return async (arg: unknown): Promise<boolean> => {
    const target = await resolveTarget(arg, deps);
    const id = target && (await chooseArxivId(target));
    if (!id) return false;
    return vscode.env.openExternal(vscode.Uri.parse(arxivLinks(id)[kind], true));
  };
}

export const activate: Feature = (_context, deps) => {
  deps.commands.register({
    'digestLens.openOnArxiv': openLink('abs', deps),
    'digestLens.openPdf': openLink('pdf', deps),
    'digestLens.openOnAlphaxiv': openLink('alphaxiv', deps),
    'digestLens.copyArxivId': async (arg: unknown) => {
      const target = await resolveTarget(arg, deps);
      const id = target && (await chooseArxivId(target));
      if (!id) return undefined;
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', plainText(id)), 3000);
      return id;
    },
    'digestLens.copyCitation': async (arg: unknown) => {
      const target = await resolveTarget(arg, deps);
      if (!target) return undefined;
      const entry: DigestEntry = 'entry' in target ? target.entry : bareArxivEntry(target.arxiv);
      const text = bibtex(entry);
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the BibTeX citation of "{0}"', plainText(entry.title)), 3000);
      return text;
    },
  });
};

/** A paper known only by its arXiv ID (no digest): cite the ID, titled by itself. */
function bareArxivEntry(id: string): DigestEntry {
  return {
    id: `arxiv-${id}`,
    title: `arXiv:${id}`,
    arxiv: [id],
    methods: [],
    topics: [],
    source: { name: 'arXiv', url: arxivLinks(id).abs },
    lang: 'en',
    kind: 'paper',
    summary: '',
    origin: 'arxiv',
  };
}
