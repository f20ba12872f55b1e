import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../../../server/src/engine/empirical/network';
import { readsThroughConvolution, spatialTeacher } from '../../../scripts/repair/spatialTeacher';
import { layer, mlp, sequential } from '../../helpers/modelBuilders';

function network(inputs: Network['inputs'], outputShapes: number[][]): Network {
  return { nodes: [], inputs, outputShapes, trainable: [], assumptions: [] };
}

const maxDifference = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).arraySync() as number);

/** A zero image with one 3 × 3 patch of N(0,1) values whose corner sits at (row, column). */
function patchAt(row: number, column: number, patch: tf.Tensor): tf.Tensor4D {
  return tf.pad(patch, [[0, 0], [row, 16 - 3 - row], [column, 16 - 3 - column], [0, 0]]) as tf.Tensor4D;
}

describe('repair-check spatial teacher (convolutional models)', () => {
  it('is translation-invariant: a pattern scores the same wherever it sits, and its content matters', () => {
    const teacher = spatialTeacher(network([{ shape: [16, 16, 2] }], [[3]]), 0);
    const patch = tf.randomNormal([4, 3, 3, 2], 0, 2, 'float32', 1);
    const [here] = teacher.targets([patchAt(2, 3, patch)]);
    const [there] = teacher.targets([patchAt(9, 11, patch)]);
    const [other] = teacher.targets([patchAt(2, 3, tf.neg(patch))]);
    assert.ok(maxDifference(here, there) < 1e-5, 'the same patch elsewhere gives the same scores');
    assert.ok(maxDifference(here, other) > 0.01, 'another patch gives other scores');
    tf.dispose([patch, here, there, other, ...teacher.weights]);
  });

  it('gives targets of N(0,1)-like scale for images and sequences of any size', () => {
    for (const shape of [[8, 8, 1], [64, 64, 3], [50, 4], [400, 1]]) {
      const teacher = spatialTeacher(network([{ shape }], [[10]]), 0);
      const x = tf.randomNormal([128, ...shape], 0, 1, 'float32', 2);
      const [y] = teacher.targets([x]);
      assert.deepEqual(y.shape, [128, 10]);
      const std = tf.tidy(() => tf.sqrt(tf.moments(y).variance).arraySync() as number);
      assert.ok(std > 0.1 && std < 1.5, `std ${std} for input ${shape}`);
      tf.dispose([x, y, ...teacher.weights]);
    }
  });

  it('teaches models that read an image or a sequence through a 1D or 2D convolution into vector outputs', () => {
    const conv = sequential([layer('conv2d', { units: 4, kernelSize: [3, 3], inputShape: [8, 8, 1] }), layer('flatten'), layer('dense', { units: 2 })]);
    const image = network([{ shape: [8, 8, 1] }], [[2]]);
    assert.equal(readsThroughConvolution(conv, image), true);
    assert.equal(readsThroughConvolution(conv, network([{ shape: [8, 8, 1] }], [[8, 8, 1]])), false, 'an image output (an autoencoder) keeps the dense teacher');
    assert.equal(readsThroughConvolution(conv, network([{ shape: [8, 8, 1] }, { shape: [3] }], [[2]])), false, 'one input only');
    assert.equal(readsThroughConvolution(mlp({ depth: 2, width: 4 }), network([{ shape: [4] }], [[1]])), false);
  });
});
