/** Which model of an analysis the cursor is in. Pure, so it is unit-tested without VS Code. */
import type { Position } from '../../../server/src/engine/lineMap';
import type { AnalysisResponse, Range } from '../../../server/src/engine/protocol';

/** Index of the innermost model whose range contains `position`, or undefined when none does. */
export function modelIndexAt(response: AnalysisResponse, position: Position): number | undefined {
  let best: number | undefined;
  response.models.forEach((model, index) => {
    if (!contains(model.range, position)) return;
    if (best === undefined || contains(response.models[best].range, model.range.start)) best = index;
  });
  return best;
}

function contains(range: Range, position: Position): boolean {
  return !isBefore(position, range.start) && !isBefore(range.end, position);
}

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
