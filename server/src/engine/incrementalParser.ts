/**
 * Parsing while the user types: keeps each document's last syntax tree and re-parses only around
 * the edit (ts.updateSourceFile, the incremental parser tsserver uses), so a keystroke in a
 * 2,000-line file costs a fraction of a parse. Which characters changed is found by comparing the
 * previous text with the new one (common prefix and suffix), so callers need not track edits.
 *
 * ts.updateSourceFile reuses, and moves, the nodes of the old tree: an old tree must never be
 * read again once its successor exists. Only this class holds the trees, and extraction keeps no
 * node beyond the call that parsed it.
 */
import ts from 'typescript';

interface LastParse {
  text: string;
  sourceFile: ts.SourceFile;
}

/** When more than this share of the text changed, a fresh parse is no slower and simpler. */
const MAX_INCREMENTAL_SHARE = 0.5;

/**
 * A fresh parse exactly as extraction does it without an IncrementalParser. Doc comments stay
 * comments: nothing reads their structure, and parsing it costs ~20% on well-documented code.
 */
export function parseFresh(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false);
}

/** The span of `before` that was replaced, and the length of its replacement in `after`. */
export function changedRange(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return ts.createTextChangeRange(ts.createTextSpan(prefix, before.length - suffix - prefix), after.length - suffix - prefix);
}

export class IncrementalParser {
  /** Last parse per file name, least recently used first; bounded like the open editors are. */
  private readonly trees = new Map<string, LastParse>();

  constructor(private readonly capacity = 32) {}

  parse(fileName: string, text: string): ts.SourceFile {
    const last = this.trees.get(fileName);
    this.trees.delete(fileName);
    let sourceFile: ts.SourceFile;
    if (last && last.text === text) sourceFile = last.sourceFile;
    else if (last) sourceFile = this.reparse(last, fileName, text);
    else sourceFile = parseFresh(fileName, text);
    this.trees.set(fileName, { text, sourceFile });
    if (this.trees.size > this.capacity) this.trees.delete(this.trees.keys().next().value as string);
    return sourceFile;
  }

  forget(fileName: string): void {
    this.trees.delete(fileName);
  }

  private reparse(last: LastParse, fileName: string, text: string): ts.SourceFile {
    const change = changedRange(last.text, text);
    const changed = Math.max(change.span.length, change.newLength);
    if (changed > MAX_INCREMENTAL_SHARE * text.length || last.sourceFile.fileName !== fileName) return parseFresh(fileName, text);
    return ts.updateSourceFile(last.sourceFile, text, change);
  }
}
