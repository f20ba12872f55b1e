import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { simulateFlow } from '../../../server/src/engine/empirical';
import type { ModelIR } from '../../../server/src/engine/ir';
import { graph, layer, sequential } from '../../helpers/modelBuilders';

const MODELS: Record<string, { model: ModelIR; kernels: number[] }> = {
  'conv2d, pooling, flatten, dropout': {
    model: sequential([
      layer('conv2d', { units: 8, kernelSize: [3, 3], activation: 'relu', inputShape: [12, 12, 3] }),
      layer('pooling', { factory: 'maxPooling2d' }),
      layer('conv2d', { units: 8, kernelSize: [3], activation: 'relu' }),
      layer('flatten'),
      layer('dropout', { rate: 0.3 }),
      layer('dense', { units: 4 }),
    ]),
    kernels: [0, 2, 5],
  },
  'embedding, lstm, bidirectional simpleRNN': {
    model: sequential([
      layer('embedding', { inputDim: 50, units: 8, inputShape: [10] }),
      layer('lstm', { units: 16, returnSequences: true }),
      layer('simpleRNN', { units: 8, wrapper: 'bidirectional' }),
      layer('dense', { units: 2, activation: 'softmax' }),
    ]),
    kernels: [0, 1, 2, 3],
  },
  'functional residual add, layerNormalization, leakyReLU, concatenate': {
    model: graph([
      { layer: layer('input', { inputShape: [16] }), inputs: [] },
      { layer: layer('dense', { units: 16, activation: 'relu' }), inputs: [0] },
      { layer: layer('dense', { units: 16 }), inputs: [1] },
      { layer: layer('add'), inputs: [0, 2] },
      { layer: layer('layerNormalization'), inputs: [3] },
      { layer: layer('leakyReLU'), inputs: [4] },
      { layer: layer('concatenate'), inputs: [5, 0] },
      { layer: layer('dense', { units: 3, kernelInitializer: { name: 'varianceScaling', args: { scale: 2, mode: 'fanIn', distribution: 'uniform' } } }), inputs: [6] },
    ], [16]),
    kernels: [1, 2, 7],
  },
};

describe('empirical engine: layer kinds', function () {
  this.timeout(20000);

  for (const [title, { model, kernels }] of Object.entries(MODELS)) {
    it(`builds and measures ${title}`, async () => {
      const before = tf.memory().numTensors;
      const flow = await simulateFlow(model, { seeds: 2, batch: 8 });
      assert.equal(tf.memory().numTensors, before);
      assert.deepEqual(flow.layers.map((l) => l.layerIndex), model.layers.map((l) => l.index));
      assert.deepEqual(flow.layers.filter((l) => l.hasKernel).map((l) => l.layerIndex), kernels);
      for (const layerFlow of flow.layers) {
        assert.ok(Number.isFinite(layerFlow.preActivationStd), `layer ${layerFlow.layerIndex} sd`);
        if (layerFlow.hasKernel) assert.ok(Number.isFinite(layerFlow.log10GradNorm), `layer ${layerFlow.layerIndex} gradient`);
      }
      assert.deepEqual(flow.assumptions, []);
    });
  }

  it('builds a depthwise convolution without filters, as the code writes it', async () => {
    const model = sequential([
      layer('conv2d', { units: 3, kernelSize: [3, 3], inputShape: [6, 6, 1], padding: 'same' }),
      layer('depthwiseConv2d', { kernelSize: [3, 3], padding: 'same' }),
      layer('flatten'),
      layer('dense', { units: 1 }),
    ]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 2 });
    assert.deepEqual(flow.assumptions, []);
    assert.ok(Number.isFinite(flow.layers[1].log10GradNorm));
    // Multiplier 1 keeps the 3 channels: 6 × 6 × 3 inputs reach the dense layer.
    assert.equal(flow.layers[3].fanIn, 108);
  });

  it('builds an image of null sides with the nominal side and says so, where a side of 1 could not pass a 3-wide valid convolution', async () => {
    const model = sequential([
      layer('conv2d', { units: 4, kernelSize: [3, 3], inputShape: [null, null, 3] }),
      layer('pooling', { factory: 'globalAveragePooling2d' }),
      layer('dense', { units: 1 }),
    ]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 2 });
    assert.deepEqual(flow.assumptions, [
      "conv2d_1: input dimension 1 of 3, time steps (side), is null or not known statically; 32 assumed (the analytic engine's nominal value)",
      "conv2d_1: input dimension 2 of 3, time steps (side), is null or not known statically; 32 assumed (the analytic engine's nominal value)",
    ]);
    // 3 x 3 x 3 inputs per filter position; the channels, written, stay 3.
    assert.equal(flow.layers[0].fanIn, 27);
    assert.ok(Number.isFinite(flow.layers[0].log10GradNorm));
  });

  it('states config properties it does not model', async () => {
    const model = sequential([
      layer('depthwiseConv2d', { units: 2, kernelSize: [3, 3], inputShape: [6, 6, 2], props: { depthMultiplier: { span: { start: 0, end: 0 }, valueSpan: { start: 0, end: 0 } } } }),
      layer('flatten'),
      layer('dense', { units: 1 }),
    ]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 4 });
    assert.deepEqual(flow.assumptions, ["depthwiseConv2d_1: 'depthMultiplier' as written is not modelled; the tfjs default is used"]);
  });

  it("runs causal padding (tfjs throws on it) as 'same' and a dilated convolution (tfjs cannot take its gradient) with dilation 1, and says so", async () => {
    const model = sequential([
      layer('conv1d', { units: 4, kernelSize: [3], padding: 'causal', inputShape: [16, 2] }),
      layer('conv1d', { units: 4, kernelSize: [3], padding: 'same', dilationRate: [2] }),
      layer('flatten'),
      layer('dense', { units: 1 }),
    ]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 2 });
    assert.deepEqual(flow.assumptions, [
      "conv1d_1: padding 'causal' is not implemented in tfjs; simulated as 'same' (the same length and fan-in)",
      'conv1d_2: tfjs cannot take the gradient of dilationRate 2; simulated with dilationRate 1 (the same fan-in)',
    ]);
    // Both keep the 16 steps: 16 × 4 inputs reach the dense layer.
    assert.equal(flow.layers[3].fanIn, 64);
    assert.ok(flow.layers.filter((l) => l.hasKernel).every((l) => Number.isFinite(l.log10GradNorm)));
  });

  it('builds strides, padding, pool sizes, upsampling and reshape as written', async () => {
    const model = sequential([
      layer('conv2d', { units: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same', inputShape: [9, 9, 2] }),
      layer('pooling', { factory: 'maxPooling2d', poolSize: [3, 3], strides: [1, 1], pooling: { mode: 'max', global: false } }),
      layer('upSampling', { factory: 'upSampling2d', size: [2, 3] }),
      layer('reshape', { targetShape: [9, 6, 4] }),
      layer('conv2dTranspose', { units: 2, kernelSize: [1], strides: [2] }),
      layer('flatten'),
      layer('dense', { units: 1 }),
    ]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 2 });
    assert.deepEqual(flow.assumptions, []);
    // 9 → ceil(9/2) = 5 → pool 3, stride 1: 3 → upsampled 6 × 9 → reshaped 9 × 6 → transposed, stride 2: 18 × 12 × 2.
    assert.equal(flow.layers[6].fanIn, 18 * 12 * 2);
  });

  it('builds permute as written: a dense layer after it mixes the positions', async () => {
    const model = sequential([
      layer('dense', { units: 6, inputShape: [10, 4] }),
      layer('reshape', { factory: 'permute', permuteDims: [2, 1] }),
      layer('dense', { units: 3 }),
      layer('flatten'),
      layer('dense', { units: 1 }),
    ]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 2 });
    assert.deepEqual(flow.assumptions, []);
    // [10, 6] permuted to [6, 10]: the second dense takes 10 positions as its features.
    assert.equal(flow.layers[2].fanIn, 10);
    assert.equal(flow.layers[4].fanIn, 6 * 3);
  });
});
