/** Writing a learning rate in the style of the literal it replaces (`1e-1` -> `1e-3`, `0.5` -> `0.01`). */
import type { TextEdit } from '../findings';
import type { OptimizerIR } from '../ir';
import { CONVENTIONAL_LEARNING_RATE, isOptimizerName } from '../tfjs/optimizers';

const NUMERIC_LITERAL = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function formatLikeLiteral(value: number, literal: string): string {
  const written = literal.trim();
  if (!NUMERIC_LITERAL.test(written)) return String(value);
  const exponentMatch = /[eE]/.exec(written);
  if (exponentMatch) {
    const [mantissa, exponent] = value.toExponential().split('e');
    return `${mantissa}${exponentMatch[0]}${exponent.replace('+', '')}`;
  }
  const decimal = String(value);
  return written.startsWith('.') ? decimal.replace(/^0\./, '.') : decimal;
}

/**
 * Replaces the written learning rate with the conventional one for the optimizer
 * (CONVENTIONAL_LEARNING_RATE), in the literal's own style. Undefined when nothing is written
 * or it is already at or below the conventional rate.
 */
export function learningRateFixEdits(text: string, optimizer: OptimizerIR): { title: string; edits: TextEdit[] } | undefined {
  if (!optimizer.lrSpan || !isOptimizerName(optimizer.name) || optimizer.learningRateSource !== 'explicit') return undefined;
  const conventional = CONVENTIONAL_LEARNING_RATE[optimizer.name];
  if (optimizer.learningRate !== undefined && optimizer.learningRate <= conventional) return undefined;
  const written = text.slice(optimizer.lrSpan.start, optimizer.lrSpan.end);
  const newText = formatLikeLiteral(conventional, written);
  return {
    title: `Lower the learning rate to ${newText} (the conventional ${optimizer.name} rate)`,
    edits: [{ start: optimizer.lrSpan.start, end: optimizer.lrSpan.end, newText }],
  };
}
