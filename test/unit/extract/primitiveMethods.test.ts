/** Settings written as text and turned into numbers by string and number methods. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The learning rate of a model compiled with `tf.train.sgd(<rate>)`, after `prelude`. */
function rateOf(rate: string, prelude = ''): unknown {
  const text = `import * as tf from '@tensorflow/tfjs';
${prelude}
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
model.compile({ optimizer: tf.train.sgd(${rate}), loss: 'meanSquaredError' });
`;
  return extractFile(text, 'settings.ts').models[0]?.training?.optimizer?.learningRate;
}

describe('extraction of string and number methods on known values', () => {
  const cases: [string, string, unknown][] = [
    ["Number('50%'.replace('%', '')) / 100", '', 0.5],
    ["Number(' 0.25 '.trim())", '', 0.25],
    ["Number(CELL.replaceAll('_', ''))", "const CELL = '0_5';", 5],
    ["Number(CELL.slice(3))", "const CELL = 'lr=0.2';", 0.2],
    ["Number(CELL.substring(0, 3))", "const CELL = '0.4 per step';", 0.4],
    ["CELL.startsWith('fast') ? 2 : 0.01", "const CELL = 'fast-start';", 2],
    ["MODE.toLowerCase() === 'aggressive' ? 3 : 0.01", "const MODE = 'AGGRESSIVE';", 3],
    ["Number((0.123456).toFixed(2))", '', 0.12],
    ["Number(BASE.toPrecision(1))", 'const BASE = 0.3333;', 0.3],
    ["Number('0.'.concat('7'))", '', 0.7],
    ["'abc'.indexOf('c')", '', 2],
    ["Number(SPEC.slice(SPEC.lastIndexOf(':') + 1))", "const SPEC = 'dense:128:0.03';", 0.03],
  ];
  for (const [rate, prelude, expected] of cases) {
    it(`${prelude} ${rate} is ${String(expected)}`, () => assert.equal(rateOf(rate, prelude), expected));
  }

  it('a regular expression is not run, split is not read, and results past 10,000 characters are not built: unknown', () => {
    assert.equal(rateOf("Number('5%'.replace(/%/, ''))"), undefined);
    assert.equal(rateOf("parseFloat('0.1,0.3'.split(',')[1])"), undefined);
    assert.equal(rateOf("'x'.repeat(20000).length"), undefined);
    assert.equal(rateOf("'1'.padStart(1e9, '0').length"), undefined);
  });
});
