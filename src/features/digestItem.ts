import * as vscode from 'vscode';
import { Corpus } from '../core/corpus';
import { tldrFor, uiLang } from '../core/render';
import { topicLabel } from '../core/digest';
import { DigestEntry } from '../core/types';

/** `2405.18719 · CoPE, RetNet` — what a reader scans for in a long list. */
export function digestDescription(d: DigestEntry): string {
  const parts: string[] = [];
  if (d.arxiv.length > 0) parts.push(d.arxiv.length > 1 ? `${d.arxiv[0]} +${d.arxiv.length - 1}` : d.arxiv[0]);
  if (d.methods.length > 0) parts.push(d.methods.slice(0, 4).join(', '));
  return parts.join(' · ');
}

/** Context value the menus in package.json match: `digest` plus `.arxiv` when there are IDs. */
export function digestContextValue(d: DigestEntry): string {
  return d.arxiv.length > 0 ? 'digest.arxiv' : 'digest';
}

/** `digest[.arxiv].read|unread[.starred]`: the menus pick Mark Read / Unread and Star / Unstar. */
export function readingContextValue(d: DigestEntry, reading: { isRead(id: string): boolean; isStarred(id: string): boolean }): string {
  return `${digestContextValue(d)}.${reading.isRead(d.id) ? 'read' : 'unread'}${reading.isStarred(d.id) ? '.starred' : ''}`;
}

/** Corpus text goes in as text (escaped by `appendText`), never as markdown. */
export function digestTooltip(d: DigestEntry, corpus: Corpus): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.appendMarkdown('**');
  md.appendText(d.title);
  md.appendMarkdown('**');
  if (d.title_ru) {
    md.appendMarkdown('  \n_');
    md.appendText(d.title_ru);
    md.appendMarkdown('_');
  }
  const lang = uiLang(vscode.env.language);
  const topics = d.topics.map((id) => topicLabel(corpus.topic(id), id, lang));
  const meta = [d.arxiv.length ? `arXiv ${d.arxiv.join(', ')}` : '', topics.join(', '), [d.source.name, d.source.date].filter(Boolean).join(', ')]
    .filter(Boolean)
    .join(' · ');
  if (meta) {
    md.appendMarkdown('\n\n$(info) ');
    md.appendText(meta);
  }
  const about = tldrFor(d, lang);
  if (about) {
    md.appendMarkdown('\n\n');
    md.appendText(about.text);
  }
  return md;
}
