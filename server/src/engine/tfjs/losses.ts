/**
 * What each tfjs loss expects of the model's output (tfjs-layers 4.22 losses.ts, tfjs-core
 * losses/*):
 * - `categoricalCrossentropy` (compile string, tf.metrics.categoricalCrossentropy) divides the
 *   outputs by their sum before the log: probabilities that sum to 1, not logits;
 * - `binaryCrossentropy` (and tf.metrics.binaryCrossentropy, tf.losses.logLoss): one probability per unit;
 * - `tf.losses.softmaxCrossEntropy` / `sigmoidCrossEntropy`: logits (they apply softmax/sigmoid themselves);
 * - mean squared error: any output, but the gradient is multiplied by the output activation's slope.
 */
import type { LossIR } from '../ir';
import { ownEntry } from '../ownEntry';

export type LossExpectation = 'normalizedProbabilities' | 'unitProbabilities' | 'softmaxLogits' | 'sigmoidLogits' | 'squaredError';

const EXPECTATIONS: Record<string, LossExpectation> = {
  categoricalCrossentropy: 'normalizedProbabilities',
  'metrics.categoricalCrossentropy': 'normalizedProbabilities',
  binaryCrossentropy: 'unitProbabilities',
  'metrics.binaryCrossentropy': 'unitProbabilities',
  'losses.logLoss': 'unitProbabilities',
  'losses.softmaxCrossEntropy': 'softmaxLogits',
  'losses.sigmoidCrossEntropy': 'sigmoidLogits',
  meanSquaredError: 'squaredError',
  'losses.meanSquaredError': 'squaredError',
  'metrics.meanSquaredError': 'squaredError',
  'metrics.mse': 'squaredError',
  'metrics.MSE': 'squaredError',
};

export function lossExpectation(loss: Pick<LossIR, 'name'>): LossExpectation | undefined {
  return ownEntry(EXPECTATIONS, loss.name);
}

/** How the loss reads in a message: `'categoricalCrossentropy'` or `tf.losses.softmaxCrossEntropy`. */
export function lossLabel(loss: Pick<LossIR, 'name' | 'form'>): string {
  return loss.form === 'string' ? `'${loss.name}'` : `tf.${loss.name}`;
}

/**
 * Output activations that can make a row of outputs sum to 0 or below (zero rows of relu, negative
 * values), where categoricalCrossentropy's division by the sum gives NaN or nonsense.
 */
export const NON_POSITIVE_OUTPUT_ACTIVATIONS: ReadonlySet<string> = new Set([
  'linear', 'relu', 'relu6', 'elu', 'selu', 'tanh', 'softsign', 'hardSigmoid', 'logSoftmax', 'swish', 'mish', 'gelu', 'gelu_new',
]);
