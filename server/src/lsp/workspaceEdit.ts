/**
 * Engine edits (offsets) -> a WorkspaceEdit. With `documentChanges` the edit names the document
 * version it was computed for, so a client refuses it once the document has changed.
 */
import { TextDocumentEdit, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../engine/findings';
import { spanToRange } from './diagnostics';

export function toWorkspaceEdit(document: TextDocument, edits: readonly TextEdit[], versioned: boolean): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((edit) => ({ range: spanToRange(document, edit), newText: edit.newText }));
  if (versioned) {
    return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, lspEdits)] };
  }
  return { changes: { [document.uri]: lspEdits } };
}
