/** saturated-activation: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

/** A one-layer sigmoid output on 128 inputs, trained with binaryCrossentropy, with the kernel initializer `init`. */
const sigmoidCrossentropyOutput = (init: string) => `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [128], units: 4, activation: 'sigmoid', kernelInitializer: ${init} })],
});
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

export const saturatedActivationCases: RuleCases = {
  rule: 'saturated-activation',
  valid: [
  {
    name: 'a core-API logits pass trained with sigmoidCrossEntropy, and scored elsewhere with tf.sigmoid on it: the scoring pass is the trained model used for inference, no sigmoid layer is trained',
    code: `import * as tf from '@tensorflow/tfjs';
const w1 = tf.variable(tf.randomNormal([24, 64], 0, 0.2));
const w2 = tf.variable(tf.randomNormal([64, 1], 0, 2));
function logits(x) {
  return tf.matMul(tf.relu(tf.matMul(x, w1)), w2);
}
const optimizer = tf.train.adam(1e-3);
export function train(xs, ys) {
  optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(ys, logits(xs)));
}
export function score(x) {
  return tf.sigmoid(logits(x)).dataSync()[0];
}
`,
  },
  {
    name: 'behind a custom layer the engine cannot read (an instance normalization that resets the scale), the predicted pre-activation sd is an assumption: no verdict',
    code: `import * as tf from '@tensorflow/tfjs';

/** Instance normalization written as a custom layer: it resets the scale the flow cannot see. */
class InstanceNorm extends tf.layers.Layer {
  static className = 'InstanceNorm';
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const { mean, variance } = tf.moments(x, [1], true);
    return x.sub(mean).div(variance.add(1e-5).sqrt());
  }
}
tf.serialization.registerClass(InstanceNorm);

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [256], units: 256, kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }) }));
model.add(new InstanceNorm({}));
model.add(tf.layers.dense({ units: 8, activation: 'tanh' }));
`,
  },
  {
    name: 'tanh glorot autoencoder',
    fileName: 'model.js',
    code: `// A small tanh autoencoder with Glorot initialization: shallow enough that tanh is fine.
import * as tf from '@tensorflow/tfjs';

const INPUT = 64;
const CODE = 8;

export const autoencoder = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [INPUT], units: 32, activation: 'tanh' }),
    tf.layers.dense({ units: CODE, activation: 'tanh' }),
    tf.layers.dense({ units: 32, activation: 'tanh' }),
    tf.layers.dense({ units: INPUT }),
  ],
});

autoencoder.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`,
  },
  {
    name: 'tanh small random normal',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [128], units: 64, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.1 }) }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: "a sigmoid output trained with binaryCrossentropy and spread to sd ~11: the loss cancels the sigmoid's slope (the gradient is p − y) until tfjs clips the probability at |z| ~16",
    code: sigmoidCrossentropyOutput('tf.initializers.randomNormal({ stddev: 1 })'),
  },
  ],
  invalid: [
  {
    name: 'a sigmoid output trained with binaryCrossentropy spread so wide (sd ~34) that most units lie past the clip of the probability, where its gradient is 0',
    code: sigmoidCrossentropyOutput('tf.initializers.randomNormal({ stddev: 3 })'),
    errors: [
      {
        message: "sigmoid saturates in dense_1: pre-activation sd up to ~34 (threshold 24), ~88% of units beyond |5|, where the derivative is ~0 and units stop learning.",
        line: 4, column: 71, endLine: 4, endColumn: 80,
        text: "'sigmoid'",
      },
    ],
    output: sigmoidCrossentropyOutput("'glorotUniform'"),
  },
  {
    name: 'Keras style: tanh as an activation layer right after a linear dense layer whose initializer is far too large',
    code: `import * as tf from '@tensorflow/tfjs';

const wide = tf.initializers.randomNormal({ stddev: 1 });
export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [128], units: 64, kernelInitializer: wide }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "tanh saturates in dense_1: pre-activation sd up to ~11 (threshold 7.4), ~66% of units beyond |5|, where the derivative is ~0 and units stop learning.",
        line: 6, column: 46, endLine: 6, endColumn: 52,
        text: "'tanh'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const wide = tf.initializers.randomNormal({ stddev: 1 });
export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [128], units: 64, kernelInitializer: 'glorotUniform' }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
`,
  },
  {
    name: 'a tanh output saturated by the oversized relu layers before it: its own initializer is not the cause, so the matched one is offered but not preferred',
    code: `import * as tf from '@tensorflow/tfjs';

const big = tf.initializers.randomNormal({ stddev: 0.5 });
export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer: big }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: big }));
model.add(tf.layers.dense({ units: 1, activation: 'tanh' }));
`,
    errors: [
      {
        message: "tanh saturates in dense_3: pre-activation sd up to ~9.9 (threshold 7.4), ~61% of units beyond |5|, where the derivative is ~0 and units stop learning. glorotUniform on dense_3 would leave the pre-activation sd at ~11: the signal reaching it is already too large, so the cause lies in the layers before it.",
        line: 7, column: 51, endLine: 7, endColumn: 57,
        text: "'tanh'",
      },
    ],
  },
  {
    name: 'sigmoid variance scaling loop',
    fileName: 'model.js',
    code: `import * as tf from "@tensorflow/tfjs";

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [100], units: 100, activation: "sigmoid", kernelInitializer: "glorotUniform" }));
for (let i = 0; i < 3; i++) {
  model.add(tf.layers.dense({ units: 100, activation: "sigmoid", kernelInitializer: tf.initializers.varianceScaling({ scale: 300 }) }));
}
model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
export default model;
`,
    errors: [
      {
        message: "sigmoid saturates in dense_2, dense_3 and dense_4: pre-activation sd up to ~10 (threshold 7.4), ~63% of units beyond |5|, where the derivative is ~0 and units stop learning.",
        line: 6, column: 55, endLine: 6, endColumn: 64,
        text: "\"sigmoid\"",
      }
    ],
    output: `import * as tf from "@tensorflow/tfjs";

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [100], units: 100, activation: "sigmoid", kernelInitializer: "glorotUniform" }));
for (let i = 0; i < 3; i++) {
  model.add(tf.layers.dense({ units: 100, activation: "sigmoid", kernelInitializer: "glorotUniform" }));
}
model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
export default model;
`,
  },
  {
    name: 'tanh random normal stddev 1',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [128], units: 128, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }) }),
    tf.layers.dense({ units: 10 }),
  ],
});
`,
    errors: [
      {
        message: "tanh saturates in dense_1: pre-activation sd up to ~11 (threshold 7.4), ~66% of units beyond |5|, where the derivative is ~0 and units stop learning.",
        line: 5, column: 66, endLine: 5, endColumn: 72,
        text: "'tanh'",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [128], units: 128, activation: 'tanh', kernelInitializer: 'glorotUniform' }),
    tf.layers.dense({ units: 10 }),
  ],
});
`,
  },
  {
    name: "saturates only for wide inputs, whose size the code does not say: a hint naming the size",
    code: `import * as tf from '@tensorflow/tfjs';

// The input width comes from the data: randomNormal(0.3) is too large only for wide inputs.
export function buildWide(width: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [width], units: 64, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.3 }) }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
    errors: [
      {
        message: "With input size of dense_1 ≥ 1024 (not known statically): tanh saturates in dense_1: pre-activation sd up to ~9.6 (threshold 7.4), ~60% of units beyond |5|, where the derivative is ~0 and units stop learning.",
        line: 6, column: 75, endLine: 6, endColumn: 81,
        text: "'tanh'",
        severity: 'hint',
      },
    ],
  },
  ],
};
