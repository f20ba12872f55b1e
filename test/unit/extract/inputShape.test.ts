/** Input shapes with some entries not known statically: each dimension is known or not on its own (DESIGN 3a). */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';
import { predictFlow } from '../../../server/src/engine/flow/analytic';

function firstModel(body: string) {
  const { models } = extractFile(`import * as tf from '@tensorflow/tfjs';\n${body}`, 'model.ts');
  assert.equal(models.length, 1);
  return models[0];
}

describe('extraction: input shapes known per dimension', () => {
  it("a dense layer's inputDim (Keras' input_dim) is its inputShape, as tfjs reads it; an embedding's inputDim is its vocabulary", () => {
    const dense = firstModel("export const model = tf.sequential({ layers: [tf.layers.dense({ inputDim: 256, units: 64 }), tf.layers.dense({ units: 1 })] });\n");
    assert.deepEqual(dense.layers[0].inputShape, [256]);
    const embedding = firstModel("export const model = tf.sequential({ layers: [tf.layers.embedding({ inputDim: 5000, outputDim: 16, inputLength: 20 }), tf.layers.flatten(), tf.layers.dense({ units: 1 })] });\n");
    assert.deepEqual(embedding.layers[0].inputShape, [20]);
  });

  it('an lstm inputShape [40, charsetSize] keeps its 40 time steps when the feature size comes from data', () => {
    const model = firstModel(`export function build(charsetSize: number) {
  return tf.sequential({ layers: [tf.layers.lstm({ units: 128, inputShape: [40, charsetSize] }), tf.layers.dense({ units: 10 })] });
}
`);
    assert.deepEqual(model.layers[0].inputShape, [40, null]);
    assert.deepEqual(model.inputShape, [40, null]);
    assert.deepEqual(model.layers[0].unresolved, ['inputShape'], 'the shape is not resolved in full, and says so');
  });

  it('the flow takes the 40 time steps as written: only the feature size is an unknown', () => {
    const model = firstModel(`export function build(charsetSize: number) {
  return tf.sequential({ layers: [tf.layers.lstm({ units: 128, inputShape: [40, charsetSize] }), tf.layers.dense({ units: 10 })] });
}
`);
    assert.deepEqual(predictFlow(model).unknowns?.map((unknown) => unknown.id), ['inputFeatures@0']);
  });

  it('a conv input [28, 28, channels] keeps its spatial sizes, through a shape variable too', () => {
    const model = firstModel(`export function build(channels: number) {
  const shape = [28, 28, channels];
  return tf.sequential({ layers: [tf.layers.conv2d({ filters: 8, kernelSize: 3, inputShape: shape }), tf.layers.flatten()] });
}
`);
    assert.deepEqual(model.inputShape, [28, 28, null]);
  });

  it('batchInputShape and tf.input({shape}) are read per dimension as well', () => {
    const sequential = firstModel(`export function build(batch: number, features: number) {
  return tf.sequential({ layers: [tf.layers.gru({ units: 8, batchInputShape: [batch, 60, features] })] });
}
`);
    assert.deepEqual(sequential.inputShape, [60, null]);
    const functional = firstModel(`export function build(features: number) {
  const input = tf.input({ shape: [60, features] });
  return tf.model({ inputs: input, outputs: tf.layers.simpleRNN({ units: 8 }).apply(input) as tf.SymbolicTensor });
}
`);
    assert.deepEqual(functional.inputShape, [60, null]);
  });

  it('a spread of unknown length leaves the whole shape unresolved: its entries cannot be placed', () => {
    const model = firstModel(`export function build(dims: number[]) {
  return tf.sequential({ layers: [tf.layers.lstm({ units: 8, inputShape: [...dims, 3] })] });
}
`);
    assert.equal(model.inputShape, undefined);
    assert.ok(model.layers[0].unresolved.includes('inputShape'));
  });

  it('a push of a spread of unknown length makes the length unknown again', () => {
    const model = firstModel(`export function build(dims: number[]) {
  const shape = [40];
  shape.push(...dims);
  return tf.sequential({ layers: [tf.layers.lstm({ units: 8, inputShape: shape })] });
}
`);
    assert.equal(model.inputShape, undefined);
  });

  it('a stack of unknown depth written `inputShape: i === 0 ? [300] : undefined` has its input shape: tfjs throws on a first layer without one', () => {
    const model = firstModel(`export function build(hidden: number[]) {
  const net = tf.sequential();
  hidden.forEach((units, i) => net.add(tf.layers.dense({ units, activation: 'relu', inputShape: i === 0 ? [300] : undefined })));
  net.add(tf.layers.dense({ units: 1 }));
  return net;
}
`);
    assert.deepEqual(model.inputShape, [300]);
    assert.ok(!model.layers[0].unresolved.includes('inputShape'));
  });

  it('a known condition still picks its side of an input-shape choice', () => {
    const model = firstModel(`const FIRST = false;
export const net = tf.sequential();
net.add(tf.layers.dense({ units: 8, inputShape: [4] }));
net.add(tf.layers.dense({ units: 1, inputShape: FIRST ? [300] : undefined }));
`);
    assert.equal(model.layers[1].inputShape, undefined);
  });
});
