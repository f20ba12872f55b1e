/** output-loss-mismatch: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

/** A tagger compiled with the shorthand `{ optimizer, loss }`, `loss` written as `compiledLoss`. */
const shorthandLossTagger = (compiledLoss: string) => `import * as tf from '@tensorflow/tfjs';

const LOSS_BY_TASK = { 'single-label': 'categoricalCrossentropy', 'multi-label': 'binaryCrossentropy' };

export function buildTagger(task: keyof typeof LOSS_BY_TASK): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [300], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 8, activation: 'softmax' }));
  const loss = LOSS_BY_TASK['multi-label'];
  model.compile({ optimizer: 'adam', ${compiledLoss} });
  return model;
}
`;

/** A softmax head over a class list the file leaves empty (filled at start-up elsewhere), trained with binaryCrossentropy. */
const emptyClassListHead = (activation: string) => `import * as tf from '@tensorflow/tfjs';

// Filled from the dataset's folder names when the app starts.
const classes: string[] = [];

export function buildHead(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1280], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: classes.length, activation: '${activation}' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}
`;

/** Two heads, tags (12 sigmoid units) listed first and queue (6 softmax units), compiled with `losses`. */
const tagsAndQueueProgram = (losses: string) => `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [64] });
const queue = tf.layers.dense({ units: 6, activation: 'softmax', name: 'queue' }).apply(input) as tf.SymbolicTensor;
const tags = tf.layers.dense({ units: 12, activation: 'sigmoid', name: 'tags' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [tags, queue] });
model.compile({ optimizer: 'adam', loss: ${losses} });
`;

/** A core-API classifier whose `predict` ends in `head`, trained by minimize with softmaxCrossEntropy. */
const coreHeadProgram = (head: string) => `import * as tf from '@tensorflow/tfjs';

const w1 = tf.variable(tf.randomNormal([64, 32], 0, 0.17));
const w2 = tf.variable(tf.randomNormal([32, 10], 0, 0.25));
const optimizer = tf.train.adam(1e-3);

const predict = (x: tf.Tensor2D) => ${head};

export function trainStep(xs: tf.Tensor2D, ys: tf.Tensor2D) {
  return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, predict(xs)), true);
}
`;

/** A softmax answer head whose width is the length of a list read at run time, trained with binaryCrossentropy. */
const answerListProgram = (activation: string) => `import * as tf from '@tensorflow/tfjs';

export function buildAnswerHead(answers: string[]): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1280], units: 512, activation: 'relu' }));
  model.add(tf.layers.dense({ units: answers.length, activation: '${activation}' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}
`;

/** A linear 6-way head pretrained by minimize with tf.losses.softmaxCrossEntropy, then compiled with `loss` and fitted. */
const pretrainedThenCompiled = (loss: string) => `import * as tf from '@tensorflow/tfjs';

const inp = tf.input({ shape: [512] });
const hidden = tf.layers.dense({ units: 128, activation: 'relu' }).apply(inp) as tf.SymbolicTensor;
export const net = tf.model({ inputs: inp, outputs: tf.layers.dense({ units: 6, name: 'intent_logits' }).apply(hidden) as tf.SymbolicTensor });

export async function train(xs: tf.Tensor2D, ys: tf.Tensor2D) {
  const opt = tf.train.adam(1e-3);
  for (let i = 0; i < 100; i++) opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, net.apply(xs) as tf.Tensor) as tf.Scalar);
  net.compile({ optimizer: tf.train.adam(3e-4), loss: ${loss} });
  await net.fit(xs, ys, { epochs: 5 });
}
`;

/** A two-output model trained by a loss on one of the outputs destructured from its apply(). */
const twoHeadTrainer = (lossInput: 'classes' | 'corners', boxActivation = '') => `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [32] });
const trunk = tf.layers.dense({ units: 64, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const probs = tf.layers.dense({ units: 10, activation: 'softmax', name: 'probs' }).apply(trunk) as tf.SymbolicTensor;
const box = tf.layers.dense({ units: 4, name: 'box'${boxActivation} }).apply(trunk) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [probs, box] });
const optimizer = tf.train.adam(0.001);

export function trainStep(xs: tf.Tensor2D, labels: tf.Tensor2D) {
  return optimizer.minimize(() => {
    const [classes, corners] = model.apply(xs, { training: true }) as tf.Tensor[];
    return tf.metrics.categoricalCrossentropy(labels, ${lossInput}).mean() as tf.Scalar;
  }, true);
}
`;

export const outputLossMismatchCases: RuleCases = {
  rule: 'output-loss-mismatch',
  valid: [
  {
    name: 'a loss call on one output of several, destructured from apply(): categoricalCrossentropy reads the softmax output, not the linear one beside it',
    code: twoHeadTrainer('classes'),
  },
  {
    name: "softmax output and a compile loss function that gives softmaxCrossEntropy the log of its predictions (logits again)",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [20], units: 4, activation: 'softmax' })] });
function logXent(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const logits = tf.log(yPred.reshape([-1, 4]));
  return tf.losses.softmaxCrossEntropy(yTrue, logits);
}
model.compile({ optimizer: tf.train.adam(0.001), loss: logXent });
`,
  },
  {
    name: "softmax output and a compile loss whose tf.tidy callback takes the log of the predictions before the logits loss (a log-softmax, not a double softmax)",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 5, activation: 'softmax' })] });
const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.tidy(() => tf.losses.softmaxCrossEntropy(yTrue, tf.log(tf.add(yPred, 1e-7))));
model.compile({ optimizer: tf.train.adam(), loss });
`,
  },
  {
    name: 'core-API policy: the loss reads the logits, and a softmax of the same logits only feeds an entropy bonus; the loss is not on that softmax',
    code: `import * as tf from '@tensorflow/tfjs';

const w1 = tf.variable(tf.randomNormal([16, 32], 0, Math.sqrt(2 / 16)));
const w2 = tf.variable(tf.randomNormal([32, 4], 0, 0.01));
const optimizer = tf.train.adam(2e-3);

const logitsOf = (ctx: tf.Tensor2D) => tf.matMul(tf.relu(tf.matMul(ctx, w1)), w2);

export function trainStep(ctx: tf.Tensor2D, chosen: tf.Tensor2D, advantage: tf.Tensor1D) {
  return optimizer.minimize(() => {
    const logits = logitsOf(ctx);
    const pg = tf.losses.softmaxCrossEntropy(chosen, logits, advantage);
    const entropy = tf.neg(tf.mean(tf.sum(tf.mul(tf.softmax(logits), tf.logSoftmax(logits)), 1)));
    return tf.sub(pg, tf.mul(0.01, entropy)) as tf.Scalar;
  }, true, [w1, w2]);
}
`,
  },
  {
    name: "core-API detector: the objectness loss reads the head's logits before tf.sigmoid of the box slice of the same output adds a layer; the loss is not on that sigmoid",
    code: `import * as tf from '@tensorflow/tfjs';

const backbone = tf.variable(tf.randomNormal([3, 3, 3, 16], 0, Math.sqrt(2 / 27)));
const head = tf.variable(tf.randomNormal([1, 1, 16, 5], 0, Math.sqrt(1 / 16)));
const optimizer = tf.train.adam(0.002);

function forward(frames: tf.Tensor4D): tf.Tensor4D {
  return tf.conv2d(tf.relu(tf.conv2d(frames, backbone, 2, 'same')), head, 1, 'same');
}

export function trainStep(frames: tf.Tensor4D, target: tf.Tensor4D): void {
  optimizer.minimize(() => {
    const out = forward(frames);
    const objectness = tf.losses.sigmoidCrossEntropy(target.slice([0, 0, 0, 0], [-1, -1, -1, 1]), out.slice([0, 0, 0, 0], [-1, -1, -1, 1]));
    const box = tf.sigmoid(out.slice([0, 0, 0, 1], [-1, -1, -1, 4]));
    return objectness.add(tf.mean(tf.square(tf.sub(box, target.slice([0, 0, 0, 1], [-1, -1, -1, 4])))));
  });
}
`,
  },
  {
    name: 'core-API attention: a softmax over time steps after a one-unit score projection and a reshape, and over keys after queries times keys, is not the softmax of a one-unit layer',
    code: `import * as tf from '@tensorflow/tfjs';

const W = tf.variable(tf.randomNormal([16, 32], 0, Math.sqrt(2 / 16)));
const query = tf.variable(tf.randomNormal([32, 1], 0, Math.sqrt(1 / 32)));
const wOut = tf.variable(tf.randomNormal([32, 4], 0, Math.sqrt(1 / 32)));

function logits(x: tf.Tensor3D): tf.Tensor {
  const [batch, steps] = x.shape;
  const h = tf.relu(tf.matMul(tf.reshape(x, [batch * steps, 16]), W));
  const weights = tf.softmax(tf.reshape(tf.matMul(h, query), [batch, steps]));
  const selfAttention = tf.softmax(tf.matMul(h, h, false, true));
  const pooled = tf.sum(tf.mul(tf.reshape(h, [batch, steps, 32]), tf.expandDims(weights, 2)), 1);
  return tf.add(tf.matMul(pooled, wOut), tf.sum(selfAttention));
}

const optimizer = tf.train.adam(0.001);
export function step(x: tf.Tensor3D, y: tf.Tensor2D) {
  return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)) as tf.Scalar, true, [W, query, wOut]);
}
`,
  },
  {
    name: 'layers made from configs parsed at run time (an architecture string): their activations are unknown, not the linear default',
    fileName: 'page.js',
    code: `/* global tf */
function parseArch(text) {
  return text.split('-').map(function (token) { return { units: Number(token.slice(0, -1)), activation: token.endsWith('s') ? 'softmax' : 'relu' }; });
}
function createModel(arch) {
  const model = tf.sequential();
  parseArch(arch).forEach(function (config) { model.add(tf.layers.dense(config)); });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
createModel(document.getElementById('arch').value);
`,
  },
  {
    name: 'one helper builds a 10-way softmax and a 1-unit sigmoid, each compiled with its own loss: each variant keeps its own compile',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

function classifier(units) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [8], units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units, activation: units === 1 ? 'sigmoid' : 'softmax' }));
  return model;
}

const recogniser = classifier(10);
recogniser.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
const detector = classifier(1);
detector.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`,
  },
  {
    name: "softmax with categoricalCrossentropy",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 10, activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
`,
  },
  {
    name: "sigmoid with binaryCrossentropy",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`,
  },
  {
    name: "logits with softmaxCrossEntropy in a custom loop",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 10 })] });
const optimizer = tf.train.adam(0.001);

export function step(xs: tf.Tensor, ys: tf.Tensor): void {
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.predict(xs) as tf.Tensor));
}
`,
  },
  {
    name: "softmax loss on another tensor is not attributed",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 10, activation: 'softmax' })] });
const optimizer = tf.train.adam(0.001);

export function step(xs: tf.Tensor, ys: tf.Tensor, logits: tf.Tensor): void {
  model.predict(xs);
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, logits));
}
`,
  },
  {
    name: "a compile loss function that does more than call one tfjs loss is not read",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 10, activation: 'softmax' })] });
model.compile({
  optimizer: 'adam',
  loss: (labels: tf.Tensor, predictions: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, tf.log(predictions)),
});
`,
  },
  {
    name: "linear regression with meanSquaredError",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
`,
  },
  {
    name: "two heads, each with the loss of its own activation, keyed by output name",
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const trunk = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const kind = tf.layers.dense({ units: 5, activation: 'softmax', name: 'kind' }).apply(trunk) as tf.SymbolicTensor;
const size = tf.layers.dense({ units: 1, name: 'size' }).apply(trunk) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [kind, size] });
model.compile({ optimizer: 'adam', loss: { kind: 'categoricalCrossentropy', size: 'meanSquaredError' } });
`,
  },
  {
    name: "a loss keyed by an auto name is not read (tfjs numbers layers across every model it built)",
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const a = tf.layers.dense({ units: 5, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const b = tf.layers.dense({ units: 5, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [a, b] });
model.compile({ optimizer: 'adam', loss: { dense_1: 'categoricalCrossentropy', dense_2: 'categoricalCrossentropy' } });
`,
  },
  {
    name: "an output head whose config spreads options not known statically: its activation is not guessed",
    code: `import * as tf from '@tensorflow/tfjs';

export function classifier(head: tf.layers.DenseLayerArgs): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [20], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...head, units: 10 }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
`,
  },
  ],
  invalid: [
  {
    name: 'a loss call on one output of several, destructured from apply(): categoricalCrossentropy on the linear output is reported on that output only',
    code: twoHeadTrainer('corners'),
    errors: [
      {
        message: 'tf.metrics.categoricalCrossentropy divides each output row by its sum, but box outputs linear values that can be negative: the row sum can be 0 or negative, giving NaN or probabilities of the wrong sign; it expects softmax probabilities.',
        line: 13, column: 12, endLine: 13, endColumn: 63,
        text: 'tf.metrics.categoricalCrossentropy(labels, corners)',
      },
    ],
    output: twoHeadTrainer('corners', ", activation: 'softmax'"),
  },
  {
    name: "a loss written as the shorthand property { optimizer, loss }: the fix writes loss: 'categoricalCrossentropy', not a bare string",
    code: shorthandLossTagger('loss'),
    errors: [
      {
        message: "'binaryCrossentropy' scores each of the 8 softmax units of dense_2 as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1).",
        line: 10, column: 38, endLine: 10, endColumn: 42,
        text: 'loss',
      },
    ],
    output: shorthandLossTagger("loss: 'categoricalCrossentropy'"),
  },
  {
    name: 'softmax over a class list empty in the file (width 0, which no layer can have: unknown, as the flow reads it) with binaryCrossentropy: wrong at any width',
    code: emptyClassListHead('softmax'),
    errors: [
      {
        message: "'binaryCrossentropy' scores each unit of the softmax output dense_2 (its width is not known statically) as an independent yes/no, while softmax makes its units compete: labels with several 1s per row cannot be reached (a softmax row sums to 1), and over one unit softmax is the constant 1, whose gradient is zero. Whatever the width, sigmoid units are what this loss expects.",
        line: 10, column: 44, endLine: 10, endColumn: 64,
        text: "'binaryCrossentropy'",
      },
    ],
    output: emptyClassListHead('sigmoid'),
  },
  {
    name: 'softmax of a width not known statically with binaryCrossentropy: wrong at any width (one unit is a constant 1), so a warning; sigmoid units suit the loss at any width',
    code: answerListProgram('softmax'),
    errors: [
      {
        message: "'binaryCrossentropy' scores each unit of the softmax output dense_2 (its width is not known statically) as an independent yes/no, while softmax makes its units compete: labels with several 1s per row cannot be reached (a softmax row sums to 1), and over one unit softmax is the constant 1, whose gradient is zero. Whatever the width, sigmoid units are what this loss expects.",
        line: 7, column: 44, endLine: 7, endColumn: 64,
        text: "'binaryCrossentropy'",
      },
    ],
    output: answerListProgram('sigmoid'),
  },
  {
    name: 'a head built by a helper from a spec without an activation (linear): no fix, the helper builds the other head too, and a function in the dict of loss strings would not type-check',
    code: `import * as tf from '@tensorflow/tfjs';

interface HeadSpec { name: string; units: number; activation?: 'softmax' | 'sigmoid' }
const TEAM: HeadSpec = { name: 'team', units: 6 };
const URGENT: HeadSpec = { name: 'urgent', units: 1, activation: 'sigmoid' };

function head(spec: HeadSpec, x: tf.SymbolicTensor): tf.SymbolicTensor {
  return tf.layers.dense({ units: spec.units, activation: spec.activation, name: spec.name }).apply(x) as tf.SymbolicTensor;
}

const input = tf.input({ shape: [32] });
const trunk = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [head(TEAM, trunk), head(URGENT, trunk)] });
model.compile({ optimizer: 'adam', loss: { team: 'categoricalCrossentropy', urgent: 'binaryCrossentropy' } });
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but team outputs linear values that can be negative: the row sum can be 0 or negative, giving NaN or probabilities of the wrong sign; it expects softmax probabilities. The activation of team is written once for other layers too (one config in a loop or a helper function builds them), so no automatic fix is offered: give the output layer its own activation.",
        line: 14, column: 50, endLine: 14, endColumn: 75,
        text: "'categoricalCrossentropy'",
      },
    ],
  },
  {
    name: 'relu output of layers built in one loop: no fix, since the activation edit would change every layer',
    code: `import * as tf from '@tensorflow/tfjs';

const SIZES = [64, 32, 5];

export function classifier(): tf.Sequential {
  const model = tf.sequential();
  SIZES.forEach((units, i) => {
    model.add(tf.layers.dense({ units, activation: 'relu', ...(i === 0 ? { inputShape: [10] } : {}) }));
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but dense_3 outputs relu values: a row of zeros divides 0 by 0 and the loss is NaN; it expects softmax probabilities. The activation of dense_3 is written once for other layers too (one config in a loop or a helper function builds them), so no automatic fix is offered: give the output layer its own activation.",
        line: 10, column: 44, endLine: 10, endColumn: 69,
        text: "'categoricalCrossentropy'",
      },
    ],
  },
  {
    name: "relu output with categoricalCrossentropy",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }),
    tf.layers.dense({ units: 3, activation: 'relu' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but dense_2 outputs relu values: a row of zeros divides 0 by 0 and the loss is NaN; it expects softmax probabilities.",
        line: 9, column: 42, endLine: 9, endColumn: 67,
        text: "'categoricalCrossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }),
    tf.layers.dense({ units: 3, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`,
  },
  {
    name: "no activation with categoricalCrossentropy, activation added",
    fileName: "model.js",
    code: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 4 }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
module.exports = { model };
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but dense_2 outputs linear values that can be negative: the row sum can be 0 or negative, giving NaN or probabilities of the wrong sign; it expects softmax probabilities.",
        line: 6, column: 42, endLine: 6, endColumn: 67,
        text: "'categoricalCrossentropy'",
      },
    ],
    output: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
module.exports = { model };
`,
  },
  {
    name: "softmax on one unit with categoricalCrossentropy",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`,
    errors: [
      {
        message: "dense_1: softmax over a single unit is always 1, so the output is constant and no gradient reaches the model; a one-unit probability is a sigmoid.",
        line: 3, column: 104, endLine: 3, endColumn: 113,
        text: "'softmax'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`,
  },
  {
    name: "softmax on one unit trained by meanSquaredError: a regression, so the preferred fix is a linear output (a sigmoid would bound the targets and squash the squared error's gradient)",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "dense_2: softmax over a single unit is always 1, so the output is constant and no gradient reaches the model; a one-unit probability is a sigmoid.",
        line: 3, column: 156, endLine: 3, endColumn: 165,
        text: "'softmax'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`,
  },
  {
    name: "one linear unit with categoricalCrossentropy",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, and dense_1 has a single output unit: the prediction is always 1, the loss constant and the gradient zero.",
        line: 4, column: 42, endLine: 4, endColumn: 67,
        text: "'categoricalCrossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`,
  },
  {
    name: "softmax output and a compile loss function wrapping softmaxCrossEntropy",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [20], units: 5, activation: 'softmax' })] });
model.compile({
  optimizer: tf.train.adam(0.001),
  loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
});
`,
    errors: [
      {
        message: "tf.losses.softmaxCrossEntropy applies softmax to its input itself, but dense_1 already outputs softmax probabilities: the loss sees softmax(softmax(z)), which squeezes every prediction towards uniform and shrinks the gradient; it expects logits (a linear output).",
        line: 6, column: 49, endLine: 6, endColumn: 92,
        text: "tf.losses.softmaxCrossEntropy(yTrue, yPred)",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [20], units: 5 })] });
model.compile({
  optimizer: tf.train.adam(0.001),
  loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
});
`,
  },
  {
    name: "softmax per prior (an SSD class head) and a compile loss function that reshapes its predictions to rows before softmaxCrossEntropy",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [20], units: 12 }), tf.layers.reshape({ targetShape: [3, 4] }), tf.layers.activation({ activation: 'softmax' })] });
function perPriorXent(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const logits = yPred.reshape([-1, 4]);
  return tf.losses.softmaxCrossEntropy(yTrue.reshape([-1, 4]), logits);
}
model.compile({ optimizer: tf.train.adam(0.001), loss: perPriorXent });
`,
    errors: [
      {
        message: "tf.losses.softmaxCrossEntropy applies softmax to its input itself, but activation_1 already outputs softmax probabilities: the loss sees softmax(softmax(z)), which squeezes every prediction towards uniform and shrinks the gradient; it expects logits (a linear output).",
        line: 6, column: 10, endLine: 6, endColumn: 71,
        text: "tf.losses.softmaxCrossEntropy(yTrue.reshape([-1, 4]), logits)",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [20], units: 12 }), tf.layers.reshape({ targetShape: [3, 4] }), tf.layers.activation({ activation: 'linear' })] });
function perPriorXent(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const logits = yPred.reshape([-1, 4]);
  return tf.losses.softmaxCrossEntropy(yTrue.reshape([-1, 4]), logits);
}
model.compile({ optimizer: tf.train.adam(0.001), loss: perPriorXent });
`,
  },
  {
    name: "sigmoid output and a compile loss function that declares class weights, then returns sigmoidCrossEntropy of its predictions",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [24], units: 1, activation: 'sigmoid' })] });
function weightedLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const weights = tf.add(1, tf.mul(yTrue, 24));
  return tf.losses.sigmoidCrossEntropy(yTrue, yPred, weights);
}
model.compile({ optimizer: tf.train.adam(), loss: weightedLoss });
`,
    errors: [
      {
        message: "tf.losses.sigmoidCrossEntropy applies sigmoid to its input itself, but dense_1 already outputs sigmoid probabilities: the loss sees sigmoid(sigmoid(z)), which squeezes every prediction towards uniform and shrinks the gradient; it expects logits (a linear output).",
        line: 6, column: 10, endLine: 6, endColumn: 62,
        text: "tf.losses.sigmoidCrossEntropy(yTrue, yPred, weights)",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [24], units: 1 })] });
function weightedLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {
  const weights = tf.add(1, tf.mul(yTrue, 24));
  return tf.losses.sigmoidCrossEntropy(yTrue, yPred, weights);
}
model.compile({ optimizer: tf.train.adam(), loss: weightedLoss });
`,
  },
  {
    name: "softmax output and a compile loss function returning softmaxCrossEntropy of its predictions from a tf.tidy callback",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 5, activation: 'softmax' })] });
function makeWeightedLoss(classWeights: number[]) {
  const weightVec = tf.tensor1d(classWeights);
  return (yTrue: tf.Tensor, yPred: tf.Tensor) =>
    tf.tidy(() => {
      const perSample = tf.sum(tf.mul(yTrue, weightVec), -1);
      return tf.losses.softmaxCrossEntropy(yTrue, yPred, perSample);
    });
}
model.compile({ optimizer: tf.train.adam(), loss: makeWeightedLoss([1, 2, 2, 4, 1]) });
`,
    errors: [
      {
        message: "tf.losses.softmaxCrossEntropy applies softmax to its input itself, but dense_1 already outputs softmax probabilities: the loss sees softmax(softmax(z)), which squeezes every prediction towards uniform and shrinks the gradient; it expects logits (a linear output).",
        line: 9, column: 14, endLine: 9, endColumn: 68,
        text: "tf.losses.softmaxCrossEntropy(yTrue, yPred, perSample)",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 5 })] });
function makeWeightedLoss(classWeights: number[]) {
  const weightVec = tf.tensor1d(classWeights);
  return (yTrue: tf.Tensor, yPred: tf.Tensor) =>
    tf.tidy(() => {
      const perSample = tf.sum(tf.mul(yTrue, weightVec), -1);
      return tf.losses.softmaxCrossEntropy(yTrue, yPred, perSample);
    });
}
model.compile({ optimizer: tf.train.adam(), loss: makeWeightedLoss([1, 2, 2, 4, 1]) });
`,
  },
  {
    name: "softmax output fed to softmaxCrossEntropy in a custom loop",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
const optimizer = tf.train.adam(0.001);

export function step(xs: tf.Tensor, ys: tf.Tensor): void {
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.predict(xs) as tf.Tensor));
}
`,
    errors: [
      {
        message: "tf.losses.softmaxCrossEntropy applies softmax to its input itself, but dense_2 already outputs softmax probabilities: the loss sees softmax(softmax(z)), which squeezes every prediction towards uniform and shrinks the gradient; it expects logits (a linear output).",
        line: 12, column: 28, endLine: 12, endColumn: 93,
        text: "tf.losses.softmaxCrossEntropy(ys, model.predict(xs) as tf.Tensor)",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }),
    tf.layers.dense({ units: 10 }),
  ],
});
const optimizer = tf.train.adam(0.001);

export function step(xs: tf.Tensor, ys: tf.Tensor): void {
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.predict(xs) as tf.Tensor));
}
`,
  },
  {
    name: "sigmoid activation layer with a sigmoidCrossEntropy reference",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 5 }),
    tf.layers.activation({ activation: 'sigmoid' }),
  ],
});
model.compile({ optimizer: 'adam', loss: tf.losses.sigmoidCrossEntropy });
`,
    errors: [
      {
        message: "tf.losses.sigmoidCrossEntropy applies sigmoid to its input itself, but activation_1 already outputs sigmoid probabilities: the loss sees sigmoid(sigmoid(z)), which squeezes every prediction towards uniform and shrinks the gradient; it expects logits (a linear output).",
        line: 9, column: 42, endLine: 9, endColumn: 71,
        text: "tf.losses.sigmoidCrossEntropy",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 5 }),
    tf.layers.activation({ activation: 'linear' }),
  ],
});
model.compile({ optimizer: 'adam', loss: tf.losses.sigmoidCrossEntropy });
`,
  },
  {
    name: "softmax with binaryCrossentropy",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4, activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
`,
    errors: [
      {
        message: "'binaryCrossentropy' scores each of the 4 softmax units of dense_1 as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1).",
        line: 4, column: 42, endLine: 4, endColumn: 62,
        text: "'binaryCrossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4, activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
`,
  },
  {
    name: "a loss dict filled in a loop: the multi-label softmax head is found, its shared loss is not edited",
    code: `import * as tf from '@tensorflow/tfjs';

const HEADS = [
  { name: 'category', units: 14, kind: 'multiclass' },
  { name: 'seasons', units: 4, kind: 'multilabel' },
  { name: 'formal', units: 1, kind: 'binary' },
] as const;
const LOSS_BY_KIND: Record<string, string> = { multiclass: 'categoricalCrossentropy', multilabel: 'binaryCrossentropy', binary: 'binaryCrossentropy' };

const input = tf.input({ shape: [32] });
const shared = tf.layers.dense({ units: 64, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const outputs = HEADS.map((h) => tf.layers.dense({ units: h.units, activation: h.units > 1 ? 'softmax' : 'sigmoid', name: h.name }).apply(shared) as tf.SymbolicTensor);
export const model = tf.model({ inputs: input, outputs });
const loss: { [output: string]: string } = {};
for (const h of HEADS) loss[h.name] = LOSS_BY_KIND[h.kind];
model.compile({ optimizer: 'adam', loss });
`,
    errors: [
      {
        message: "'binaryCrossentropy' scores each of the 4 softmax units of seasons as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1). The loss of seasons is written once for other outputs too (a loop fills the loss dict, or code builds the loss list), so no automatic fix edits it: give this output its own loss. The activation of seasons is written once for other layers too (one config in a loop or a helper function builds them), so no automatic fix is offered: give the output layer its own activation.",
        line: 15, column: 39, endLine: 15, endColumn: 59,
        text: "LOSS_BY_KIND[h.kind]",
      },
    ],
  },
  {
    name: "a loss dict filled by assignments: the fix rewrites the assigned value, not the assignment",
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [32] });
const seasons = tf.layers.dense({ units: 4, activation: 'softmax', name: 'seasons' }).apply(input) as tf.SymbolicTensor;
const formal = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'formal' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [seasons, formal] });
const loss: { [output: string]: string } = {};
loss['seasons'] = 'binaryCrossentropy';
loss.formal = 'binaryCrossentropy';
model.compile({ optimizer: 'adam', loss });
`,
    errors: [
      {
        message: "'binaryCrossentropy' scores each of the 4 softmax units of seasons as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1).",
        line: 8, column: 19, endLine: 8, endColumn: 39,
        text: "'binaryCrossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [32] });
const seasons = tf.layers.dense({ units: 4, activation: 'softmax', name: 'seasons' }).apply(input) as tf.SymbolicTensor;
const formal = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'formal' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [seasons, formal] });
const loss: { [output: string]: string } = {};
loss['seasons'] = 'categoricalCrossentropy';
loss.formal = 'binaryCrossentropy';
model.compile({ optimizer: 'adam', loss });
`,
  },
  {
    name: "sigmoid with meanSquaredError, small net (hint)",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "'meanSquaredError' on the sigmoid output of dense_1: the gradient is the error times sigmoid's slope (at most 1/4), which vanishes exactly when the output is confidently wrong; crossentropy cancels that slope.",
        line: 4, column: 41, endLine: 4, endColumn: 59,
        text: "'meanSquaredError'",
        severity: 'hint',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
`,
  },
  {
    name: "softmax with meanSquaredError, wide output",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 10, activation: 'softmax' })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "'meanSquaredError' on the softmax output of dense_1: the gradient is the error times softmax's slope (at most p(1 − p)), which vanishes exactly when the output is confidently wrong; crossentropy cancels that slope.",
        line: 4, column: 41, endLine: 4, endColumn: 59,
        text: "'meanSquaredError'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 10, activation: 'softmax' })] });
model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
`,
  },
  {
    name: "relu class head keyed by its name in a loss object",
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const trunk = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const box = tf.layers.dense({ units: 4, name: 'box' }).apply(trunk) as tf.SymbolicTensor;
const label = tf.layers.dense({ units: 5, activation: 'relu', name: 'label' }).apply(trunk) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [box, label] });
model.compile({ optimizer: 'adam', loss: { box: 'meanSquaredError', label: 'categoricalCrossentropy' } });
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but label outputs relu values: a row of zeros divides 0 by 0 and the loss is NaN; it expects softmax probabilities.",
        line: 8, column: 76, endLine: 8, endColumn: 101,
        text: "'categoricalCrossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const trunk = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const box = tf.layers.dense({ units: 4, name: 'box' }).apply(trunk) as tf.SymbolicTensor;
const label = tf.layers.dense({ units: 5, activation: 'softmax', name: 'label' }).apply(trunk) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [box, label] });
model.compile({ optimizer: 'adam', loss: { box: 'meanSquaredError', label: 'categoricalCrossentropy' } });
`,
  },
  {
    name: "relu class head at its position in a loss array",
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const trunk = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const box = tf.layers.dense({ units: 4 }).apply(trunk) as tf.SymbolicTensor;
const label = tf.layers.dense({ units: 5, activation: 'relu' }).apply(trunk) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [box, label] });
model.compile({ optimizer: 'adam', loss: ['meanSquaredError', 'categoricalCrossentropy'] });
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but dense_3 outputs relu values: a row of zeros divides 0 by 0 and the loss is NaN; it expects softmax probabilities.",
        line: 8, column: 63, endLine: 8, endColumn: 88,
        text: "'categoricalCrossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const trunk = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
const box = tf.layers.dense({ units: 4 }).apply(trunk) as tf.SymbolicTensor;
const label = tf.layers.dense({ units: 5, activation: 'softmax' }).apply(trunk) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [box, label] });
model.compile({ optimizer: 'adam', loss: ['meanSquaredError', 'categoricalCrossentropy'] });
`,
  },
  {
    name: "one loss string trains every output of a multi-output model",
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const coarse = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
const fine = tf.layers.dense({ units: 12, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [coarse, fine] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but dense_2 outputs relu values: a row of zeros divides 0 by 0 and the loss is NaN; it expects softmax probabilities.",
        line: 7, column: 42, endLine: 7, endColumn: 67,
        text: "'categoricalCrossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const coarse = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
const fine = tf.layers.dense({ units: 12, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [coarse, fine] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`,
  },
  {
    name: "a loss list in the outputs' old order: the swap is preferred, keeping both heads' labels valid",
    code: tagsAndQueueProgram("['categoricalCrossentropy', 'binaryCrossentropy']"),
    errors: [
      {
        message: "'binaryCrossentropy' scores each of the 6 softmax units of queue as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1). The loss list looks out of the outputs' order: 'categoricalCrossentropy', written for tags, fits queue, and 'binaryCrossentropy' fits tags.",
        line: 7, column: 70, endLine: 7, endColumn: 90,
        text: "'binaryCrossentropy'",
      },
    ],
    output: tagsAndQueueProgram("['binaryCrossentropy', 'categoricalCrossentropy']"),
  },
  {
    name: "a linear head pretrained with tf.losses.softmaxCrossEntropy, then compiled with 'categoricalCrossentropy': a softmax head would break the pretraining loss, so the logits loss is the fix",
    code: pretrainedThenCompiled("'categoricalCrossentropy'"),
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but intent_logits outputs linear values that can be negative: the row sum can be 0 or negative, giving NaN or probabilities of the wrong sign; it expects softmax probabilities.",
        line: 10, column: 55, endLine: 10, endColumn: 80,
        text: "'categoricalCrossentropy'",
      },
    ],
    output: pretrainedThenCompiled('tf.losses.softmaxCrossEntropy'),
  },
  {
    name: "a loss list kept in a config object in the outputs' old order: reported where the list writes each loss, and the swap edits the list",
    code: tagsAndQueueProgram('TRAINING.losses').replace('export const model', "const TRAINING = { epochs: 20, losses: ['categoricalCrossentropy', 'binaryCrossentropy'] };\nexport const model"),
    errors: [
      {
        message: "'binaryCrossentropy' scores each of the 6 softmax units of queue as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1). The loss list looks out of the outputs' order: 'categoricalCrossentropy', written for tags, fits queue, and 'binaryCrossentropy' fits tags.",
        line: 6, column: 68, endLine: 6, endColumn: 88,
        text: "'binaryCrossentropy'",
      },
    ],
    output: tagsAndQueueProgram('TRAINING.losses').replace('export const model', "const TRAINING = { epochs: 20, losses: ['binaryCrossentropy', 'categoricalCrossentropy'] };\nexport const model"),
  },
  // The logits fix keeps the activation's input, in the function form and the method form.
  ...[['tf.softmax(...)', 'tf.softmax(tf.matMul(tf.relu(tf.matMul(x, w1)), w2))'], ['.softmax()', 'tf.matMul(tf.relu(tf.matMul(x, w1)), w2).softmax()']].map(([form, head]) => ({
    name: `a core-API head ending in ${form} fed to softmaxCrossEntropy: the fix outputs the logits, the activation's input`,
    code: coreHeadProgram(head),
    errors: [
      {
        message: "tf.losses.softmaxCrossEntropy applies softmax to its input itself, but matMul_2 already outputs softmax probabilities: the loss sees softmax(softmax(z)), which squeezes every prediction towards uniform and shrinks the gradient; it expects logits (a linear output).",
        line: 10, column: 35, endLine: 10, endColumn: 81,
        text: 'tf.losses.softmaxCrossEntropy(ys, predict(xs))',
      },
    ],
    output: coreHeadProgram('tf.matMul(tf.relu(tf.matMul(x, w1)), w2)'),
  })),
  {
    name: 'a loss list built by code (HEADS.map to a loss per kind): its items are read and placed where the compile names the list, which no edit can change for one output',
    code: tagsAndQueueProgram('HEADS.map((head) => LOSS_BY_KIND[head.kind])').replace('export const model', "const LOSS_BY_KIND = { binary: 'binaryCrossentropy', multiclass: 'categoricalCrossentropy' };\nconst HEADS = [{ name: 'tags', kind: 'binary' }, { name: 'queue', kind: 'binary' }];\nexport const model"),
    errors: [
      {
        message: "'binaryCrossentropy' scores each of the 6 softmax units of queue as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1). The loss of queue is written once for other outputs too (a loop fills the loss dict, or code builds the loss list), so no automatic fix edits it: give this output its own loss.",
        line: 9, column: 42, endLine: 9, endColumn: 86,
        text: 'HEADS.map((head) => LOSS_BY_KIND[head.kind])',
      },
    ],
  },
  {
    name: "a loss list made by Object.values of a dict in the wrong order: reported at the dict's value, and the swap moves the members with their keys",
    code: tagsAndQueueProgram('Object.values(LOSS_BY_HEAD)').replace('export const model', "const LOSS_BY_HEAD = { queue: 'categoricalCrossentropy', tags: 'binaryCrossentropy' };\nexport const model"),
    errors: [
      {
        message: "'binaryCrossentropy' scores each of the 6 softmax units of queue as an independent yes/no, while softmax makes them compete: with one-hot labels the loss and the 'accuracy' it reports are not the categorical ones, and labels with several 1s per row (multi-label) cannot be reached at all (a softmax row sums to 1). The loss list looks out of the outputs' order: 'categoricalCrossentropy', written for tags, fits queue, and 'binaryCrossentropy' fits tags.",
        line: 6, column: 64, endLine: 6, endColumn: 84,
        text: "'binaryCrossentropy'",
      },
    ],
    output: tagsAndQueueProgram('Object.values(LOSS_BY_HEAD)').replace('export const model', "const LOSS_BY_HEAD = { tags: 'binaryCrossentropy', queue: 'categoricalCrossentropy' };\nexport const model"),
  },
  {
    name: "a loss dict with the box and class losses swapped: both findings offer the one swap",
    code: `import * as tf from '@tensorflow/tfjs';

const image = tf.input({ shape: [128] });
const box = tf.layers.dense({ units: 4, name: 'box' }).apply(image) as tf.SymbolicTensor;
const label = tf.layers.dense({ units: 5, activation: 'softmax', name: 'label' }).apply(image) as tf.SymbolicTensor;
export const model = tf.model({ inputs: image, outputs: [box, label] });
model.compile({ optimizer: 'adam', loss: { box: 'categoricalCrossentropy', label: 'meanSquaredError' } });
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but box outputs linear values that can be negative: the row sum can be 0 or negative, giving NaN or probabilities of the wrong sign; it expects softmax probabilities. The loss list looks out of the outputs' order: 'meanSquaredError', written for label, fits box, and 'categoricalCrossentropy' fits label.",
        line: 7, column: 49, endLine: 7, endColumn: 74,
        text: "'categoricalCrossentropy'",
      },
      {
        message: "'meanSquaredError' on the softmax output of label: the gradient is the error times softmax's slope (at most p(1 − p)), which vanishes exactly when the output is confidently wrong; crossentropy cancels that slope. The loss list looks out of the outputs' order: 'categoricalCrossentropy', written for box, fits label, and 'meanSquaredError' fits box.",
        line: 7, column: 83, endLine: 7, endColumn: 101,
        text: "'meanSquaredError'",
        severity: 'hint',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const image = tf.input({ shape: [128] });
const box = tf.layers.dense({ units: 4, name: 'box' }).apply(image) as tf.SymbolicTensor;
const label = tf.layers.dense({ units: 5, activation: 'softmax', name: 'label' }).apply(image) as tf.SymbolicTensor;
export const model = tf.model({ inputs: image, outputs: [box, label] });
model.compile({ optimizer: 'adam', loss: { box: 'meanSquaredError', label: 'categoricalCrossentropy' } });
`,
  },
  {
    name: "a linear head whose config is written once for every layer, trained by categoricalCrossentropy: the loss becomes the logits loss, since the shared config cannot become softmax alone",
    code: `import * as tf from '@tensorflow/tfjs';

const SIZES = [64, 32, 10];
export const model = tf.sequential();
SIZES.forEach((units, i) => model.add(tf.layers.dense(i === 0 ? { units, inputShape: [20] } : { units })));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`,
    errors: [
      {
        message: "'categoricalCrossentropy' divides each output row by its sum, but dense_3 outputs linear values that can be negative: the row sum can be 0 or negative, giving NaN or probabilities of the wrong sign; it expects softmax probabilities.",
        line: 6, column: 42, endLine: 6, endColumn: 67,
        text: "'categoricalCrossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const SIZES = [64, 32, 10];
export const model = tf.sequential();
SIZES.forEach((units, i) => model.add(tf.layers.dense(i === 0 ? { units, inputShape: [20] } : { units })));
model.compile({ optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy });
`,
  },
  {
    name: "softmax over one unit in one head of two",
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const kind = tf.layers.dense({ units: 5, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
const spam = tf.layers.dense({ units: 1, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [kind, spam] });
model.compile({ optimizer: 'adam', loss: ['categoricalCrossentropy', 'binaryCrossentropy'] });
`,
    errors: [
      {
        message: "dense_2: softmax over a single unit is always 1, so the output is constant and no gradient reaches the model; a one-unit probability is a sigmoid.",
        line: 5, column: 54, endLine: 5, endColumn: 63,
        text: "'softmax'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [8] });
const kind = tf.layers.dense({ units: 5, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
const spam = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [kind, spam] });
model.compile({ optimizer: 'adam', loss: ['categoricalCrossentropy', 'binaryCrossentropy'] });
`,
  },
  ],
};
