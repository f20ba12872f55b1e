/**
 * Layer defaults of tfjs-layers 4.22 (DESIGN section 4), checked against
 * tfjs-layers/src/layers/{core,convolutional,recurrent,embeddings,normalization,advanced_activations}.ts.
 * A property the user did not write takes these values.
 */
import type { LayerIR, LayerKind } from '../ir';

/** `DEFAULT_KERNEL_INITIALIZER` of Dense, Conv, SimpleRNN/LSTM/GRU cells (and DepthwiseConv2D's kernel). */
export const DEFAULT_KERNEL_INITIALIZER = 'glorotNormal';
/** `DEFAULT_RECURRENT_INITIALIZER` of SimpleRNN/LSTM/GRU cells. */
export const DEFAULT_RECURRENT_INITIALIZER = 'orthogonal';
/** `DEFAULT_EMBEDDINGS_INITIALIZER` of Embedding: randomUniform with its own default ±0.05. */
export const DEFAULT_EMBEDDINGS_INITIALIZER = 'randomUniform';
/**
 * SeparableConv2D's `DEFAULT_DEPTHWISE_INITIALIZER`, which (in 4.22) initializes its pointwise
 * kernel too: the pointwise kernel reads `depthwiseInitializer`, never `pointwiseInitializer`.
 */
export const DEFAULT_SEPARABLE_INITIALIZER = 'glorotUniform';
export const DEFAULT_BIAS_INITIALIZER = 'zeros';

/** Dense and conv layers default to the identity activation. */
export const DEFAULT_ACTIVATION = 'linear';
/** SimpleRNN/LSTM/GRU `DEFAULT_ACTIVATION`. */
export const DEFAULT_RECURRENT_LAYER_ACTIVATION = 'tanh';
/** LSTM/GRU `DEFAULT_RECURRENT_ACTIVATION` (not sigmoid, unlike Keras 2). */
export const DEFAULT_RECURRENT_GATE_ACTIVATION = 'hardSigmoid';

export const BATCH_NORMALIZATION_DEFAULTS = { momentum: 0.99, epsilon: 1e-3 } as const;
export const LAYER_NORMALIZATION_DEFAULTS = { epsilon: 1e-3 } as const;
/** tf.layers.leakyReLU `DEFAULT_ALPHA` (Keras uses 0.3 too; PyTorch uses 0.01). */
export const LEAKY_RELU_DEFAULT_ALPHA = 0.3;
/** tf.layers.elu `DEFAULT_ALPHA`; tfjs rejects any other alpha at construction. */
export const ELU_DEFAULT_ALPHA = 1.0;

const RECURRENT_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>(['simpleRNN', 'lstm', 'gru']);
const CONV_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>([
  'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose', 'depthwiseConv2d', 'separableConv2d',
]);

export function isRecurrentKind(kind: LayerKind): boolean {
  return RECURRENT_KINDS.has(kind);
}

/**
 * tfjs factories that always build a layer running through time, even when extraction cannot model
 * it: tf.layers.rnn around a cell it could not read, convLstm2d.
 */
const UNMODELLED_RECURRENT_FACTORIES: ReadonlySet<string> = new Set(['rnn', 'convLstm2d']);

/** A batch or layer normalization: it sets its output's scale anew. */
export function isNormalization(layer: LayerIR): boolean {
  return layer.kind === 'batchNormalization' || layer.kind === 'layerNormalization';
}

/** Whether the layer runs through time: a modelled recurrent kind, or an opaque layer of a recurrent factory. */
export function isRecurrentLayer(layer: Pick<LayerIR, 'kind' | 'factory'>): boolean {
  return isRecurrentKind(layer.kind) || (layer.kind === 'opaque' && UNMODELLED_RECURRENT_FACTORIES.has(layer.factory));
}

export function isConvKind(kind: LayerKind): boolean {
  return CONV_KINDS.has(kind);
}

/** Layers that own a kernel whose gradient the engines report (DESIGN section 7). */
export function hasKernel(kind: LayerKind): boolean {
  return kind === 'dense' || kind === 'embedding' || isConvKind(kind) || isRecurrentKind(kind);
}

/** The activation in effect on a layer: the written string, else the kind's default. */
export function effectiveActivation(layer: Pick<LayerIR, 'kind' | 'activation'>): string {
  if (layer.activation !== undefined) return layer.activation;
  return isRecurrentKind(layer.kind) ? DEFAULT_RECURRENT_LAYER_ACTIVATION : DEFAULT_ACTIVATION;
}

/** The gate activation of an LSTM/GRU (written, else hardSigmoid); undefined for other kinds. */
export function effectiveRecurrentActivation(
  layer: Pick<LayerIR, 'kind' | 'recurrentActivation'>,
): string | undefined {
  if (layer.kind !== 'lstm' && layer.kind !== 'gru') return undefined;
  return layer.recurrentActivation ?? DEFAULT_RECURRENT_GATE_ACTIVATION;
}

/** Name of the initializer a layer's kernel uses when none is written. */
export function defaultKernelInitializerName(kind: LayerKind): string {
  if (kind === 'embedding') return DEFAULT_EMBEDDINGS_INITIALIZER;
  return kind === 'separableConv2d' ? DEFAULT_SEPARABLE_INITIALIZER : DEFAULT_KERNEL_INITIALIZER;
}
