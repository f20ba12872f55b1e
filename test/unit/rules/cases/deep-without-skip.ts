/** deep-without-skip: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

export const deepWithoutSkipCases: RuleCases = {
  rule: 'deep-without-skip',
  valid: [
  {
    name: 'residual functional',
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [64] });
let x: tf.SymbolicTensor = input;
for (let i = 0; i < 12; i++) {
  const h = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(x) as tf.SymbolicTensor;
  const y = tf.layers.dense({ units: 64, kernelInitializer: 'heUniform' }).apply(h) as tf.SymbolicTensor;
  x = tf.layers.add().apply([x, y]) as tf.SymbolicTensor;
}
const output = tf.layers.dense({ units: 1 }).apply(x) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: output });
`,
  },
  {
    name: 'twelve layers',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
for (let i = 0; i < 10; i++) {
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.layerNormalization());
}
model.add(tf.layers.dense({ units: 1 }));
`,
  },
  ],
  invalid: [
  {
    name: 'twenty four layers',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
for (let i = 0; i < 22; i++) {
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.layerNormalization());
}
model.add(tf.layers.dense({ units: 1 }));
`,
    errors: [
      {
        message: "model stacks 24 weight layers (threshold 20) without a skip connection: every gradient passes through all 24 layer Jacobians. Residual blocks (functional API, tf.layers.add) give it an identity path; see https://github.com/gradient-doctor/gradient-doctor/blob/main/docs/rules/deep-without-skip.md.",
        line: 3, column: 14, endLine: 3, endColumn: 19,
        text: "model",
      }
    ],
  },
  ],
};
