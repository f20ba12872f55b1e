/** Members a file sets on the global object: its own state, undefined until it sets them (a first run). */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The models of `body` (which has tf imported): their names, rates and layer counts. */
function modelsOf(body: string) {
  return extractFile(`import * as tf from '@tensorflow/tfjs';\n${body}\n`, 'page.ts').models.map((model) => ({
    name: model.name,
    lr: model.training?.optimizer?.learningRate,
    layers: model.layers.length,
  }));
}

const BUILD = `function build(lr) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8 }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
  return model;
}`;

describe('members a file sets on the global object', () => {
  it('a model cached on globalThis between requests is built on the first one', () => {
    const models = modelsOf(`${BUILD}
function cached() {
  if (globalThis.scorer) return globalThis.scorer;
  const model = build(0.002);
  globalThis.scorer = model;
  return model;
}
export async function POST() { return cached().predict(tf.zeros([1, 4])); }
`);
    assert.deepEqual(models.map((m) => [m.lr, m.layers]), [[0.002, 2]]);
  });

  it('??= on window builds once; a later read is what was set', () => {
    const models = modelsOf(`${BUILD}
window['hp'] = { lr: 0.003 };
window.model ??= build(window.hp.lr);
window.model.fit(tf.zeros([2, 4]), tf.zeros([2, 1]));
`);
    assert.deepEqual(models.map((m) => m.lr), [0.003]);
  });

  it("a user-event handler's change of a member set before is undone after it", () => {
    const models = modelsOf(`${BUILD}
self.settings = { lr: 0.001 };
document.querySelector('#fast').addEventListener('click', () => { self.settings = { lr: 0.5 }; });
build(self.settings.lr);
`);
    assert.deepEqual(models.map((m) => m.lr), [0.001]);
  });
});
