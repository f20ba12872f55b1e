/**
 * How far the probe's loss (meanSquaredError against N(0,1) targets, loss.ts) understates the
 * gradient of a model trained with crossentropy over the softmax of m classes. The probe averages
 * its error over the m outputs and, when the model applies softmax, passes it through a Jacobian of
 * ~1/m, so its δ at the logits falls like m^-1.5; the model's own loss does not: tfjs's
 * categoricalCrossentropy (and the sparse one) sums over classes and averages over the batch, and
 * with softmax gives δ = (p - y)/B at the logits (y one-hot), as tf.losses.softmaxCrossEntropy does
 * on a linear output. Near uniform p, E‖p - y‖² = 1 - 2/m + m E[p²] per sample.
 *
 * Backpropagation is linear in δ, so every kernel before the logits scales by the same factor: a
 * constant offset in log10 ‖∇W‖. Both δ are nearly uncorrelated across samples (random labels and
 * targets), so the batch sums in the kernel gradients scale alike.
 */
import { mseLossGradient } from './loss';
import { PROBE_BATCH } from './signal';
import { softmaxBackwardDelta, softmaxSecondMoment } from './softmaxLinearisation';

/**
 * log10 of (‖∇W‖ under the crossentropy) / (‖∇W‖ under the probe), from the logits' mean square;
 * `softmaxInModel` when the output layer applies softmax (else the loss applies it to logits).
 */
export function log10CrossentropyOverProbe(classes: number, logitMeanSquare: number, softmaxInModel: boolean): number | undefined {
  if (!(classes >= 2) || !(logitMeanSquare >= 0) || !Number.isFinite(logitMeanSquare)) return undefined;
  const probabilitySquare = softmaxSecondMoment(classes, logitMeanSquare);
  const output = { q: softmaxInModel ? probabilitySquare : logitMeanSquare, c: 0, mean: 0, shape: [classes] };
  const atOutput = mseLossGradient(output, PROBE_BATCH).delta;
  const probe = softmaxInModel ? softmaxBackwardDelta(classes, atOutput) : atOutput;
  const own = (1 - 2 / classes + classes * probabilitySquare) / (classes * PROBE_BATCH * PROBE_BATCH);
  return 0.5 * Math.log10(own / probe);
}
