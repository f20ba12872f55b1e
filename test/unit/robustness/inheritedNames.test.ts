/**
 * Names every JavaScript object inherits (`constructor`, `toString`, `toLocaleString`,
 * `__proto__`, `hasOwnProperty`) written where the engine looks a name up in one of its tables:
 * a layer factory, an initializer or loss string, a tf function, an optimizer method. They are
 * names like any other the tables do not hold, never the inherited functions.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';

const INHERITED = ['constructor', 'toString', 'toLocaleString', '__proto__', 'hasOwnProperty', 'valueOf'];

function program(name: string): string {
  return `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [16], units: 8, activation: 'relu', kernelInitializer: '${name}' }));
model.add((tf.layers as any)['${name}']({ units: 4 }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
const optimizer = tf.train.adam(0.001);
model.compile({ optimizer, loss: '${name}' });
(optimizer as any)['${name}']();
(tf as any)['${name}'](() => model.predict(tf.zeros([1, 16])));
console.log(model.countParams().toLocaleString('en-US'), Math['${name}' as 'PI']);
`;
}

describe('robustness: names every object inherits', () => {
  for (const name of INHERITED) {
    it(`'${name}' in every table lookup is an unknown name, and the model description holds no function`, () => {
      const result = analyze(program(name), 'm.ts', DEFAULT_SETTINGS, { cache: null });
      assert.equal(result.models.length, 1);
      // The IR is plain data: the panel and the worker threads clone it.
      assert.doesNotThrow(() => structuredClone(result.models.map(({ model }) => model)));
      const model = result.models[0].model;
      assert.deepEqual(model.training?.calls.map((call) => call.kind), ['compile']);
      assert.equal(model.layers[1].kind, 'opaque');
      for (const { flow } of result.models) for (const layer of flow.layers) assert.ok(layer.log10GradNorm === undefined || Number.isFinite(layer.log10GradNorm));
    });
  }
});
