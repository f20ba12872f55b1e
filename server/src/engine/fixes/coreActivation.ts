/**
 * Edits of the activation op a core-API layer ends in (`tf.softmax(logits)`, `h.sigmoid()`):
 * extraction records that call as the layer's activation property, the whole call as its span and
 * the op's name as its value (extract/coreApi.ts).
 */
import type { TextEdit } from '../findings';
import type { PropIR } from '../ir';

/** Activations that are tfjs ops of the same name, as `tf.op(x)` and `x.op()`. */
const ACTIVATION_OPS: ReadonlySet<string> = new Set(['sigmoid', 'tanh', 'relu', 'relu6', 'elu', 'selu', 'softplus', 'softmax']);

/** The call made another op (`tf.sigmoid(x)` → `tf.softmax(x)`), or for 'linear' replaced by its input (`tf.softmax(x)` → `x`, `x.softmax()` → `x`). */
export function coreActivationEdit(text: string, prop: PropIR, activation: string): TextEdit | undefined {
  if (activation !== 'linear') return ACTIVATION_OPS.has(activation) ? { ...prop.valueSpan, newText: activation } : undefined;
  const call = text.slice(prop.valueSpan.end, prop.span.end).trimEnd();
  const open = call.indexOf('(');
  if (open < 0 || !call.endsWith(')')) return undefined;
  const input = firstArgument(call.slice(open + 1, -1));
  if (input !== undefined) return { ...prop.span, newText: input };
  // `x.softmax()`: the receiver is the input.
  const receiver = text.slice(prop.span.start, prop.valueSpan.start).replace(/\s*\??\.\s*$/, '');
  return receiver ? { ...prop.span, newText: receiver } : undefined;
}

/** The first argument of an argument list (an axis after it goes with the op); undefined when there is none. */
function firstArgument(list: string): string | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < list.length; i++) {
    const char = list[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"' || char === '`') quote = char;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ',' && depth === 0) return list.slice(0, i).trim() || undefined;
  }
  return list.trim() || undefined;
}
