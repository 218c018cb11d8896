import * as vscode from 'vscode';
import { uiLang } from '../core/localized';
import { topicLabel } from '../core/topics';
import { DigestEntry } from '../core/types';
import { Feature, FeatureDeps } from './deps';

interface DigestPick extends vscode.QuickPickItem {
  id: string;
}

const MAX_RESULTS = 50;

function toPick(d: DigestEntry, deps: FeatureDeps): DigestPick {
  const corpus = deps.corpus.corpus;
  const lang = uiLang(vscode.env.language);
  const topics = d.topics.map((t) => topicLabel(corpus.topic(t), t, lang));
  return {
    id: d.id,
    label: d.title,
    description: [d.arxiv[0], d.methods.slice(0, 3).join(', ')].filter(Boolean).join(' · '),
    detail: [topics.join(', '), d.title_ru].filter(Boolean).join(' — '),
    iconPath: new vscode.ThemeIcon(d.kind === 'multi-paper' ? 'library' : 'book'),
    // Ranking is ours (fuse.js over titles, methods, topics, summaries in both languages):
    // stop the QuickPick from filtering our results again by label.
    alwaysShow: true,
  };
}

/**
 * `digestLens.search [query]`: fuzzy search in a QuickPick; Enter opens the digest. Returns the
 * ids shown for the initial query, so callers (and tests) can see what the reader sees.
 */
export const activate: Feature = (context, deps) => {
  let active: vscode.QuickPick<DigestPick> | undefined;
  const run = (query: string): DigestPick[] => {
    const corpus = deps.corpus.corpus;
    const hits = query.trim() ? deps.corpus.search.search(query, MAX_RESULTS) : [];
    const entries = query.trim() ? hits.map((h) => corpus.get(h.id)).filter((e): e is DigestEntry => !!e) : [...corpus.entries].sort((a, b) => a.title.localeCompare(b.title)).slice(0, MAX_RESULTS);
    return entries.map((e) => toPick(e, deps));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('digestLens.search', (initial?: unknown) => {
      active?.dispose();
      const qp = vscode.window.createQuickPick<DigestPick>();
      active = qp;
      qp.placeholder = vscode.l10n.t('Search digests by title, method, arXiv ID, topic or text (English or Russian)');
      qp.matchOnDescription = false;
      qp.matchOnDetail = false;
      qp.value = typeof initial === 'string' ? initial.slice(0, 200) : '';
      qp.items = run(qp.value);
      qp.onDidChangeValue((v) => (qp.items = run(v)));
      qp.onDidAccept(() => {
        const pick = qp.selectedItems[0] ?? qp.activeItems[0];
        qp.hide();
        if (pick) void vscode.commands.executeCommand('digestLens.openDigest', pick.id);
      });
      qp.onDidHide(() => {
        qp.dispose();
        if (active === qp) active = undefined;
      });
      qp.show();
      return qp.items.map((i) => i.id);
    }),
    vscode.commands.registerCommand('digestLens.refresh', () =>
      vscode.window.withProgress({ location: { viewId: 'digestLens.topics' } }, () => deps.corpus.reload()),
    ),
  );
};
