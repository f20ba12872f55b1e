/** missing-gradient-clipping: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

export const missingGradientClippingCases: RuleCases = {
  rule: 'missing-gradient-clipping',
  valid: [
  {
    name: 'ACGAN discriminator: the ratio between two sibling heads is no predicted explosion',
    code: `import * as tf from '@tensorflow/tfjs';

const NUM_CLASSES = 10;

export function buildDiscriminator() {
  const cnn = tf.sequential();
  cnn.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', strides: 2, inputShape: [28, 28, 1] }));
  cnn.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  cnn.add(tf.layers.dropout({ rate: 0.3 }));
  cnn.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', strides: 1 }));
  cnn.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  cnn.add(tf.layers.dropout({ rate: 0.3 }));
  cnn.add(tf.layers.conv2d({ filters: 128, kernelSize: 3, padding: 'same', strides: 2 }));
  cnn.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  cnn.add(tf.layers.flatten());

  const image = tf.input({ shape: [28, 28, 1] });
  const features = cnn.apply(image) as tf.SymbolicTensor;
  const realnessScore = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(features) as tf.SymbolicTensor;
  const aux = tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }).apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs: image, outputs: [realnessScore, aux] });
  model.compile({ optimizer: tf.train.adam(0.0002, 0.5), loss: ['binaryCrossentropy', 'sparseCategoricalCrossentropy'] });
  return model;
}
`,
  },
  {
    name: 'dense adam default',
    code: `import * as tf from '@tensorflow/tfjs';

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 5 });
}
`,
  },
  {
    name: 'lstm wrapped optimizer',
    code: `import * as tf from '@tensorflow/tfjs';

function withGradientClipping<T extends tf.Optimizer>(optimizer: T, maxNorm: number): T {
  const target: tf.Optimizer = optimizer;
  const applyGradients = target.applyGradients.bind(target);
  target.applyGradients = (gradients) => {
    const named = Array.isArray(gradients) ? gradients : Object.entries(gradients).map(([name, tensor]) => ({ name, tensor }));
    const clipped = tf.tidy(() => {
      const globalNorm = named.map(({ tensor }) => tensor.square().sum()).reduce((a, b) => a.add(b)).sqrt();
      const scale = globalNorm.maximum(maxNorm).reciprocal().mul(maxNorm);
      return named.map(({ name, tensor }) => ({ name, tensor: tensor.mul(scale) }));
    });
    applyGradients(clipped);
    clipped.forEach(({ tensor }) => tensor.dispose());
  };
  return optimizer;
}

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ inputShape: [50, 2], units: 32 }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: withGradientClipping(tf.train.adam(0.001), 1), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 5 });
}
`,
  },
  {
    name: 'optimizer from caller',
    code: `import * as tf from '@tensorflow/tfjs';

// The caller decides about clipping: nothing to say about an optimizer we cannot see.
export function build(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ inputShape: [40, 3], units: 16 }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}
`,
  },
  {
    name: 'standalone optimizer clipped gradients',
    code: `import * as tf from '@tensorflow/tfjs';

const optimizer = tf.train.adam(0.05);

export function step(loss: () => tf.Scalar): void {
  const { grads } = tf.variableGrads(loss);
  const clipped: tf.NamedTensorMap = {};
  for (const name of Object.keys(grads)) clipped[name] = tf.clipByValue(grads[name], -1, 1);
  optimizer.applyGradients(clipped);
}
`,
  },
  {
    name: "an input size that is no number is not known: no predicted explosion to clip",
    code: `import * as tf from '@tensorflow/tfjs';

// An image height that is no number (parseInt of a non-number): not known, never a NaN gradient.
export function build(_config: object): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [parseInt('auto'), 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
  return model;
}
`,
  },
  ],
  invalid: [
  {
    name: 'tfjs imported inside the function: no place for the clipping helper, and the finding says so',
    code: `export async function train(xs, ys) {
  const tf = await import('@tensorflow/tfjs');
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu', kernelInitializer: 'heUniform' }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
  return model.fit(xs, ys, { epochs: 5 });
}
`,
    fileName: 'train.js',
    errors: [
      {
        message: "No gradient clipping while training with adam, yet the learning rate 0.05 is above 0.01: one oversized update can turn the weights into NaN. No automatic fix removes this here: tfjs is not imported at the top of this file (a bundle's module, a `tf` parameter or `await import`), where the clipping helper would go; clip where the optimizer is made, by wrapping its applyGradients to rescale the gradients to a global norm (the rule's documentation shows how).",
        line: 4, column: 30, endLine: 4, endColumn: 49,
        text: 'tf.train.adam(0.05)',
      },
    ],
  },
  {
    name: 'an lstm applied in a custom training loop, no tf.model',
    code: `import * as tf from '@tensorflow/tfjs';

const lstm = tf.layers.lstm({ units: 32, inputShape: [20, 4] });
const head = tf.layers.dense({ units: 1 });
const optimizer = tf.train.adam(0.001);

function predict(xs: tf.Tensor3D): tf.Tensor {
  return head.apply(lstm.apply(xs)) as tf.Tensor;
}

export function train(xs: tf.Tensor3D, ys: tf.Tensor2D) {
  for (let epoch = 0; epoch < 10; epoch++) {
    optimizer.minimize(() => tf.losses.meanSquaredError(ys, predict(xs)) as tf.Scalar);
  }
}
`,
    errors: [
      {
        message: "No gradient clipping while training with adam; lstm_1 is recurrent (gradients through time can explode), but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).",
        line: 5, column: 19, endLine: 5, endColumn: 39,
        text: "tf.train.adam(0.001)",
        severity: 'hint',
      },
    ],
  },
  {
    name: 'seq2seq: the encoder lstm (returnState, its states the decoder initialState) is in the model too',
    code: `import * as tf from '@tensorflow/tfjs';

export function translator(): tf.LayersModel {
  const encoderInput = tf.input({ shape: [12, 35] });
  const [, stateH, stateC] = tf.layers.lstm({ units: 64, returnState: true }).apply(encoderInput) as tf.SymbolicTensor[];
  const decoderInput = tf.input({ shape: [10, 13] });
  const decoded = tf.layers.lstm({ units: 64, returnSequences: true }).apply(decoderInput, { initialState: [stateH, stateC] }) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 13, activation: 'softmax' }).apply(decoded) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [encoderInput, decoderInput], outputs: output });
  model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'categoricalCrossentropy' });
  return model;
}
`,
    errors: [
      {
        message: "No gradient clipping while training with rmsprop; lstm_1 and lstm_2 are recurrent (gradients through time can explode), but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).",
        line: 10, column: 30, endLine: 10, endColumn: 53,
        text: "tf.train.rmsprop(0.001)",
        severity: 'hint',
      },
    ],
  },
  {
    name: 'stacked lstm cells in tf.layers.rnn are recurrent layers',
    code: `import * as tf from '@tensorflow/tfjs';

export function melodyModel(): tf.LayersModel {
  const input = tf.input({ shape: [32, 88] });
  const cells = [tf.layers.lstmCell({ units: 96 }), tf.layers.lstmCell({ units: 96 })];
  const hidden = tf.layers.rnn({ cell: cells }).apply(input) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 88, activation: 'softmax' }).apply(hidden) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(0.002), loss: 'categoricalCrossentropy' });
  return model;
}
`,
    errors: [
      {
        message: "No gradient clipping while training with adam; rnn_1 and rnn_2 are recurrent (gradients through time can explode), but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).",
        line: 8, column: 30, endLine: 8, endColumn: 50,
        text: "tf.train.adam(0.002)",
        severity: 'hint',
      },
    ],
  },
  {
    name: 'convLstm2d, whose flow is not modelled, is recurrent all the same',
    code: `import * as tf from '@tensorflow/tfjs';

export function nowcast(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.convLstm2d({ filters: 16, kernelSize: 3, padding: 'same', inputShape: [10, 32, 32, 1] }));
  model.add(tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  return model;
}
`,
    errors: [
      {
        message: "No gradient clipping while training with adam; convLstm2d_1 is recurrent (gradients through time can explode), but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).",
        line: 7, column: 30, endLine: 7, endColumn: 50,
        text: "tf.train.adam(0.001)",
        severity: 'hint',
      },
    ],
  },
  {
    name: 'gru compile string named imports',
    code: `import { layers, sequential, type Tensor } from '@tensorflow/tfjs';

export async function train(xs: Tensor, ys: Tensor): Promise<void> {
  const model = sequential();
  model.add(layers.gru({ inputShape: [30, 4], units: 16 }));
  model.add(layers.dense({ units: 1 }));
  model.compile({ optimizer: 'rmsprop', loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 5 });
}
`,
    errors: [
      {
        message: "No gradient clipping while training with rmsprop; gru_1 is recurrent (gradients through time can explode), but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).",
        line: 7, column: 30, endLine: 7, endColumn: 39,
        text: "'rmsprop'",
        severity: 'hint',
      }
    ],
  },
  {
    name: 'a recurrent model on a failing sgd rate: a warning, its clipping fix preferred',
    code: `import * as tf from '@tensorflow/tfjs';

export function buildForecaster(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ inputShape: [50, 2], units: 32 }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.sgd(5), loss: 'meanSquaredError' });
  return model;
}
`,
    errors: [
      {
        message: "No gradient clipping while training with sgd, yet lstm_1 is recurrent (gradients through time can explode); the learning rate 5 is above this model's largest stable rate 1: one oversized update can turn the weights into NaN.",
        line: 7, column: 30, endLine: 7, endColumn: 45,
        text: "tf.train.sgd(5)",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

/**
 * Clips every update of \`optimizer\` (model.fit, minimize, applyGradients) to a global L2 norm of
 * at most \`maxNorm\`; tfjs has no built-in gradient clipping. Inserted by Gradient Doctor.
 */
function withGradientClipping<T extends tf.Optimizer>(optimizer: T, maxNorm: number): T {
  const target: tf.Optimizer = optimizer;
  const applyGradients = target.applyGradients.bind(target);
  target.applyGradients = (gradients) => {
    // fit and minimize pass an array of {name, tensor}; tf.variableGrads gives a name -> tensor map.
    const named = Array.isArray(gradients) ? gradients : Object.entries(gradients).map(([name, tensor]) => ({ name, tensor }));
    if (named.length === 0) return applyGradients(gradients);
    const clipped = tf.tidy(() => {
      const globalNorm = named.map(({ tensor }) => tensor.square().sum()).reduce((a, b) => a.add(b)).sqrt();
      const scale = globalNorm.maximum(maxNorm).reciprocal().mul(maxNorm); // maxNorm / max(norm, maxNorm)
      return named.map(({ name, tensor }) => ({ name, tensor: tensor.mul(scale) }));
    });
    if (Array.isArray(gradients)) {
      applyGradients(clipped);
    } else {
      const map: { [name: string]: tf.Tensor } = {};
      for (const { name, tensor } of clipped) map[name] = tensor;
      applyGradients(map);
    }
    clipped.forEach(({ tensor }) => tensor.dispose());
  };
  return optimizer;
}

export function buildForecaster(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ inputShape: [50, 2], units: 32 }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: withGradientClipping(tf.train.sgd(5), 1), loss: 'meanSquaredError' });
  return model;
}
`,
  },
  {
    name: 'high rate custom loop',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
const optimizer = tf.train.sgd(3);

function step(xs, ys) {
  optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
}

module.exports = { step };
`,
    errors: [
      {
        message: "No gradient clipping while training with sgd, yet the learning rate 3 is above this model's largest stable rate 1: one oversized update can turn the weights into NaN.",
        line: 4, column: 19, endLine: 4, endColumn: 34,
        text: "tf.train.sgd(3)",
      }
    ],
    output: `const tf = require('@tensorflow/tfjs');

/**
 * Clips every update of \`optimizer\` (model.fit, minimize, applyGradients) to a global L2 norm of
 * at most \`maxNorm\`; tfjs has no built-in gradient clipping. Inserted by Gradient Doctor.
 */
function withGradientClipping(optimizer, maxNorm) {
  const target = optimizer;
  const applyGradients = target.applyGradients.bind(target);
  target.applyGradients = (gradients) => {
    // fit and minimize pass an array of {name, tensor}; tf.variableGrads gives a name -> tensor map.
    const named = Array.isArray(gradients) ? gradients : Object.entries(gradients).map(([name, tensor]) => ({ name, tensor }));
    if (named.length === 0) return applyGradients(gradients);
    const clipped = tf.tidy(() => {
      const globalNorm = named.map(({ tensor }) => tensor.square().sum()).reduce((a, b) => a.add(b)).sqrt();
      const scale = globalNorm.maximum(maxNorm).reciprocal().mul(maxNorm); // maxNorm / max(norm, maxNorm)
      return named.map(({ name, tensor }) => ({ name, tensor: tensor.mul(scale) }));
    });
    if (Array.isArray(gradients)) {
      applyGradients(clipped);
    } else {
      const map = {};
      for (const { name, tensor } of clipped) map[name] = tensor;
      applyGradients(map);
    }
    clipped.forEach(({ tensor }) => tensor.dispose());
  };
  return optimizer;
}

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
const optimizer = withGradientClipping(tf.train.sgd(3), 5);

function step(xs, ys) {
  optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
}

module.exports = { step };
`,
  },
  {
    name: 'lstm const optimizer',
    code: `// Forecasts the next value of a sensor from its last 120 readings with a recurrent net.
// Gradient Doctor: recurrent net trained with a high learning rate and no gradient clipping.
import * as tf from '@tensorflow/tfjs';

const WINDOW = 120;
const learningRate = 0.05;

export async function trainForecaster(xs: tf.Tensor3D, ys: tf.Tensor2D): Promise<tf.LayersModel> {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ inputShape: [WINDOW, 1], units: 64 }));
  model.add(tf.layers.dense({ units: 1 }));

  const optimizer = tf.train.adam(learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 20, batchSize: 32 });
  return model;
}
`,
    errors: [
      {
        message: "No gradient clipping while training with adam; lstm_1 is recurrent (gradients through time can explode); the learning rate 0.05 is above 0.01, but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).",
        line: 13, column: 21, endLine: 13, endColumn: 48,
        text: "tf.train.adam(learningRate)",
        severity: 'hint',
      }
    ],
  },
  {
    name: 'two models one helper',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const encoder = tf.sequential({ layers: [tf.layers.gru({ inputShape: [60, 4], units: 16 }), tf.layers.dense({ units: 4 })] });
encoder.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });

const decoder = tf.sequential({ layers: [tf.layers.lstm({ inputShape: [60, 4], units: 16 }), tf.layers.dense({ units: 4 })] });
decoder.compile({ optimizer: 'adam', loss: 'meanSquaredError' });

module.exports = { encoder, decoder };
`,
    errors: [
      {
        message: "No gradient clipping while training with adam; gru_1 is recurrent (gradients through time can explode), but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).",
        line: 4, column: 30, endLine: 4, endColumn: 50,
        text: "tf.train.adam(0.001)",
        severity: 'hint',
      },
      {
        message: "No gradient clipping while training with adam; lstm_1 is recurrent (gradients through time can explode), but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).",
        line: 7, column: 30, endLine: 7, endColumn: 36,
        text: "'adam'",
        severity: 'hint',
      }
    ],
  },
  {
    name: 'standalone sgd at a high rate: a hint, the curvature of the model it trains is not known',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const optimizer = tf.train.sgd(0.5);

function trainStep(policy, states, advantages) {
  optimizer.minimize(() => tf.mean(tf.mul(policy(states), advantages)).neg());
}

module.exports = { trainStep };
`,
    errors: [
      {
        message: "No gradient clipping while training with sgd, yet the learning rate 0.5 is above 0.1: one oversized update can turn the weights into NaN.",
        line: 3, column: 19, endLine: 3, endColumn: 36,
        text: "tf.train.sgd(0.5)",
        severity: 'hint',
      },
    ],
  },
  {
    name: 'standalone adaptive optimizer high rate: a hint, the model it trains is not known',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const optimizer = tf.train.rmsprop(0.05);

function trainStep(policy, states, advantages) {
  optimizer.minimize(() => tf.mean(tf.mul(policy(states), advantages)).neg());
}

module.exports = { trainStep };
`,
    errors: [
      {
        message: "No gradient clipping while training with rmsprop, yet the learning rate 0.05 is above 0.01: one oversized update can turn the weights into NaN.",
        line: 3, column: 19, endLine: 3, endColumn: 41,
        text: "tf.train.rmsprop(0.05)",
        severity: 'hint',
      },
    ],
  },
  ],
};
