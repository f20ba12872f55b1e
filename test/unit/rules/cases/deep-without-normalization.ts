/** deep-without-normalization: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

export const deepWithoutNormalizationCases: RuleCases = {
  rule: 'deep-without-normalization',
  valid: [
  {
    name: 'eight layers',
    code: `// A deep ReLU network initialized the way He et al. (2015) recommend.
import * as tf from '@tensorflow/tfjs';

export function buildMlp(inputSize: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputSize], units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
  for (let i = 0; i < 6; i++) {
    model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
  }
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
`,
  },
  {
    name: 'layer normalization',
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
    name: 'twelve relu layers loop',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
for (let i = 0; i < 10; i++) {
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
}
model.add(tf.layers.dense({ units: 1 }));
`,
    errors: [
      {
        message: "model stacks 12 weight layers (threshold 10) without any normalization layer: scale errors compound with depth. Consider layerNormalization or batchNormalization between them (note: batchNormalization after every layer of a deep plain stack makes gradients grow toward the input at initialization).",
        line: 3, column: 14, endLine: 3, endColumn: 19,
        text: "model",
      }
    ],
  },
  ],
};
