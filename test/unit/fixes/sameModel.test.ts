/** findSameModel: the model of the original text found again in the fixed text (repair-check and the removal test pair them). */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { fixText } from '../../../server/src/cli/fix';
import { findSameModel } from '../../../server/src/engine/preferredFixes';
import { BATCH_SETTINGS } from '../../../server/src/engine/settings';

const sweep = (rates: string) => `import * as tf from '@tensorflow/tfjs';
const RATES = ${rates};
function head() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 8, activation: 'softmax' })] });
}
async function runTrial(lr) {
  const model = head();
  model.compile({ optimizer: tf.train.adam(lr), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 3 });
}
export async function sweep() {
  for (const lr of RATES) await runTrial(lr);
}
`;

describe('finding a model again in the fixed text', () => {
  it('a repeated build that the fix makes like another build is the variant that now holds its build number', () => {
    const text = sweep('[1e-3, 3e-3, 3e-2]');
    const before = analyze(text, 'sweep.js', BATCH_SETTINGS, { cache: null });
    const sick = before.models.findIndex(({ model }) => model.training?.optimizer?.learningRate === 0.03);
    assert.equal(before.models[sick].model.variant?.label, 'as called at line 7 (head()), build 3');
    const fixed = fixText(text, 'sweep.js').text;
    const after = analyze(fixed, 'sweep.js', BATCH_SETTINGS, { cache: null });
    const found = findSameModel(after, before.models[sick].model, sick);
    assert.deepEqual(found?.model.variant?.builds, [1, 3]);
    assert.equal(found?.model.training?.optimizer?.learningRate, 0.001);
  });
});
