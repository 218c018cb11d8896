import * as vscode from 'vscode';
import { plainText } from '../core/text';
import { Corpus } from '../core/corpus';
import { DigestGroup, groupDigests } from '../core/corpus';
import { uiLang } from '../core/render';
import { describeFilter, DigestFilter, filterDigests, isFiltering, NO_FILTER, parseFilter, ReadingState } from '../core/reading';
import { GroupBy, SortBy } from '../core/settings';
import { DigestEntry } from '../core/types';
import { Feature } from './deps';
import { Disposable } from './dispose';
import { digestTooltip, digestDescription, readingContextValue } from './digestItem';

/** Workspace state key of the tree's filter (a filter belongs to what one is working on). */
const FILTER_KEY = 'digestLens.topics.filter';

export class GroupNode {
  constructor(readonly group: DigestGroup, readonly by: GroupBy) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(plainText(this.group.label), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `group:${this.by}:${this.group.key}`;
    item.description = String(this.group.digests.length);
    item.iconPath = new vscode.ThemeIcon(this.by === 'topic' ? 'tag' : this.by === 'source' ? 'broadcast' : 'calendar');
    item.contextValue = 'group';
    item.tooltip = vscode.l10n.t('{0} digests', this.group.digests.length);
    return item;
  }
}

export class DigestNode {
  constructor(readonly digest: DigestEntry, readonly parent: GroupNode) {}

  getTreeItem(corpus: Corpus, reading: ReadingState = ReadingState.empty()): vscode.TreeItem {
    const d = this.digest;
    const item = new vscode.TreeItem(plainText(d.title), vscode.TreeItemCollapsibleState.None);
    item.id = `${this.parent.getTreeItem().id}/${d.id}`;
    const read = reading.isRead(d.id);
    const starred = reading.isStarred(d.id);
    // Unread is what a reader scans for: a dot before the IDs; read ones stay quiet.
    item.description = `${read ? '' : '● '}${plainText(digestDescription(d))}`.trim();
    item.tooltip = digestTooltip(d, corpus);
    item.tooltip.appendMarkdown(`\n\n${starred ? '$(star-full) ' + vscode.l10n.t('Starred') + ' · ' : ''}${read ? vscode.l10n.t('Read') : vscode.l10n.t('Unread')}`);
    item.iconPath = starred
      ? new vscode.ThemeIcon('star-full', new vscode.ThemeColor('charts.yellow'))
      : new vscode.ThemeIcon(d.kind === 'multi-paper' ? 'library' : d.origin === 'bundled' ? 'book' : 'account');
    item.contextValue = readingContextValue(d, reading);
    item.command = { command: 'digestLens.openDigest', title: vscode.l10n.t('Open Digest'), arguments: [d.id] };
    return item;
  }
}

export type TopicsNode = GroupNode | DigestNode;

/** `digestLens.topics`: digests grouped by topic, source or month. */
export class TopicsTreeProvider extends Disposable implements vscode.TreeDataProvider<TopicsNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<TopicsNode | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: GroupNode[] | undefined;
  private children = new Map<GroupNode, DigestNode[]>();

  private filterState: DigestFilter = NO_FILTER;
  /** How many digests the filter lets through (all of them without a filter). */
  shown = 0;

  constructor(
    private readonly corpus: () => Corpus,
    private groupBy: GroupBy,
    private sortBy: SortBy = 'title',
    private readonly reading: () => ReadingState = () => ReadingState.empty(),
  ) {
    super();
  }

  get currentGroupBy(): GroupBy {
    return this.groupBy;
  }

  get currentSortBy(): SortBy {
    return this.sortBy;
  }

  get filter(): DigestFilter {
    return this.filterState;
  }

  setFilter(f: DigestFilter): void {
    this.filterState = f;
    this.refresh();
  }

  setSortBy(by: SortBy): void {
    if (by === this.sortBy) return;
    this.sortBy = by;
    this.refresh();
  }

  setGroupBy(by: GroupBy): void {
    if (by === this.groupBy) return;
    this.groupBy = by;
    this.refresh();
  }

  refresh(): void {
    this.roots = undefined;
    this.children.clear();
    this.emitter.fire(undefined);
  }

  getTreeItem(node: TopicsNode): vscode.TreeItem {
    return node instanceof GroupNode ? node.getTreeItem() : node.getTreeItem(this.corpus(), this.reading());
  }

  getChildren(node?: TopicsNode): TopicsNode[] {
    if (!node) return this.rootNodes();
    if (node instanceof DigestNode) return [];
    let list = this.children.get(node);
    if (!list) this.children.set(node, (list = node.group.digests.map((d) => new DigestNode(d, node))));
    return list;
  }

  getParent(node: TopicsNode): TopicsNode | undefined {
    return node instanceof DigestNode ? node.parent : undefined;
  }

  /** The node of a digest in its first group, for `TreeView.reveal`. */
  findDigest(id: string): DigestNode | undefined {
    for (const g of this.rootNodes()) {
      const hit = (this.getChildren(g) as DigestNode[]).find((n) => n.digest.id === id);
      if (hit) return hit;
    }
    return undefined;
  }

  private rootNodes(): GroupNode[] {
    if (!this.roots) {
      const corpus = this.corpus();
      const entries = filterDigests(corpus.entries, this.reading(), this.filterState);
      this.shown = entries.length;
      const groups = groupDigests(
        entries,
        this.groupBy,
        corpus.topics,
        {
          lang: uiLang(vscode.env.language),
          undated: vscode.l10n.t('Undated'),
          unknownSource: vscode.l10n.t('Unknown source'),
          noTopic: vscode.l10n.t('No topic'),
        },
        this.sortBy,
      );
      this.roots = groups.map((g) => new GroupNode(g, this.groupBy));
    }
    return this.roots;
  }
}

/** The topics tree as the extension API exposes it. */
export interface TopicsTreeService {
  readonly provider: TopicsTreeProvider;
  readonly view: vscode.TreeView<TopicsNode>;
}

export const activate: Feature<TopicsTreeService> = (context, deps) => {
  const reading = deps.readingState;
  const provider = new TopicsTreeProvider(() => deps.corpus.corpus, deps.settings().groupBy, deps.settings().sortBy, () => reading.current);
  provider.setFilter(parseFilter(context.workspaceState.get(FILTER_KEY)));
  const view = vscode.window.createTreeView('digestLens.topics', { treeDataProvider: provider, showCollapseAll: true });
  const updateChrome = () => {
    const corpus = deps.corpus.corpus;
    const f = provider.filter;
    if (isFiltering(f)) {
      provider.getChildren(); // counts what the filter lets through
      const what = describeFilter(f, { starred: vscode.l10n.t('starred'), unread: vscode.l10n.t('unread') });
      view.description = vscode.l10n.t('{0} of {1} digests', provider.shown, corpus.size);
      view.message = vscode.l10n.t('Filter: {0}. {1} of {2} digests.', what, provider.shown, corpus.size);
    } else {
      view.description = vscode.l10n.t('{0} digests', corpus.size);
      view.message = undefined;
    }
    void vscode.commands.executeCommand('setContext', 'digestLens.groupBy', provider.currentGroupBy);
    void vscode.commands.executeCommand('setContext', 'digestLens.sortBy', provider.currentSortBy);
    void vscode.commands.executeCommand('setContext', 'digestLens.filter.starred', f.starred);
    void vscode.commands.executeCommand('setContext', 'digestLens.filter.unread', f.unread);
    void vscode.commands.executeCommand('setContext', 'digestLens.filtered', isFiltering(f));
  };
  // Remember choices the way VS Code remembers view options: as the user setting.
  const remember = async (key: string, value: string) => {
    const config = vscode.workspace.getConfiguration('digestLens');
    if (config.get(key) !== value) await config.update(key, value, vscode.ConfigurationTarget.Global);
  };
  const setGroupBy = (by: GroupBy) => async () => {
    provider.setGroupBy(by);
    updateChrome();
    await remember('topics.groupBy', by);
  };
  const setSortBy = (by: SortBy) => async () => {
    provider.setSortBy(by);
    updateChrome();
    await remember('topics.sortBy', by);
  };
  const setFilter = async (f: DigestFilter) => {
    provider.setFilter(f);
    updateChrome();
    await context.workspaceState.update(FILTER_KEY, f);
    return provider.shown;
  };
  updateChrome();
  deps.commands.register({
    'digestLens.groupByTopic': setGroupBy('topic'),
    'digestLens.groupBySource': setGroupBy('source'),
    'digestLens.groupByDate': setGroupBy('date'),
    'digestLens.sortByDate': setSortBy('date'),
    'digestLens.sortByTitle': setSortBy('title'),
    'digestLens.filterStarred': () => setFilter({ ...provider.filter, starred: !provider.filter.starred }),
    'digestLens.filterUnread': () => setFilter({ ...provider.filter, unread: !provider.filter.unread }),
    'digestLens.filterText': async (text?: unknown) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: vscode.l10n.t('Filter Digests'),
              prompt: vscode.l10n.t('Words every shown digest contains (title, methods, arXiv ID); empty shows all.'),
              value: provider.filter.text,
            });
      if (value === undefined) return provider.shown;
      return setFilter({ ...provider.filter, text: value.slice(0, 200) });
    },
    'digestLens.clearFilter': () => setFilter(NO_FILTER),
  });
  context.subscriptions.push(
    provider,
    view,
    deps.corpus.onDidChange(() => {
      provider.refresh();
      updateChrome();
    }),
    reading.onDidChange(() => {
      provider.refresh();
      updateChrome();
    }),
    deps.onDidChangeSettings(() => {
      provider.setGroupBy(deps.settings().groupBy);
      provider.setSortBy(deps.settings().sortBy);
      updateChrome();
    }),
  );
  return { provider, view };
};
