/** The Frobenius norm of several tensors taken together, without float32 under- or overflow. */
import * as tf from '@tensorflow/tfjs';

/**
 * sqrt(Σ g²) computed as m·sqrt(Σ (g/m)²) with m = max |g|: squaring directly in float32 turns
 * entries below ~1e-19 into 0 (a vanishing gradient of 1e-22 would read as exactly 0) and entries
 * above ~1e19 into Infinity. An all-zero input gives 0. Call inside tf.tidy.
 */
export function frobeniusNorm(tensors: tf.Tensor[]): tf.Scalar {
  const flat = tensors.length === 1 ? tf.reshape(tensors[0], [-1]) : tf.concat(tensors.map((t) => tf.reshape(t, [-1])));
  const largest = tf.max(tf.abs(flat));
  const scaled = tf.mul(largest, tf.sqrt(tf.sum(tf.square(tf.div(flat, largest)))));
  return tf.where(tf.greater(largest, 0), scaled, tf.zerosLike(scaled)) as tf.Scalar;
}
