import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/engine/analyze';
import { trainingPreview } from '../../../server/src/engine/empirical';
import { taskFactory, taskKindsOf } from '../../../scripts/repair/task';

/** A 4-layer relu MLP trained with adam at a high rate (so missing-gradient-clipping fires), with the given head. */
function program(head: string, loss: string): string {
  return `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 128, activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heNormal' }));
model.add(tf.layers.dense(${head}));
model.compile({ optimizer: tf.train.adam(0.5), loss: '${loss}' });
`;
}

function clipThreshold(text: string): number {
  const finding = analyze(text, 'model.ts').findings.find((f) => f.rule === 'missing-gradient-clipping');
  const title = finding?.fixes.find((fix) => fix.preferred)?.title ?? '';
  const norm = /global norm ([0-9.e+-]+)/.exec(title);
  assert.ok(norm, `no clipping fix with a norm: ${JSON.stringify(finding)}`);
  return Number(norm[1]);
}

/** Global gradient norm of the model's first training step in real tfjs, under its own loss, on a teacher task that fits its head. */
async function measuredInitialNorm(text: string): Promise<number> {
  const { model } = analyze(text, 'model.ts').models[0];
  const norms: number[] = [];
  for (const seed of [0, 1, 2]) {
    const preview = await trainingPreview(model, { steps: 1, batch: 32, seed, task: taskFactory(taskKindsOf(model), model) });
    norms.push(preview.steps[0].gradNorm);
  }
  return Math.max(...norms);
}

describe('the clipping threshold offered by the fixes', function () {
  this.timeout(60000);

  // Clipping should cut spikes, not ordinary steps: a threshold below the norm a model has at its
  // first step would shrink every update (issue 16), one far above it would never engage.
  for (const [name, head, loss] of [
    ['a 10-class softmax classifier under categoricalCrossentropy', "{ units: 10, activation: 'softmax' }", 'categoricalCrossentropy'],
    ['a regression head under meanSquaredError', '{ units: 4 }', 'meanSquaredError'],
  ]) {
    it(`sits at or above the measured initial gradient norm, within 10x, for ${name}`, async () => {
      const text = program(head, loss);
      const threshold = clipThreshold(text);
      const measured = await measuredInitialNorm(text);
      assert.ok(threshold >= measured && threshold <= 10 * measured, `threshold ${threshold}, measured norm at the first step ${measured}`);
    });
  }
});
