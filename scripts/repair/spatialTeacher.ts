/**
 * The teacher of `npm run repair-check` for convolutional models. The feed-forward teacher
 * (randomTeacher) reads the flattened image through one dense projection: a different weight for
 * every pixel, which a convolution (one small filter shared by all positions) followed by global
 * pooling cannot express at all, and which conv + flatten + dense fits only by learning a weight
 * per pixel: the spectrogram CNN with global average pooling stayed at chance (accuracy 0.50, loss
 * 0.693) for 2000 steps on it whatever its output, and a digit CNN at 0.19 as written and fixed.
 * This teacher is what convolutional features are made for: a fixed random filter bank (3 wide,
 * tanh) slides over the input, its features are summed over all positions, scaled by
 * 1/sqrt(positions) so they stay of order 1, and a fixed random tanh network maps them to the scores.
 * It is translation-invariant and local, so the architecture family of the model can express it.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelIR } from '../../server/src/engine/ir';
import type { Network } from '../../server/src/engine/empirical/network';
import { sizeOf, tanhHead, type Teacher } from '../../server/src/engine/empirical';
import { deriveSeed, SeedRole } from '../../server/src/engine/empirical/seeds';
import { isConvKind } from '../../server/src/engine/tfjs/layers';

const FILTERS = 16;
const KERNEL = 3;

/**
 * A model whose one float input is an image [H, W, C] or a sequence [L, C], read by a 1D or 2D
 * convolution, and whose outputs are one vector per sample (an image output keeps randomTeacher).
 */
export function readsThroughConvolution(model: ModelIR, network: Network): boolean {
  const [input] = network.inputs;
  if (network.inputs.length !== 1 || input.idCount !== undefined) return false;
  if (input.shape.length !== 2 && input.shape.length !== 3) return false;
  if (!network.outputShapes.every((shape) => shape.length === 1)) return false;
  return model.layers.some((layer) => isConvKind(layer.kind) && layer.kind !== 'conv3d');
}

/** y = tanh(p W1) W2, p = Σ_positions tanh(conv(x, K)) / sqrt(positions). */
export function spatialTeacher(network: Network, seed: number): Teacher {
  const shape = network.inputs[0].shape;
  const channels = shape[shape.length - 1];
  const positions = sizeOf(shape.slice(0, -1));
  const image = shape.length === 3;
  const fanIn = KERNEL * (image ? KERNEL : 1) * channels;
  const filterShape = image ? [KERNEL, KERNEL, channels, FILTERS] : [KERNEL, channels, FILTERS];
  const filters = tf.randomNormal(filterShape, 0, 1 / Math.sqrt(fanIn), 'float32', deriveSeed(seed, SeedRole.teacher, 20));
  const head = tanhHead(FILTERS, network.outputShapes.map(([units]) => units), seed, 21);
  return {
    weights: [filters, ...head.weights],
    targets: (xs) => tf.tidy(() => {
      const x = xs[0];
      const features = image
        ? tf.tanh(tf.conv2d(x as tf.Tensor4D, filters as tf.Tensor4D, 1, 'same'))
        : tf.tanh(tf.conv1d(x as tf.Tensor3D, filters as tf.Tensor3D, 1, 'same'));
      const pooled = tf.div(tf.sum(features, image ? [1, 2] : [1]), Math.sqrt(positions));
      return head.scores(pooled);
    }),
  };
}
