import * as vscode from 'vscode';
import { cardAt, CardLabels } from '../core/render';
import { uiLang } from '../core/render';
import { Feature, FeatureDeps } from './deps';
import { cardDocument } from './documentMentions';

/**
 * Every kind of document a person reads code or notes in: local and untitled files, virtual
 * and remote workspaces, notebook cells, the web test host, and files shown from git history.
 * Output channels and other panels are left alone.
 */
export const HOVER_SELECTOR: vscode.DocumentSelector = [
  'file',
  'untitled',
  'vscode-vfs',
  'vscode-remote',
  'vscode-test-web',
  'vscode-notebook-cell',
  'git',
  'memfs',
].map((scheme) => ({ scheme }));

/**
 * Hover cards for arXiv IDs and method names. Settings are read on every hover (they are
 * cached by the settings reader), so a change applies to the next hover without a reload; the
 * recognizer is the corpus snapshot's shared one.
 */
export class DigestHoverProvider implements vscode.HoverProvider {
  constructor(private readonly deps: FeatureDeps) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const settings = this.deps.settings().hover;
    if (!settings.enabled || token.isCancellationRequested) return undefined;
    if (settings.excludeLanguages.includes(document.languageId)) return undefined;
    if (position.line >= document.lineCount) return undefined;
    const corpus = this.deps.corpus.corpus;
    const text = document.lineAt(position.line).text;
    const found = cardAt(this.deps.corpus.recognizer, corpus, cardDocument(document, this.deps.citations.current), text, position.line, position.character, {
      methodNames: settings.methodNames,
      controls: settings,
      maxCards: settings.maxCards,
      unknownArxivIds: settings.unknownArxivIds,
      lang: uiLang(vscode.env.language),
      labels: cardLabels(),
      starred: (id) => this.deps.readingState.isStarred(id),
    });
    if (!found || token.isCancellationRequested) return undefined;
    const markdown = new vscode.MarkdownString(found.card.markdown, true);
    markdown.isTrusted = { enabledCommands: found.card.commands };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(position.line, found.start, position.line, found.end));
  }
}

/**
 * The card's words in the UI language. The English texts are `DEFAULT_LABELS` (which the CLI
 * translates with the same bundle); `{0}` goes through as a placeholder the card fills in.
 */
export function cardLabels(): CardLabels {
  return {
    openDigest: vscode.l10n.t('Open digest'),
    notInCorpus: vscode.l10n.t('not in the digest corpus'),
    more: vscode.l10n.t('+{0} more', '{0}'),
    code: vscode.l10n.t('Code'),
    provenance: vscode.l10n.t('digest: {0}', '{0}'),
    excerpt: vscode.l10n.t('excerpt of a longer article'),
    star: vscode.l10n.t('Star'),
    unstar: vscode.l10n.t('Unstar'),
    ignoreName: vscode.l10n.t('Don\'t show cards for ‘{0}’', '{0}'),
    muteDigest: vscode.l10n.t('Mute this digest'),
  };
}

export const activate: Feature<DigestHoverProvider> = (context, deps) => {
  const provider = new DigestHoverProvider(deps);
  context.subscriptions.push(vscode.languages.registerHoverProvider(HOVER_SELECTOR, provider));
  return provider;
};
