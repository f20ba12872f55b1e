import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { trainingPreview } from '../../../server/src/engine/empirical';
import { applyEdits, fixAllEdits } from '../../../server/src/engine/fixes';

const SGD10_TANH_MLP = `import * as tf from '@tensorflow/tfjs';

export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [16], units: 32, activation: 'tanh' }));
  for (let i = 0; i < 5; i++) {
    model.add(tf.layers.dense({ units: 32, activation: 'tanh' }));
  }
  model.add(tf.layers.dense({ units: 4 }));
  model.compile({ optimizer: tf.train.sgd(10), loss: 'meanSquaredError' });
  return model;
}
`;

/** Applies every finding's preferred fix, re-analysing until nothing is left to fix (as `fix` does). */
function withPreferredFixes(text: string): string {
  for (let round = 0; round < 5; round++) {
    const edits = fixAllEdits(text, analyze(text, 'model.ts').findings);
    if (edits.length === 0) return text;
    text = applyEdits(text, edits);
  }
  throw new Error('preferred fixes did not converge');
}

describe('training preview: as written vs after the preferred fixes', function () {
  this.timeout(30000);

  it('sgd(10) on a 6-layer tanh MLP diverges as written and trains after the preferred fixes', async () => {
    const written = analyze(SGD10_TANH_MLP, 'model.ts');
    assert.ok(written.findings.some((f) => f.rule === 'high-learning-rate'), 'the rules see the learning rate');
    const [model] = written.models.map((m) => m.model);
    assert.equal(model.layers.length, 7);
    const before = await trainingPreview(model, { steps: 50 });
    assert.deepEqual(before.optimizer, { name: 'sgd', learningRate: 10, source: 'model' });
    assert.ok(before.divergence === 'nonFinite' || before.divergence === 'lossGrowth', `diverges: ${before.divergence}`);

    const fixedText = withPreferredFixes(SGD10_TANH_MLP);
    const fixed = analyze(fixedText, 'model.ts');
    assert.deepEqual(fixed.findings.filter((f) => f.severity !== 'hint').map((f) => f.rule), []);
    const after = await trainingPreview(fixed.models[0].model, { steps: 50 });
    assert.equal(after.optimizer.name, 'sgd');
    assert.ok(after.optimizer.learningRate < 5);
    assert.equal(after.divergence, undefined);
    assert.equal(after.steps.length, 50);
    assert.ok(after.steps.every((s) => Number.isFinite(s.loss) && Number.isFinite(s.gradNorm)));
    assert.ok(after.steps[49].loss <= after.steps[0].loss * 1.5, 'the loss stays in range');
  });
});
