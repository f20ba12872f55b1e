/** "Fix all": the preferred fixes of many findings combined into one conflict-free edit list. */
import type { Finding, RuleId, TextEdit } from '../findings';
import { editsConflict, sameEdit } from './edits';

/**
 * The edits of every finding's preferred fix (of `rule` only, when given), in source order.
 * A fix is taken whole or not at all: a fix with an edit that conflicts with an already accepted
 * one is left for the next round (apply, re-analyse, repeat, as `eslint --fix` does). Identical
 * edits proposed by several fixes (the clipping helper, an added import) are kept once.
 */
export function fixAllEdits(text: string, findings: readonly Finding[], rule?: RuleId): TextEdit[] {
  const accepted: TextEdit[] = [];
  const candidates = findings
    .filter((finding) => rule === undefined || finding.rule === rule)
    .sort((a, b) => a.span.start - b.span.start);
  for (const finding of candidates) {
    const fix = finding.fixes.find((candidate) => candidate.preferred);
    if (!fix || fix.edits.length === 0) continue;
    const inRange = fix.edits.every((edit) => edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length);
    if (!inRange) continue;
    if (fix.edits.some((edit) => accepted.some((kept) => editsConflict(kept, edit)))) continue;
    for (const edit of fix.edits) if (!accepted.some((kept) => sameEdit(kept, edit))) accepted.push(edit);
  }
  return accepted.sort((a, b) => a.start - b.start || a.end - b.end);
}
