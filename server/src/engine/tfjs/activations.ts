/** Activation identifiers tfjs 4.22 accepts as strings (DESIGN section 4). */
export const TFJS_ACTIVATIONS = [
  'elu', 'selu', 'relu', 'relu6', 'linear', 'sigmoid', 'hardSigmoid', 'softplus', 'softsign',
  'tanh', 'softmax', 'swish', 'mish', 'gelu', 'gelu_new',
] as const;

export type ActivationName = (typeof TFJS_ACTIVATIONS)[number];

export function isTfjsActivation(name: string): name is ActivationName {
  return (TFJS_ACTIVATIONS as readonly string[]).includes(name);
}

/** tfjs ops named as the activation they compute, called `tf.sigmoid(x)` or `x.sigmoid()`. */
export const ACTIVATION_OPS: ReadonlySet<string> = new Set<ActivationName>(['sigmoid', 'tanh', 'relu', 'relu6', 'elu', 'selu', 'softplus', 'softmax']);

/**
 * Strings users write that tfjs rejects at runtime, with the layer that does the job and the
 * activation that layer computes when its fix inserts it with its defaults (`fixed`: a prelu's
 * alphas start at zero, a relu).
 */
export const ACTIVATION_TRAPS: Record<string, { layer: string; note: string; fixed: { name: string; alpha?: number } }> = {
  leakyRelu: { layer: 'leakyReLU', note: "'leakyRelu' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3)", fixed: { name: 'leakyReLU', alpha: 0.3 } },
  leakyReLU: { layer: 'leakyReLU', note: "'leakyReLU' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3)", fixed: { name: 'leakyReLU', alpha: 0.3 } },
  leakyrelu: { layer: 'leakyReLU', note: "'leakyrelu' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3)", fixed: { name: 'leakyReLU', alpha: 0.3 } },
  prelu: { layer: 'prelu', note: "'prelu' is not a tfjs activation; use the tf.layers.prelu() layer", fixed: { name: 'relu' } },
  silu: { layer: 'activation', note: "'silu' is not a tfjs activation string; 'swish' is the same function", fixed: { name: 'swish' } },
};
