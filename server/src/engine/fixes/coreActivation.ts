/**
 * Edits of the activation op a core-API layer ends in (`tf.softmax(logits)`, `h.sigmoid()`):
 * extraction records that call as the layer's activation property, the whole call as its span and
 * the op's name as its value (extract/coreApi.ts).
 */
import ts from 'typescript';
import type { TextEdit } from '../findings';
import type { PropIR } from '../ir';
import { ACTIVATION_OPS } from '../tfjs/activations';

/** The call made another op (`tf.sigmoid(x)` → `tf.softmax(x)`), or for 'linear' replaced by its input (`tf.softmax(x)` → `x`, `x.softmax()` → `x`). */
export function coreActivationEdit(text: string, prop: PropIR, activation: string): TextEdit | undefined {
  if (activation !== 'linear') return ACTIVATION_OPS.has(activation) ? { ...prop.valueSpan, newText: activation } : undefined;
  const written = ts.createSourceFile('call.ts', text.slice(prop.span.start, prop.span.end), ts.ScriptTarget.Latest);
  const statement = written.statements[0];
  const call = statement && ts.isExpressionStatement(statement) ? statement.expression : undefined;
  if (!call || !ts.isCallExpression(call)) return undefined;
  // `tf.softmax(x, axis)`: the first argument is the input; `x.softmax()`: the receiver is.
  const input = call.arguments[0] ?? (ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : undefined);
  return input ? { ...prop.span, newText: input.getText(written) } : undefined;
}
