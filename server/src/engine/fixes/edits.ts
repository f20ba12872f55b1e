/**
 * Applying and combining text edits (offset-based `TextEdit` of findings.ts).
 * Two edits conflict when one starts strictly inside the other, or when both insert different
 * text at the same offset (the order would be ambiguous). Identical edits never conflict: they
 * are the same change proposed twice (e.g. the clipping helper wanted by two findings).
 */
import type { TextEdit } from '../findings';

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  if (sameEdit(a, b)) return false;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Drops exact duplicates, keeping the first occurrence. */
export function uniqueEdits(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of edits) if (!includesEdit(out, edit)) out.push(edit);
  return out;
}

function includesEdit(edits: readonly TextEdit[], edit: TextEdit): boolean {
  for (const kept of edits) if (sameEdit(kept, edit)) return true;
  return false;
}

/**
 * Applies non-conflicting edits to `text` (duplicates are applied once). Throws on conflicting
 * edits, which is a bug in whoever combined them (use `fixAllEdits` to combine fixes).
 * An insertion at the start of a replaced range lands before the replacement.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const unique = uniqueEdits(edits);
  for (const edit of unique) {
    if (edit.start < 0 || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`edit [${edit.start}, ${edit.end}) is outside the text (length ${text.length})`);
    }
  }
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      if (editsConflict(unique[i], unique[j])) {
        throw new Error(`conflicting edits [${unique[i].start}, ${unique[i].end}) and [${unique[j].start}, ${unique[j].end})`);
      }
    }
  }
  // Back to front, so earlier offsets stay valid; at equal starts the longer edit goes first so
  // that an insertion at the same offset ends up in front of the replaced text.
  const ordered = [...unique].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of ordered) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}
