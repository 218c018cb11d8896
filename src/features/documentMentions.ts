import * as vscode from 'vscode';
import { Citations, DocumentMentions, MAX_DOCUMENT_LINES, Recognizer } from '../core/recognizer';
import type { CardDocument } from '../core/render';

/**
 * The workspace's citation keys: the bibliography feature sets them, the hover and In This File
 * read them (one instance, in the features' deps).
 */
export class WorkspaceCitations {
  private value: Citations | undefined;
  get current(): Citations | undefined {
    return this.value;
  }
  set(value: Citations | undefined): void {
    this.value = value;
  }
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
export function documentMentions(recognizer: Recognizer, document: vscode.TextDocument, citations?: Citations): DocumentMentions {
  return recognizer.document(document, document.version, linesOf(document), citations);
}

/** A text document as the hover card's core path (`cardAt`) reads it. */
export function cardDocument(document: vscode.TextDocument, citations?: Citations): CardDocument {
  return { key: document, version: document.version, lines: linesOf(document), citations };
}
