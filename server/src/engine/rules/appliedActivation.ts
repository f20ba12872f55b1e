/**
 * The activation a kernel layer's output really goes through. Keras-style code writes it as a
 * layer of its own (`dense` then `tf.layers.activation({activation: 'sigmoid'})`, `tf.layers.reLU()`
 * or `tf.layers.leakyReLU()`, often with dropout or a normalization layer between): a kernel layer
 * with no activation of its own whose output feeds only such a chain takes the activation layer's. The flow applies it there all the
 * same, so a cause named and a fix offered belong to the layer that writes it.
 */
import type { LayerIR, ModelIR } from '../ir';
import type { KernelActivation } from '../fixes/initializer';
import { effectiveActivation } from '../tfjs/layers';
import { soleConsumer } from '../layerConsumers';

/** `name` is 'linear' when nothing applies one, 'relu' or 'leakyReLU' for those layers; `alpha` a leakyReLU layer's (undefined: tfjs's default). */
export interface AppliedActivation extends KernelActivation {
  /** The layer that applies it: the kernel layer itself, or the activation (its `activation` property), reLU or leakyReLU layer after it. */
  writtenOn: LayerIR;
}

/** Layers between a kernel layer and its activation layer that leave the activation's role unchanged. */
const PASS_THROUGH: ReadonlySet<string> = new Set(['dropout', 'batchNormalization', 'layerNormalization']);
/** Of those, the ones that also leave the kernel's pre-activations as the activation's input (dropout keeps their scale in expectation). */
const SIGNAL_PRESERVING: ReadonlySet<string> = new Set(['dropout']);

/** The one layer `layer` feeds, unless its output is a model output (an activation layer after it is then not the output's). */
function soleFollower(model: ModelIR, layer: LayerIR): LayerIR | undefined {
  return model.outputs.includes(layer.index) ? undefined : soleConsumer(model, layer);
}

/**
 * `sameInput`: only through layers that leave the kernel's pre-activations as the activation's
 * input (not through a normalization layer), for rules that read those pre-activations' scale.
 */
export function appliedActivation(model: ModelIR, layer: LayerIR, sameInput = false): AppliedActivation {
  const own = effectiveActivation(layer);
  if (own !== 'linear') return { name: own, writtenOn: layer };
  const between = sameInput ? SIGNAL_PRESERVING : PASS_THROUGH;
  for (let next = soleFollower(model, layer); next; next = soleFollower(model, next)) {
    if (next.kind === 'activation' && next.activation !== undefined) return { name: next.activation, writtenOn: next };
    // A reLU layer with a maxValue or threshold is not plain relu: its gain is not relu's.
    if (next.kind === 'reLU' && next.props.maxValue === undefined && next.props.threshold === undefined) return { name: 'relu', writtenOn: next };
    if (next.kind === 'leakyReLU' && !next.unresolved.includes('alpha')) return { name: 'leakyReLU', alpha: next.alpha, writtenOn: next };
    if (!between.has(next.kind)) break;
  }
  return { name: own, writtenOn: layer };
}
