/** exploding-gradient: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

export const explodingGradientCases: RuleCases = {
  rule: 'exploding-gradient',
  valid: [
  {
    name: "a frozen prior-shift layer (trainable: false, 'ones' kernel) on a DeepFM logit: its weights never update, so its small gradient is no reference for the embedding's",
    code: `import * as tf from '@tensorflow/tfjs';
class FactorizationCross extends tf.layers.Layer {
  computeOutputShape(s) { return [s[0], 1]; }
  call(inputs) {
    const v = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.mul(0.5, tf.sum(tf.sub(tf.square(tf.sum(v, 1)), tf.sum(tf.square(v), 1)), 1, true));
  }
  static get className() { return 'FactorizationCross'; }
}
const fields = tf.input({ shape: [12], dtype: 'int32' });
const emb = tf.layers.embedding({ inputDim: 50000, outputDim: 16 }).apply(fields);
const fm = new FactorizationCross().apply(emb);
let deep = tf.layers.flatten().apply(emb);
for (const units of [128, 64]) {
  deep = tf.layers.dense({ units, kernelInitializer: 'heUniform' }).apply(deep);
  deep = tf.layers.leakyReLU({ alpha: 0.1 }).apply(deep);
}
const logit = tf.layers.add().apply([fm, tf.layers.dense({ units: 1 }).apply(deep)]);
const biased = tf.layers.dense({ units: 1, kernelInitializer: 'ones', biasInitializer: tf.initializers.constant({ value: -2 }), trainable: false }).apply(logit);
const prob = tf.layers.activation({ activation: 'sigmoid' }).apply(biased);
export const model = tf.model({ inputs: fields, outputs: prob });
model.compile({ optimizer: tf.train.adam(0.002), loss: 'binaryCrossentropy' });
`,
  },
  {
    name: "a rating head whose bias starts at the mean rating: the offset (3.6 over a pre-activation sd of ~0.03) is no growth",
    code: `import * as tf from '@tensorflow/tfjs';

const user = tf.input({ shape: [1], dtype: 'int32' });
const item = tf.input({ shape: [1], dtype: 'int32' });
const u = tf.layers.embedding({ inputDim: 5000, outputDim: 32 }).apply(user) as tf.SymbolicTensor;
const v = tf.layers.embedding({ inputDim: 12000, outputDim: 32 }).apply(item) as tf.SymbolicTensor;
const flat = tf.layers.flatten().apply(tf.layers.concatenate().apply([u, v]) as tf.SymbolicTensor) as tf.SymbolicTensor;
const hidden = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(flat) as tf.SymbolicTensor;
const rating = tf.layers.dense({ units: 1, biasInitializer: tf.initializers.constant({ value: 3.6 }) }).apply(hidden) as tf.SymbolicTensor;
export const model = tf.model({ inputs: [user, item], outputs: rating });
model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'a channelsFirst conv net on 4-band 64x64 tiles: three pooled stages keep an 8x8 map (read channels-last, the 4 rows would pool to nothing)',
    code: `import * as tf from '@tensorflow/tfjs';

const stage = (filters, first = false) => [
  tf.layers.conv2d({ ...(first ? { inputShape: [4, 64, 64] } : {}), filters, kernelSize: 3, padding: 'same', dataFormat: 'channelsFirst', activation: 'relu', kernelInitializer: 'heUniform' }),
  tf.layers.maxPooling2d({ poolSize: 2, dataFormat: 'channelsFirst' }),
];
export const model = tf.sequential({ layers: [...stage(32, true), ...stage(64), ...stage(128), tf.layers.globalAveragePooling2d({ dataFormat: 'channelsFirst' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
`,
  },
  {
    name: "a small text branch added to a wide tabular one: the sum's scale is the tabular branch's, no growth along the text path",
    code: `import * as tf from '@tensorflow/tfjs';

const words = tf.input({ shape: [40], dtype: 'int32' });
const account = tf.input({ shape: [20] });
const text = tf.layers.lstm({ units: 32 }).apply(tf.layers.embedding({ inputDim: 5000, outputDim: 24 }).apply(words));
const projected = tf.layers.dense({ units: 32 }).apply(account);
const fused = tf.layers.add().apply([text, projected]);
const trunk = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: 'heUniform' }).apply(fused);
const out = tf.layers.dense({ units: 1 }).apply(trunk);
export const model = tf.model({ inputs: [words, account], outputs: out });
model.compile({ optimizer: tf.train.adam(), loss: 'meanSquaredError' });
`,
  },
  {
    name: "a multi-task model whose regression head's MSE dominates the trunk's gradient: the ratio to the crossentropy head's smaller gradient is the gap between the losses, not growth (the trunk is measured against the dominant head)",
    code: `import * as tf from '@tensorflow/tfjs';

const query = tf.input({ shape: [1000], name: 'query' });
let shared = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(query) as tf.SymbolicTensor;
shared = tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }).apply(shared) as tf.SymbolicTensor;
shared = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(shared) as tf.SymbolicTensor;
const purchase = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'purchase' }).apply(shared) as tf.SymbolicTensor;
const category = tf.layers.dense({ units: 12, activation: 'softmax', name: 'category' }).apply(shared) as tf.SymbolicTensor;
const basket = tf.layers.dense({ units: 1, name: 'basket' }).apply(shared) as tf.SymbolicTensor;
export const model = tf.model({ inputs: query, outputs: [purchase, category, basket] });
model.compile({ optimizer: 'adam', loss: { purchase: 'binaryCrossentropy', category: 'categoricalCrossentropy', basket: 'meanSquaredError' } });
`,
  },
  {
    name: 'a pre-LayerNorm transformer with small-init projections and dot attention: no ratio from the residual stream to a projection the opaque dot feeds, and no growth across a layerNormalization',
    fileName: 'encoder.js',
    code: `import * as tf from '@tensorflow/tfjs';

const small = () => tf.initializers.truncatedNormal({ stddev: 0.02 });
const proj = (units, activation) => tf.layers.dense({ units, activation, kernelInitializer: small() });

function block(x) {
  const h = tf.layers.layerNormalization().apply(x);
  const q = proj(64).apply(h);
  const k = proj(64).apply(h);
  const v = proj(64).apply(h);
  const scores = tf.layers.activation({ activation: 'softmax' }).apply(tf.layers.dot({ axes: [2, 2] }).apply([q, k]));
  const attended = proj(64).apply(tf.layers.dot({ axes: [2, 1] }).apply([scores, v]));
  const mid = tf.layers.add().apply([x, attended]);
  const up = proj(256, 'gelu').apply(tf.layers.layerNormalization().apply(mid));
  return tf.layers.add().apply([mid, proj(64).apply(up)]);
}

export function encoder() {
  const frames = tf.input({ shape: [32, 40] });
  let x = tf.layers.dense({ units: 64 }).apply(frames);
  for (let i = 0; i < 3; i++) x = block(x);
  const pooled = tf.layers.globalAveragePooling1d().apply(tf.layers.layerNormalization().apply(x));
  return tf.model({ inputs: frames, outputs: tf.layers.dense({ units: 8, activation: 'softmax' }).apply(pooled) });
}
`,
  },
  {
    name: 'an overflow behind a layer the engine does not model is no verdict (convLstm2d passes a 5-d shape on, by assumption)',
    code: `import * as tf from '@tensorflow/tfjs';

export function nowcast(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.convLstm2d({ filters: 32, kernelSize: 3, padding: 'same', returnSequences: true, inputShape: [10, 64, 64, 1] }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.convLstm2d({ filters: 32, kernelSize: 3, padding: 'same' }));
  model.add(tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  return model;
}
`,
  },
  {
    name: 'ACGAN discriminator: two sibling heads on a nested cnn are not a chain (their ~230x ratio is no explosion)',
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
    name: 'linear default init',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [32], units: 32 }),
    tf.layers.dense({ units: 32 }),
    tf.layers.dense({ units: 32 }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: 'relu he uniform mlp',
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
    name: "widths that are not numbers (NaN) are unknown, not an overflow",
    code: `import * as tf from '@tensorflow/tfjs';

// Widths that are not numbers (a failed parse) are unknown, not NaN gradients.
export function build(config: { hidden: string }): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: parseInt('x'), activation: 'relu' }));
  model.add(tf.layers.dense({ units: NaN, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
`,
  },
  {
    name: "an input size that is no number (parseInt of a non-number) is not known: no NaN overflow",
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
    name: 'one oversized initializer in a defaults object spread into relu layers and a linear output: the fix writes the relu match once, where the initializer is written',
    code: `import * as tf from '@tensorflow/tfjs';

const DEFAULTS = { kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 1 }) };

export function build(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ ...DEFAULTS, inputShape: [20], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...DEFAULTS, units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...DEFAULTS, units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...DEFAULTS, units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...DEFAULTS, units: 1 }));
  return model;
}
`,
    errors: [
      {
        message: "Exploding activations and gradients: pre-activation sd grows from ~4.5 at dense_1 to ~5e3 at dense_5 (×1e3; threshold 70): dense_1, dense_2 … dense_5 (5 layers) are initialized (randomNormal) at ~64× the critical weight variance of their activation.",
        line: 3, column: 39, endLine: 3, endColumn: 91,
        text: "tf.initializers.randomNormal({ mean: 0, stddev: 1 })",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const DEFAULTS = { kernelInitializer: 'heUniform' };

export function build(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ ...DEFAULTS, inputShape: [20], units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...DEFAULTS, units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...DEFAULTS, units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...DEFAULTS, units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ ...DEFAULTS, units: 1 }));
  return model;
}
`,
  },
  {
    name: 'relu batchnorm depth 32',
    code: `import * as tf from '@tensorflow/tfjs';

// Plain deep stack with batchNormalization after every layer: explodes toward the input at init.
export function build(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [128], units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.batchNormalization());
  for (let i = 1; i < 32; i++) {
    model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
    model.add(tf.layers.batchNormalization());
  }
  model.add(tf.layers.dense({ units: 10 }));
  return model;
}
`,
    errors: [
      {
        message: "Exploding gradients: ‖∇W‖ at dense_1 is ~540× the last layer's (dense_33; threshold 70): the cause is normalization: the batch statistics of the 32 batchNormalization layers between them add their own gradient at every layer, so a plain normalized stack explodes toward the input at initialization (Yang et al. 2019). No automatic fix removes this: matched initializers are already in place, and clipping and a lower learning rate only bound the steps (offered as mitigations); the structural fix is residual blocks (see https://github.com/gradient-doctor/gradient-doctor/blob/main/docs/rules/exploding-gradient.md#deep-normalized-stacks).",
        line: 6, column: 13, endLine: 6, endColumn: 115,
        text: "tf.layers.dense({ inputShape: [128], units: 128, activation: 'relu', kernelInitializer: 'heUniform' })",
      }
    ],
  },
  {
    name: 'relu random normal loop',
    code: `import * as tf from '@tensorflow/tfjs';

const WIDTH = 256;

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [WIDTH], units: WIDTH, activation: 'relu' }));
for (let i = 0; i < 6; i++) {
  model.add(tf.layers.dense({
    units: WIDTH,
    activation: 'relu',
    kernelInitializer: tf.initializers.randomNormal({ stddev: 0.2 }),
  }));
}
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "Exploding activations and gradients: pre-activation sd grows from ~0.88 at dense_1 to ~120 at dense_7 (×130; threshold 70): dense_2, dense_3 … dense_7 (6 layers) are initialized (randomNormal) at ~5.1× the critical weight variance of their activation.",
        line: 11, column: 24, endLine: 11, endColumn: 69,
        text: "tf.initializers.randomNormal({ stddev: 0.2 })",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const WIDTH = 256;

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [WIDTH], units: WIDTH, activation: 'relu' }));
for (let i = 0; i < 6; i++) {
  model.add(tf.layers.dense({
    units: WIDTH,
    activation: 'relu',
    kernelInitializer: 'heUniform',
  }));
}
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'wide random normal require',
    fileName: 'model.js',
    code: `// A regressor whose author "helped" the initialization along with a large random normal.
// Gradient Doctor: weights with sd 0.5 on 256 inputs blow activations and gradients up.
const tf = require('@tensorflow/tfjs');

const bigInit = tf.initializers.randomNormal({ mean: 0, stddev: 0.5 });

const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [256], units: 256, activation: 'relu', kernelInitializer: bigInit }),
    tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: bigInit }),
    tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: bigInit }),
    tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: bigInit }),
    tf.layers.dense({ units: 1 }),
  ],
});

model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });

module.exports = { model };
`,
    errors: [
      {
        message: "Exploding activations and gradients: pre-activation sd grows from ~8 at dense_1 to ~1e3 at dense_4 (×180; threshold 70): dense_1, dense_2, dense_3 and dense_4 are initialized (randomNormal) at ~32× the critical weight variance of their activation.",
        line: 9, column: 93, endLine: 9, endColumn: 100,
        text: "bigInit",
      }
    ],
    output: `// A regressor whose author "helped" the initialization along with a large random normal.
// Gradient Doctor: weights with sd 0.5 on 256 inputs blow activations and gradients up.
const tf = require('@tensorflow/tfjs');

const bigInit = tf.initializers.randomNormal({ mean: 0, stddev: 0.5 });

const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [256], units: 256, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 256, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 1 }),
  ],
});

model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });

module.exports = { model };
`,
  },
  ],
};
