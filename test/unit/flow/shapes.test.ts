/**
 * Output shapes as tfjs computes them (DESIGN 3a): extraction reads strides, padding, dilation,
 * poolSize, upsampling size and reshape's target, and the analytic engine's shapes equal those
 * real tfjs layers compute from the same source text.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { extractFile } from '../../../server/src/engine/extract';
import type { LayerIR } from '../../../server/src/engine/ir';
import { layerStep } from '../../../server/src/engine/flow/layerStep';
import type { Signal } from '../../../server/src/engine/flow/signal';
import { permuteOutput, reshapeOutput } from '../../../server/src/engine/tfjs/shapes';

function extractLayer(call: string): LayerIR {
  const [model] = extractFile(`import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential({ layers: [tf.layers.${call}] });\n`, 'm.ts').models;
  return model.layers[0];
}

/** The shape the flow step gives for `call` applied to an input of `shape` (without batch). */
function flowShape(call: string, shape: number[]): (number | null)[] {
  const layer = extractLayer(call);
  const input: Signal = { q: 1, c: 0, mean: 0, shape };
  const context = {
    batch: 4, assume: () => undefined, checkDeadline: () => undefined,
    unknown: () => { throw new Error('every size is written'); },
  };
  return layerStep(layer, [input], context).output.shape;
}

/** The shape real tfjs computes when the layer runs on a batch of one. */
function tfjsShape(make: () => tf.layers.Layer, shape: number[]): number[] {
  return tf.tidy(() => (make().apply(tf.zeros([1, ...shape])) as tf.Tensor).shape.slice(1));
}

describe('shapes as tfjs computes them', () => {
  const cases: [string, () => tf.layers.Layer, number[]][] = [
    ["conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' })", () => tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }), [15, 16, 3]],
    ["conv2d({ filters: 4, kernelSize: [3, 5], strides: [2, 3] })", () => tf.layers.conv2d({ filters: 4, kernelSize: [3, 5], strides: [2, 3] }), [15, 16, 3]],
    ["conv2d({ filters: 4, kernelSize: 3, dilationRate: 2 })", () => tf.layers.conv2d({ filters: 4, kernelSize: 3, dilationRate: 2 }), [15, 16, 3]],
    ["conv1d({ filters: 4, kernelSize: 4, strides: 3, padding: 'same' })", () => tf.layers.conv1d({ filters: 4, kernelSize: 4, strides: 3, padding: 'same' }), [20, 3]],
    ["conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' })", () => tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }), [5, 7, 3]],
    ["conv2dTranspose({ filters: 4, kernelSize: 4, strides: 2 })", () => tf.layers.conv2dTranspose({ filters: 4, kernelSize: 4, strides: 2 }), [5, 7, 3]],
    ["conv2dTranspose({ filters: 4, kernelSize: 1, strides: 3 })", () => tf.layers.conv2dTranspose({ filters: 4, kernelSize: 1, strides: 3 }), [5, 7, 3]],
    ['maxPooling2d({})', () => tf.layers.maxPooling2d({}), [9, 8, 3]],
    ["maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' })", () => tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }), [9, 8, 3]],
    ['averagePooling2d({ poolSize: [3, 2] })', () => tf.layers.averagePooling2d({ poolSize: [3, 2] }), [9, 8, 3]],
    ['maxPooling1d({ poolSize: 3 })', () => tf.layers.maxPooling1d({ poolSize: 3 }), [10, 3]],
    ['globalAveragePooling2d({})', () => tf.layers.globalAveragePooling2d({}), [9, 8, 3]],
    ['upSampling2d({ size: [2, 3] })', () => tf.layers.upSampling2d({ size: [2, 3] }), [4, 5, 3]],
    ['upSampling2d({})', () => tf.layers.upSampling2d({}), [4, 5, 3]],
    ['reshape({ targetShape: [-1, 6] })', () => tf.layers.reshape({ targetShape: [-1, 6] }), [4, 3, 2]],
    // permute swaps what the next layer takes as its features (a token-mixing dense over positions).
    ['permute({ dims: [2, 1] })', () => tf.layers.permute({ dims: [2, 1] }), [144, 64]],
    ['permute({ dims: [3, 1, 2] })', () => tf.layers.permute({ dims: [3, 1, 2] }), [4, 5, 3]],
    // channelsFirst: channels before the spatial axes, in the input and in the output.
    ["conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', dataFormat: 'channelsFirst' })", () => tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', dataFormat: 'channelsFirst' }), [3, 15, 16]],
    ["maxPooling2d({ poolSize: 2, dataFormat: 'channelsFirst' })", () => tf.layers.maxPooling2d({ poolSize: 2, dataFormat: 'channelsFirst' }), [3, 9, 8]],
    ["globalAveragePooling2d({ dataFormat: 'channelsFirst' })", () => tf.layers.globalAveragePooling2d({ dataFormat: 'channelsFirst' }), [3, 9, 8]],
    ["flatten({ dataFormat: 'channelsFirst' })", () => tf.layers.flatten({ dataFormat: 'channelsFirst' }), [3, 4, 5]],
    // timeDistributed applies the layer to every step of axis 0: the time axis is neither slid over nor pooled.
    ["timeDistributed({ layer: tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2 }) })", () => tf.layers.timeDistributed({ layer: tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2 }) }), [6, 9, 8, 3]],
    ["timeDistributed({ layer: tf.layers.maxPooling2d({ poolSize: 2 }) })", () => tf.layers.timeDistributed({ layer: tf.layers.maxPooling2d({ poolSize: 2 }) }), [6, 9, 8, 3]],
    ["timeDistributed({ layer: tf.layers.globalAveragePooling2d({}) })", () => tf.layers.timeDistributed({ layer: tf.layers.globalAveragePooling2d({}) }), [6, 9, 8, 3]],
    ["timeDistributed({ layer: tf.layers.flatten() })", () => tf.layers.timeDistributed({ layer: tf.layers.flatten() }), [6, 4, 5, 3]],
    ["timeDistributed({ layer: tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same' }) })", () => tf.layers.timeDistributed({ layer: tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same' }) }), [6, 10, 3]],
  ];
  for (const [call, make, input] of cases) {
    it(`${call} on [${input.join(', ')}]`, () => {
      const expected = tfjsShape(make, input);
      const shape = flowShape(call, input);
      // The flow's last axis is the kernel's units (filters), as tfjs.
      assert.deepEqual(shape, expected);
    });
  }

  it('dot of two feature vectors (a two-tower cosine) is one number per example, as tfjs computes it', () => {
    const expected = tf.tidy(() => (tf.layers.dot({ axes: 1, normalize: true }).apply([tf.zeros([1, 32]), tf.ones([1, 32])]) as tf.Tensor).shape.slice(1));
    const layer = extractLayer('dot({ axes: 1, normalize: true })');
    const input: Signal = { q: 1, c: 0, mean: 0, shape: [32] };
    const context = { batch: 4, assume: () => undefined, checkDeadline: () => undefined, unknown: () => 1 };
    assert.deepEqual(layerStep(layer, [input, input], context).output.shape, expected);
  });

  it('extraction reads strides, padding, dilation, pool sizes, upsampling size and reshape target', () => {
    const conv = extractLayer("conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', dilationRate: [1, 1] })");
    assert.deepEqual([conv.strides, conv.padding, conv.dilationRate], [[2, 2], 'same', [1, 1]]);
    const pool = extractLayer("maxPooling1d({ poolSize: 3, strides: 2, padding: 'valid' })");
    assert.deepEqual([pool.poolSize, pool.strides, pool.padding, pool.pooling], [[3], [2], 'valid', { mode: 'max', global: false }]);
    assert.deepEqual(extractLayer('globalAveragePooling1d({})').pooling, { mode: 'average', global: true });
    const up = extractLayer("upSampling2d({ size: [2, 3], interpolation: 'bilinear' })");
    assert.deepEqual([up.kind, up.size, up.interpolation], ['upSampling', [2, 3], 'bilinear']);
    assert.deepEqual(extractLayer('reshape({ targetShape: [4, -1] })').targetShape, [4, -1]);
    const unknown = extractLayer('conv2d({ filters: 4, kernelSize: 3, strides: s })');
    assert.equal(unknown.strides, undefined);
    assert.deepEqual(unknown.unresolved, ['strides']);
  });

  it('permute dims that are not a permutation of the input axes are refused', () => {
    assert.equal(permuteOutput([4, 3], [1, 1]), undefined);
    assert.equal(permuteOutput([4, 3], [2, 3]), undefined);
    assert.equal(permuteOutput([4, 3, 2], [2, 1]), undefined);
    assert.deepEqual(permuteOutput([null, 3], [2, 1]), [3, null]);
  });

  it('reshape targets that do not fit the input are refused, unknown sizes stay unknown', () => {
    assert.equal(reshapeOutput([4, 3], [5, -1]), undefined);
    assert.equal(reshapeOutput([4, 3], [-1, -1]), undefined);
    assert.equal(reshapeOutput([4, 3], [2, 5]), undefined);
    assert.deepEqual(reshapeOutput([null, 3], [-1, 3]), [null, 3]);
  });
});
