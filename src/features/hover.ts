import * as vscode from 'vscode';
import { buildHoverCard, CardLabels } from '../core/hoverCard';
import { applyControls } from '../core/mentionEvidence';
import { identifierRange, MAX_DOCUMENT_LINES } from '../core/recognizer';
import { mentionsAtPosition } from './documentMentions';
import { Feature, FeatureDeps } from './deps';

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
    const text = document.lineAt(position.line).text;
    // The decision is made once per document version, from the whole document (shared with
    // In This File); a hover only looks up its line.
    const recognizer = this.deps.corpus.recognizer;
    // Past the lines a document decision covers, the line decides alone (a bounded window).
    const decided =
      position.line < MAX_DOCUMENT_LINES
        ? mentionsAtPosition(recognizer, document, position.line, position.character, text)
        : recognizer.mentionsAt(text, position.line, position.character);
    const mentions = applyControls(
      decided.filter((m) => settings.methodNames || m.kind !== 'method'),
      settings,
    );
    if (mentions.length === 0 || token.isCancellationRequested) return undefined;
    const corpus = this.deps.corpus.corpus;
    const card = buildHoverCard(mentions, corpus, {
      maxCards: settings.maxCards,
      unknownArxivIds: settings.unknownArxivIds,
      labels: labels(),
    });
    if (!card || token.isCancellationRequested) return undefined;
    const markdown = new vscode.MarkdownString(card.markdown, true);
    markdown.isTrusted = { enabledCommands: card.commands };
    markdown.supportHtml = false;
    // The whole identifier (`golovneva2024cope`, `use_cla`), wherever the cursor is on it.
    const ranges = mentions.map((m) => identifierRange(text, m));
    const start = Math.min(...ranges.map((r) => r.start));
    const end = Math.max(...ranges.map((r) => r.end));
    return new vscode.Hover(markdown, new vscode.Range(position.line, start, position.line, end));
  }
}

/** Translated labels; `PDF`, `arXiv` and `alphaXiv` are names and stay as they are. */
function labels(): Partial<CardLabels> {
  return {
    openDigest: vscode.l10n.t('Open digest'),
    notInCorpus: vscode.l10n.t('not in the digest corpus'),
    more: (n) => vscode.l10n.t('+{0} more', n),
    ignoreName: (name) => vscode.l10n.t('Don\'t show cards for ‘{0}’', name),
    muteDigest: vscode.l10n.t('Mute this digest'),
  };
}

export const activate: Feature = (context, deps) => {
  const provider = new DigestHoverProvider(deps);
  context.subscriptions.push(vscode.languages.registerHoverProvider(HOVER_SELECTOR, provider));
  return provider;
};
