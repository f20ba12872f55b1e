/** Promises of known values: `await x` reads x, so `Promise.resolve`, `Promise.all` and `.then` pass the values on. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rate of the model trained with `tf.train.rmsprop(RATE)`, after `code` defines RATE (top-level await: a module). */
function rateAfter(code: string): unknown {
  const text = `import * as tf from '@tensorflow/tfjs';
${code}
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.rmsprop(RATE), loss: 'meanSquaredError' });
`;
  return extractFile(text, 'train.mjs').models[0]?.training?.optimizer?.learningRate;
}

describe('extraction of promises of known values', () => {
  const cases: [string, string, unknown][] = [
    ['Promise.resolve of settings, awaited', 'const hp = await Promise.resolve({ lr: 0.05 });\nconst RATE = hp.lr;', 0.05],
    ['Promise.all of two loaders, destructured', 'const [a, b] = await Promise.all([Promise.resolve(0.002), 0.004]);\nconst RATE = a + b;', 0.006],
    ['.then on a known value passes it to the callback', 'let RATE;\nPromise.resolve({ lr: 0.03 }).then((hp) => { RATE = hp.lr; });', 0.03],
    ['.then on a value not known: its callback gets unknown arguments', 'let RATE;\nfetchSettings().then((hp) => { RATE = hp.lr; });', undefined],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.equal(rateAfter(code), expected));
});
