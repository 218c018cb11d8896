import * as vscode from 'vscode';
import { Corpus } from '../core/corpus';
import { DigestGroup, groupDigests } from '../core/grouping';
import { uiLang } from '../core/localized';
import { GroupBy } from '../core/settings';
import { DigestEntry } from '../core/types';
import { Feature, FeatureDeps } from './deps';
import { digestTooltip, digestDescription, digestContextValue } from './digestItem';

export class GroupNode {
  constructor(readonly group: DigestGroup, readonly by: GroupBy) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.group.label, vscode.TreeItemCollapsibleState.Collapsed);
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

  getTreeItem(corpus: Corpus): vscode.TreeItem {
    const d = this.digest;
    const item = new vscode.TreeItem(d.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.parent.getTreeItem().id}/${d.id}`;
    item.description = digestDescription(d);
    item.tooltip = digestTooltip(d, corpus);
    item.iconPath = new vscode.ThemeIcon(d.kind === 'multi-paper' ? 'library' : d.origin === 'bundled' ? 'book' : 'account');
    item.contextValue = digestContextValue(d);
    item.command = { command: 'digestLens.openDigest', title: vscode.l10n.t('Open Digest'), arguments: [d.id] };
    return item;
  }
}

export type TopicsNode = GroupNode | DigestNode;

/** `digestLens.topics`: digests grouped by topic, source or month. */
export class TopicsTreeProvider implements vscode.TreeDataProvider<TopicsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TopicsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: GroupNode[] | undefined;
  private children = new Map<GroupNode, DigestNode[]>();

  constructor(
    private readonly corpus: () => Corpus,
    private groupBy: GroupBy,
  ) {}

  get currentGroupBy(): GroupBy {
    return this.groupBy;
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
    return node instanceof GroupNode ? node.getTreeItem() : node.getTreeItem(this.corpus());
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
      const groups = groupDigests(corpus.entries, this.groupBy, corpus.topics, {
        lang: uiLang(vscode.env.language),
        undated: vscode.l10n.t('Undated'),
        unknownSource: vscode.l10n.t('Unknown source'),
        noTopic: vscode.l10n.t('No topic'),
      });
      this.roots = groups.map((g) => new GroupNode(g, this.groupBy));
    }
    return this.roots;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export const activate: Feature = (context: vscode.ExtensionContext, deps: FeatureDeps) => {
  const provider = new TopicsTreeProvider(() => deps.corpus.corpus, deps.settings().groupBy);
  const view = vscode.window.createTreeView('digestLens.topics', { treeDataProvider: provider, showCollapseAll: true });
  const updateChrome = () => {
    const corpus = deps.corpus.corpus;
    view.description = vscode.l10n.t('{0} digests', corpus.size);
    void vscode.commands.executeCommand('setContext', 'digestLens.groupBy', provider.currentGroupBy);
  };
  const setGroupBy = (by: GroupBy) => async () => {
    provider.setGroupBy(by);
    updateChrome();
    // Remember the choice the way VS Code remembers view options: as the user setting.
    const config = vscode.workspace.getConfiguration('digestLens');
    if (config.get('topics.groupBy') !== by) await config.update('topics.groupBy', by, vscode.ConfigurationTarget.Global);
  };
  updateChrome();
  context.subscriptions.push(
    provider,
    view,
    deps.corpus.onDidChange(() => {
      provider.refresh();
      updateChrome();
    }),
    deps.onDidChangeSettings(() => {
      provider.setGroupBy(deps.settings().groupBy);
      updateChrome();
    }),
    vscode.commands.registerCommand('digestLens.groupByTopic', setGroupBy('topic')),
    vscode.commands.registerCommand('digestLens.groupBySource', setGroupBy('source')),
    vscode.commands.registerCommand('digestLens.groupByDate', setGroupBy('date')),
  );
  return { provider, view };
};
