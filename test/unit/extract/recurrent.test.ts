/** Recurrent layers as real code writes them: tf.layers.rnn around cells, returnState and initialState. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';
import { summarizeModel, textOf } from './summary';

function extract(text: string) {
  return extractFile(text, 'model.ts');
}

describe('extraction: recurrent cells and states', () => {
  it('tf.layers.rnn({cell: simpleRNNCell}) is a simpleRNN layer with the rnn call\'s input shape, reported at the rnn call', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export const model = tf.sequential();
model.add(tf.layers.rnn({ cell: tf.layers.simpleRNNCell({ units: 48, activation: 'relu' }), inputShape: [200, 1] }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
`;
    const [model] = extract(text).models;
    assert.deepEqual(summarizeModel(model, { names: true }).layers, [
      { kind: 'simpleRNN', name: 'rnn_1', units: 48, activation: 'relu', inputShape: [200, 1] },
      { kind: 'dense', name: 'dense_1', units: 3, activation: 'softmax' },
    ]);
    const rnn = model.layers[0];
    assert.equal(textOf(text, rnn.span), "tf.layers.rnn({ cell: tf.layers.simpleRNNCell({ units: 48, activation: 'relu' }), inputShape: [200, 1] })");
    assert.equal(textOf(text, rnn.props.activation?.valueSpan), "'relu'");
  });

  it('stacked cells become a chain of recurrent layers, the inner ones returning sequences', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [32, 88] });
const cells = [tf.layers.lstmCell({ units: 96 }), tf.layers.gruCell({ units: 64 })];
const hidden = tf.layers.rnn({ cell: cells, returnSequences: false }).apply(input);
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 88 }).apply(hidden) });
`);
    assert.deepEqual(summarizeModel(models[0]).layers, [
      { kind: 'input', inputShape: [32, 88] },
      { kind: 'lstm', units: 96, returnSequences: true },
      { kind: 'gru', units: 64, returnSequences: false },
      { kind: 'dense', units: 88 },
    ]);
  });

  it('tf.layers.stackedRNNCells({cells}) inside tf.layers.rnn is the same chain as the cells array', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
export const model = tf.sequential();
const stacked = tf.layers.stackedRNNCells({ cells: [tf.layers.lstmCell({ units: 64 }), tf.layers.lstmCell({ units: 32 })] });
model.add(tf.layers.rnn({ cell: stacked, inputShape: [30, 8] }));
model.add(tf.layers.dense({ units: 1 }));
`);
    assert.deepEqual(summarizeModel(models[0]).layers, [
      { kind: 'lstm', units: 64, returnSequences: true, inputShape: [30, 8] },
      { kind: 'lstm', units: 32 },
      { kind: 'dense', units: 1 },
    ]);
  });

  it('stackedRNNCells of cells that are not all known stays opaque', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
export const model = tf.sequential();
model.add(tf.layers.rnn({ cell: tf.layers.stackedRNNCells({ cells: [tf.layers.lstmCell({ units: 8 }), makeCell()] }), inputShape: [5, 2] }));
`);
    assert.deepEqual(models[0].layers.map((layer) => layer.kind), ['opaque']);
  });

  it('an rnn whose cell is not known is one opaque layer', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
export function build(cell: any) {
  return tf.sequential({ layers: [tf.layers.rnn({ cell, inputShape: [10, 4] }), tf.layers.dense({ units: 1 })] });
}
`);
    assert.deepEqual(models[0].layers.map((l) => l.kind), ['opaque', 'dense']);
    assert.match(models[0].layers[0].notes.join(' '), /cell of tf.layers.rnn could not be resolved/);
  });

  it('seq2seq: the encoder states (returnState, destructured) start the decoder (initialState), so the encoder is in the model', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
const encoderInput = tf.input({ shape: [12, 8] });
const [, stateH, stateC] = tf.layers.lstm({ units: 64, returnState: true }).apply(encoderInput) as tf.SymbolicTensor[];
const decoderInput = tf.input({ shape: [10, 8] });
const decoded = tf.layers.lstm({ units: 64, returnSequences: true }).apply(decoderInput, { initialState: [stateH, stateC] });
export const model = tf.model({ inputs: [encoderInput, decoderInput], outputs: tf.layers.dense({ units: 8 }).apply(decoded) });
`);
    assert.deepEqual(summarizeModel(models[0]).layers, [
      { kind: 'input', inputShape: [12, 8] },
      { kind: 'lstm', units: 64 },
      { kind: 'input', inputShape: [10, 8], inputs: [] },
      { kind: 'lstm', units: 64, returnSequences: true, inputs: [2, 1] },
      { kind: 'dense', units: 8 },
    ]);
    assert.match(models[0].layers[3].notes.join(' '), /initialState/);
  });

  it('a simpleRNN with returnState gives [output, h]', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
const x = tf.input({ shape: [5, 3] });
const [out, h] = tf.layers.simpleRNN({ units: 4, returnState: true }).apply(x);
export const model = tf.model({ inputs: x, outputs: [out, tf.layers.dense({ units: 2 }).apply(h)] });
`);
    assert.deepEqual(summarizeModel(models[0]).layers.map((l) => l.kind), ['input', 'simpleRNN', 'dense']);
    assert.deepEqual(models[0].outputs, [1, 2]);
  });

  it('an lstm applied in a custom training loop (no tf.model) is a layer of that code\'s core-API model, trained by the loop', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
const lstm = tf.layers.lstm({ units: 32, inputShape: [20, 4] });
const head = tf.layers.dense({ units: 1 });
const optimizer = tf.train.adam(0.001);
function predict(xs: tf.Tensor3D): tf.Tensor {
  return head.apply(lstm.apply(xs)) as tf.Tensor;
}
export function train(xs: tf.Tensor3D, ys: tf.Tensor2D) {
  for (let epoch = 0; epoch < 10; epoch++) optimizer.minimize(() => tf.losses.meanSquaredError(ys, predict(xs)) as tf.Scalar);
}
`);
    assert.equal(models.length, 1);
    assert.equal(models[0].name, 'predict');
    assert.deepEqual(summarizeModel(models[0]).layers, [
      { kind: 'lstm', units: 32, inputShape: [20, 4], placement: 'core' },
      { kind: 'dense', units: 1, placement: 'core' },
    ]);
    assert.equal(models[0].training?.optimizer?.name, 'adam');
    assert.deepEqual(models[0].training?.calls.map((call) => call.kind), ['minimize']);
  });
});
