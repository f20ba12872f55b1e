/**
 * tfjs-api-trap's depthwise kernel options (apiTraps/depthwiseKernelOptions.ts) against the
 * installed tfjs 4.22: separableConv2d throws on conv2d's kernel options, depthwiseConv2d ignores
 * them, separableConv2d initializes its pointwise kernel with depthwiseInitializer (or
 * glorotUniform) whatever pointwiseInitializer says, and the engine's defaults say the same.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { defaultKernelInitializerName } from '../../../server/src/engine/tfjs/layers';

/** The layer built on an 8x8x4 input, and its weights by their name's last part (`pointwise_kernel`). */
function builtWeights(layer: tf.layers.Layer): Record<string, tf.Tensor> {
  tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [8, 8, 4] }), layer] });
  const weights: Record<string, tf.Tensor> = {};
  for (const weight of layer.weights) weights[weight.originalName.split('/').pop() as string] = weight.read();
  return weights;
}

const absoluteSum = (tensor: tf.Tensor): number => tensor.abs().sum().dataSync()[0];

describe('tfjs-api-trap: the depthwise convolutions\' kernel options (tfjs 4.22)', () => {
  for (const key of ['kernelInitializer', 'kernelRegularizer', 'kernelConstraint']) {
    const value = { kernelInitializer: 'heNormal', kernelRegularizer: tf.regularizers.l2(), kernelConstraint: 'maxNorm' }[key];
    it(`separableConv2d throws when created with ${key}`, () => {
      assert.throws(() => tf.layers.separableConv2d({ filters: 4, kernelSize: 3, [key]: value }), /invalid for SeparableConv2D/);
    });
    it(`depthwiseConv2d takes ${key} and ignores it`, () => {
      const layer = tf.layers.depthwiseConv2d({ kernelSize: 3, [key]: value });
      const config = layer.getConfig();
      const depthwiseKey = key.replace('kernel', 'depthwise');
      if (key === 'kernelInitializer') assert.deepEqual((config[depthwiseKey] as { config: object }).config, { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: null });
      else assert.equal(config[depthwiseKey], null);
    });
  }

  it('depthwiseConv2d with kernelInitializer zeros draws a glorotNormal kernel', () => {
    const { depthwise_kernel: kernel } = builtWeights(tf.layers.depthwiseConv2d({ kernelSize: 3, kernelInitializer: 'zeros' }));
    assert.ok(absoluteSum(kernel) > 0);
  });

  it('separableConv2d initializes its pointwise kernel with depthwiseInitializer, never pointwiseInitializer', () => {
    const weights = builtWeights(tf.layers.separableConv2d({ filters: 4, kernelSize: 3, depthwiseInitializer: 'zeros', pointwiseInitializer: 'ones' }));
    assert.equal(absoluteSum(weights.depthwise_kernel), 0);
    assert.equal(absoluteSum(weights.pointwise_kernel), 0);
  });

  it('separableConv2d without depthwiseInitializer draws both kernels glorotUniform, as the engine assumes', () => {
    const weights = builtWeights(tf.layers.separableConv2d({ filters: 4, kernelSize: 3, pointwiseInitializer: 'zeros' }));
    // glorotUniform on the pointwise kernel [1, 1, 4, 4]: uniform within ±sqrt(6 / (4 + 4)).
    const limit = Math.sqrt(6 / 8);
    const values = Array.from(weights.pointwise_kernel.dataSync());
    assert.ok(values.some((value) => value !== 0) && values.every((value) => Math.abs(value) <= limit));
    assert.equal(defaultKernelInitializerName('separableConv2d'), 'glorotUniform');
    assert.equal(defaultKernelInitializerName('depthwiseConv2d'), 'glorotNormal');
  });
});
