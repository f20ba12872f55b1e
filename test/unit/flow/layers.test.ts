import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  BATCH_NORMALIZATION_DEFAULTS, DEFAULT_KERNEL_INITIALIZER, DEFAULT_RECURRENT_INITIALIZER, ELU_DEFAULT_ALPHA,
  effectiveActivation, effectiveRecurrentActivation, hasKernel, LAYER_NORMALIZATION_DEFAULTS, LEAKY_RELU_DEFAULT_ALPHA,
} from '../../../server/src/engine/tfjs/layers';

/** The config tfjs itself reports for a layer built with no options but the required ones. */
const config = (layer: tf.layers.Layer) => layer.getConfig() as Record<string, any>;
const className = (value: any) => value?.className as string;
/** tfjs serializes glorotNormal as VarianceScaling(scale 1, fanAvg, normal). */
const isGlorotNormal = (value: any) =>
  className(value) === 'VarianceScaling' && value.config.scale === 1 && value.config.mode === 'fanAvg' && value.config.distribution === 'normal';

describe('tfjs layer defaults (DESIGN section 4), checked against real tfjs', () => {
  it('dense and conv kernels default to glorotNormal, zero bias, linear activation', () => {
    for (const built of [tf.layers.dense({ units: 3 }), tf.layers.conv2d({ filters: 2, kernelSize: 3 })]) {
      const c = config(built);
      assert.ok(isGlorotNormal(c.kernelInitializer), JSON.stringify(c.kernelInitializer));
      assert.equal(DEFAULT_KERNEL_INITIALIZER, 'glorotNormal');
      assert.equal(className(c.biasInitializer), 'Zeros');
      assert.equal(c.activation, 'linear');
    }
    assert.equal(effectiveActivation({ kind: 'dense' }), 'linear');
  });

  it('recurrent layers: glorotNormal kernel, orthogonal recurrent kernel, tanh, hardSigmoid gates', () => {
    for (const built of [tf.layers.simpleRNN({ units: 2 }), tf.layers.lstm({ units: 2 }), tf.layers.gru({ units: 2 })]) {
      const c = config(built);
      assert.ok(isGlorotNormal(c.kernelInitializer), JSON.stringify(c.kernelInitializer));
      assert.equal(className(c.recurrentInitializer), 'Orthogonal');
      assert.equal(DEFAULT_RECURRENT_INITIALIZER, 'orthogonal');
      assert.equal(c.activation, 'tanh');
    }
    assert.equal(config(tf.layers.lstm({ units: 2 })).recurrentActivation, 'hardSigmoid');
    assert.equal(config(tf.layers.gru({ units: 2 })).recurrentActivation, 'hardSigmoid');
    assert.equal(effectiveActivation({ kind: 'lstm' }), 'tanh');
    assert.equal(effectiveRecurrentActivation({ kind: 'gru' }), 'hardSigmoid');
    assert.equal(effectiveRecurrentActivation({ kind: 'simpleRNN' }), undefined);
  });

  it('embedding uses randomUniform ±0.05; normalization, leakyReLU and elu defaults', () => {
    const embeddings = config(tf.layers.embedding({ inputDim: 10, outputDim: 4 })).embeddingsInitializer;
    assert.equal(className(embeddings), 'RandomUniform');
    assert.equal(embeddings.config.minval, -0.05);
    assert.equal(embeddings.config.maxval, 0.05);
    const bn = config(tf.layers.batchNormalization());
    assert.equal(bn.momentum, BATCH_NORMALIZATION_DEFAULTS.momentum);
    assert.equal(bn.epsilon, BATCH_NORMALIZATION_DEFAULTS.epsilon);
    assert.equal(config(tf.layers.layerNormalization()).epsilon, LAYER_NORMALIZATION_DEFAULTS.epsilon);
    assert.equal(config(tf.layers.leakyReLU()).alpha, LEAKY_RELU_DEFAULT_ALPHA);
    assert.equal(config(tf.layers.elu()).alpha, ELU_DEFAULT_ALPHA);
  });

  it('knows which kinds own a kernel', () => {
    assert.ok(hasKernel('dense') && hasKernel('conv1d') && hasKernel('lstm') && hasKernel('embedding'));
    assert.ok(!hasKernel('batchNormalization') && !hasKernel('add') && !hasKernel('dropout'));
  });
});
