/** Core-API models: branches of one input are one model, joined by element-wise merges; softmax over moved axes is no layer's. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** Each model as `name: layer(kind activation <- inputs)` lines. */
function graphsOf(code: string): string[][] {
  const text = `import * as tf from '@tensorflow/tfjs';
const w = (rows: number, cols: number) => tf.variable(tf.randomNormal([rows, cols], 0, Math.sqrt(1 / rows)));
${code}
`;
  return extractFile(text, 'model.ts').models.map((model) => model.layers.map((layer) => `${layer.kind}${layer.activation ? ` ${layer.activation}` : ''} <- [${layer.inputs.join(', ')}]`));
}

describe('extraction of core-API models', () => {
  it('a gated unit: the value and the gate of one input are one model, joined by a multiply layer', () => {
    const graphs = graphsOf(`const wa = w(16, 8), wg = w(16, 8), wOut = w(8, 1);
export function logits(x: tf.Tensor2D) {
  const value = tf.tanh(x.matMul(wa));
  const gate = tf.sigmoid(x.matMul(wg));
  return value.mul(gate).matMul(wOut);
}`);
    assert.deepEqual(graphs, [['dense tanh <- []', 'dense sigmoid <- []', 'multiply <- [0, 1]', 'dense <- [2]']]);
  });

  it('a residual sum of two branches is an add layer; a bias added to one branch keeps it one layer', () => {
    const graphs = graphsOf(`const w1 = w(8, 8), w2 = w(8, 8), b = tf.variable(tf.zeros([8]));
export function block(x: tf.Tensor2D) {
  const h = tf.relu(x.matMul(w1).add(b));
  return tf.add(h, tf.relu(h.matMul(w2)));
}`);
    assert.deepEqual(graphs, [['dense relu <- []', 'dense relu <- [0]', 'add <- [0, 1]']]);
  });

  it('a softmax after a reshape, or after an activation of a reshaped tensor, is not a layer', () => {
    const graphs = graphsOf(`const wp = w(16, 1);
export function attend(h: tf.Tensor2D, batch: number, steps: number) {
  const scores = tf.leakyRelu(tf.reshape(h.matMul(wp), [batch, steps]));
  return tf.softmax(scores);
}`);
    assert.deepEqual(graphs, [['dense <- []', 'leakyReLU <- [0]']]);
  });

  it('two models built in two functions stay two models', () => {
    const graphs = graphsOf(`const wa = w(4, 4), wb = w(4, 4);
export const first = (x: tf.Tensor2D) => tf.relu(x.matMul(wa));
export const second = (x: tf.Tensor2D) => tf.sigmoid(x.matMul(wb));`);
    assert.deepEqual(graphs, [['dense relu <- []'], ['dense sigmoid <- []']]);
  });
});
