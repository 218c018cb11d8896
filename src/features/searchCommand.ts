import * as vscode from 'vscode';
import { uiLang } from '../core/render';
import { bodySnippet, DigestSearch, MatchedField, SearchHit } from '../core/search';
import { topicLabel } from '../core/digest';
import { DigestEntry } from '../core/types';
import { plainText } from '../core/text';
import { Feature, FeatureDeps } from './deps';

interface DigestPick extends vscode.QuickPickItem {
  /** Empty for the "no digest matches" row. */
  id: string;
}

const MAX_RESULTS = 50;

function fieldLabel(field: MatchedField, typo: boolean): string {
  const label =
    field === 'arxiv'
      ? vscode.l10n.t('arXiv ID')
      : field === 'name'
        ? vscode.l10n.t('method name')
        : field === 'title'
          ? vscode.l10n.t('title')
          : field === 'tldr'
            ? vscode.l10n.t('TL;DR')
            : field === 'topic'
              ? vscode.l10n.t('topic')
              : vscode.l10n.t('text');
  return typo ? vscode.l10n.t('{0}, with a typo', label) : label;
}

function toPick(d: DigestEntry, hit: SearchHit | undefined, deps: FeatureDeps): DigestPick {
  const corpus = deps.corpus.corpus;
  const lang = uiLang(vscode.env.language);
  const topics = d.topics.map((t) => topicLabel(corpus.topic(t), t, lang));
  // Why it matched comes first: QuickPick label highlights are not stable API.
  const why = hit ? `${fieldLabel(hit.field, hit.typo)}: ${hit.words.slice(0, 3).join(', ')}` : '';
  return {
    id: d.id,
    label: plainText(d.title, 200),
    description: plainText([why, d.arxiv[0], d.methods.slice(0, 3).join(', ')].filter(Boolean).join(' · '), 200),
    detail: plainText([topics.join(', '), d.title_ru].filter(Boolean).join(' — '), 300),
    iconPath: new vscode.ThemeIcon(d.kind === 'multi-paper' ? 'library' : 'book'),
    // The order is the engine's: VS Code must neither hide nor re-sort the items.
    alwaysShow: true,
  };
}

function noMatch(query: string): DigestPick {
  return {
    id: '',
    label: vscode.l10n.t('No digest matches “{0}”', plainText(query, 60)),
    detail: vscode.l10n.t('Try fewer words, a method name (RetNet), an arXiv ID or link, or the term in English or Russian'),
    iconPath: new vscode.ThemeIcon('info'),
    alwaysShow: true,
  };
}

/** What the open search shows, for the workbench tests. */
export interface SearchService {
  /** The items of the open QuickPick, in order; empty when it is closed. */
  shown(): readonly { id: string; label: string; description?: string; detail?: string }[];
  /** How the open QuickPick is told to treat the items (VS Code must not filter or re-sort them). */
  options(): { sortByLabel?: boolean; matchOnDescription: boolean; matchOnDetail: boolean } | undefined;
}

/**
 * `digestLens.search [query]`: search in a QuickPick, in the engine's order, each item saying
 * where it matched and showing the body around the match; Enter opens the digest. Returns the
 * ids shown for the initial query (the "no match" row has none), so callers and tests see what
 * the reader sees.
 */
export const activate: Feature<SearchService> = (_context, deps) => {
  let active: vscode.QuickPick<DigestPick> | undefined;
  const picksFor = (query: string, search: DigestSearch): { picks: DigestPick[]; hits: { hit: SearchHit; entry: DigestEntry }[] } => {
    const corpus = deps.corpus.corpus;
    if (!query.trim()) {
      const entries = [...corpus.entries].sort((a, b) => a.title.localeCompare(b.title)).slice(0, MAX_RESULTS);
      return { picks: entries.map((e) => toPick(e, undefined, deps)), hits: [] };
    }
    const hits: { hit: SearchHit; entry: DigestEntry }[] = [];
    for (const hit of search.search(query, MAX_RESULTS)) {
      const entry = corpus.get(hit.id);
      if (entry) hits.push({ hit, entry });
    }
    if (hits.length === 0) return { picks: [noMatch(query)], hits };
    return { picks: hits.map(({ hit, entry }) => toPick(entry, hit, deps)), hits };
  };

  /** Puts the body around the match in each item's detail once the bodies are read. */
  const addSnippets = async (qp: vscode.QuickPick<DigestPick>, query: string, picks: DigestPick[], hits: { hit: SearchHit; entry: DigestEntry }[]): Promise<void> => {
    const corpus = deps.corpus.corpus;
    const details = await Promise.all(
      hits.map(async ({ hit, entry }) => {
        const body = await corpus.body(entry.id).catch(() => undefined);
        return body ? bodySnippet(body, hit.words) : undefined;
      }),
    );
    if (qp.value !== query || !details.some(Boolean)) return;
    qp.items = picks.map((p, i) => (details[i] ? { ...p, detail: plainText(details[i], 300) } : p));
  };

  /** Shows the results for `query` from the current snapshot's search, once its index is loaded. */
  const show = async (qp: vscode.QuickPick<DigestPick>, query: string): Promise<DigestPick[]> => {
    const search = await deps.corpus.searchReady().catch((e: unknown) => {
      deps.log.error(`Search index: ${e instanceof Error ? e.message : String(e)}`);
      return deps.corpus.search;
    });
    if (qp.value !== query) return [];
    const { picks, hits } = picksFor(query, search);
    qp.items = picks;
    if (hits.length > 0) void addSnippets(qp, query, picks, hits);
    return picks;
  };

  deps.commands.register({
    'digestLens.search': async (initial?: unknown) => {
      active?.dispose();
      const qp = vscode.window.createQuickPick<DigestPick>();
      active = qp;
      qp.placeholder = vscode.l10n.t('Search digests by title, method, arXiv ID, topic or text (English or Russian)');
      qp.matchOnDescription = false;
      qp.matchOnDetail = false;
      // Proposed API in the typings, present in the hosts we run in: keep VS Code from re-sorting by label.
      (qp as { sortByLabel?: boolean }).sortByLabel = false;
      qp.value = typeof initial === 'string' ? initial.slice(0, 200) : '';
      qp.onDidChangeValue((v) => void show(qp, v));
      qp.onDidAccept(() => {
        const pick = qp.selectedItems[0] ?? qp.activeItems[0];
        if (!pick?.id) return;
        qp.hide();
        void vscode.commands.executeCommand('digestLens.openDigest', pick.id);
      });
      qp.onDidHide(() => {
        qp.dispose();
        if (active === qp) active = undefined;
      });
      qp.busy = true;
      qp.show();
      const shown = await show(qp, qp.value);
      qp.busy = false;
      return shown.filter((i) => i.id).map((i) => i.id);
    },
  });
  const service: SearchService = {
    shown: () => (active ? active.items.map(({ id, label, description, detail }) => ({ id, label, description, detail })) : []),
    options: () =>
      active && {
        sortByLabel: (active as { sortByLabel?: boolean }).sortByLabel,
        matchOnDescription: active.matchOnDescription,
        matchOnDetail: active.matchOnDetail,
      },
  };
  return service;
};
