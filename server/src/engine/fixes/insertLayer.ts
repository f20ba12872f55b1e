/** Inserting a layer right after another one, in a `layers: [...]` array or a `model.add(...)` sequence. */
import type { TextEdit } from '../findings';
import type { FileIR, LayerIR } from '../ir';
import { indentOf, siblingLayerCall, startsLine } from './sourceStyle';

/**
 * Edits that insert `factory(args)` (e.g. `batchNormalization`) after `layer`, written like the
 * layer's own factory call. Undefined where the placement does not allow it (functional and
 * core-API models, an `add` statement sharing its line, such as a brace-less loop body, or an `add`
 * call inside a larger expression, such as an arrow function's expression body).
 */
export function insertLayerAfterEdits(text: string, file: FileIR, layer: LayerIR, factory: string, args = ''): TextEdit[] | undefined {
  const call = siblingLayerCall(text, file, layer, factory, args);
  const withImport = (edit: TextEdit): TextEdit[] => (call.importEdit ? [call.importEdit, edit] : [edit]);
  const placement = layer.placement;
  if (placement.kind === 'arrayElement') {
    const separator = startsLine(text, layer.span.start) ? `,\n${indentOf(text, layer.span.start)}` : ', ';
    return withImport({ start: layer.span.end, end: layer.span.end, newText: `${separator}${call.text}` });
  }
  if (placement.kind === 'addCall') {
    if (placement.inExpression || !startsLine(text, placement.statement.start)) return undefined;
    const indent = indentOf(text, placement.statement.start);
    return withImport({ start: placement.statement.end, end: placement.statement.end, newText: `\n${indent}${placement.receiver}.add(${call.text});` });
  }
  return undefined;
}
