/**
 * A notebook's first attempt, bound to a variable, looked at and replaced before anything trains
 * it, is no model to report; any other use keeps it.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';

const header = `import * as tf from '@tensorflow/tfjs';
function makeMlp(kernelInitializer) {
  return tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [256], units: 128, activation: 'relu', kernelInitializer }),
    tf.layers.dense({ units: 4, activation: 'softmax' }),
  ] });
}
`;

/** The rules reported on the program: the first attempt's randomNormal stddev 1 is large-init-scale. */
function rulesOf(cells: string): string[] {
  return analyze(`${header}${cells}`, 'notebook.ts', undefined, { cache: null }).findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.rule);
}

const firstTry = `let model = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));\nmodel.summary();\n(model.predict(tf.zeros([1, 256])) as tf.Tensor).print();\n`;
const secondTry = `model = makeMlp('heUniform');\nmodel.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\nawait model.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));\n`;

describe('extraction: models replaced before training', () => {
  it('a first attempt only summarised and predicted, then replaced, is not reported', () => {
    assert.deepEqual(rulesOf(`${firstTry}${secondTry}`), []);
  });

  it('a first attempt trained before it is replaced is reported', () => {
    assert.deepEqual(rulesOf(`${firstTry}await model.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));\n${secondTry}`), ['large-init-scale']);
  });

  it('a first attempt handed to other code before it is replaced is reported (that code may train it)', () => {
    assert.deepEqual(rulesOf(`declare function train(m: tf.LayersModel): void;\n${firstTry}train(model);\n${secondTry}`), ['large-init-scale']);
  });

  it('a model never replaced, or bound to a const, is reported though nothing here trains it (a module builds it for others)', () => {
    assert.deepEqual(rulesOf(firstTry), ['large-init-scale']);
    assert.deepEqual(rulesOf(`const first = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));\nfirst.summary();\n`), ['large-init-scale']);
  });
});
