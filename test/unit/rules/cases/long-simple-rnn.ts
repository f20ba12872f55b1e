/** long-simple-rnn: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

/** A model loaded if saved, else built in the catch block with a recurrent `cell` over 200 steps. */
const loadOrBuildProgram = (cell: string) => `import * as tf from '@tensorflow/tfjs';

export async function loadOrCreate(url: string): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(url);
  } catch (error) {
    console.warn('no saved model, building a new one', error);
    const model = tf.sequential();
    model.add(tf.layers.${cell}({ inputShape: [200, 3], units: 32 }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    return model;
  }
}
`;

export const longSimpleRnnCases: RuleCases = {
  rule: 'long-simple-rnn',
  valid: [
  {
    name: 'short simple rnn and long lstm',
    code: `import * as tf from '@tensorflow/tfjs';

export const short = tf.sequential({
  layers: [tf.layers.simpleRNN({ inputShape: [20, 8], units: 32 }), tf.layers.dense({ units: 1 })],
});

export const long = tf.sequential({
  layers: [tf.layers.lstm({ inputShape: [500, 8], units: 32 }), tf.layers.dense({ units: 1 })],
});
`,
  },
  {
    name: 'a constant picks the lstm branch of a switch over the rnn type: no simpleRNN variant',
    code: `import * as tf from '@tensorflow/tfjs';

const RNN_TYPE = 'lstm';

export function buildModel(rnnType: string) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 200 }));
  switch (rnnType) {
    case 'SimpleRNN':
      model.add(tf.layers.simpleRNN({ units: 32 }));
      break;
    case 'LSTM':
    case 'lstm':
      model.add(tf.layers.lstm({ units: 32 }));
      break;
    default:
      throw new Error(\`unknown rnn type \${rnnType}\`);
  }
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}

export const model = buildModel(RNN_TYPE);
`,
  },
  {
    name: 'a known 20 time steps beside a feature size not known statically: short, whatever the feature size',
    code: `import * as tf from '@tensorflow/tfjs';

export function buildModel(featureCount: number) {
  const model = tf.sequential();
  model.add(tf.layers.simpleRNN({ units: 32, inputShape: [20, featureCount] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
  },
  {
    name: 'a strided conv1d front end shortens 400 samples to 44 steps before the simpleRNN',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.conv1d({ inputShape: [400, 6], filters: 16, kernelSize: 8, strides: 9, activation: 'relu' }));
model.add(tf.layers.simpleRNN({ units: 32 }));
model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
`,
  },
  ],
  invalid: [
  {
    name: 'a model built in a catch block (load the saved model, else build one): the block may run, so its simpleRNN over 200 steps is reported',
    code: loadOrBuildProgram('simpleRNN'),
    errors: [
      {
        message: 'simpleRNN_1 is a simpleRNN over 200 time steps (threshold 50): its gradient through time is a product of 200 recurrent Jacobians (predicted backward gain ~0.014) and vanishes or explodes; lstm or gru gates keep a path through time.',
        line: 9, column: 25, endLine: 9, endColumn: 34,
        text: 'simpleRNN',
      },
    ],
    output: loadOrBuildProgram('lstm'),
  },
  {
    name: 'a sequence length that is no number (NaN) is not known: no warning, a hint naming the lengths at which it would be long',
    code: `import * as tf from '@tensorflow/tfjs';

// A sequence length that is no number is not a long sequence.
export const model = tf.sequential();
model.add(tf.layers.simpleRNN({ inputShape: [NaN, 4], units: 8 }));
model.add(tf.layers.dense({ units: 1 }));
`,
    errors: [
      {
        message: 'With time steps of simpleRNN_1 ≥ 64 (not known statically): simpleRNN_1 is a simpleRNN over 64 time steps (threshold 50): its gradient through time is a product of 64 recurrent Jacobians (predicted backward gain ~0.015) and vanishes or explodes; lstm or gru gates keep a path through time.',
        line: 5, column: 21, endLine: 5, endColumn: 30,
        text: 'simpleRNN',
        severity: 'hint',
      },
    ],
  },
  {
    name: 'a conv1d whose stride is a parameter: the steps after it are not known, so no warning rests on a guess, only a hint naming the lengths',
    code: `import * as tf from '@tensorflow/tfjs';

export function build(stride: number) {
  const model = tf.sequential();
  model.add(tf.layers.conv1d({ inputShape: [400, 6], filters: 16, kernelSize: 8, strides: stride, activation: 'relu' }));
  model.add(tf.layers.simpleRNN({ units: 32 }));
  model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
  return model;
}
`,
    errors: [
      {
        message: 'With time steps of simpleRNN_1 ≥ 64 (not known statically): simpleRNN_1 is a simpleRNN over 64 time steps (threshold 50): its gradient through time is a product of 64 recurrent Jacobians (predicted backward gain ~0.034) and vanishes or explodes; lstm or gru gates keep a path through time.',
        line: 6, column: 23, endLine: 6, endColumn: 32,
        text: 'simpleRNN',
        severity: 'hint',
      },
    ],
  },
  {
    name: 'a strided conv1d front end (a helper with default kernel 8, stride 4) leaves 99 of 400 steps for the simpleRNN',
    code: `import * as tf from '@tensorflow/tfjs';

function downsample(filters: number, kernelSize = 8, stride = 4) {
  return tf.layers.conv1d({ filters, kernelSize, strides: stride, activation: 'relu', kernelInitializer: 'heUniform' });
}

export const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [400, 6] }));
model.add(downsample(32));
model.add(tf.layers.simpleRNN({ units: 64 }));
model.add(tf.layers.dense({ units: 6, activation: 'softmax' }));
`,
    errors: [
      {
        message: "simpleRNN_1 is a simpleRNN over 99 time steps (threshold 50): its gradient through time is a product of 99 recurrent Jacobians (predicted backward gain ~1e-2) and vanishes or explodes; lstm or gru gates keep a path through time.",
        line: 10, column: 21, endLine: 10, endColumn: 30,
        text: "simpleRNN",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

function downsample(filters: number, kernelSize = 8, stride = 4) {
  return tf.layers.conv1d({ filters, kernelSize, strides: stride, activation: 'relu', kernelInitializer: 'heUniform' });
}

export const model = tf.sequential();
model.add(tf.layers.inputLayer({ inputShape: [400, 6] }));
model.add(downsample(32));
model.add(tf.layers.lstm({ units: 64 }));
model.add(tf.layers.dense({ units: 6, activation: 'softmax' }));
`,
  },
  {
    name: 'tf.layers.rnn around a simpleRNNCell over 200 steps: the cell is marked and becomes an lstmCell',
    code: `import * as tf from '@tensorflow/tfjs';

export function beatClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.rnn({ cell: tf.layers.simpleRNNCell({ units: 48 }), inputShape: [200, 1] }));
  model.add(tf.layers.dense({ units: 5, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  return model;
}
`,
    errors: [
      {
        message: "rnn_1 is a simpleRNN over 200 time steps (threshold 50): its gradient through time is a product of 200 recurrent Jacobians (predicted backward gain ~0.03) and vanishes or explodes; lstm or gru gates keep a path through time.",
        line: 5, column: 45, endLine: 5, endColumn: 58,
        text: "simpleRNNCell",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export function beatClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.rnn({ cell: tf.layers.lstmCell({ units: 48 }), inputShape: [200, 1] }));
  model.add(tf.layers.dense({ units: 5, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  return model;
}
`,
  },
  {
    name: 'a switch over the rnn type: only the SimpleRNN variant is reported, and says so',
    code: `import * as tf from '@tensorflow/tfjs';

export function buildModel(rnnType: string) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 200 }));
  switch (rnnType) {
    case 'SimpleRNN':
      model.add(tf.layers.simpleRNN({ units: 32 }));
      break;
    case 'GRU':
      model.add(tf.layers.gru({ units: 32 }));
      break;
    case 'LSTM':
      model.add(tf.layers.lstm({ units: 32 }));
      break;
    default:
      throw new Error('unknown rnn type');
  }
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
`,
    errors: [
      {
        message: "When rnnType is 'SimpleRNN': simpleRNN_1 is a simpleRNN over 200 time steps (threshold 50): its gradient through time is a product of 200 recurrent Jacobians (predicted backward gain ~0.11) and vanishes or explodes; lstm or gru gates keep a path through time.",
        line: 8, column: 27, endLine: 8, endColumn: 36,
        text: "simpleRNN",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export function buildModel(rnnType: string) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 200 }));
  switch (rnnType) {
    case 'SimpleRNN':
      model.add(tf.layers.lstm({ units: 32 }));
      break;
    case 'GRU':
      model.add(tf.layers.gru({ units: 32 }));
      break;
    case 'LSTM':
      model.add(tf.layers.lstm({ units: 32 }));
      break;
    default:
      throw new Error('unknown rnn type');
  }
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
`,
  },
  {
    name: 'embedding then simple rnn',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const SEQUENCE_LENGTH = 200;

const model = tf.sequential();
model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: SEQUENCE_LENGTH }));
model.add(tf.layers.simpleRNN({ units: 32 }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
module.exports = { model };
`,
    errors: [
      {
        message: "simpleRNN_1 is a simpleRNN over 200 time steps (threshold 50): its gradient through time is a product of 200 recurrent Jacobians (predicted backward gain ~0.11) and vanishes or explodes; lstm or gru gates keep a path through time.",
        line: 7, column: 21, endLine: 7, endColumn: 30,
        text: "simpleRNN",
      }
    ],
    output: `const tf = require('@tensorflow/tfjs');

const SEQUENCE_LENGTH = 200;

const model = tf.sequential();
model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: SEQUENCE_LENGTH }));
model.add(tf.layers.lstm({ units: 32 }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
module.exports = { model };
`,
  },
  {
    name: 'simple rnn 100 steps',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.simpleRNN({ inputShape: [100, 8], units: 32 }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
    errors: [
      {
        message: "simpleRNN_1 is a simpleRNN over 100 time steps (threshold 50): its gradient through time is a product of 100 recurrent Jacobians (predicted backward gain ~0.015) and vanishes or explodes; lstm or gru gates keep a path through time.",
        line: 5, column: 15, endLine: 5, endColumn: 24,
        text: "simpleRNN",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.lstm({ inputShape: [100, 8], units: 32 }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: 'a known 100 time steps beside a feature size not known statically: long, whatever the feature size',
    code: `import * as tf from '@tensorflow/tfjs';

export function buildModel(featureCount: number) {
  const model = tf.sequential();
  model.add(tf.layers.simpleRNN({ units: 32, inputShape: [100, featureCount] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
    errors: [
      {
        message: "simpleRNN_1 is a simpleRNN over 100 time steps (threshold 50): its gradient through time is a product of 100 recurrent Jacobians (predicted backward gain ~2e-3) and vanishes or explodes; lstm or gru gates keep a path through time.",
        line: 5, column: 23, endLine: 5, endColumn: 32,
        text: "simpleRNN",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export function buildModel(featureCount: number) {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 32, inputShape: [100, featureCount] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
  },
  {
    name: 'a simpleRNN wrapped by bidirectional: the wrapped factory is marked and replaced',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.bidirectional({
  inputShape: [250, 1],
  layer: tf.layers.simpleRNN({ units: 32 }) as tf.RNN,
}));
model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
`,
    errors: [
      {
        message: "simpleRNN_1 is a simpleRNN over 250 time steps (threshold 50): its gradient through time is a product of 250 recurrent Jacobians (predicted backward gain ~0.02) and vanishes or explodes; lstm or gru gates keep a path through time.",
        line: 6, column: 20, endLine: 6, endColumn: 29,
        text: "simpleRNN",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.bidirectional({
  inputShape: [250, 1],
  layer: tf.layers.lstm({ units: 32 }) as tf.RNN,
}));
model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
`,
  },
  {
    name: 'a layer name that reads like a call (hostile string): only the factory is replaced',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.simpleRNN({ inputShape: [120, 4], units: 16, name: 'simpleRNN(legacy)' /* simpleRNN() */ }));
model.add(tf.layers.dense({ units: 1 }));
`,
    errors: [
      {
        message: "simpleRNN(legacy) is a simpleRNN over 120 time steps (threshold 50): its gradient through time is a product of 120 recurrent Jacobians (predicted backward gain ~0.013) and vanishes or explodes; lstm or gru gates keep a path through time.",
        line: 4, column: 21, endLine: 4, endColumn: 30,
        text: "simpleRNN",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.lstm({ inputShape: [120, 4], units: 16, name: 'simpleRNN(legacy)' /* simpleRNN() */ }));
model.add(tf.layers.dense({ units: 1 }));
`,
  },
  ],
};
