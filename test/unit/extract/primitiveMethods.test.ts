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
    ["Number(TAG[1] + TAG[2]) / 100", "const TAG = 'w05';", 0.05],
    ["TAG[7] === undefined ? 0.06 : 1", "const TAG = 'w05';", 0.06],
    ["Number(SPEC.slice(SPEC.lastIndexOf(':') + 1))", "const SPEC = 'dense:128:0.03';", 0.03],
  ];
  for (const [rate, prelude, expected] of cases) {
    it(`${prelude} ${rate} is ${String(expected)}`, () => assert.equal(rateOf(rate, prelude), expected));
  }

  it('results past 10,000 characters are not built: unknown', () => {
    assert.equal(rateOf("'x'.repeat(20000).length"), undefined);
    assert.equal(rateOf("'1'.padStart(1e9, '0').length"), undefined);
  });
});

describe('extraction of regular expressions and split', () => {
  const cases: [string, string, unknown][] = [
    ["parseFloat('0.1,0.3'.split(',')[1])", '', 0.3],
    ["Number(SPEC.split(/\\s*;\\s*/)[2])", "const SPEC = 'adam ; 64;0.004';", 0.004],
    ["Number(/^lr(\\d+)e-(\\d)$/.exec(TAG)[1]) / 10 ** Number(/^lr(\\d+)e-(\\d)$/.exec(TAG)[2])", "const TAG = 'lr5e-3';", 0.005],
    ["Number(TAG.match(/rate=(?<rate>[\\d.]+)/).groups.rate)", "const TAG = 'run-7 rate=0.06';", 0.06],
    ["/^fast/.test(MODE) ? 0.2 : 0.01", "const MODE = 'fast-start';", 0.2],
    ["Number('5%'.replace(/%/, ''))", '', 5],
    ["TAG.match(/\\d/g).length / 100", "const TAG = 'a1b2c3';", 0.03],
    ["new RegExp('^(\\\\d+)$').exec('12')[1] / 100", '', 0.12],
    ["PARTS.find((p) => p.startsWith('lr')).slice(2) / 1", "const PARTS = 'gru-64-lr0.002'.split('-');", 0.002],
    ["PARTS.findIndex((p) => p === 'x') + PARTS.some((p) => p === 'b') + PARTS.every((p) => p.length === 1) * 0.5", "const PARTS = ['a', 'b'];", 0.5],
    ["Number(PARTS[1]) + PARTS.length / 100", "const PARTS = '64||0.2|'.split('|').filter(Boolean);", 0.22],
  ];
  for (const [rate, prelude, expected] of cases) {
    it(`${prelude} ${rate} is ${String(expected)}`, () => assert.equal(rateOf(rate, prelude), expected));
  }

  it("a pattern the linear-time engine refuses (a backreference, a lookaround, the 'i' flag) is not run: unknown", () => {
    assert.equal(rateOf("Number(/^(\\d)\\1$/.test(TAG)) / 10", "const TAG = '44';"), undefined);
    assert.equal(rateOf("Number(/^(?=f)fast/.test(TAG)) / 10", "const TAG = 'fast';"), undefined);
    assert.equal(rateOf("Number(/^FAST/i.test(TAG)) / 10", "const TAG = 'fast';"), undefined);
  });

  it('a pattern that backtracks exponentially in a backtracking engine is matched in linear time', () => {
    assert.equal(rateOf("/^(a+)+$/.test(TEXT) ? 0.2 : 0.01", "const TEXT = 'a'.repeat(5000) + 'b';"), 0.01);
  });

  it("a global pattern's test and exec depend on earlier calls: unknown", () => {
    assert.equal(rateOf("Number(/\\d/g.test('7')) / 10"), undefined);
  });
});
