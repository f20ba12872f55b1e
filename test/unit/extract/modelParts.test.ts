/** Parts of a built functional model read back to build another: model surgery (extract/modelParts.ts). */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';
import type { ModelIR } from '../../../server/src/engine/ir';

/** Each layer of the model `name` built by `code`, as `name<-input names`. */
function graphOf(code: string, name: string): string[] {
  const models = extractFile(`import * as tf from '@tensorflow/tfjs';\n${code}`, 'model.ts').models;
  const model = models.find((m) => m.name === name);
  assert.ok(model, `model ${name} among ${models.map((m) => m.name).join(', ')}`);
  return edges(model);
}

function edges(model: ModelIR): string[] {
  return model.layers.map((layer) => `${layer.name}<-${layer.inputs.map((i) => model.layers[i].name).join('+')}`);
}

const BASE = `
const input = tf.input({ shape: [256] });
const trunk = tf.layers.dense({ units: 128, activation: 'relu', name: 'trunk' });
const base = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 10, activation: 'softmax', name: 'classes' }).apply(trunk.apply(input)) as tf.SymbolicTensor });
`;

describe('model surgery: parts of a built model', () => {
  it("getLayer(name).output and the base's inputs make a new head's graph", () => {
    const code = `${BASE}
const cut = base.getLayer('trunk').output as tf.SymbolicTensor;
const head = tf.layers.dense({ units: 4, activation: 'softmax', name: 'head' }).apply(cut) as tf.SymbolicTensor;
export const tuned = tf.model({ inputs: base.inputs, outputs: head });
`;
    assert.deepEqual(graphOf(code, 'tuned'), ['input_1<-', 'trunk<-input_1', 'head<-trunk']);
  });

  it("a model's output (one output) feeds a head", () => {
    const code = `${BASE}
export const stacked = tf.model({ inputs: base.input, outputs: tf.layers.dense({ units: 1, name: 'score' }).apply(base.output) as tf.SymbolicTensor });
`;
    assert.deepEqual(graphOf(code, 'stacked'), ['input_1<-', 'trunk<-input_1', 'classes<-trunk', 'score<-classes']);
  });

  it('a layer applied twice has no single output: the head that reads it has no known input', () => {
    const code = `${BASE}
trunk.apply(tf.input({ shape: [256] }));
const head = tf.layers.dense({ units: 4, name: 'head' }).apply(base.getLayer('trunk').output) as tf.SymbolicTensor;
export const tuned = tf.model({ inputs: base.inputs, outputs: head });
`;
    assert.deepEqual(graphOf(code, 'tuned'), ['head<-']);
  });

  it('a name no layer of the model was given finds nothing', () => {
    const code = `${BASE}
const head = tf.layers.dense({ units: 4, name: 'head' }).apply(base.getLayer('dense_1').output) as tf.SymbolicTensor;
export const tuned = tf.model({ inputs: base.inputs, outputs: head });
`;
    assert.deepEqual(graphOf(code, 'tuned'), ['head<-']);
  });
});
