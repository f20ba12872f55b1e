/** vanishing-gradient: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

export const vanishingGradientCases: RuleCases = {
  rule: 'vanishing-gradient',
  valid: [
  {
    name: "six pre-norm encoder blocks whose attention is an unmodelled dot-product: the output projection reads the opaque dot's assumed scale and the layer normalization after it sets the scale anew, so no ratio is taken between them",
    code: `import * as tf from '@tensorflow/tfjs';

function encoderBlock(x: tf.SymbolicTensor, width: number): tf.SymbolicTensor {
  const n = tf.layers.layerNormalization().apply(x) as tf.SymbolicTensor;
  const [q, k, v] = [0, 1, 2].map(() => tf.layers.dense({ units: width }).apply(n) as tf.SymbolicTensor);
  const scores = tf.layers.dot({ axes: [2, 2] }).apply([q, k]) as tf.SymbolicTensor;
  const attended = tf.layers.dot({ axes: [2, 1] }).apply([tf.layers.softmax().apply(scores) as tf.SymbolicTensor, v]) as tf.SymbolicTensor;
  const mixed = tf.layers.add().apply([x, tf.layers.dense({ units: width }).apply(attended) as tf.SymbolicTensor]) as tf.SymbolicTensor;
  const hidden = tf.layers.dense({ units: 4 * width, activation: 'relu', kernelInitializer: 'heUniform' }).apply(tf.layers.layerNormalization().apply(mixed)) as tf.SymbolicTensor;
  return tf.layers.add().apply([mixed, tf.layers.dense({ units: width }).apply(hidden) as tf.SymbolicTensor]) as tf.SymbolicTensor;
}

const tokens = tf.input({ shape: [40, 256] });
let encoded = tokens;
for (let b = 0; b < 6; b++) encoded = encoderBlock(encoded, 256);
const pooled = tf.layers.globalAveragePooling1d().apply(tf.layers.layerNormalization().apply(encoded)) as tf.SymbolicTensor;
export const model = tf.model({ inputs: tokens, outputs: tf.layers.dense({ units: 5, activation: 'softmax' }).apply(pooled) as tf.SymbolicTensor });
model.compile({ optimizer: tf.train.adam(5e-4), loss: 'categoricalCrossentropy' });
`,
  },
  {
    name: 'a 2000-way softmax trained with binaryCrossentropy: the gradient is small at every layer alike (the loss\'s scale, which output-loss-mismatch reports), not vanishing with depth',
    code: `import * as tf from '@tensorflow/tfjs';

export function buildBasketModel(numUsers: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numUsers, outputDim: 32, inputLength: 1 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.dense({ units: 2000, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'binaryCrossentropy' });
  return model;
}
`,
  },
  {
    name: 'a vocabulary-wide linear head trained with categoricalCrossentropy written for a softmax (output-loss-mismatch reports it): the absolute test is read under crossentropy on the logits, not the probe\'s MSE over 1100 outputs',
    code: `import * as tf from '@tensorflow/tfjs';

// Ported from Keras, where the loss was CategoricalCrossentropy(from_logits=True).
const tokens = tf.input({ shape: [18] });
const embedded = tf.layers.embedding({ inputDim: 1100, outputDim: 48 }).apply(tokens) as tf.SymbolicTensor;
const states = tf.layers.lstm({ units: 160, returnSequences: true }).apply(embedded) as tf.SymbolicTensor;
const deeper = tf.layers.lstm({ units: 160, returnSequences: true }).apply(states) as tf.SymbolicTensor;
const logits = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 1100 }) }).apply(deeper) as tf.SymbolicTensor;
export const model = tf.model({ inputs: tokens, outputs: logits });
model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
`,
  },
  {
    name: 'an opaque custom layer in the middle of a sigmoid stack cuts the path: no ratio across it (it may well rescale the signal)',
    code: `import * as tf from '@tensorflow/tfjs';

class Scale extends tf.layers.Layer {
  call(inputs: tf.Tensor | tf.Tensor[]) {
    return tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, 0.001);
  }
  static get className() {
    return 'Scale';
  }
}

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 64, activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 64, activation: 'sigmoid' }));
model.add(new Scale({}));
model.add(tf.layers.dense({ units: 64, activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 64, activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1 }));
`,
  },
  {
    name: 'a 1000-class softmax head trained with categoricalCrossentropy: the probe (MSE through the softmax) is no measure of its absolute gradient',
    code: `import * as tf from '@tensorflow/tfjs';

export function buildHead(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1280], units: 512, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1000, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
`,
  },
  {
    name: 'a vocabulary softmax after an embedding, trained with sparseCategoricalCrossentropy',
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

const VOCAB = 5000;
export const model = tf.sequential();
model.add(tf.layers.embedding({ inputDim: VOCAB, outputDim: 64, inputLength: 4 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
model.add(tf.layers.dense({ units: VOCAB, activation: 'softmax' }));
model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
`,
  },
  {
    name: 'a 1000-class softmax head from a factory compiled elsewhere: no loss seen, so no verdict resting on the probe\'s MSE',
    code: `import * as tf from '@tensorflow/tfjs';

export function buildHead(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1280], units: 512, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 256, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1000, activation: 'softmax' }));
  return model;
}
`,
  },
  {
    name: 'a word-level language model with linear logits whose loss is not seen (a helper receives the model): the absolute test must hold under crossentropy too',
    code: `import * as tf from '@tensorflow/tfjs';

const VOCAB = 1000;
export const lm = tf.sequential();
lm.add(tf.layers.embedding({ inputDim: VOCAB, outputDim: 64, inputLength: 100 }));
lm.add(tf.layers.lstm({ units: 256, returnSequences: true }));
lm.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: VOCAB }) }));

const optimizer = tf.train.adam(0.002);
export function step(model: tf.Sequential, x: tf.Tensor2D, y: tf.Tensor3D): void {
  const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar);
  optimizer.applyGradients(grads);
}
`,
  },
  {
    name: 'a per-pixel softmax over 21 classes (a conv output) trained with categoricalCrossentropy',
    code: `import * as tf from '@tensorflow/tfjs';

export function segmenter(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [64, 64, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
  model.add(tf.layers.conv2d({ filters: 21, kernelSize: 1, padding: 'same', activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
`,
  },
  {
    name: 'three relu convolutions over 1024 x 1024 grayscale images into global average pooling: the gradient of the first kernel sums over the positions coherently (in tfjs at 224 x 224, two convolutions: 10^-1.9, where the flow had predicted 10^-3.5), no vanishing',
    code: `import * as tf from '@tensorflow/tfjs';

export function build(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [1024, 1024, 1], filters: 8, kernelSize: 3, activation: 'relu', padding: 'same' }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' }));
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  return model;
}
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
    name: 'shallow tanh autoencoder',
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
    name: 'two sigmoid layers',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [16], units: 32, activation: 'sigmoid' }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ],
});
`,
  },
  ],
  invalid: [
  {
    name: 'Keras style: every nonlinearity an activation layer of its own (after dropout): the sigmoid layers are named and swapped, the dense layers get heUniform, the output activation stays',
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [64] });
let x: tf.SymbolicTensor = input;
for (let i = 0; i < 7; i++) {
  x = tf.layers.dense({ units: 64 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: 0.1 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'sigmoid' }).apply(x) as tf.SymbolicTensor;
}
const logit = tf.layers.dense({ units: 1 }).apply(x) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: tf.layers.activation({ activation: 'sigmoid' }).apply(logit) as tf.SymbolicTensor });
model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~2e-5 of the last layer's (dense_8; threshold 1e-3) and ~2e-5 in absolute terms (threshold 1e-4): the sigmoid derivatives of activation_1, activation_2 … activation_7 (7 layers) shrink the backward signal at every layer.",
        line: 8, column: 42, endLine: 8, endColumn: 51,
        text: "'sigmoid'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [64] });
let x: tf.SymbolicTensor = input;
for (let i = 0; i < 7; i++) {
  x = tf.layers.dense({ units: 64, kernelInitializer: 'heUniform' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: 0.1 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'relu' }).apply(x) as tf.SymbolicTensor;
}
const logit = tf.layers.dense({ units: 1 }).apply(x) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: tf.layers.activation({ activation: 'sigmoid' }).apply(logit) as tf.SymbolicTensor });
model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
`,
  },
  {
    name: 'a custom layer read through its call(): the sigmoid sublayers it applies count (three blocks of two)',
    code: `import * as tf from '@tensorflow/tfjs';

class SigmoidBlock extends tf.layers.Layer {
  private readonly first: tf.layers.Layer;
  private readonly second: tf.layers.Layer;
  constructor(units: number) {
    super({});
    this.first = tf.layers.dense({ units, activation: 'sigmoid' });
    this.second = tf.layers.dense({ units, activation: 'sigmoid' });
  }
  call(inputs: tf.Tensor | tf.Tensor[]) {
    return this.second.apply(this.first.apply(inputs)) as tf.Tensor;
  }
  static get className() {
    return 'SigmoidBlock';
  }
}

const input = tf.input({ shape: [64] });
let x = tf.layers.dense({ units: 64, activation: 'sigmoid' }).apply(input) as tf.SymbolicTensor;
for (let i = 0; i < 3; i++) x = new SigmoidBlock(64).apply(x) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(x) as tf.SymbolicTensor });
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~1e-5 of the last layer's (dense_8; threshold 1e-3) and ~5e-5 in absolute terms (threshold 1e-4): the sigmoid derivatives of dense_1, dense_2 … dense_7 (7 layers) shrink the backward signal at every layer.",
        line: 20, column: 50, endLine: 20, endColumn: 59,
        text: "'sigmoid'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

class SigmoidBlock extends tf.layers.Layer {
  private readonly first: tf.layers.Layer;
  private readonly second: tf.layers.Layer;
  constructor(units: number) {
    super({});
    this.first = tf.layers.dense({ units, activation: 'relu', kernelInitializer: 'heUniform' });
    this.second = tf.layers.dense({ units, activation: 'relu', kernelInitializer: 'heUniform' });
  }
  call(inputs: tf.Tensor | tf.Tensor[]) {
    return this.second.apply(this.first.apply(inputs)) as tf.Tensor;
  }
  static get className() {
    return 'SigmoidBlock';
  }
}

const input = tf.input({ shape: [64] });
let x = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(input) as tf.SymbolicTensor;
for (let i = 0; i < 3; i++) x = new SigmoidBlock(64).apply(x) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(x) as tf.SymbolicTensor });
`,
  },
  {
    name: 'GAN: a vanishing generator is reported once, not again for the combined model that inlines it',
    code: `import * as tf from '@tensorflow/tfjs';

const LATENT = 32;

function buildGenerator(): tf.Sequential {
  const gen = tf.sequential();
  gen.add(tf.layers.dense({ inputShape: [LATENT], units: 64, activation: 'sigmoid' }));
  for (let i = 0; i < 5; i++) gen.add(tf.layers.dense({ units: 64, activation: 'sigmoid' }));
  gen.add(tf.layers.dense({ units: 16, activation: 'tanh' }));
  return gen;
}

function buildDiscriminator(): tf.Sequential {
  const disc = tf.sequential();
  disc.add(tf.layers.dense({ inputShape: [16], units: 32 }));
  disc.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  disc.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  disc.compile({ optimizer: tf.train.adam(0.0002), loss: 'binaryCrossentropy' });
  return disc;
}

export const generator = buildGenerator();
export const discriminator = buildDiscriminator();
const z = tf.input({ shape: [LATENT] });
discriminator.trainable = false;
export const combined = tf.model({ inputs: z, outputs: discriminator.apply(generator.apply(z)) as tf.SymbolicTensor });
combined.compile({ optimizer: tf.train.adam(0.0002), loss: 'binaryCrossentropy' });
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~5e-5 of the last layer's (dense_7; threshold 1e-3) and ~3e-5 in absolute terms (threshold 1e-4): the sigmoid derivatives of dense_1, dense_2 … dense_6 (6 layers) shrink the backward signal at every layer.",
        line: 7, column: 74, endLine: 7, endColumn: 83,
        text: "'sigmoid'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const LATENT = 32;

function buildGenerator(): tf.Sequential {
  const gen = tf.sequential();
  gen.add(tf.layers.dense({ inputShape: [LATENT], units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
  for (let i = 0; i < 5; i++) gen.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
  gen.add(tf.layers.dense({ units: 16, activation: 'tanh' }));
  return gen;
}

function buildDiscriminator(): tf.Sequential {
  const disc = tf.sequential();
  disc.add(tf.layers.dense({ inputShape: [16], units: 32 }));
  disc.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  disc.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  disc.compile({ optimizer: tf.train.adam(0.0002), loss: 'binaryCrossentropy' });
  return disc;
}

export const generator = buildGenerator();
export const discriminator = buildDiscriminator();
const z = tf.input({ shape: [LATENT] });
discriminator.trainable = false;
export const combined = tf.model({ inputs: z, outputs: discriminator.apply(generator.apply(z)) as tf.SymbolicTensor });
combined.compile({ optimizer: tf.train.adam(0.0002), loss: 'binaryCrossentropy' });
`,
  },
  {
    name: 'GAN combined model: the generator and discriminator inlined into tf.model vanish together (reported once, at the generator layer; the output activation of the generator is kept)',
    code: `import * as tf from '@tensorflow/tfjs';

const generator = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [32], units: 64, activation: 'sigmoid' }),
    tf.layers.dense({ units: 64, activation: 'sigmoid' }),
    tf.layers.dense({ units: 64, activation: 'sigmoid' }),
  ],
});

const discriminator = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [64], units: 64, activation: 'sigmoid' }),
    tf.layers.dense({ units: 64, activation: 'sigmoid' }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ],
});

const noise = tf.input({ shape: [32] });
export const gan = tf.model({ inputs: noise, outputs: discriminator.apply(generator.apply(noise)) as tf.SymbolicTensor });
gan.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~2e-4 of the last layer's (dense_6; threshold 1e-3): the sigmoid derivatives of dense_1, dense_2, dense_4 and dense_5 shrink the backward signal at every layer. With adam, each weight steps by lr·g/(|g| + ε): dense_1's per-weight gradient ~4e-6 against ε = 1e-7 gives steps of ~98% of the learning rate, so adam compensates (expect slower early layers, not stalled ones).",
        line: 5, column: 64, endLine: 5, endColumn: 73,
        text: "'sigmoid'",
        severity: 'hint',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const generator = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [32], units: 64, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 64, activation: 'sigmoid' }),
  ],
});

const discriminator = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ],
});

const noise = tf.input({ shape: [32] });
export const gan = tf.model({ inputs: noise, outputs: discriminator.apply(generator.apply(noise)) as tf.SymbolicTensor });
gan.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`,
  },
  {
    name: 'two heads: the sigmoid trunk vanishes on the path to realness (named), not against the sibling head',
    code: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [64] });
let x = tf.layers.dense({ units: 64, activation: 'sigmoid' }).apply(input) as tf.SymbolicTensor;
for (let i = 0; i < 5; i++) {
  x = tf.layers.dense({ units: 64, activation: 'sigmoid' }).apply(x) as tf.SymbolicTensor;
}
const realness = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'realness' }).apply(x) as tf.SymbolicTensor;
const shortcut = tf.layers.dense({ units: 10, activation: 'softmax', name: 'label' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [realness, shortcut] });
`,
    errors: [
      {
        message: "Vanishing gradients on the path from input_1 to realness: ‖∇W‖ at dense_1 is ~6e-5 of the last layer's (realness; threshold 1e-3) and ~6e-5 in absolute terms (threshold 1e-4): the sigmoid derivatives of dense_1, dense_2 … dense_6 (6 layers) shrink the backward signal at every layer.",
        line: 4, column: 50, endLine: 4, endColumn: 59,
        text: "'sigmoid'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [64] });
let x = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(input) as tf.SymbolicTensor;
for (let i = 0; i < 5; i++) {
  x = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(x) as tf.SymbolicTensor;
}
const realness = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'realness' }).apply(x) as tf.SymbolicTensor;
const shortcut = tf.layers.dense({ units: 10, activation: 'softmax', name: 'label' }).apply(input) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: [realness, shortcut] });
`,
  },
  {
    name: 'functional sigmoid chain',
    code: `import * as tf from '@tensorflow/tfjs';

export function build(optimizer: tf.Optimizer): tf.LayersModel {
  const input = tf.input({ shape: [64] });
  let x = tf.layers.dense({ units: 64, activation: 'sigmoid' }).apply(input) as tf.SymbolicTensor;
  for (let i = 0; i < 7; i++) {
    x = tf.layers.dense({ units: 64, activation: 'sigmoid' }).apply(x) as tf.SymbolicTensor;
  }
  const output = tf.layers.dense({ units: 1 }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~2e-6 of the last layer's (dense_9; threshold 1e-3) and ~1e-5 in absolute terms (threshold 1e-4): the sigmoid derivatives of dense_1, dense_2 … dense_8 (8 layers) shrink the backward signal at every layer.",
        line: 5, column: 52, endLine: 5, endColumn: 61,
        text: "'sigmoid'",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export function build(optimizer: tf.Optimizer): tf.LayersModel {
  const input = tf.input({ shape: [64] });
  let x = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(input) as tf.SymbolicTensor;
  for (let i = 0; i < 7; i++) {
    x = tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }).apply(x) as tf.SymbolicTensor;
  }
  const output = tf.layers.dense({ units: 1 }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}
`,
  },
  {
    name: 'relu glorot normal depth 32 named imports',
    code: `import { layers, sequential, train } from '@tensorflow/tfjs';

const DEPTH = 32;

export const model = sequential();
model.add(layers.dense({ inputShape: [128], units: 128, activation: 'relu' }));
for (let i = 1; i < DEPTH; i++) {
  model.add(layers.dense({
    units: 128,
    activation: 'relu',
  }));
}
model.add(layers.dense({ units: 10 }));
model.compile({ optimizer: train.adam(1e-3), loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~3e-7 under the standard probe (threshold 1e-4): dense_1, dense_2 … dense_32 (32 layers) are initialized (glorotNormal by default) at ~0.39× the critical weight variance of their activation. With adam, each weight steps by lr·g/(|g| + ε): dense_1's per-weight gradient ~2e-9 against ε = 1e-7 gives steps of ~2.3% of the learning rate (slow learning).",
        line: 6, column: 11, endLine: 6, endColumn: 78,
        text: "layers.dense({ inputShape: [128], units: 128, activation: 'relu' })",
      }
    ],
    output: `import { layers, sequential, train } from '@tensorflow/tfjs';

const DEPTH = 32;

export const model = sequential();
model.add(layers.dense({ inputShape: [128], units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
for (let i = 1; i < DEPTH; i++) {
  model.add(layers.dense({
    units: 128,
    activation: 'relu',
    kernelInitializer: 'heUniform',
  }));
}
model.add(layers.dense({ units: 10 }));
model.compile({ optimizer: train.adam(1e-3), loss: 'meanSquaredError' });
`,
  },
  {
    name: 'relu glorot normal depth 32, linear output, no loss seen: vanishing even under crossentropy, still a warning',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [128], units: 128, activation: 'relu' }));
for (let i = 1; i < 32; i++) model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10 }));

const optimizer = tf.train.sgd(0.01);
export function step(net: tf.Sequential, x: tf.Tensor2D, y: tf.Tensor2D): void {
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, net.apply(x) as tf.Tensor) as tf.Scalar);
}
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~5e-7 even with crossentropy on its logits, the loss most favourable to it (no loss seen) (threshold 1e-4): dense_1, dense_2 … dense_32 (32 layers) are initialized (glorotNormal by default) at ~0.39× the critical weight variance of their activation.",
        line: 4, column: 11, endLine: 4, endColumn: 81,
        text: "tf.layers.dense({ inputShape: [128], units: 128, activation: 'relu' })",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [128], units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
for (let i = 1; i < 32; i++) model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.dense({ units: 10 }));

const optimizer = tf.train.sgd(0.01);
export function step(net: tf.Sequential, x: tf.Tensor2D, y: tf.Tensor2D): void {
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, net.apply(x) as tf.Tensor) as tf.Scalar);
}
`,
  },
  {
    name: 'sigmoid add loop require',
    fileName: 'model.js',
    code: `const tf = require("@tensorflow/tfjs");

function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: "sigmoid", kernelInitializer: "glorotUniform" }));
  for (let i = 0; i < 7; i++) {
    model.add(tf.layers.dense({ units: 64, activation: "sigmoid", kernelInitializer: "glorotUniform" }));
  }
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}

module.exports = { build };
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~5e-6 of the last layer's (dense_9; threshold 1e-3) and ~3e-5 in absolute terms (threshold 1e-4): the sigmoid derivatives of dense_1, dense_2 … dense_8 (8 layers) shrink the backward signal at every layer.",
        line: 5, column: 72, endLine: 5, endColumn: 81,
        text: "\"sigmoid\"",
      }
    ],
    output: `const tf = require("@tensorflow/tfjs");

function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: "relu", kernelInitializer: "heUniform" }));
  for (let i = 0; i < 7; i++) {
    model.add(tf.layers.dense({ units: 64, activation: "relu", kernelInitializer: "heUniform" }));
  }
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}

module.exports = { build };
`,
  },
  {
    name: 'sigmoid layers array',
    code: `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [128], units: 128, activation: 'sigmoid' }),
    tf.layers.dense({ units: 128, activation: 'sigmoid' }),
    tf.layers.dense({ units: 128, activation: 'sigmoid' }),
    tf.layers.dense({ units: 128, activation: 'sigmoid' }),
    tf.layers.dense({ units: 128, activation: 'sigmoid' }),
    tf.layers.dense({ units: 128, activation: 'sigmoid' }),
    tf.layers.dense({ units: 10 }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~5e-5 of the last layer's (dense_7; threshold 1e-3): the sigmoid derivatives of dense_1, dense_2 … dense_6 (6 layers) shrink the backward signal at every layer. With adam, each weight steps by lr·g/(|g| + ε): dense_1's per-weight gradient ~9e-7 against ε = 1e-7 gives steps of ~90% of the learning rate (adam partly compensates: the early layers learn at roughly half speed or better).",
        line: 5, column: 66, endLine: 5, endColumn: 75,
        text: "'sigmoid'",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [128], units: 128, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 10 }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`,
  },
  {
    name: "deep sigmoid stack of a width the code does not say: vanishes at every plausible width, still a warning",
    code: `import * as tf from '@tensorflow/tfjs';

// The width is a parameter: the sigmoid stack vanishes at every plausible width (8..4096).
export function buildDeep(hidden: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [20], units: hidden, activation: 'sigmoid' }));
  for (let i = 0; i < 8; i++) model.add(tf.layers.dense({ units: hidden, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
    errors: [
      {
        message: "Vanishing gradients: ‖∇W‖ at dense_1 is ~2e-7 of the last layer's (dense_10; threshold 1e-3) and ~1e-6 in absolute terms (threshold 1e-4): the sigmoid derivatives of dense_1, dense_2 … dense_9 (9 layers) shrink the backward signal at every layer.",
        line: 6, column: 76, endLine: 6, endColumn: 85,
        text: "'sigmoid'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

// The width is a parameter: the sigmoid stack vanishes at every plausible width (8..4096).
export function buildDeep(hidden: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [20], units: hidden, activation: 'relu', kernelInitializer: 'heUniform' }));
  for (let i = 0; i < 8; i++) model.add(tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
  },
  {
    name: "three sigmoid layers of a width set elsewhere: vanishing only for wide layers, a hint naming the width",
    code: `import * as tf from '@tensorflow/tfjs';

// Three sigmoid layers of a width set elsewhere: the gradient ratio crosses 1e-3 only for wide layers.
export function build(config: { inputs: number; hidden: number }): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [config.inputs], units: config.hidden, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: config.hidden, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: config.hidden, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
    errors: [
      {
        message: "With units of dense_3 ≥ 1024 (not known statically): Vanishing gradients: ‖∇W‖ at dense_1 is ~9e-4 of the last layer's (dense_4; threshold 1e-3): the sigmoid derivatives of dense_1, dense_2 and dense_3 shrink the backward signal at every layer.",
        line: 6, column: 94, endLine: 6, endColumn: 103,
        text: "'sigmoid'",
        severity: 'hint',
      },
    ],
  },
  ],
};
