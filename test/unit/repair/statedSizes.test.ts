import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { analyze } from '../../../server/src/engine/analyze';
import { buildNetwork, disposeNetwork } from '../../../server/src/engine/empirical/network';
import { withStatedSizes } from '../../../scripts/repair/statedSizes';
import { batchFor, forwardMacsPerSample, MIN_BATCH, STEP_BUDGET_MACS } from '../../../scripts/repair/stepCost';
import { segmentSum, useLinearSegmentSum } from '../../../scripts/repair/linearSegmentSum';

const UNSTATED = `import * as tf from '@tensorflow/tfjs';
export function build(config) {
  const model = tf.sequential();
  model.add(tf.layers.simpleRNN({ inputShape: [null, 4], units: config.units, recurrentInitializer: 'glorotUniform' }));
  model.add(tf.layers.dense({ units: config.classes, activation: 'softmax' }));
  return model;
}
`;

describe('repair-check: stated sizes and step cost', function () {
  this.timeout(20000);

  it('fills sizes the code does not state with the nominal plausible values and says which', () => {
    const { model } = analyze(UNSTATED, 'u.ts').models[0];
    assert.throws(() => buildNetwork(model, 0));
    const stated = withStatedSizes(model);
    assert.deepEqual(stated.stated, ['units of simpleRNN_1 = 128', 'time steps of simpleRNN_1 = 32', 'units of dense_1 = 128']);
    const network = buildNetwork(stated.model, 0);
    assert.deepEqual(network.inputs[0].shape, [32, 4]);
    assert.deepEqual(network.outputShapes, [[128]]);
    disposeNetwork(network);
  });

  it('fills the null sides and channels of an image read by a convolution, which a side of 1 could not pass', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function build(images) {
  const [, height, width, channels] = images.shape;
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [height, width, channels], filters: 4, kernelSize: 3 }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2 }));
  return model;
}
`;
    const { model } = analyze(text, 'image.ts').models[0];
    const stated = withStatedSizes(model);
    assert.deepEqual(stated.stated, ['side 1 of the input of conv2d_1 = 32', 'side 2 of the input of conv2d_1 = 32', 'channels of the input of conv2d_1 = 128']);
    const network = buildNetwork(stated.model, 0);
    assert.deepEqual(network.inputs[0].shape, [32, 32, 128]);
    disposeNetwork(network);
  });

  it('gives an embedding whose inputLength is a parameter the nominal sequence length', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function build(maxWords) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 500, outputDim: 8, inputLength: maxWords }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 2 }));
  return model;
}
`;
    const { model } = analyze(text, 'tags.ts').models[0];
    assert.throws(() => buildNetwork(model, 0), /inputLength/);
    const stated = withStatedSizes(model);
    assert.deepEqual(stated.stated, ['time steps of embedding_1 = 32']);
    const network = buildNetwork(stated.model, 0);
    assert.deepEqual(network.inputs[0].shape, [32]);
    disposeNetwork(network);
  });

  it('leaves a model whose sizes are written as it is', () => {
    const { model } = analyze(UNSTATED.replace('[null, 4]', '[10, 4]').replace('config.units', '16').replace('config.classes', '3'), 'k.ts').models[0];
    assert.deepEqual(withStatedSizes(model).stated, []);
  });

  it('counts multiply-adds per sample and shrinks the batch only for costly steps', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [10], units: 20 }));
model.add(tf.layers.dense({ units: 5 }));
`;
    assert.equal(forwardMacsPerSample(analyze(text, 'd.ts').models[0].model), 10 * 20 + 20 * 5);
    assert.equal(batchFor(300, 32), 32);
    const costly = STEP_BUDGET_MACS / 3 / 8;
    assert.equal(batchFor(costly, 32), 8);
    assert.equal(batchFor(STEP_BUDGET_MACS, 32), MIN_BATCH);
  });

  it('sums segments in one pass exactly as tfjs does, embedding gradients included', async () => {
    assert.deepEqual([...segmentSum([1, 2, 3, 4, 5, 6], [3, 2], [1, -1, 1], 1, 3).values], [0, 0, 6, 8, 0, 0]);
    const table = tf.variable(tf.randomNormal([50, 4], 0, 1, 'float32', 3));
    const ids = tf.tensor1d([3, 7, 3, 49, 0, 7], 'int32');
    const gradient = () => tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, ids))))(table).arraySync();
    const original = tf.getKernel(tf.UnsortedSegmentSum, 'cpu');
    assert.ok(original);
    const expected = gradient();
    try {
      useLinearSegmentSum();
      assert.notEqual(tf.getKernel(tf.UnsortedSegmentSum, 'cpu')?.kernelFunc, original.kernelFunc);
      assert.deepEqual(gradient(), expected);
    } finally {
      tf.unregisterKernel(tf.UnsortedSegmentSum, 'cpu');
      tf.registerKernel(original);
      tf.dispose([table, ids]);
    }
  });
});
