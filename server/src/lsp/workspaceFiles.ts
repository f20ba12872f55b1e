/**
 * How extraction reads the files a document imports (`import { block } from './layers'`): the
 * editor's text when the file is open (unsaved edits count), else the file on disk. Reading is
 * all that happens; nothing imported is ever executed. Files above the size limit count as absent.
 */
import { readFileSync, statSync } from 'node:fs';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentFileName } from './documentFileName';

export function workspaceFileReader(documents: TextDocuments<TextDocument>, maxFileSize: number): (fileName: string) => string | undefined {
  return (fileName) => {
    const open = documents.all().find((document) => documentFileName(document.uri, document.languageId) === fileName);
    if (open) return open.getText();
    try {
      if (!statSync(fileName).isFile() || statSync(fileName).size > maxFileSize) return undefined;
      return readFileSync(fileName, 'utf8');
    } catch {
      return undefined;
    }
  };
}
