import * as vscode from 'vscode';
import { plainText } from '../core/text';
import { groupMentions, InFileResult } from '../core/recognizer';
import { applyControls } from '../core/recognizer';
import { MAX_DOCUMENT_LINES } from '../core/recognizer';
import { documentMentions } from './documentMentions';
import { DigestEntry, Mention } from '../core/types';
import { Feature, FeatureDeps } from './deps';
import { Disposable } from './dispose';
import { digestContextValue, digestDescription, digestTooltip } from './digestItem';

/** Documents longer than this are scanned up to here, and the view says so. */
export const MAX_SCANNED_LINES = MAX_DOCUMENT_LINES;
const DEBOUNCE_MS = 300;

export class MentionDigestNode {
  constructor(
    readonly digest: DigestEntry,
    readonly mentions: Mention[],
    readonly uri: vscode.Uri,
  ) {}
}

export class MentionLineNode {
  constructor(
    readonly parent: MentionDigestNode,
    readonly mention: Mention,
    readonly lineText: string,
  ) {}
}

type InFileNode = MentionDigestNode | MentionLineNode;

/** `digestLens.inFile`: the digests the active editor mentions, each with its lines. */
export class InFileProvider extends Disposable implements vscode.TreeDataProvider<InFileNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<InFileNode | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private nodes: MentionDigestNode[] = [];
  private lines = new Map<MentionDigestNode, MentionLineNode[]>();
  private document: vscode.TextDocument | undefined;
  private generation = 0;
  /** Resolves when the scan started last has finished (tests wait on it). */
  settled: Promise<void> = Promise.resolve();
  truncated = false;

  constructor(private readonly deps: FeatureDeps) {
    super();
  }

  get digests(): readonly MentionDigestNode[] {
    return this.nodes;
  }

  /** Shows the decided mentions of `document`; a newer call abandons an older one. */
  update(document: vscode.TextDocument | undefined): Promise<void> {
    const generation = ++this.generation;
    this.document = document;
    this.settled = this.scan(document, generation);
    return this.settled;
  }

  private async scan(document: vscode.TextDocument | undefined, generation: number): Promise<void> {
    const result: InFileResult = { digests: [], unknownArxiv: [] };
    // Published together with the nodes at the end: a scan that starts while another one's
    // result is shown must not change what the view reports until it has a result of its own.
    let truncated = false;
    if (document) {
      const settings = this.deps.settings().hover;
      // The same decision the hover uses, computed once per document version.
      const decided = documentMentions(this.deps.corpus.recognizer, document, this.deps.citations.current);
      const mentions = applyControls(
        decided.mentions.filter((m) => settings.methodNames || m.kind !== 'method'),
        settings,
      );
      truncated = decided.truncated;
      const corpus = this.deps.corpus.corpus;
      Object.assign(result, groupMentions(mentions, (id) => corpus.get(id)));
    }
    if (generation !== this.generation) return;
    this.truncated = truncated;
    this.nodes = result.digests.map((g) => new MentionDigestNode(g.digest, g.mentions, document!.uri));
    this.lines.clear();
    this.emitter.fire(undefined);
  }

  getTreeItem(node: InFileNode): vscode.TreeItem {
    if (node instanceof MentionDigestNode) {
      const item = new vscode.TreeItem(plainText(node.digest.title), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `mention:${node.digest.id}`;
      item.description = plainText(digestDescription(node.digest));
      item.tooltip = digestTooltip(node.digest, this.deps.corpus.corpus);
      item.iconPath = new vscode.ThemeIcon('book');
      item.contextValue = digestContextValue(node.digest);
      item.command = { command: 'digestLens.openDigest', title: vscode.l10n.t('Open Digest'), arguments: [node.digest.id] };
      return item;
    }
    const m = node.mention;
    const item = new vscode.TreeItem(plainText(node.lineText), vscode.TreeItemCollapsibleState.None);
    item.id = `mention:${node.parent.digest.id}:${m.line}`;
    item.description = vscode.l10n.t('line {0}', m.line + 1);
    item.iconPath = new vscode.ThemeIcon(m.kind === 'arxiv' ? 'link' : 'symbol-method');
    item.command = {
      command: 'digestLens.revealMention',
      title: vscode.l10n.t('Go to Mention'),
      arguments: [node.parent.uri.toString(), m.line, m.character, m.endCharacter],
    };
    return item;
  }

  getChildren(node?: InFileNode): InFileNode[] {
    if (!node) return this.nodes;
    if (node instanceof MentionLineNode) return [];
    let list = this.lines.get(node);
    if (!list) {
      const doc = this.document;
      list = node.mentions.map((m) => {
        const text = doc && m.line < doc.lineCount ? doc.lineAt(m.line).text : m.text;
        return new MentionLineNode(node, m, excerpt(text, m.character));
      });
      this.lines.set(node, list);
    }
    return list;
  }

  getParent(node: InFileNode): InFileNode | undefined {
    return node instanceof MentionLineNode ? node.parent : undefined;
  }
}

/** A readable slice of a (possibly huge) line around the mention. */
function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - 40);
  const slice = text.slice(start, start + 120).trim();
  return (start > 0 ? '…' : '') + slice + (start + 120 < text.length ? '…' : '');
}

/** In This File as the extension API exposes it. */
export interface InFileService {
  readonly provider: InFileProvider;
  readonly view: vscode.TreeView<InFileNode>;
  /** Scans the active editor now (no debounce). */
  refresh(): Promise<void>;
}

export const activate: Feature<InFileService> = (context, deps) => {
  const provider = new InFileProvider(deps);
  const view = vscode.window.createTreeView('digestLens.inFile', { treeDataProvider: provider });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (immediate = false) => {
    if (timer) clearTimeout(timer);
    const run = () => {
      timer = undefined;
      void provider.update(vscode.window.activeTextEditor?.document).then(() => {
        view.description = provider.digests.length > 0 ? String(provider.digests.length) : undefined;
        view.message = provider.truncated ? vscode.l10n.t('Only the first {0} lines were scanned.', MAX_SCANNED_LINES) : undefined;
      });
    };
    if (immediate) run();
    else timer = setTimeout(run, DEBOUNCE_MS);
  };
  refresh(true);
  deps.commands.register({
    'digestLens.revealMention': async (uri: unknown, line: unknown, start: unknown, end: unknown) => {
      if (typeof uri !== 'string' || typeof line !== 'number') return;
      const range = new vscode.Range(line, typeof start === 'number' ? start : 0, line, typeof end === 'number' ? end : 0);
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: range, preserveFocus: false });
    },
  });
  context.subscriptions.push(
    provider,
    view,
    vscode.window.onDidChangeActiveTextEditor(() => refresh(true)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) refresh();
    }),
    deps.corpus.onDidChange(() => refresh(true)),
    deps.onDidChangeSettings(() => refresh(true)),
    { dispose: () => timer && clearTimeout(timer) },
  );
  return { provider, view, refresh: () => provider.update(vscode.window.activeTextEditor?.document) };
};
