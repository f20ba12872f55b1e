import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { frobeniusNorm } from '../../../server/src/engine/empirical/norm';

function norm(...values: number[][]): number {
  return tf.tidy(() => frobeniusNorm(values.map((v) => tf.tensor1d(v)))).arraySync() as number;
}

describe('empirical engine: Frobenius norm of gradients', () => {
  it('is sqrt(Σ g²) over all given tensors', () => {
    assert.ok(Math.abs(norm([3, 4]) - 5) < 1e-6);
    assert.ok(Math.abs(norm([1, 2], [2]) - 3) < 1e-6);
    assert.equal(norm([0, 0, 0]), 0);
  });

  it('neither underflows for a vanishing gradient nor overflows for an exploding one in float32', () => {
    // Squaring 3e-25 in float32 gives 0 and squaring 3e25 gives Infinity: the naive norm reads 0 and Infinity.
    assert.ok(Math.abs(Math.log10(norm([3e-25, 4e-25])) - Math.log10(5e-25)) < 1e-5);
    assert.ok(Math.abs(Math.log10(norm([3e25, -4e25])) - Math.log10(5e25)) < 1e-5);
  });
});
