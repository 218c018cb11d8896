import * as vscode from 'vscode';
import { DocumentMentions, MAX_DOCUMENT_LINES, Recognizer } from '../core/recognizer';

/** The document's decided mentions, computed once per version by the snapshot's recognizer. */
export function documentMentions(recognizer: Recognizer, document: vscode.TextDocument): DocumentMentions {
  return recognizer.document(document, document.version, () => {
    // One line past the limit tells the decision the document was cut.
    const n = Math.min(document.lineCount, MAX_DOCUMENT_LINES + 1);
    const lines = new Array<string>(n);
    for (let i = 0; i < n; i++) lines[i] = document.lineAt(i).text;
    return lines;
  });
}
