/**
 * tfjs-api-trap's table of layer factories given a value where the config belongs
 * (apiTraps/layerConfigArgument.ts) against the installed tfjs 4.22: the ones it says throw do,
 * the others do not, and the silent effects it names are what tfjs does.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { POSITIONAL_FIRST_ARGUMENT } from '../../../server/src/engine/rules/apiTraps/layerConfigArgument';

/** A value of the kind Keras code passes positionally for each config key. */
const KERAS_VALUE: Record<string, unknown> = {
  units: 8,
  filters: 8,
  inputDim: 100,
  poolSize: 3,
  targetShape: [2, 2],
  rate: 0.5,
  activation: 'relu',
  alpha: 0.2,
  maxValue: 6,
  size: 3,
  n: 3,
  stddev: 0.1,
  axis: -1,
};

type Factory = (value: unknown) => tf.layers.Layer;
const factory = (name: string): Factory => (tf.layers as unknown as Record<string, Factory>)[name];

describe('tfjs-api-trap: layer factories given a value instead of a config (tfjs 4.22)', () => {
  for (const [name, meaning] of Object.entries(POSITIONAL_FIRST_ARGUMENT)) {
    const value = KERAS_VALUE[meaning.key];
    it(`tf.layers.${name}(${JSON.stringify(value)}) ${meaning.effect}`, () => {
      assert.notEqual(value, undefined, `a Keras value for ${meaning.key}`);
      if (meaning.effect.startsWith('throws')) assert.throws(() => factory(name)(value));
      else assert.doesNotThrow(() => factory(name)(value));
    });
  }

  it('the silent effects are what tfjs does', () => {
    const input = tf.tensor2d([[-2, -1, 1, 2]]);
    const dropped = factory('dropout')(0.5).apply(tf.ones([4, 64]), { training: true }) as tf.Tensor;
    assert.deepEqual(dropped.arraySync(), tf.ones([4, 64]).arraySync(), 'dropout(0.5) drops nothing');
    assert.deepEqual((factory('activation')('relu').apply(input) as tf.Tensor).arraySync(), input.arraySync(), 'activation(relu) is linear');
    const leaky = (factory('leakyReLU')(0.2).apply(input) as tf.Tensor).arraySync() as number[][];
    assert.ok(Math.abs(leaky[0][0] - -0.6) < 1e-6, `leakyReLU(0.2) keeps alpha 0.3: ${leaky[0][0]}`);
    const elu = (factory('elu')(0.5).apply(input) as tf.Tensor).arraySync() as number[][];
    assert.ok(Math.abs(elu[0][0] - (Math.exp(-2) - 1)) < 1e-6, `elu(0.5) keeps alpha 1: ${elu[0][0]}`);
    const capped = (factory('reLU')(1).apply(tf.tensor2d([[5]])) as tf.Tensor).arraySync() as number[][];
    assert.equal(capped[0][0], 5, 'reLU(1) does not cap');
    const upsampled = factory('upSampling2d')(3).apply(tf.ones([1, 2, 2, 1])) as tf.Tensor;
    assert.deepEqual(upsampled.shape, [1, 4, 4, 1], 'upSampling2d(3) doubles');
  });
});
