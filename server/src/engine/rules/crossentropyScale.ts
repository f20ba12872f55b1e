/**
 * The scale of a model's gradients under its own loss, where it differs from the probe's by a
 * known factor: every loss the model trains with is crossentropy over the softmax of its single
 * dense output (softmax + categoricalCrossentropy or sparseCategoricalCrossentropy; a linear
 * output + tf.losses.softmaxCrossEntropy). See flow/crossentropyScale.ts for the factor.
 * A softmax output with no loss seen (a factory compiled in another file) is read the same way:
 * crossentropy is what a softmax output is made for, and the probe's MSE through it would be a
 * guessed loss with the smallest gradient of all. A linear output with no loss seen (logits handed
 * to a training helper that receives the model as a parameter) may be trained with MSE or with
 * softmaxCrossEntropy: the loss is an unknown, and a verdict must hold under both, so it is read
 * under crossentropy where that gives the larger gradient.
 */
import type { LayerIR, LossIR, ModelIR } from '../ir';
import { log10CrossentropyOverProbe } from '../flow/crossentropyScale';
import type { FlowPrediction } from '../flow/prediction';
import { flowAt } from './modelFacts';
import { outputHead } from './outputLossMismatch';

const ON_SOFTMAX_OUTPUT: ReadonlySet<string> = new Set([
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'metrics.categoricalCrossentropy',
  'metrics.sparseCategoricalCrossentropy',
]);
const ON_LOGITS: ReadonlySet<string> = new Set(['losses.softmaxCrossEntropy']);

export interface CrossentropyScale {
  /** log10 of ‖∇W‖ under the model's loss over ‖∇W‖ under the standard probe. */
  log10Offset: number;
  /** The loss as written; undefined when the file shows none. */
  loss?: LossIR;
  /** No loss seen on a linear output: crossentropy on its logits is assumed, the loss under which the gradient is larger. */
  onLogits?: true;
}

/** The dense layer whose pre-activations are the logits: the head itself, or the one an activation layer follows. */
function logitsLayer(model: ModelIR, head: LayerIR): LayerIR | undefined {
  const layer = head.kind === 'dense' ? head : head.inputs.length === 1 ? model.layers[head.inputs[0]] : undefined;
  return layer?.kind === 'dense' ? layer : undefined;
}

export function crossentropyScale(model: ModelIR, flow: FlowPrediction): CrossentropyScale | undefined {
  const head = outputHead(model);
  const losses = model.training?.losses ?? [];
  if (!head) return undefined;
  const softmaxInModel = head.activation === 'softmax';
  const matched = softmaxInModel ? ON_SOFTMAX_OUTPUT : head.activation === 'linear' ? ON_LOGITS : undefined;
  if (!matched || (losses.length > 0 && !losses.every((loss) => matched.has(loss.name)))) return undefined;
  const logits = logitsLayer(model, head.layer);
  const logitsFlow = logits ? flowAt(flow, logits.index) : undefined;
  if (logitsFlow?.fanOut === undefined || logitsFlow.preActivationStd === undefined) return undefined;
  const log10Offset = log10CrossentropyOverProbe(logitsFlow.fanOut, logitsFlow.preActivationStd ** 2, softmaxInModel);
  if (log10Offset === undefined) return undefined;
  if (losses.length === 0 && !softmaxInModel) return log10Offset > 0 ? { log10Offset, onLogits: true } : undefined;
  return { log10Offset, loss: losses[0] };
}
