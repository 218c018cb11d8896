import * as vscode from 'vscode';
import { Citations, DocumentMentions, MAX_DOCUMENT_LINES, Recognizer } from '../core/recognizer';
import type { CardDocument } from '../core/hoverCard';

/** The workspace's citation keys (features/bibliography.ts), shared by the hover and In This File. */
let citations: Citations | undefined;

export function setCitations(value: Citations | undefined): void {
  citations = value;
}

function linesOf(document: vscode.TextDocument): () => string[] {
  return () => {
    // One line past the limit tells the decision the document was cut.
    const n = Math.min(document.lineCount, MAX_DOCUMENT_LINES + 1);
    const lines = new Array<string>(n);
    for (let i = 0; i < n; i++) lines[i] = document.lineAt(i).text;
    return lines;
  };
}

/** The document's decided mentions, computed once per version by the snapshot's recognizer. */
export function documentMentions(recognizer: Recognizer, document: vscode.TextDocument): DocumentMentions {
  return recognizer.document(document, document.version, linesOf(document), citations);
}

/** A text document as the hover card's core path (`cardAt`) reads it. */
export function cardDocument(document: vscode.TextDocument): CardDocument {
  return { key: document, version: document.version, lines: linesOf(document), citations };
}
