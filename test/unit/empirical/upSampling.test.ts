/**
 * tfjs-backend-cpu 4.22's ResizeNearestNeighborGrad reads dy with the input's batch stride, so
 * tf.layers.upSampling2d's gradient is wrong for every example after the first of a batch. A
 * central finite difference of a fixed linear loss shows it; the empirical engine's replacement
 * (empirical/upSampling.ts) computes the same forward values with a correct gradient.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { NearestUpSampling2D } from '../../../server/src/engine/empirical/upSampling';

const SHAPE = [2, 3, 2, 2];
const SIZE: [number, number] = [2, 3];

/** loss(x) = Σ w ⊙ layer(x) with fixed weights w; its gradient by tf.grad and by finite differences. */
function gradients(layer: tf.layers.Layer): { analytic: number[]; numeric: number[] } {
  return tf.tidy(() => {
    const x = tf.randomNormal(SHAPE, 0, 1, 'float32', 7);
    const out = layer.apply(x) as tf.Tensor;
    const w = tf.randomNormal(out.shape, 0, 1, 'float32', 11);
    const loss = (input: tf.Tensor) => (layer.apply(input) as tf.Tensor).mul(w).sum() as tf.Scalar;
    const analytic = Array.from(tf.grad(loss)(x).dataSync());
    const values = x.dataSync();
    const h = 1e-2;
    const numeric = Array.from(values, (_, i) => {
      const shifted = (delta: number) => {
        const copy = Float32Array.from(values);
        copy[i] += delta;
        return loss(tf.tensor(copy, SHAPE)).dataSync()[0];
      };
      return (shifted(h) - shifted(-h)) / (2 * h);
    });
    return { analytic, numeric };
  });
}

const perExample = SHAPE.slice(1).reduce((a, b) => a * b, 1);
const maxError = (a: number[], b: number[], from: number, to: number) =>
  Math.max(...a.slice(from, to).map((v, i) => Math.abs(v - b[from + i])));

describe('upSampling2d gradient on the CPU backend', () => {
  it("tfjs's own layer: the first example's gradient is right, the second's is not (the tfjs bug)", () => {
    const { analytic, numeric } = gradients(tf.layers.upSampling2d({ size: SIZE }));
    assert.ok(maxError(analytic, numeric, 0, perExample) < 1e-2, 'first example agrees with finite differences');
    assert.ok(maxError(analytic, numeric, perExample, 2 * perExample) > 0.5, 'second example is wrong');
  });

  it("the empirical engine's nearest upsampling: same forward values, gradient right for every example", () => {
    const ours = new NearestUpSampling2D(SIZE);
    tf.tidy(() => {
      const x = tf.randomNormal(SHAPE, 0, 1, 'float32', 3);
      const theirs = tf.layers.upSampling2d({ size: SIZE }).apply(x) as tf.Tensor;
      const mine = ours.apply(x) as tf.Tensor;
      assert.deepEqual(mine.shape, theirs.shape);
      assert.deepEqual(Array.from(mine.dataSync()), Array.from(theirs.dataSync()));
    });
    const { analytic, numeric } = gradients(ours);
    assert.ok(maxError(analytic, numeric, 0, 2 * perExample) < 1e-2);
  });
});
