/** tfjs-api-trap: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

export const tfjsApiTrapCases: RuleCases = {
  rule: 'tfjs-api-trap',
  valid: [
  {
    name: 'correct apis',
    code: `import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.randomNormal([4, 1], 0, 0.5));
const optimizer = tf.train.adam(0.005);

export const model = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [16], units: 32 }), tf.layers.leakyReLU({ alpha: 0.1 }), tf.layers.dense({ units: 1 })],
});

export function step(x: tf.Tensor2D, y: tf.Tensor2D): void {
  optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.matMul(x, w)), false, [w]);
}
`,
  },
  ],
  invalid: [
  {
    name: 'adam object learning rate',
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
model.compile({ optimizer: tf.train.adam({ learningRate: 0.005 }), loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "tf.train.adam takes the learning rate as a positional number; the object passed here silently becomes the learning rate and training produces NaN.",
        line: 4, column: 42, endLine: 4, endColumn: 65,
        text: "{ learningRate: 0.005 }",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
model.compile({ optimizer: tf.train.adam(0.005), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'leaky relu string add multiline',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({
  inputShape: [16],
  units: 32,
  activation: 'leakyRelu',
  kernelInitializer: 'heUniform',
}));
model.add(tf.layers.dense({ units: 1 }));
module.exports = { model };
`,
    errors: [
      {
        message: "dense_1: 'leakyRelu' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3) (tfjs throws at model construction).",
        line: 7, column: 15, endLine: 7, endColumn: 26,
        text: "'leakyRelu'",
      }
    ],
    output: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({
  inputShape: [16],
  units: 32,
  kernelInitializer: 'heUniform',
}));
model.add(tf.layers.leakyReLU());
model.add(tf.layers.dense({ units: 1 }));
module.exports = { model };
`,
  },
  {
    name: 'leaky relu string array',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32, activation: 'leakyRelu' }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
    errors: [
      {
        message: "dense_1: 'leakyRelu' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3) (tfjs throws at model construction).",
        line: 5, column: 64, endLine: 5, endColumn: 75,
        text: "'leakyRelu'",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32 }),
    tf.layers.leakyReLU(),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: 'minimize variable list',
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.randomNormal([4, 1], 0, 0.5));
const b = tf.variable(tf.zeros([1]));
const optimizer = tf.train.sgd(0.01);

export function predict(x) {
  return tf.add(tf.matMul(x, w), b);
}

export function step(x, y) {
  const variables = [w, b];
  const loss = optimizer.minimize(() => tf.losses.meanSquaredError(y, predict(x)), variables);
  return loss;
}
`,
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: variables is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, variables).",
        line: 13, column: 84, endLine: 13, endColumn: 93,
        text: "variables",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.randomNormal([4, 1], 0, 0.5));
const b = tf.variable(tf.zeros([1]));
const optimizer = tf.train.sgd(0.01);

export function predict(x) {
  return tf.add(tf.matMul(x, w), b);
}

export function step(x, y) {
  const variables = [w, b];
  const loss = optimizer.minimize(() => tf.losses.meanSquaredError(y, predict(x)), true, variables);
  return loss;
}
`,
  },
  {
    name: 'silu string',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [16], units: 32, activation: 'silu' }), tf.layers.dense({ units: 1 })],
});
`,
    errors: [
      {
        message: "dense_1: 'silu' is not a tfjs activation string; 'swish' is the same function (tfjs throws at model construction).",
        line: 4, column: 71, endLine: 4, endColumn: 77,
        text: "'silu'",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [16], units: 32, activation: 'swish' }), tf.layers.dense({ units: 1 })],
});
`,
  },
  ],
};
