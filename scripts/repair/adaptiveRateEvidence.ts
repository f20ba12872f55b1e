/**
 * `npx tsx scripts/repair/adaptiveRateEvidence.ts`: where do adaptive optimizers (adam, adamax,
 * rmsprop, adagrad) really fail at a high learning rate? Evidence for high-learning-rate's
 * severity (docs/rules/high-learning-rate.md). Plain relu MLPs (input width = hidden width) are
 * written as tfjs source, analysed like user code, and trained with real tfjs by the empirical
 * engine's training preview on repair-check's teacher tasks (task.ts): a 10-class softmax with
 * categoricalCrossentropy and a 1-unit linear regression with meanSquaredError. Each high rate is
 * compared, per seed, with the optimizer's conventional rate (the rule's fix) on the same initial
 * weights and batches.
 *
 * A rate fails a net when, in most seeds, the run diverges (NaN, loss grown >10x) or its final
 * loss (mean of the last 20 steps) is at least 2x the conventional rate's: the repair-check
 * measure seen from the other side, so a warning stands where its fix repairs.
 *
 *   --steps 300 --seeds 3 --widths 16,128 --depths 1,3 --optimizers adam,adamax,rmsprop,adagrad
 */
import { parseArgs } from 'node:util';
import { analyze } from '../../server/src/engine/analyze';
import { trainingPreview } from '../../server/src/engine/empirical';
import { readyTfjs } from '../../server/src/engine/empirical/runtime';
import { CONVENTIONAL_LEARNING_RATE } from '../../server/src/engine/tfjs/optimizers';
import { taskFactory, taskKindsOf } from './task';

const HIGH_RATES: Record<string, number[]> = {
  adam: [0.01, 0.03, 0.1],
  adamax: [0.01, 0.03, 0.1, 0.3, 1],
  rmsprop: [0.01, 0.03, 0.1],
  adagrad: [0.1, 0.3, 1],
};
const FAIL_RATIO = 2;
const FINAL_WINDOW = 20;

type Head = 'softmax10' | 'regression';

function source(width: number, depth: number, head: Head, optimizer: string, rate: number): string {
  const hidden = Array.from({ length: depth }, (_, i) =>
    `model.add(tf.layers.dense({ units: ${width}, activation: 'relu'${i === 0 ? `, inputShape: [${width}]` : ''} }));`);
  const output = head === 'softmax10' ? `{ units: 10, activation: 'softmax' }` : '{ units: 1 }';
  const loss = head === 'softmax10' ? 'categoricalCrossentropy' : 'meanSquaredError';
  return [
    "import * as tf from '@tensorflow/tfjs';",
    'const model = tf.sequential();',
    ...hidden,
    `model.add(tf.layers.dense(${output}));`,
    `model.compile({ optimizer: tf.train.${optimizer}(${rate}), loss: '${loss}' });`,
  ].join('\n');
}

interface Outcome { loss: number; diverged: boolean }

async function train(text: string, steps: number, seed: number): Promise<Outcome> {
  const { model } = analyze(text, 'evidence.ts').models[0];
  const preview = await trainingPreview(model, { steps, batch: 32, seed, task: taskFactory(taskKindsOf(model), model) });
  const tail = preview.steps.slice(-FINAL_WINDOW).map((s) => s.loss);
  return { loss: tail.reduce((a, b) => a + b, 0) / tail.length, diverged: preview.divergence !== undefined };
}

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string', default: '300' },
      seeds: { type: 'string', default: '3' },
      widths: { type: 'string', default: '16,128' },
      depths: { type: 'string', default: '1,3' },
      optimizers: { type: 'string', default: 'adam,adamax,rmsprop,adagrad' },
      heads: { type: 'string', default: 'softmax10,regression' },
    },
  });
  const steps = Number(values.steps);
  const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
  await readyTfjs();
  console.log(`${steps} steps, batch 32, seeds ${seeds.join(',')}; loss = mean of the last ${FINAL_WINDOW} steps; fails = diverges or loss >= ${FAIL_RATIO}x the conventional rate's, in most seeds`);
  console.log('| optimizer | rate | net (width x hidden layers) | task | loss at the conventional rate | loss at the rate | diverged | fails |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const optimizer of list(values.optimizers!)) {
    const conventional = CONVENTIONAL_LEARNING_RATE[optimizer as keyof typeof CONVENTIONAL_LEARNING_RATE];
    for (const head of list(values.heads!) as Head[]) {
      for (const width of list(values.widths!).map(Number)) {
        for (const depth of list(values.depths!).map(Number)) {
          const baseline: Outcome[] = [];
          for (const seed of seeds) baseline.push(await train(source(width, depth, head, optimizer, conventional), steps, seed));
          for (const rate of HIGH_RATES[optimizer]) {
            const runs: Outcome[] = [];
            for (const seed of seeds) runs.push(await train(source(width, depth, head, optimizer, rate), steps, seed));
            const failed = runs.filter((r, i) => r.diverged || !(r.loss < FAIL_RATIO * baseline[i].loss)).length;
            const show = (outcomes: Outcome[]) => outcomes.map((r) => (Number.isFinite(r.loss) ? r.loss.toPrecision(3) : 'NaN')).join(' / ');
            console.log(`| ${optimizer} | ${rate} | ${width} x ${depth} | ${head} | ${show(baseline)} | ${show(runs)} | ${runs.filter((r) => r.diverged).length} of ${runs.length} | ${failed * 2 > runs.length ? 'yes' : 'no'} (${failed} of ${runs.length}) |`);
          }
        }
      }
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
