import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../../../server/src/engine/empirical/network';
import { sequenceTeacher } from '../../../scripts/repair/sequenceTeacher';
import { MAX_STEPS, MIN_STEPS, stepsFor } from '../../../scripts/repair/budget';

function network(inputs: Network['inputs'], outputShapes: number[][]): Network {
  return { nodes: [], inputs, outputShapes, trainable: [], assumptions: [] };
}

const maxDifference = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).arraySync() as number);

describe('repair-check sequence teacher (recurrent models)', () => {
  it('is time-invariant: the order of the steps does not matter, every step does, the first as much as the last', () => {
    const teacher = sequenceTeacher(network([{ shape: [40, 3] }], [[2]]), 0);
    const x = tf.randomNormal([5, 40, 3], 0, 1, 'float32', 1);
    const [y] = teacher.targets([x]);
    const [reversed] = teacher.targets([tf.reverse(x, 1)]);
    assert.ok(maxDifference(y, reversed) < 1e-5, 'the running sum reads the steps in any order alike');
    const bump = (step: number) => tf.add(x, tf.oneHot([step], 40).reshape([1, 40, 1]).mul(3));
    const [firstChanged] = teacher.targets([bump(0)]);
    const [lastChanged] = teacher.targets([bump(39)]);
    assert.ok(maxDifference(y, firstChanged) > 0.01, 'the first step matters');
    assert.ok(maxDifference(firstChanged, lastChanged) < 1e-5, 'the first step matters as much as the last');
    tf.dispose([x, y, reversed, firstChanged, lastChanged, ...teacher.weights]);
  });

  it('gives targets of N(0,1)-like scale, whatever the length', () => {
    for (const steps of [4, 120]) {
      const teacher = sequenceTeacher(network([{ shape: [steps, 8] }], [[16]]), 0);
      const x = tf.randomNormal([256, steps, 8], 0, 1, 'float32', 2);
      const [y] = teacher.targets([x]);
      const std = tf.tidy(() => tf.sqrt(tf.moments(y).variance).arraySync() as number);
      assert.ok(std > 0.2 && std < 1.5, `std ${std} at ${steps} steps`);
      tf.dispose([x, y, ...teacher.weights]);
    }
  });

  it('gives a per-step output (a seq2seq decoder) the target of each step: that input up to the step, the other whole', () => {
    const teacher = sequenceTeacher(network([{ shape: [12], idCount: 35 }, { shape: [10], idCount: 13 }], [[10, 13]]), 0);
    const encoder = tf.randomUniform([4, 12], 0, 35, 'int32', 3);
    const decoder = tf.randomUniform([4, 10], 0, 13, 'int32', 4);
    const [y] = teacher.targets([encoder, decoder]);
    assert.deepEqual(y.shape, [4, 10, 13]);
    // A later decoder id leaves the earlier steps' targets alone and changes its own step's.
    const laterChanged = tf.concat([tf.slice(decoder, [0, 0], [4, 6]), tf.sub(tf.scalar(12, 'int32'), tf.slice(decoder, [0, 6], [4, 4]))], 1);
    const [y2] = teacher.targets([encoder, laterChanged]);
    assert.ok(maxDifference(tf.slice(y, [0, 0, 0], [4, 6, 13]), tf.slice(y2, [0, 0, 0], [4, 6, 13])) < 1e-6);
    assert.ok(maxDifference(tf.slice(y, [0, 6, 0], [4, 4, 13]), tf.slice(y2, [0, 6, 0], [4, 4, 13])) > 0.01);
    // The encoder's first id changes every step's target.
    const firstEncoderChanged = tf.concat([tf.sub(tf.scalar(34, 'int32'), tf.slice(encoder, [0, 0], [4, 1])), tf.slice(encoder, [0, 1], [4, 11])], 1);
    const [y3] = teacher.targets([firstEncoderChanged, decoder]);
    assert.ok(maxDifference(tf.slice(y, [0, 0, 0], [4, 1, 13]), tf.slice(y3, [0, 0, 0], [4, 1, 13])) > 0.01);
    tf.dispose([encoder, decoder, laterChanged, firstEncoderChanged, y, y2, y3, ...teacher.weights]);
  });
});

describe('repair-check budget: one rule for every case', () => {
  it('trains ⌈1/η⌉ steps for the smaller learning rate of the two runs, within [MIN_STEPS, MAX_STEPS]', () => {
    assert.equal(stepsFor(0.001, 0.001), 1000);
    assert.equal(stepsFor(0.1, 0.001), 1000, 'a fix that lowers the rate gets the time its rate needs, and so does the original');
    assert.equal(stepsFor(0.5, 0.01), MIN_STEPS);
    assert.equal(stepsFor(0.02, 0.02), MIN_STEPS);
    assert.equal(stepsFor(0.0008), 1250);
    assert.equal(stepsFor(1e-5), MAX_STEPS);
    assert.equal(stepsFor(NaN, 0), MIN_STEPS, 'a NaN learning rate (an object) or none gives the minimum');
  });
});
