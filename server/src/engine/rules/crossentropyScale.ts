/**
 * The scale of a model's gradients under its own loss, where it differs from the probe's by a
 * known factor: every loss the model trains with is crossentropy over the softmax of its single
 * dense or conv output (softmax + categoricalCrossentropy or sparseCategoricalCrossentropy; a linear
 * output + tf.losses.softmaxCrossEntropy, or + categoricalCrossentropy written for a softmax the
 * code left out). See flow/crossentropyScale.ts for the factor; a conv
 * output is a softmax per position, and tfjs averages the loss over positions as the probe does,
 * so the factor is the same with m = its filters.
 * A softmax output with no loss seen (a factory compiled in another file) is read the same way:
 * crossentropy is what a softmax output is made for, and the probe's MSE through it would be a
 * guessed loss with the smallest gradient of all. A linear output with no loss seen (logits handed
 * to a training helper that receives the model as a parameter) may be trained with MSE or with
 * softmaxCrossEntropy: the loss is an unknown, and a verdict must hold under both, so it is read
 * under crossentropy where that gives the larger gradient.
 */
import type { LayerIR, LossIR, ModelIR } from '../ir';
import { log10CrossentropyOverProbe } from '../flow/crossentropyScale';
import type { FlowPrediction, LayerFlow } from '../flow/prediction';
import { flowAt } from './modelFacts';
import { outputHead } from './outputLossMismatch';
import { lossExpectation } from '../tfjs/losses';

const ON_SOFTMAX_OUTPUT: ReadonlySet<string> = new Set([
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'metrics.categoricalCrossentropy',
  'metrics.sparseCategoricalCrossentropy',
]);
const ON_LOGITS: ReadonlySet<string> = new Set(['losses.softmaxCrossEntropy']);
/**
 * On a linear output: crossentropy on its logits, or categoricalCrossentropy written for a softmax
 * the code left out (output-loss-mismatch reports it, and its fix adds the softmax): either way the
 * loss the model is meant to train with is crossentropy over its logits, not the probe's MSE.
 */
const ON_LINEAR_OUTPUT: ReadonlySet<string> = new Set([...ON_LOGITS, ...ON_SOFTMAX_OUTPUT]);

export interface CrossentropyScale {
  /** log10 of ‖∇W‖ under the model's loss over ‖∇W‖ under the standard probe. */
  log10Offset: number;
  /** The loss as written; undefined when the file shows none. */
  loss?: LossIR;
  /** No loss seen on a linear output: crossentropy on its logits is assumed, the loss under which the gradient is larger. */
  onLogits?: true;
}

/** Kernel layers whose last output axis is their units (filters): the classes a softmax runs over. */
const LOGITS_KINDS: ReadonlySet<string> = new Set(['dense', 'conv1d', 'conv2d', 'conv3d']);

/** The layer whose pre-activations are the logits: the head itself, or the one an activation layer follows. */
function logitsLayer(model: ModelIR, head: LayerIR): LayerIR | undefined {
  const layer = LOGITS_KINDS.has(head.kind) ? head : head.inputs.length === 1 ? model.layers[head.inputs[0]] : undefined;
  return layer && LOGITS_KINDS.has(layer.kind) ? layer : undefined;
}

/**
 * The number of classes as the flow used it: a dense layer's fan-out (an unknown width is then
 * the value the prediction was made with); a conv layer's filters only when written (its fan-out
 * includes the receptive field).
 */
function classCount(layer: LayerIR, layerFlow: LayerFlow): number | undefined {
  if (layer.kind === 'dense') return layerFlow.fanOut;
  return layer.units !== undefined && Number.isFinite(layer.units) && !layer.unresolved.includes('filters') ? layer.units : undefined;
}

/**
 * `logitMeanSquare` replaces the predicted logits' mean square: a model read as it would be after
 * a fix (matched initializers give logits of unit variance).
 */
export function crossentropyScale(model: ModelIR, flow: FlowPrediction, logitMeanSquare?: number): CrossentropyScale | undefined {
  const head = outputHead(model);
  const losses = model.training?.losses ?? [];
  if (!head) return undefined;
  const softmaxInModel = head.activation === 'softmax';
  const matched = softmaxInModel ? ON_SOFTMAX_OUTPUT : head.activation === 'linear' ? ON_LINEAR_OUTPUT : undefined;
  if (!matched || (losses.length > 0 && !losses.every((loss) => matched.has(loss.name)))) return undefined;
  const logits = logitsLayer(model, head.layer);
  const logitsFlow = logits ? flowAt(flow, logits.index) : undefined;
  const classes = logits && logitsFlow ? classCount(logits, logitsFlow) : undefined;
  if (classes === undefined || logitsFlow?.preActivationStd === undefined) return undefined;
  const log10Offset = log10CrossentropyOverProbe(classes, logitMeanSquare ?? logitsFlow.preActivationStd ** 2, softmaxInModel);
  if (log10Offset === undefined) return undefined;
  if (losses.length === 0 && !softmaxInModel) return log10Offset > 0 ? { log10Offset, onLogits: true } : undefined;
  return { log10Offset, loss: losses[0] };
}

/**
 * A softmax output trained with a loss whose gradient scale neither the probe nor the factor above
 * gives: binaryCrossentropy averages m per-class terms whose gradients through the softmax are ~m×
 * the probe's (real tfjs, 2,000 classes: 1.7 decades), so an absolute gradient size read under the
 * probe is a guessed loss's. output-loss-mismatch reports such a pair; its fix sets the scale.
 */
export function lossScaleUnknown(model: ModelIR): boolean {
  const head = outputHead(model);
  const losses = model.training?.losses ?? [];
  // The probe's own loss (squared error) and the crossentropy modelled above have known scales.
  return head?.activation === 'softmax' && losses.some((loss) => !ON_SOFTMAX_OUTPUT.has(loss.name) && lossExpectation(loss) !== 'squaredError');
}
