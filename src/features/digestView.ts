import * as vscode from 'vscode';
import { uiLang as uiLangOf } from '../core/render';
import type { RenderStrings, ToolbarStrings, ViewAction } from '../core/view';
import { view as renderer } from './lazyCore';
import { DigestEntry, Lang } from '../core/types';
import { plainText } from '../core/text';
import { History, isViewState, ViewState } from '../core/reading';
import { Feature, FeatureDeps } from './deps';
import { Disposable, toDisposable } from './dispose';
import { digestIdFromArg } from './digestOnScreen';

export const DIGEST_VIEW_TYPE = 'digestLens.digest';

function uiLang(): Lang {
  return uiLangOf(vscode.env.language);
}

function renderStrings(): RenderStrings {
  return {
    // Names of sites and formats: the same in every language.
    abs: 'arXiv',
    pdf: 'PDF',
    alphaxiv: 'alphaXiv',
    topics: vscode.l10n.t('Topics'),
    methods: vscode.l10n.t('Methods'),
    source: vscode.l10n.t('Source'),
    papers: vscode.l10n.t('Papers in this post'),
    related: vscode.l10n.t('Related digests'),
    image: vscode.l10n.t('Image'),
    tldr: 'TL;DR',
    code: vscode.l10n.t('Code'),
    links: vscode.l10n.t('Paper'),
    excerpt: vscode.l10n.t('This digest is an excerpt of a longer article'),
  };
}


function toolbarStrings(): ToolbarStrings {
  return {
    back: vscode.l10n.t('Back'),
    forward: vscode.l10n.t('Forward'),
    newTab: vscode.l10n.t('Open in New Tab'),
    markRead: vscode.l10n.t('Mark as Read'),
    markUnread: vscode.l10n.t('Mark as Unread'),
    star: vscode.l10n.t('Star'),
    unstar: vscode.l10n.t('Unstar'),
  };
}

/** One digest panel: its webview, its history, what it shows now. */
class DigestPanel extends Disposable {
  html: string | undefined;
  /** Guards against an older, slower body load overwriting a newer one. */
  generation = 0;
  constructor(
    readonly panel: vscode.WebviewPanel,
    public history: History | undefined,
    /** The panel `openDigest` reuses; "Open in New Tab" panels keep their digest. */
    public main: boolean,
  ) {
    super();
  }

  /** Its listeners, disposed with the panel. */
  listen(d: vscode.Disposable): void {
    this._register(d);
  }
  get digestId(): string | undefined {
    return this.history?.current;
  }
}

export interface OpenOptions {
  /** A new panel that later `openDigest` calls leave alone. */
  newTab?: boolean;
  /** Keep the keyboard where it is (opened from a hover or a tree). */
  preserveFocus?: boolean;
}

/**
 * The digest panels. The main one is created beside the active editor on first use and reused
 * for every later digest; "Open in New Tab" adds panels that keep theirs. Each panel has its
 * own Back / Forward history, saved in the webview state and restored by the serializer after a
 * reload. Exposed to the integration tests through the extension API.
 */
export class DigestViewController extends Disposable {
  private readonly panels: DigestPanel[] = [];

  constructor(private readonly deps: FeatureDeps) {
    super();
    this._register(toDisposable(() => [...this.panels].forEach((p) => p.panel.dispose())));
    const rerender = () => {
      for (const p of this.panels) if (p.digestId) void this.render(p, { reveal: false });
    };
    this._register(
      deps.corpus.onDidChange(() => {
        for (const p of this.panels) p.history?.prune((id) => deps.corpus.corpus.get(id) !== undefined);
        rerender();
      }),
    );
    // A panel's toolbar shows its own digest's read and starred state: only those panels change.
    this._register(
      deps.readingState.onDidChange((id) => {
        for (const p of this.panels) if (p.digestId === id) void this.render(p, { reveal: false });
      }),
    );
  }

  private get mainPanel(): DigestPanel | undefined {
    return this.panels.find((p) => p.main);
  }

  /** The panel a command acts on: the active one, else the main one. */
  private get focused(): DigestPanel | undefined {
    return this.panels.find((p) => p.panel.active) ?? this.mainPanel;
  }

  currentDigestId(): string | undefined {
    return this.focused?.digestId;
  }

  currentHtml(): string | undefined {
    return this.focused?.html;
  }

  activeDigestId(): string | undefined {
    return this.panels.find((p) => p.panel.active)?.digestId;
  }

  /** Digest ids of every open panel, main first: for tests and "Open in New Tab". */
  openDigestIds(): string[] {
    return [...this.panels].sort((a, b) => Number(b.main) - Number(a.main)).map((p) => p.digestId ?? '');
  }

  /** Back / forward state of the focused panel, for tests. */
  historyState(): ViewState | undefined {
    const p = this.focused;
    return p?.history?.state(p.main);
  }

  /** Opens `id` (creating a panel if needed); false when the id is unknown. */
  async open(id: string, options: OpenOptions = {}): Promise<boolean> {
    await this.deps.corpus.ready;
    if (!this.deps.corpus.corpus.get(id)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Digest "{0}" was not found.', plainText(id, 120)));
      return false;
    }
    const target = options.newTab ? this.createPanel(false, options.preserveFocus) : (this.mainPanel ?? this.createPanel(true, options.preserveFocus));
    if (target.history) target.history.push(id);
    else target.history = History.of(id);
    void this.deps.readingState.setRead(id, true);
    return this.render(target, { reveal: true, preserveFocus: options.preserveFocus });
  }

  /** Back (-1) or forward (+1) in the focused panel; false when there is nowhere to go. */
  async go(delta: -1 | 1): Promise<boolean> {
    const p = this.focused;
    return p ? this.step(p, delta) : false;
  }

  private async step(p: DigestPanel, delta: -1 | 1): Promise<boolean> {
    if (!p.history?.go(delta)) return false;
    return this.render(p, { reveal: false });
  }

  /** Serializer entry: adopt the restored panel and render its digest again. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    await this.deps.corpus.ready;
    const history = isViewState(state) ? History.restore(state, (id) => this.deps.corpus.corpus.get(id) !== undefined) : undefined;
    if (!history) {
      this.deps.log.warn(`Digest view: cannot restore ${JSON.stringify(isViewState(state) ? state.id : null)}; closing the panel.`);
      panel.dispose();
      return;
    }
    // One panel is the main one: a second restored "main" (a split, or a panel restored after
    // the reader already opened a digest) is closed, as before tabs existed; new tabs are kept.
    const main = !isViewState(state) || state.main !== false;
    if (main && this.mainPanel && this.mainPanel.panel !== panel) {
      panel.dispose();
      return;
    }
    const p = this.adopt(panel, history, main);
    await this.render(p, { reveal: false });
  }

  private adopt(panel: vscode.WebviewPanel, history: History | undefined, main: boolean): DigestPanel {
    const p = new DigestPanel(panel, history, main);
    this.panels.push(p);
    panel.webview.options = this.webviewOptions();
    p.listen(panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(p, m)));
    p.listen(
      panel.onDidDispose(() => {
        const at = this.panels.indexOf(p);
        if (at >= 0) this.panels.splice(at, 1);
        p.html = undefined;
        p.dispose();
      }),
    );
    return p;
  }

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media')],
    };
  }

  private createPanel(main: boolean, preserveFocus = false): DigestPanel {
    const panel = vscode.window.createWebviewPanel(
      DIGEST_VIEW_TYPE,
      vscode.l10n.t('Digest'),
      // Beside the code the reader is looking at, never over it.
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { ...this.webviewOptions(), enableFindWidget: true, retainContextWhenHidden: false },
    );
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'digest-lens.svg');
    return this.adopt(panel, undefined, main);
  }

  private async render(p: DigestPanel, { reveal, preserveFocus = false }: { reveal: boolean; preserveFocus?: boolean }): Promise<boolean> {
    const generation = ++p.generation;
    const id = p.digestId;
    const corpus = this.deps.corpus.corpus;
    const entry = id ? corpus.get(id) : undefined;
    if (!entry || !p.history) return false;
    let body: string | undefined;
    try {
      body = await corpus.body(entry.id);
    } catch (e) {
      this.deps.log.error(`Digest view: cannot read the body of ${entry.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (generation !== p.generation || !this.panels.includes(p)) return true;
    const html = this.documentFor(p.panel.webview, entry, body ?? '', p);
    p.panel.title = plainText(entry.title);
    p.html = html;
    p.panel.webview.html = html;
    // Its own column (undefined: where it is). A new panel's column is not known yet, and
    // `Beside` here would show it in a second group.
    if (reveal) p.panel.reveal(p.panel.viewColumn, preserveFocus);
    return true;
  }

  private documentFor(webview: vscode.Webview, entry: DigestEntry, body: string, p: DigestPanel): string {
    const corpus = this.deps.corpus.corpus;
    const lang = uiLang();
    const history = p.history ?? History.of(entry.id);
    const { renderToolbar, renderDigestHtml, webviewDocument, makeNonce } = renderer();
    const toolbar = renderToolbar(
      {
        canGoBack: history.canGoBack,
        canGoForward: history.canGoForward,
        read: this.deps.readingState.isRead(entry.id),
        starred: this.deps.readingState.isStarred(entry.id),
        viewState: history.state(p.main),
      },
      toolbarStrings(),
    );
    const bodyHtml = renderDigestHtml({ ...entry, body }, { corpus, related: corpus.related(entry.id), lang, strings: renderStrings() });
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', file)).toString();
    return webviewDocument(`${toolbar}\n${bodyHtml}`, {
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      styleUri: media('digestView.css'),
      scriptUri: media('digestView.js'),
      lang,
      digestId: entry.id,
      title: entry.title,
    });
  }

  private onMessage(p: DigestPanel, raw: unknown): void {
    const message = renderer().parseViewMessage(raw);
    if (!message) {
      this.deps.log.warn(`Digest view: ignored an unexpected message ${safeJson(raw)}`);
      return;
    }
    if (message.type === 'open') {
      // A link inside a panel navigates that panel.
      void this.navigate(p, message.id);
    } else if (message.type === 'action') {
      void this.act(p, message.action);
    } else {
      void vscode.env.openExternal(vscode.Uri.parse(message.href, true));
    }
  }

  private async navigate(p: DigestPanel, id: string): Promise<void> {
    if (!this.deps.corpus.corpus.get(id) || !p.history) return;
    p.history.push(id);
    void this.deps.readingState.setRead(id, true);
    await this.render(p, { reveal: false });
  }

  private async act(p: DigestPanel, action: ViewAction): Promise<void> {
    const id = p.digestId;
    if (!id) return;
    const reading = this.deps.readingState;
    switch (action) {
      case 'back':
      case 'forward':
        await this.step(p, action === 'back' ? -1 : 1);
        return;
      case 'newTab':
        await this.open(id, { newTab: true });
        return;
      case 'toggleRead':
        await reading.setRead(id, !reading.isRead(id));
        return;
      case 'toggleStar':
        await reading.setStarred(id, !reading.isStarred(id));
        return;
    }
  }
}

function safeJson(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return '(unserializable)';
  }
}

export const activate: Feature<DigestViewController> = (context, deps) => {
  const controller = new DigestViewController(deps);
  context.subscriptions.push(deps.digestOnScreen.provide(() => controller.activeDigestId()));
  deps.commands.register({
    'digestLens.openDigest': async (arg: unknown) => {
      if (arg === undefined) {
        // From a keybinding or a bare command link: let the reader pick one.
        await vscode.commands.executeCommand('digestLens.search');
        return false;
      }
      const id = digestIdFromArg(arg);
      if (!id) {
        deps.log.warn(`digestLens.openDigest: unusable argument ${safeJson(arg)}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('No digest to open.'));
        return false;
      }
      // From a hover or code the reader keeps typing where they were; the view opens beside.
      const preserveFocus = vscode.window.activeTextEditor !== undefined && controller.activeDigestId() === undefined;
      return controller.open(id, { preserveFocus });
    },
    'digestLens.openDigestInNewTab': async (arg: unknown) => {
      const id = digestIdFromArg(arg) ?? controller.currentDigestId();
      if (!id) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open or select a digest first.'));
        return false;
      }
      return controller.open(id, { newTab: true });
    },
    'digestLens.back': () => controller.go(-1),
    'digestLens.forward': () => controller.go(1),
  });
  context.subscriptions.push(
    controller,
    vscode.window.registerWebviewPanelSerializer(DIGEST_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => controller.restore(panel, state),
    }),
  );
  return controller;
};
