import * as vscode from 'vscode';
import { plainText } from '../core/untrusted';
import { makeNonce, parseViewMessage, renderDigestHtml, RenderStrings, stripBidi, webviewDocument } from '../core/render';
import { DigestEntry, Lang } from '../core/types';
import { uiLang as uiLangOf } from '../core/localized';
import { Feature, FeatureDeps } from './deps';

export const DIGEST_VIEW_TYPE = 'digestLens.digest';

/** What the page script stores with `setState`; all the serializer needs to restore. */
interface ViewState {
  id: string;
}

function isViewState(state: unknown): state is ViewState {
  return typeof state === 'object' && state !== null && typeof (state as ViewState).id === 'string';
}

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

/** Accepts what callers pass to `digestLens.openDigest`: an id, `{ id }`, or a node with `digest`. */
export function digestIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { id?: unknown; digest?: { id?: unknown } };
    if (typeof o.id === 'string') return o.id;
    if (typeof o.digest?.id === 'string') return o.digest.id;
  }
  return undefined;
}

/**
 * The one digest panel: created on first use, reused for every later digest, restored by
 * the serializer after a reload. Exposed to the integration tests through the extension API.
 */
export class DigestViewController implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private digestId: string | undefined;
  private html: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];
  /** Guards against an older, slower body load overwriting a newer one. */
  private generation = 0;

  constructor(private readonly deps: FeatureDeps) {
    this.disposables.push(
      deps.corpus.onDidChange(() => {
        if (this.panel && this.digestId) void this.show(this.digestId, { reveal: false });
      }),
    );
  }

  currentDigestId(): string | undefined {
    return this.digestId;
  }

  currentHtml(): string | undefined {
    return this.html;
  }

  activeDigestId(): string | undefined {
    return this.panel?.active ? this.digestId : undefined;
  }

  /** Opens `id` in the panel (creating it if needed); false when the id is unknown. */
  async open(id: string): Promise<boolean> {
    await this.deps.corpus.ready;
    if (!this.deps.corpus.corpus.get(id)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Digest "{0}" was not found.', plainText(id, 120)));
      return false;
    }
    return this.show(id, { reveal: true });
  }

  /** Serializer entry: adopt the restored panel and render its digest again. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel && this.panel !== panel) {
      // Only one digest panel exists; a second restored one (e.g. from a split) is closed.
      panel.dispose();
      return;
    }
    this.adopt(panel);
    await this.deps.corpus.ready;
    const id = isViewState(state) ? state.id : undefined;
    if (id && this.deps.corpus.corpus.get(id)) {
      await this.show(id, { reveal: false });
    } else {
      this.deps.log.warn(`Digest view: cannot restore ${JSON.stringify(id ?? null)}; closing the panel.`);
      panel.dispose();
    }
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.digestId = undefined;
        this.html = undefined;
        this.panelDisposables.forEach((d) => d.dispose());
        this.panelDisposables = [];
      }),
    );
  }

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media')],
    };
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const panel = vscode.window.createWebviewPanel(
      DIGEST_VIEW_TYPE,
      vscode.l10n.t('Digest'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { ...this.webviewOptions(), enableFindWidget: true, retainContextWhenHidden: false },
    );
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'digest-lens.svg');
    this.adopt(panel);
    return panel;
  }

  private async show(id: string, { reveal }: { reveal: boolean }): Promise<boolean> {
    const generation = ++this.generation;
    const corpus = this.deps.corpus.corpus;
    const entry = corpus.get(id);
    if (!entry) return false;
    let body: string | undefined;
    try {
      body = await corpus.body(id);
    } catch (e) {
      this.deps.log.error(`Digest view: cannot read the body of ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (generation !== this.generation) return true;
    const panel = this.ensurePanel();
    const html = this.documentFor(panel.webview, entry, body ?? '');
    panel.title = stripBidi(entry.title);
    this.digestId = id;
    this.html = html;
    panel.webview.html = html;
    if (reveal) panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Active, false);
    return true;
  }

  private documentFor(webview: vscode.Webview, entry: DigestEntry, body: string): string {
    const corpus = this.deps.corpus.corpus;
    const lang = uiLang();
    const bodyHtml = renderDigestHtml({ ...entry, body }, { corpus, related: corpus.related(entry.id), lang, strings: renderStrings() });
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', file)).toString();
    return webviewDocument(bodyHtml, {
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      styleUri: media('digestView.css'),
      scriptUri: media('digestView.js'),
      lang,
      digestId: entry.id,
      title: entry.title,
    });
  }

  private onMessage(raw: unknown): void {
    const message = parseViewMessage(raw);
    if (!message) {
      this.deps.log.warn(`Digest view: ignored an unexpected message ${safeJson(raw)}`);
      return;
    }
    if (message.type === 'open') {
      void this.open(message.id);
    } else {
      void vscode.env.openExternal(vscode.Uri.parse(message.href, true));
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
    this.panelDisposables.forEach((d) => d.dispose());
  }
}

function safeJson(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return '(unserializable)';
  }
}

/** The live controller, so commands of other features can act on the digest on screen. */
let current: DigestViewController | undefined;

/** The digest shown in the digest view, when that panel is the active editor. */
export function activeDigestId(): string | undefined {
  return current?.activeDigestId();
}

export const activate: Feature = (context, deps) => {
  const controller = new DigestViewController(deps);
  current = controller;
  context.subscriptions.push({ dispose: () => current === controller && (current = undefined) });
  context.subscriptions.push(
    controller,
    vscode.commands.registerCommand('digestLens.openDigest', async (arg: unknown) => {
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
      return controller.open(id);
    }),
    vscode.window.registerWebviewPanelSerializer(DIGEST_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => controller.restore(panel, state),
    }),
  );
  return controller;
};
