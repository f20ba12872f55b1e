/** high-learning-rate: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

/** adam trained at a rate parsed from a decimal-comma string, with the rate noted in a comment; `call` the rate argument. */
const commaRateProgram = (call: string) => `const tf = require('@tensorflow/tfjs');

const SETTINGS = { rate: '0,05' }; // 0.05, written the German way
const rate = parseFloat(SETTINGS.rate.replace(',', '.'));
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 1 })] });
model.compile({ optimizer: tf.train.adam(${call}), loss: 'meanSquaredError' });
`;

/** A script whose adam rate is yargs-parser's default `rate`. */
const yargsParserProgram = (rate: string) => `import * as tf from '@tensorflow/tfjs';
import parser from 'yargs-parser';

const argv = parser(process.argv.slice(2), { number: ['lr'], default: { lr: ${rate}, units: 64 } });
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: argv.units, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(argv.lr), loss: 'meanSquaredError' });
`;

/** rmsprop started at a cosine schedule's rate at step 0 (its peak), the rate argument written as `rate`. */
const cosineScheduleProgram = (peak: string, rate: string, trainingLoop = '') => `const PEAK = ${peak};
import * as tf from '@tensorflow/tfjs';

class CosineSchedule {
  constructor(private readonly peak: number, private readonly floor: number, private readonly total: number) {}
  at(step: number): number {
    return this.floor + 0.5 * (this.peak - this.floor) * (1 + Math.cos((Math.PI * Math.min(step, this.total)) / this.total));
  }
}

export function build() {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [128], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  const schedule = new CosineSchedule(PEAK, 1e-4, 6000);
  model.compile({ optimizer: tf.train.rmsprop(${rate}), loss: 'meanSquaredError' });${trainingLoop}
  return model;
}
`;

/** A loop that halves the optimizer's rate every 1000 steps: each rate follows from the one the fix sets. */
const rateHalvedEveryThousandSteps = `
  const settable = model.optimizer as unknown as { learningRate: number };
  for (let step = 1; step <= 6000; step++) if (step % 1000 === 0) settable.learningRate = settable.learningRate * 0.5;`;

/** A loop that sets the optimizer's rate from the schedule at every step, through an alias. */
const scheduleAssignedEveryStep = `
  const settable = model.optimizer as unknown as { learningRate: number };
  for (let step = 0; step < 6000; step++) settable.learningRate = schedule.at(step);`;

/** adam created at 0.001, warmed up by a tf.Callback subclass to `peak` over `warmup` epochs, trained for `epochs`. */
/** A Noam schedule scaled by `factor`, set by a callback at every epoch's start on adam created with 1. */
const noamProgram = (factor: number) => `import * as tf from '@tensorflow/tfjs';

const D_MODEL = 256;
const WARMUP_EPOCHS = 8;

/** Vaswani et al.'s schedule, by epoch. */
function noamRate(epoch: number): number {
  const step = Math.max(1, epoch);
  return ${factor} * D_MODEL ** -0.5 * Math.min(step ** -0.5, step * WARMUP_EPOCHS ** -1.5);
}

class NoamSchedule extends tf.Callback {
  constructor(private readonly optimizer: tf.AdamOptimizer) {
    super();
  }
  async onEpochBegin(epoch: number) {
    (this.optimizer as unknown as { learningRate: number }).learningRate = noamRate(epoch + 1);
  }
}

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [D_MODEL], units: 1024, activation: 'relu' }), tf.layers.dense({ units: 5, activation: 'softmax' })] });
  // Base rate 1: the schedule sets the real one before every epoch.
  const optimizer = tf.train.adam(1, 0.9, 0.98, 1e-9);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 40, callbacks: [new NoamSchedule(optimizer)] });
}
`;

/**
 * A custom loop over batches that sets adam's rate from an unclamped Noam schedule (step 0 would
 * divide by zero) scaled by `factor`, the optimizer created with 1; `order` puts the assignment
 * before or after the step.
 */
const noamLoopProgram = (factor: number, order: 'assign-then-step' | 'step-then-assign' | 'helper-then-step') => {
  const assign = order === 'helper-then-step' ? 'applySchedule(optimizer, step);' : '(optimizer as unknown as { learningRate: number }).learningRate = noamRate(step);';
  const train = 'optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs) as tf.Tensor));';
  const [first, second] = order === 'step-then-assign' ? [train, assign] : [assign, train];
  return `import * as tf from '@tensorflow/tfjs';

const D_MODEL = 256;
const WARMUP_STEPS = 400;

function noamRate(step: number): number {
  return ${factor} * D_MODEL ** -0.5 * Math.min(step ** -0.5, step * WARMUP_STEPS ** -1.5);
}

export async function train(batches: AsyncIterable<{ xs: tf.Tensor; ys: tf.Tensor }>) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [D_MODEL], units: 256, activation: 'relu' }), tf.layers.dense({ units: 5 })] });
  // Base rate 1: the loop sets the real one before every step.
  const optimizer = tf.train.adam(1, 0.9, 0.98, 1e-9);
  let step = 0;
  for await (const { xs, ys } of batches) {
    step += 1;
    ${first}
    ${second}
  }
}

function applySchedule(optimizer: tf.Optimizer, step: number) {
  (optimizer as unknown as { learningRate: number }).learningRate = noamRate(step);
}
`;
};

const warmupCallbackProgram = (peak: string, warmup: number, epochs: number) => `import * as tf from '@tensorflow/tfjs';

class Warmup extends tf.Callback {
  async onEpochBegin(epoch: number) {
    (this.model.optimizer as unknown as { learningRate: number }).learningRate = ${peak} * Math.min(1, (epoch + 1) / ${warmup});
  }
}

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: ${epochs}, callbacks: [new Warmup()] });
}
`;

/** A model whose adam rate is the `learningRate` field of a config object. */
const configRateProgram = (rate: string) => `import * as tf from '@tensorflow/tfjs';

const TRAINING = { learningRate: ${rate}, epochs: 20 };

export const model = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [300], units: 64, activation: 'relu' }), tf.layers.dense({ units: 12, activation: 'softmax' })],
});
model.compile({ optimizer: tf.train.adam(TRAINING.learningRate), loss: 'categoricalCrossentropy' });
`;

/** A sweep that trains the same model once per rate of `rates`, from an uncalled function. */
const sweepProgram = (rates: string) => `import * as tf from '@tensorflow/tfjs';

const RATES = ${rates};

function head() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 8, activation: 'softmax' })] });
}

async function runTrial(lr, xs, ys) {
  const model = head();
  model.compile({ optimizer: tf.train.adam(lr), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 3 });
}

export async function sweep(xs, ys) {
  for (const lr of RATES) await runTrial(lr, xs, ys);
}
`;

/** A router class whose adam rate is an optional option with a default, built with `construct`. */
const optionalRateProgram = (fallback: string, construct: string) => `import * as tf from '@tensorflow/tfjs';

export class Router {
  readonly model = tf.sequential();
  constructor(opts?: { learningRate?: number }) {
    this.model.add(tf.layers.dense({ inputShape: [300], units: 64, activation: 'relu' }));
    this.model.add(tf.layers.dense({ units: 12, activation: 'softmax' }));
    this.model.compile({ optimizer: tf.train.adam(opts?.learningRate ?? ${fallback}), loss: 'categoricalCrossentropy' });
  }
}

export const router = ${construct};
`;

/** A DQN agent whose replay step returns until its buffer holds a batch, trained with adam at `rate` over episodes. */
const replayBufferAgentProgram = (rate: string) => `import * as tf from '@tensorflow/tfjs';

export class Agent {
  readonly online = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [4], units: 128, activation: 'relu' }), tf.layers.dense({ units: 2 })],
  });
  private readonly optimizer = tf.train.adam(${rate});
  private readonly memory: number[][] = [];

  remember(sample: number[]) {
    this.memory.push(sample);
  }

  replay(states: tf.Tensor2D, targets: tf.Tensor1D) {
    if (this.memory.length < 32) return;
    this.optimizer.minimize(() => tf.losses.meanSquaredError(targets, (this.online.apply(states) as tf.Tensor2D).max(1)) as tf.Scalar);
  }
}

export function train(env: { reset(): number[]; step(): { state: number[]; done: boolean } }, episodes = 300) {
  const agent = new Agent();
  for (let episode = 0; episode < episodes; episode++) {
    let state = env.reset();
    for (let done = false; !done; ) {
      const next = env.step();
      agent.remember(state);
      agent.replay(tf.tensor2d([state]), tf.tensor1d([0]));
      state = next.state;
      done = next.done;
    }
  }
}
`;

/** A Node script that reads its rate from the environment, with a default. */
const environmentRateProgram = (fallback: string) => `const tf = require('@tensorflow/tfjs');

const LEARNING_RATE = Number(process.env.LR ?? '${fallback}');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: 'meanSquaredError' });
`;

/** A search over candidate rates (one of them `risky`), the candidates kept by `filter` trained one by one. */
const filteredSearchProgram = (cap: string, risky = '0.08') => `import * as tf from '@tensorflow/tfjs';

const CANDIDATES = [{ lr: 0.001 }, { lr: ${risky} }, { lr: 0.003 }];

function trial(lr: number) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [200], units: 128, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
}

for (const candidate of CANDIDATES.filter((c) => c.lr <= ${cap})) trial(candidate.lr);
`;

/** A head-only phase trained at adam `headRate`, then a fine-tuning compile at 1e-4. */
const headThenFineTune = (headRate: string) => `import * as tf from '@tensorflow/tfjs';

export async function fineTune(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 4, activation: 'softmax' })],
  });
  model.layers[0].trainable = false;
  model.compile({ optimizer: tf.train.adam(${headRate}), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 5 });
  model.layers[0].trainable = true;
  model.compile({ optimizer: tf.train.adam(1e-4), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 20 });
}
`;

/** A nightly job over the tenants a request handler trained: a map filled under keys not known. */
const nightlyRetrainProgram = (defaultRate: string) => `import * as tf from '@tensorflow/tfjs';

const models = new Map<string, tf.LayersModel>();

function retrain(tenant: string, learningRate = ${defaultRate}): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError' });
  models.set(tenant, model);
  return model;
}

export function onRequest(body: { tenant: string; lr: number }): void {
  retrain(body.tenant, body.lr);
}

export function nightly(): void {
  for (const tenant of models.keys()) retrain(tenant);
}
`;

/** Layers held as fields of a class and chained in call(x), trained with minimize: Keras' subclassing style without tf.model. */
const subclassedRegressorProgram = (rate: string) => `import * as tf from '@tensorflow/tfjs';

export class YieldRegressor {
  private readonly hidden = tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' });
  private readonly head = tf.layers.dense({ units: 1 });
  private readonly optimizer = tf.train.adam(${rate});

  call(x: tf.Tensor): tf.Tensor {
    return this.head.apply(this.hidden.apply(x)) as tf.Tensor;
  }

  step(x: tf.Tensor, y: tf.Tensor): void {
    this.optimizer.minimize(() => tf.losses.meanSquaredError(y, this.call(x)) as tf.Scalar);
  }
}

const regressor = new YieldRegressor();
regressor.step(tf.randomNormal([32, 256]), tf.randomNormal([32, 1]));
`;

export const highLearningRateCases: RuleCases = {
  rule: 'high-learning-rate',
  valid: [
    {
      name: "a Noam schedule's callback sets adam's rate at the start of every epoch, the optimizer created with 1: the created rate never trains, and the schedule peaks at 0.0055",
      code: noamProgram(0.25),
    },
    {
      name: "a custom loop sets adam's rate from a Noam schedule before each step, the optimizer created with 1: the created rate never trains, and the schedule peaks near 0.0031 (bounded piece by piece: step 0 would divide by zero)",
      code: noamLoopProgram(1, 'assign-then-step'),
    },
    {
      name: 'the same loop sets the rate through a helper it calls as its body opens: the created rate never trains either',
      code: noamLoopProgram(1, 'helper-then-step'),
    },
    {
      name: 'a warm-up callback whose peak, reached at epoch 5, is adam 0.005: below the threshold',
      code: warmupCallbackProgram('0.005', 5, 20),
    },
    {
      name: 'a warm-up toward 0.05 that training stops before: 3 epochs of a 20-epoch warm-up reach 0.0075',
      code: warmupCallbackProgram('0.05', 20, 3),
    },
  {
    name: 'a search whose filter removes the 0.08 candidate before any training: the trained trials run at 0.001 and 0.003',
    code: filteredSearchProgram('0.01'),
  },
  {
    name: 'a run without environment variables: the default 1e-3 of process.env.LR applies',
    fileName: 'train.js',
    code: environmentRateProgram('1e-3'),
  },
  {
    name: 'a run without flags: a flag parsed by hand (--aggressive) is not passed, so its 0.05 is not picked',
    fileName: 'train.js',
    code: `const tf = require('@tensorflow/tfjs');

const aggressive = process.argv.slice(2).includes('--aggressive');
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(aggressive ? 0.05 : 0.001), loss: 'meanSquaredError' });
`,
  },
  {
    name: "adam made with a preset's 0.05, its learningRate set to 0.001 before any training step: it trains at 0.001",
    code: `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
const optimizer = tf.train.adam(0.05);
(optimizer as unknown as { learningRate: number }).learningRate = 0.001;
model.compile({ optimizer, loss: 'meanSquaredError' });
export const training = model.fit(tf.zeros([8, 256]), tf.zeros([8, 1]));
`,
  },
  {
    name: "adam made with 0.05 in an exported function, its learningRate set from a value not known (a slider) before training: the 0.05 never trains",
    code: `import * as tf from '@tensorflow/tfjs';

export function train(rateInput: HTMLInputElement) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  const optimizer = tf.train.adam(0.05);
  optimizer.learningRate = 10 ** Number(rateInput.value);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model.fit(tf.zeros([8, 256]), tf.zeros([8, 1]));
}
`,
  },
  {
    name: 'a click handler makes adam with 0.1, sets its learningRate to 0.001, then fits: that run trains at 0.001',
    fileName: 'housing.js',
    code: `const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 128, activation: 'relu' }), tf.layers.dense({ units: 1 })] });

async function run() {
  const optimizer = tf.train.adam(0.1);
  optimizer.learningRate = 0.001;
  model.compile({ optimizer: optimizer, loss: 'meanSquaredError' });
  await model.fit(tf.zeros([8, 12]), tf.zeros([8, 1]), { epochs: 10 });
}

document.getElementById('start').addEventListener('click', run);
`,
  },
  {
    name: "another model trained first with an optimizer of its own: adam made with 0.05 and set to 0.0005 before its own model trains starts at 0.0005",
    code: `import * as tf from '@tensorflow/tfjs';

function denoiser() {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 784, activation: 'sigmoid' })] });
  const opt = tf.train.adam(0.05);
  (opt as unknown as { learningRate: number }).learningRate = 0.0005;
  m.compile({ optimizer: opt, loss: 'binaryCrossentropy' });
  return m;
}

export async function main() {
  const churn = tf.sequential({ layers: [tf.layers.dense({ inputShape: [18], units: 1, activation: 'sigmoid' })] });
  churn.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await churn.fit(tf.zeros([8, 18]), tf.zeros([8, 1]));
  const clean = tf.zeros([8, 784]);
  await denoiser().fit(clean, clean);
}
`,
  },
  {
    name: 'minimist options: a run without flags gets their defaults (lr 0.001)',
    fileName: 'train.js',
    code: `const tf = require('@tensorflow/tfjs');
const minimist = require('minimist');

const args = minimist(process.argv.slice(2), { default: { lr: 0.001, units: 64 } });
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: args.units, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(args.lr), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'an optional option read with ?. and a ?? default, constructed with a rate of its own: the default 0.05 never applies',
    code: optionalRateProgram('0.05', 'new Router({ learningRate: 1e-3 })'),
  },
  {
    name: 'a linear model at sgd 0.5: below its stable rate 1 (the curvature of squared error over 8 unit inputs and a bias is 2)',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'adam default and sgd at threshold',
    code: `import * as tf from '@tensorflow/tfjs';

export const a = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
a.compile({ optimizer: tf.train.adam(), loss: 'meanSquaredError' });

export const b = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
b.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });

export const c = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
c.compile({ optimizer: 'adadelta', loss: 'meanSquaredError' });
`,
  },
  {
    name: 'standalone adam default',
    code: `import * as tf from '@tensorflow/tfjs';

const optimizer = tf.train.adam();

export function step(loss: () => tf.Scalar): void {
  optimizer.minimize(loss);
}
`,
  },
  {
    name: 'tf declared as something else',
    fileName: 'model.js',
    code: `const tf = require('./term-frequency');

const model = tf.sequential();
model.compile({ optimizer: tf.train.sgd(2), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'a cosine schedule whose peak (the rate at step 0, computed with Math.cos) is at the conventional scale',
    code: cosineScheduleProgram('0.001', 'schedule.at(0)'),
  },
  ],
  invalid: [
  {
    name: "the custom loop's Noam schedule scaled by 20: its peak at the sampled steps, 0.0559, is the rate; the created 1 never trains, so no fix edits it",
    code: noamLoopProgram(20, 'assign-then-step'),
    errors: [
      {
        message: "Learning rate 0.0559 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.0559 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~14 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001. 0.0559 is the highest rate the code assigns to the optimizer's learningRate while training. No automatic fix removes this by editing the rate the optimizer is created with: the code assigns learningRate before the first training step (in a fit's callback or at the top of the training loop), so that rate never trains; lower the rates the schedule assigns (its peak).",
        line: 13, column: 35, endLine: 13, endColumn: 36,
        text: '1',
      },
    ],
  },
  {
    name: 'the custom loop assigns the schedule after the step: the first step trains at the created rate 1',
    code: noamLoopProgram(1, 'step-then-assign'),
    errors: [
      {
        message: "Learning rate 1 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~1 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~260 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001. No automatic fix removes this by editing this rate: the code also assigns the optimizer's learningRate while training (a schedule), so lower the rates the schedule assigns too (its peak).",
        line: 13, column: 35, endLine: 13, endColumn: 36,
        text: '1',
      },
    ],
  },
  {
    name: "the same Noam schedule scaled by 10: its peak 0.221 is the rate, and editing the created rate would change nothing, so no fix",
    code: noamProgram(10),
    errors: [
      {
        message: "Learning rate 0.221 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.221 per step whatever the gradient, so a unit of dense_2 (fan-in 1024) can shift by ~230 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001. 0.221 is the highest rate the code assigns to the optimizer's learningRate while training. No automatic fix removes this by editing the rate the optimizer is created with: the code assigns learningRate before the first training step (in a fit's callback or at the top of the training loop), so that rate never trains; lower the rates the schedule assigns (its peak).",
        line: 24, column: 35, endLine: 24, endColumn: 36,
        text: '1',
      },
    ],
  },
  {
    name: 'a rate the code computes (10 ** -1.3) is written to four significant digits, 0.05012, not as 0.05011872336272723',
    code: `import * as tf from '@tensorflow/tfjs';

// The sweep's best run: log10 of the rate.
const LOG10_RATE = -1.3;
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(10 ** LOG10_RATE), loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "Learning rate 0.05012 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05012 per step whatever the gradient, so a unit of dense_1 (fan-in 512) can shift by ~26 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 6, column: 42, endLine: 6, endColumn: 58,
        text: '10 ** LOG10_RATE',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

// The sweep's best run: log10 of the rate.
const LOG10_RATE = -1.3;
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'layers held as fields of a class and applied to batches of data (no tf.model), trained with minimize at adam 0.1: a model of 256 inputs',
    code: subclassedRegressorProgram('0.1'),
    errors: [
      {
        message: "Learning rate 0.1 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.1 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~26 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 6, column: 46, endLine: 6, endColumn: 49,
        text: '0.1',
      },
    ],
    output: subclassedRegressorProgram('0.001'),
  },
  {
    name: 'a fine-tune function called only where a constant mode says it never runs: its adam 0.5 trains no model of the file, so a hint on the optimizer alone',
    code: `import * as tf from '@tensorflow/tfjs';

const TRAIN_MODE = 'evolve' as 'evolve' | 'gradient';

function createBrain() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 12, activation: 'relu' }), tf.layers.dense({ units: 4, activation: 'sigmoid' })] });
}

function finetune(brain: tf.Sequential, demos: { xs: tf.Tensor; ys: tf.Tensor }) {
  brain.compile({ optimizer: tf.train.adam(0.5), loss: 'binaryCrossentropy' });
  return brain.fit(demos.xs, demos.ys, { epochs: 5 });
}

let champion = createBrain();

export async function endRound(demos: { xs: tf.Tensor; ys: tf.Tensor }) {
  if (TRAIN_MODE === 'gradient') await finetune(champion, demos);
  champion = createBrain();
}
`,
    errors: [
      {
        message: "Learning rate 0.5 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.5 per step whatever the gradient, which stalls training where that times a layer's fan-in reaches 6 (gradientDoctor.thresholds.adaptiveRateShift.adam); the model it trains is not known here. The conventional adam rate is 0.001.",
        line: 10, column: 44, endLine: 10, endColumn: 47,
        text: '0.5',
        severity: 'hint',
      },
    ],
  },
  {
    name: 'a nightly job over the keys of a map that request handlers fill: the map is not known to be empty, so the job retrains with the schema default 0.05',
    code: nightlyRetrainProgram('0.05'),
    errors: [
      {
        message: "As called at line 19 (retrain(tenant)): Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~13 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 9, column: 44, endLine: 9, endColumn: 56,
        text: 'learningRate',
      },
    ],
    output: nightlyRetrainProgram('0.001'),
  },
  {
    name: 'a computed rate (10 ** -1) beside an unrelated literal of the same value: the fix edits the optimizer argument, not validationSplit',
    code: `import * as tf from '@tensorflow/tfjs';

const LR_DECADES = 1;
const LEARNING_RATE = 10 ** -LR_DECADES;

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 5, validationSplit: 0.1 });
}
`,
    errors: [
      {
        message: "Learning rate 0.1 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.1 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~26 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 8, column: 44, endLine: 8, endColumn: 57,
        text: 'LEARNING_RATE',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const LR_DECADES = 1;
const LEARNING_RATE = 10 ** -LR_DECADES;

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 5, validationSplit: 0.1 });
}
`,
  },
  {
    name: 'a rate parsed from a string, noted in a comment: the fix edits the code, not the comment',
    fileName: 'train.js',
    code: commaRateProgram('rate'),
    errors: [
      {
        message: "Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~13 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 6, column: 42, endLine: 6, endColumn: 46,
        text: 'rate',
      },
    ],
    output: commaRateProgram('0.001'),
  },
  {
    name: "yargs-parser's defaults, as minimist's, are a run without flags: adam 0.05",
    fileName: 'train.mjs',
    code: yargsParserProgram('0.05'),
    errors: [
      {
        message: "Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~13 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 6, column: 42, endLine: 6, endColumn: 49,
        text: 'argv.lr',
      },
    ],
    output: yargsParserProgram('0.001'),
  },
  {
    name: "a head-only phase trains at adam 0.05 before fine-tuning recompiles at 1e-4: the first phase's rate is the one reported",
    code: headThenFineTune('0.05'),
    errors: [
      { message: "Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~13 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.", line: 8, column: 44, endLine: 8, endColumn: 48, text: "0.05" },
    ],
    output: headThenFineTune('0.001'),
  },
  {
    name: 'a search whose filter keeps the 0.08 candidate: its trial is reported',
    code: filteredSearchProgram('0.1'),
    errors: [
      {
        message: "As called at line 10 (trial(candidate.lr)), build 2: Learning rate 0.08 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.08 per step whatever the gradient, so a unit of dense_1 (fan-in 200) can shift by ~16 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 7, column: 44, endLine: 7, endColumn: 46,
        text: 'lr',
      },
    ],
    output: filteredSearchProgram('0.1', '0.001'),
  },
  {
    name: "the environment variable's default applies in a run without it: adam 0.05, and the fix lowers the default",
    fileName: 'train.js',
    code: environmentRateProgram('0.05'),
    errors: [
      {
        message: "Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~13 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 6, column: 42, endLine: 6, endColumn: 55,
        text: 'LEARNING_RATE',
      },
    ],
    output: environmentRateProgram('0.001'),
  },
  {
    name: "an optional option read with ?. and a ?? default, constructed without options: the default applies, and the fix lowers the default, not a caller's rate",
    code: optionalRateProgram('0.05', 'new Router()'),
    errors: [
      {
        message: "Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 300) can shift by ~15 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 8, column: 51, endLine: 8, endColumn: 77,
        text: 'opts?.learningRate ?? 0.05',
      },
    ],
    output: optionalRateProgram('0.001', 'new Router()'),
  },
  {
    name: 'a DQN agent trains only once its replay buffer holds a batch (an early return while it is shorter): the episodes fill it, so the standalone optimizer trains the online network',
    code: replayBufferAgentProgram('0.1'),
    errors: [
      {
        message: "Learning rate 0.1 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.1 per step whatever the gradient, so a unit of dense_2 (fan-in 128) can shift by ~13 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 7, column: 46, endLine: 7, endColumn: 49,
        text: '0.1',
      },
    ],
    output: replayBufferAgentProgram('0.001'),
  },
  {
    name: "the rate is a config object's field: the fix lowers it in the config, where the user set it",
    code: configRateProgram('0.05'),
    errors: [
      {
        message: "Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 300) can shift by ~15 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 8, column: 42, endLine: 8, endColumn: 63,
        text: 'TRAINING.learningRate',
      },
    ],
    output: configRateProgram('0.001'),
    related: ['line 3: the learning rate 0.05 is written here'],
  },
  {
    name: 'a sweep passes each rate of a list to the trainer: the trial with 3e-2 is reported, and the fix lowers that rate in the list, not the parameter every trial uses',
    fileName: 'sweep.js',
    code: sweepProgram('[1e-3, 3e-2, 3e-3]'),
    errors: [
      {
        message: "As called at line 10 (head()), build 2: Learning rate 0.03 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.03 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~7.7 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 11, column: 44, endLine: 11, endColumn: 46,
        text: 'lr',
      },
    ],
    output: sweepProgram('[1e-3, 1e-3, 3e-3]'),
    // The finding sits where the rate enters adam; the list entry the fix edits is pointed at.
    related: ['line 3: the learning rate 0.03 is written here'],
  },
  {
    name: 'a cosine schedule computes the rate at step 0 (Math.cos in a class method): its peak 0.05 is what rmsprop starts with',
    code: cosineScheduleProgram('0.05', 'schedule.at(0)'),
    errors: [
      {
        message: "Learning rate 0.05 of rmsprop is above 0.01 (gradientDoctor.thresholds.learningRate.rmsprop): rmsprop moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 128) can shift by ~6.4 per step, at or above 3.5 (gradientDoctor.thresholds.adaptiveRateShift.rmsprop), where rmsprop was measured to stall (the loss stays far above the conventional rate's); the conventional rmsprop rate is 0.001.",
        line: 14, column: 47, endLine: 14, endColumn: 61,
        text: 'schedule.at(0)',
      },
    ],
    output: cosineScheduleProgram('0.05', '0.001'),
  },
  {
    name: 'the loop assigns learningRate from the schedule at every step: editing the rate passed to rmsprop would change only the start, so that fix is not preferred and the message says what to lower',
    code: cosineScheduleProgram('0.05', 'schedule.at(0)', scheduleAssignedEveryStep),
    errors: [
      {
        message: "Learning rate 0.05 of rmsprop is above 0.01 (gradientDoctor.thresholds.learningRate.rmsprop): rmsprop moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 128) can shift by ~6.4 per step, at or above 3.5 (gradientDoctor.thresholds.adaptiveRateShift.rmsprop), where rmsprop was measured to stall (the loss stays far above the conventional rate's); the conventional rmsprop rate is 0.001. No automatic fix removes this by editing this rate: the code also assigns the optimizer's learningRate while training (a schedule), so lower the rates the schedule assigns too (its peak).",
        line: 14, column: 47, endLine: 14, endColumn: 61,
        text: 'schedule.at(0)',
      },
    ],
  },
  {
    name: 'a loop that halves the current learningRate: the steps follow the starting rate, so lowering it stays the preferred fix',
    code: cosineScheduleProgram('0.05', 'schedule.at(0)', rateHalvedEveryThousandSteps),
    errors: [
      {
        message: "Learning rate 0.05 of rmsprop is above 0.01 (gradientDoctor.thresholds.learningRate.rmsprop): rmsprop moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 128) can shift by ~6.4 per step, at or above 3.5 (gradientDoctor.thresholds.adaptiveRateShift.rmsprop), where rmsprop was measured to stall (the loss stays far above the conventional rate's); the conventional rmsprop rate is 0.001.",
        line: 14, column: 47, endLine: 14, endColumn: 61,
        text: 'schedule.at(0)',
      },
    ],
    output: cosineScheduleProgram('0.05', '0.001', rateHalvedEveryThousandSteps),
  },
  {
    name: 'a tf.Callback subclass warms adam up to 0.05 through this.model.optimizer, from its first epoch: the peak, reached at epoch 5 of 20, is the rate; the created 0.001 never trains, so no fix',
    code: warmupCallbackProgram('0.05', 5, 20),
    errors: [
      {
        message: "Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~13 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001. 0.05 is the highest rate the code assigns to the optimizer's learningRate while training. No automatic fix removes this by editing the rate the optimizer is created with: the code assigns learningRate before the first training step (in a fit's callback or at the top of the training loop), so that rate never trains; lower the rates the schedule assigns (its peak).",
        line: 11, column: 44, endLine: 11, endColumn: 49,
        text: '0.001',
      },
    ],
    related: ['line 12: training happens here (fit)', 'line 10: largest fan-in: 256', 'line 5: the learning rate 0.05 is assigned here'],
  },
  {
    name: 'adam exponent on a wide input',
    code: `import * as tf from '@tensorflow/tfjs';

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [128], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(1e-1), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 10 });
}
`,
    errors: [
      {
        message: "Learning rate 0.1 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.1 per step whatever the gradient, so a unit of dense_1 (fan-in 128) can shift by ~13 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 7, column: 44, endLine: 7, endColumn: 48,
        text: "1e-1",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [128], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 10 });
}
`,
  },
  {
    name: 'adam on a narrow net: measured to train, a hint without a preferred fix',
    code: `import * as tf from '@tensorflow/tfjs';

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(1e-1), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 10 });
}
`,
    errors: [
      {
        message: "Learning rate 0.1 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam), but adam moves every weight by ~0.1 per step whatever the gradient, and the largest fan-in here (dense_1, 8) lets a unit shift by ~0.8 per step, below the 6 where adam was measured to stall (gradientDoctor.thresholds.adaptiveRateShift.adam): it should train, if less smoothly than at the conventional rate 0.001.",
        line: 5, column: 44, endLine: 5, endColumn: 48,
        text: "1e-1",
        severity: 'hint',
      }
    ],
  },
  {
    name: 'adam with an input size the code does not give: a warning only for the sizes where it stalls',
    code: `import * as tf from '@tensorflow/tfjs';

export function buildModel(numFeatures: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [numFeatures], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
  return model;
}
`,
    errors: [
      {
        message: "With input size of dense_1 ≥ 128 (not known statically): Learning rate 0.05 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 128) can shift by ~6.4 per step, at or above 6 (gradientDoctor.thresholds.adaptiveRateShift.adam), where adam was measured to stall (the loss stays far above the conventional rate's); the conventional adam rate is 0.001.",
        line: 7, column: 44, endLine: 7, endColumn: 48,
        text: "0.05",
        severity: 'hint',
      }
    ],
  },
  {
    name: 'rmsprop constant',
    code: `import * as tf from '@tensorflow/tfjs';

const LEARNING_RATE = .05;

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 1 })] });
  const optimizer = tf.train.rmsprop(LEARNING_RATE);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 10 });
}
`,
    errors: [
      {
        message: "Learning rate 0.05 of rmsprop is above 0.01 (gradientDoctor.thresholds.learningRate.rmsprop): rmsprop moves every weight by ~0.05 per step whatever the gradient, so a unit of dense_1 (fan-in 256) can shift by ~13 per step, at or above 3.5 (gradientDoctor.thresholds.adaptiveRateShift.rmsprop), where rmsprop was measured to stall (the loss stays far above the conventional rate's); the conventional rmsprop rate is 0.001.",
        line: 7, column: 38, endLine: 7, endColumn: 51,
        text: "LEARNING_RATE",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const LEARNING_RATE = .001;

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 1 })] });
  const optimizer = tf.train.rmsprop(LEARNING_RATE);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 10 });
}
`,
  },
  {
    name: 'sgd decimal require',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.sgd(2.5), loss: 'meanSquaredError' });

async function train(xs, ys) {
  await model.fit(xs, ys, { epochs: 10 });
}
module.exports = { train };
`,
    errors: [
      {
        message: "Learning rate 2.5 of sgd is 2.5× the largest stable rate of this model, 1: the loss's curvature along the weights of dense_1 (counting its bias alone) is at least λ ~2 at initialization, and gradient descent is stable below 2/λ; at 2× the limit or more, steps overshoot the sharpest direction further every time and training diverges or stalls. The conventional sgd rate is 0.01.",
        line: 4, column: 41, endLine: 4, endColumn: 44,
        text: "2.5",
      }
    ],
    output: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });

async function train(xs, ys) {
  await model.fit(xs, ys, { epochs: 10 });
}
module.exports = { train };
`,
  },
  {
    name: 'momentum: the stable rate counts the coefficient as written, 2(1 + 0.5)/λ',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.momentum(5, 0.5), loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "Learning rate 5 of momentum is 3.3× the largest stable rate of this model, 1.5: the loss's curvature along the weights of dense_1 (counting its bias alone) is at least λ ~2 at initialization, and gradient descent is stable below 2(1 + momentum 0.5)/λ; at 2× the limit or more, steps overshoot the sharpest direction further every time and training diverges or stalls. The conventional momentum rate is 0.01.",
        line: 4, column: 46, endLine: 4, endColumn: 47,
        text: "5",
      },
    ],
    output: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.momentum(0.01, 0.5), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'global tf script tag',
    fileName: 'model.js',
    code: `// index.html loads tfjs with <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script>
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.sgd(2), loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "Learning rate 2 of sgd is 4× the largest stable rate of this model, 0.5: the loss's curvature along the weights of dense_2 (8 inputs of mean activation ~0.29) and of the relu layer before it is at least λ ~4 at initialization, and gradient descent is stable below 2/λ; at 2× the limit or more, steps overshoot the sharpest direction further every time and training diverges or stalls. The conventional sgd rate is 0.01.",
        line: 5, column: 41, endLine: 5, endColumn: 42,
        text: "2",
      },
    ],
    output: `// index.html loads tfjs with <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script>
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'standalone adam: the model it trains is not known, a hint',
    code: `import * as tf from '@tensorflow/tfjs';

const optimizer = tf.train.adam(0.1);

export function trainEpisode(policy: (states: tf.Tensor2D) => tf.Tensor2D, states: tf.Tensor2D, actions: tf.Tensor2D, returns: tf.Tensor1D): void {
  optimizer.minimize(() => {
    const logProbs = tf.sum(tf.mul(tf.logSoftmax(policy(states)), actions), 1);
    return tf.neg(tf.mean(tf.mul(logProbs, returns))) as tf.Scalar;
  });
}
`,
    errors: [
      {
        message: "Learning rate 0.1 of adam is above 0.01 (gradientDoctor.thresholds.learningRate.adam): adam moves every weight by ~0.1 per step whatever the gradient, which stalls training where that times a layer's fan-in reaches 6 (gradientDoctor.thresholds.adaptiveRateShift.adam); the model it trains is not known here. The conventional adam rate is 0.001.",
        line: 3, column: 33, endLine: 3, endColumn: 36,
        text: "0.1",
        severity: 'hint',
      },
    ],
  },
  ],
};
