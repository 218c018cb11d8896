import * as vscode from 'vscode';
import { Citations, DocumentMentions, MAX_DOCUMENT_LINES, Recognizer } from '../core/recognizer';
import { Mention } from '../core/types';

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

/** The decided mentions under a position (the document is decided only when a name needs it). */
export function mentionsAtPosition(recognizer: Recognizer, document: vscode.TextDocument, line: number, character: number, text: string): Mention[] {
  return recognizer.hoverAt(document, document.version, linesOf(document), line, character, text, citations);
}
