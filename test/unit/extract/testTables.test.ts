/** Parameterized tests (Jest, Vitest): each row of `test.each(rows)` reaches the test function. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The adam rates of the models a test file trains, after `tests` (which calls `train(lr)`). */
function ratesOf(tests: string, header = "import { test, it, describe } from 'vitest';"): unknown[] {
  const text = `import * as tf from '@tensorflow/tfjs';
${header}
function train(lr) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
  return model;
}
${tests}
`;
  return extractFile(text, 'router.test.ts').models.map((model) => model.training?.optimizer?.learningRate);
}

describe('extraction of parameterized tests', () => {
  const cases: [string, string, unknown[], string?][] = [
    ['test.each with object rows: each row passed whole', "test.each([{ lr: 1e-3 }, { lr: 5e-2 }])('$lr', ({ lr }) => { train(lr); });", [0.001, 0.05]],
    ['it.each with array rows: each row spread into the parameters', "it.each([[0.002, 'a'], [0.3, 'b']])('rate %f', (lr, name) => { train(lr); });", [0.002, 0.3]],
    ['describe.only.each around a test', "describe.only.each([{ lr: 0.004 }])('suite', ({ lr }) => { test('fits', () => train(lr)); });", [0.004]],
    ['the rows in a module constant', "const ROWS = [[0.007]];\ntest.concurrent.each(ROWS)('rate %f', (lr) => train(lr));", [0.007]],
    ['the entries of a preset table as rows', "const PRESETS = { small: { lr: 0.002 }, fast: { lr: 0.04 } };\ndescribe.each(Object.entries(PRESETS))('%s preset', (name, preset) => { it('fits', () => train(preset.lr)); });", [0.002, 0.04]],
    ["Vitest's test.for passes an array row whole", "test.for([[0.006, 1]])('rate %f', ([lr]) => { train(lr); });", [0.006]],
    ['an options object before the test function', "test.each([{ lr: 0.008 }])('x', { timeout: 60000 }, ({ lr }) => train(lr));", [0.008]],
    ['rows not known: the test runs once with an unknown rate', "test.each(loadRows())('x', ({ lr }) => train(lr));", [undefined]],
    ['a skipped table is not read as rows', "test.skip.each([{ lr: 0.5 }])('x', ({ lr }) => train(lr));", [undefined]],
    ['Jest globals, not imported', "test.each([[0.003]])('rate %f', (lr) => train(lr));", [0.003], ''],
    ['a test object of the file is called as written', "const test = { each: (rows) => (name, fn) => fn({ lr: 0.009 }) };\ntest.each([{ lr: 0.5 }])('x', ({ lr }) => train(lr));", [0.009], ''],
  ];
  for (const [title, tests, expected, header] of cases) it(title, () => assert.deepEqual(ratesOf(tests, header), expected));
});
