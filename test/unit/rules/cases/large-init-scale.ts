/** large-init-scale: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

/** A custom layer that owns its kernel (addWeight in build, a matMul in call), added to a sequential model. */
const ownWeightLayerProgram = (initializer: string) => `import * as tf from '@tensorflow/tfjs';
class ReluProjection extends tf.layers.Layer {
  units: number; kernel: any;
  constructor(args: any) { super(args); this.units = args.units; }
  build(inputShape: any) {
    this.kernel = this.addWeight('kernel', [inputShape[inputShape.length - 1], this.units], 'float32', ${initializer});
  }
  computeOutputShape(s: any) { return [s[0], this.units]; }
  call(inputs: any) {
    return tf.tidy(() => tf.relu(tf.matMul(Array.isArray(inputs) ? inputs[0] : inputs, this.kernel.read())));
  }
}
const model = tf.sequential();
model.add(tf.layers.dense({ units: 128, inputShape: [20], activation: 'relu' }));
model.add(new ReluProjection({ units: 64 }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;

/** Core-API kernels of three fan-ins (11, 64, 32) drawn by one call in a loop, with `draw` that call. */
const loopDrawnKernelsProgram = (draw: string) => `import * as tf from '@tensorflow/tfjs';

const sizes = [11, 64, 32, 1];
const params = sizes.slice(0, -1).map((fanIn, i) => tf.variable(${draw}));

export function predict(x: tf.Tensor2D): tf.Tensor {
  let h: tf.Tensor = x;
  params.forEach((kernel, i) => {
    h = tf.matMul(h, kernel);
    if (i < params.length - 1) h = tf.relu(h);
  });
  return h;
}
`;

/** A relu layer whose kernel initializer is written in the serialized form Keras exports. */
const serializedInitializerProgram = (initializer: string) => `const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [193], units: 256, activation: 'relu', kernelInitializer: ${initializer} }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;

/** Relu layers initialized by a custom tfjs Initializer subclass whose apply() draws `draw`. */
const initializerSubclassProgram = (draw: string, initializer = 'new PaperGaussian(1)') => `import * as tf from '@tensorflow/tfjs';
import { Initializer } from '@tensorflow/tfjs-layers/dist/initializers';

class PaperGaussian extends Initializer {
  static className = 'PaperGaussian';
  constructor(private readonly stddev: number) {
    super();
  }
  apply(shape: number[]): tf.Tensor {
    return ${draw};
  }
  getConfig() {
    return { stddev: this.stddev };
  }
}

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [256], units: 128, activation: 'relu', kernelInitializer: ${initializer} }));
model.add(tf.layers.dense({ units: 1 }));
`;

export const largeInitScaleCases: RuleCases = {
  rule: 'large-init-scale',
  valid: [
  {
    name: 'a core-API kernel drawn at exactly 4× the critical value (stddev Math.sqrt(8 / 64) under relu): the floating-point rounding of 8.000000000000002 is not above the threshold',
    code: `import * as tf from '@tensorflow/tfjs';

const w1 = tf.variable(tf.randomNormal([64, 128], 0, Math.sqrt(8 / 64)));
const w2 = tf.variable(tf.randomNormal([128, 1], 0, Math.sqrt(1 / 128)));
const optimizer = tf.train.adam(0.001);
export function step(x: tf.Tensor2D, y: tf.Tensor2D) {
  optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.matMul(tf.relu(tf.matMul(x, w1)), w2)) as tf.Scalar);
}
`,
  },
  {
    name: 'an item table scored transposed against a user vector (matMul(u, items, false, true)): its fan-in is the rank 32, not the 3706 items',
    code: `import * as tf from '@tensorflow/tfjs';

const users = tf.variable(tf.randomNormal([6040, 32], 0, 0.1));
const items = tf.variable(tf.randomNormal([3706, 32], 0, 0.1));
const optimizer = tf.train.adam(0.001);
export function step(u: tf.Tensor1D, labels: tf.Tensor2D) {
  optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(labels, tf.matMul(tf.gather(users, u), items, false, true)) as tf.Scalar);
}
`,
  },
  {
    name: "a 'ones' calibration of a cosine: the custom pooling's computeOutputShape ([s[0], s[2]]) drops the word axis, so the dot gives one number per pair (fan-in 1)",
    code: `import * as tf from '@tensorflow/tfjs';
class MeanOverWords extends tf.layers.Layer {
  computeOutputShape(s) { return [s[0], s[2]]; }
  call(inputs) { return tf.mean(Array.isArray(inputs) ? inputs[0] : inputs, 1); }
  static get className() { return 'MeanOverWords'; }
}
const encoderInput = tf.input({ shape: [40, 300] });
const pooled = new MeanOverWords().apply(encoderInput);
const encoder = tf.model({ inputs: encoderInput, outputs: tf.layers.dense({ units: 128, activation: 'tanh' }).apply(pooled) });
const left = tf.input({ shape: [40, 300] });
const right = tf.input({ shape: [40, 300] });
const cosine = tf.layers.dot({ axes: -1, normalize: true }).apply([encoder.apply(left), encoder.apply(right)]);
const prob = tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: 'ones' }).apply(cosine);
export const model = tf.model({ inputs: [left, right], outputs: prob });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`,
  },
  {
    name: 'a random tensor that is no variable: a synthetic teacher that makes labels, not a weight',
    code: `import * as tf from '@tensorflow/tfjs';

const xs = tf.randomNormal([4000, 22]);
const teacher = tf.randomNormal([22, 1]);
export const ys = tf.tidy(() => xs.matMul(teacher).greater(0).toFloat());
`,
  },
  {
    name: 'a variable made not trainable (k-means centroids moved with assign): state, not a weight',
    code: `import * as tf from '@tensorflow/tfjs';

const centroids = tf.variable(tf.randomUniform([8, 3], 0, 255), false, 'centroids');
export function nearest(points: tf.Tensor2D): tf.Tensor {
  return tf.tidy(() => tf.matMul(points, centroids, false, true).argMax(1));
}
`,
  },
  {
    name: "a frozen 1×1 conv of 'ones' (trainable: false): a fixed channel sum added back as a global residual, not a weight that trains",
    code: `import * as tf from '@tensorflow/tfjs';

const inp = tf.input({ shape: [32, 32, 130] });
let x = inp;
for (let i = 0; i < 3; i++) x = tf.layers.conv2d({ filters: 48, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'heUniform' }).apply(x) as tf.SymbolicTensor;
const resid = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same' }).apply(x) as tf.SymbolicTensor;
const base = tf.layers.conv2d({ filters: 1, kernelSize: 1, padding: 'same', trainable: false, kernelInitializer: 'ones' }).apply(inp) as tf.SymbolicTensor;
export const model = tf.model({ inputs: inp, outputs: tf.layers.add().apply([resid, base]) as tf.SymbolicTensor });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`,
  },
  {
    name: 'he normal explicit',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu', kernelInitializer: 'heNormal' }),
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.randomNormal({ stddev: 0.05 }) }),
  ],
});
`,
  },
  {
    name: 'a relu written as a layer of its own after the kernel: its critical gain, not linear\'s',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [256], units: 64, kernelInitializer: tf.initializers.randomNormal({ stddev: 0.15 }) }),
    tf.layers.reLU(),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: 'the serialized form of varianceScaling at scale 2, he scale for relu',
    fileName: 'model.js',
    code: serializedInitializerProgram("{ className: 'VarianceScaling', config: { scale: 2, mode: 'fanIn', distribution: 'uniform' } }"),
  },
  ],
  invalid: [
  {
    name: 'one tf.truncatedNormal call drawing kernels of fan-ins 11, 64 and 32 in a loop: the fix scales by the shape it is given, one number fitting only one of them',
    code: loopDrawnKernelsProgram('tf.truncatedNormal([sizes[i], sizes[i + 1]])'),
    errors: [
      {
        message: 'Initializer truncatedNormal (mean 0, stddev 1) of matMul_1 gives variance × fan-in ~8.5, 4.3× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.',
        line: 4, column: 65, endLine: 4, endColumn: 109,
        text: 'tf.truncatedNormal([sizes[i], sizes[i + 1]])',
      },
    ],
    output: loopDrawnKernelsProgram('tf.truncatedNormal([sizes[i], sizes[i + 1]], 0, Math.sqrt(2.58 / sizes[i]))'),
  },
  {
    name: "a custom layer's own kernel (this.addWeight with randomNormal stddev 1, read through its call() in a sequential model): the fix keeps an Initializer object, which addWeight needs",
    code: ownWeightLayerProgram('tf.initializers.randomNormal({ mean: 0, stddev: 1 })'),
    errors: [
      {
        message: 'Initializer randomNormal (mean 0, stddev 1) of matMul_1 gives variance × fan-in ~130, 64× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.',
        line: 6, column: 104, endLine: 6, endColumn: 156,
        text: 'tf.initializers.randomNormal({ mean: 0, stddev: 1 })',
      },
    ],
    output: ownWeightLayerProgram('tf.initializers.heUniform({})'),
  },
  {
    name: 'a custom Initializer subclass whose apply() scales by the fan-in it is given: a scale the engine cannot read is no warning, a hint for the scales that would fire',
    code: initializerSubclassProgram('tf.randomNormal(shape, 0, this.stddev * Math.sqrt(2 / shape[0]))'),
    errors: [
      {
        message: 'With weight variance × fan-in of dense_1 ≥ 16 (not known statically): Initializer PaperGaussian, drawing randomNormal (mean 0), of dense_1 gives variance × fan-in ~16, 8× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.',
        line: 18, column: 99, endLine: 18, endColumn: 119,
        text: 'new PaperGaussian(1)',
        severity: 'hint',
      },
    ],
  },
  {
    name: 'core-API weights whose stddev the code computes from values it cannot read: an unknown scale, only hints for the scales that would fire (not warnings at tf.truncatedNormal\'s default 1)',
    code: `import * as tf from '@tensorflow/tfjs';

export function makeNet(fanIns: number[], gain: number) {
  const w1 = tf.variable(tf.truncatedNormal([784, 256], 0, Math.sqrt(gain / fanIns[0])));
  const w2 = tf.variable(tf.truncatedNormal([256, 10], 0, Math.sqrt(1 / fanIns[1])));
  return (x: tf.Tensor2D) => tf.matMul(tf.relu(tf.matMul(x, w1)), w2);
}
`,
    errors: [
      {
        message: 'With weight variance × fan-in of matMul_1 ≥ 16 (not known statically): Initializer truncatedNormal (mean 0) of matMul_1 gives variance × fan-in ~16, 8× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.',
        line: 4, column: 26, endLine: 4, endColumn: 88,
        text: 'tf.truncatedNormal([784, 256], 0, Math.sqrt(gain / fanIns[0]))',
        severity: 'hint',
      },
      {
        message: 'With weight variance × fan-in of matMul_2 ≥ 8 (not known statically): Initializer truncatedNormal (mean 0) of matMul_2 gives variance × fan-in ~8, 8× the critical value 1 for linear (threshold 4×): activations and gradients grow at every layer.',
        line: 5, column: 26, endLine: 5, endColumn: 84,
        text: 'tf.truncatedNormal([256, 10], 0, Math.sqrt(1 / fanIns[1]))',
        severity: 'hint',
      },
    ],
  },
  {
    name: 'a custom Initializer subclass: tfjs calls its apply(), which draws N(0, 1) for a relu layer of fan-in 256',
    code: initializerSubclassProgram('tf.randomNormal(shape, 0, this.stddev)'),
    errors: [
      {
        message: "Initializer PaperGaussian, drawing randomNormal (mean 0, stddev 1), of dense_1 gives variance × fan-in ~260, 130× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 18, column: 99, endLine: 18, endColumn: 119,
        text: 'new PaperGaussian(1)',
      },
    ],
    output: initializerSubclassProgram('tf.randomNormal(shape, 0, this.stddev)', "'heUniform'"),
  },
  {
    name: 'the serialized form { className, config } of varianceScaling at scale 12: tfjs deserializes it like the factory',
    fileName: 'model.js',
    code: serializedInitializerProgram("{ className: 'VarianceScaling', config: { scale: 12, mode: 'fanIn', distribution: 'uniform' } }"),
    errors: [
      {
        message: "Initializer varianceScaling (scale 12, mode fanIn, distribution uniform) of dense_1 gives variance × fan-in ~12, 6× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 4, column: 99, endLine: 4, endColumn: 194,
        text: "{ className: 'VarianceScaling', config: { scale: 12, mode: 'fanIn', distribution: 'uniform' } }",
      },
    ],
    output: serializedInitializerProgram("'heUniform'"),
  },
  {
    name: 'core api random normal',
    code: `import * as tf from '@tensorflow/tfjs';

const w1 = tf.variable(tf.randomNormal([784, 256], 0, 1));
const w2 = tf.variable(tf.randomNormal([256, 10], 0, 0.05));

export function predict(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.relu(tf.matMul(x, w1)), w2));
}
`,
    errors: [
      {
        message: "Initializer randomNormal (mean 0, stddev 1) of matMul_1 gives variance × fan-in ~780, 390× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 3, column: 24, endLine: 3, endColumn: 57,
        text: "tf.randomNormal([784, 256], 0, 1)",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const w1 = tf.variable(tf.randomNormal([784, 256], 0, 0.0505));
const w2 = tf.variable(tf.randomNormal([256, 10], 0, 0.05));

export function predict(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.relu(tf.matMul(x, w1)), w2));
}
`,
  },
  {
    name: 'core api weight made with .variable()',
    code: `import * as tf from '@tensorflow/tfjs';

const w1 = tf.randomNormal([784, 256], 0, 1).variable();
const w2 = tf.variable(tf.randomNormal([256, 10], 0, 0.05));

export function predict(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.relu(tf.matMul(x, w1)), w2));
}
`,
    errors: [
      {
        message: "Initializer randomNormal (mean 0, stddev 1) of matMul_1 gives variance × fan-in ~780, 390× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 3, column: 12, endLine: 3, endColumn: 45,
        text: "tf.randomNormal([784, 256], 0, 1)",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const w1 = tf.randomNormal([784, 256], 0, 0.0505).variable();
const w2 = tf.variable(tf.randomNormal([256, 10], 0, 0.05));

export function predict(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(tf.relu(tf.matMul(x, w1)), w2));
}
`,
  },
  {
    name: 'inline random normal',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({
      inputShape: [256],
      units: 64,
      activation: 'relu',
      kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.3 }),
    }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
    errors: [
      {
        message: "Initializer randomNormal (mean 0, stddev 0.3) of dense_1 gives variance × fan-in ~23, 12× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 9, column: 26, endLine: 9, endColumn: 80,
        text: "tf.initializers.randomNormal({ mean: 0, stddev: 0.3 })",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({
      inputShape: [256],
      units: 64,
      activation: 'relu',
      kernelInitializer: 'heUniform',
    }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: 'shared random normal require',
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
        message: "Initializer randomNormal (mean 0, stddev 0.5) of dense_1 gives variance × fan-in ~64, 32× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 9, column: 93, endLine: 9, endColumn: 100,
        text: "bigInit",
      },
      {
        message: "Initializer randomNormal (mean 0, stddev 0.5) of dense_2 gives variance × fan-in ~64, 32× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 10, column: 74, endLine: 10, endColumn: 81,
        text: "bigInit",
      },
      {
        message: "Initializer randomNormal (mean 0, stddev 0.5) of dense_3 gives variance × fan-in ~64, 32× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 11, column: 74, endLine: 11, endColumn: 81,
        text: "bigInit",
      },
      {
        message: "Initializer randomNormal (mean 0, stddev 0.5) of dense_4 gives variance × fan-in ~64, 32× the critical value 2 for relu (threshold 4×): activations and gradients grow at every layer.",
        line: 12, column: 74, endLine: 12, endColumn: 81,
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
  {
    name: 'tanh variance scaling string quotes',
    code: `import * as tf from "@tensorflow/tfjs";

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [32], units: 32, activation: "tanh", kernelInitializer: tf.initializers.varianceScaling({ scale: 8, mode: "fanIn", distribution: "uniform" }) }));
model.add(tf.layers.dense({ units: 4, activation: "softmax" }));
`,
    errors: [
      {
        message: "Initializer varianceScaling (scale 8, mode fanIn, distribution uniform) of dense_1 gives variance × fan-in ~8, 8× the critical value 1 for tanh (threshold 4×): pre-activations spread into the flat tails and the units saturate.",
        line: 4, column: 97, endLine: 4, endColumn: 182,
        text: "tf.initializers.varianceScaling({ scale: 8, mode: \"fanIn\", distribution: \"uniform\" })",
      }
    ],
    output: `import * as tf from "@tensorflow/tfjs";

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [32], units: 32, activation: "tanh", kernelInitializer: "glorotUniform" }));
model.add(tf.layers.dense({ units: 4, activation: "softmax" }));
`,
  },
  {
    name: "initializer too large only for wide inputs, whose size the code does not say: a hint naming the size",
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
        message: "With input size of dense_1 ≥ 64 (not known statically): Initializer randomNormal (stddev 0.3) of dense_1 gives variance × fan-in ~12, 12× the critical value 1 for tanh (threshold 4×): pre-activations spread into the flat tails and the units saturate.",
        line: 6, column: 102, endLine: 6, endColumn: 147,
        text: "tf.initializers.randomNormal({ stddev: 0.3 })",
        severity: 'hint',
      },
    ],
  },
  {
    name: 'a leakyReLU layer after the kernel: the critical gain 2 / (1 + alpha²) and the matched initializer for it',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [256], units: 64, kernelInitializer: tf.initializers.randomNormal({ stddev: 0.3 }) }),
    tf.layers.leakyReLU({ alpha: 0.2 }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
    errors: [
      {
        message: "Initializer randomNormal (stddev 0.3) of dense_1 gives variance × fan-in ~23, 12× the critical value 1.9 for leakyReLU (threshold 4×): activations and gradients grow at every layer.",
        line: 5, column: 72, endLine: 5, endColumn: 117,
        text: "tf.initializers.randomNormal({ stddev: 0.3 })",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [256], units: 64, kernelInitializer: 'heUniform' }),
    tf.layers.leakyReLU({ alpha: 0.2 }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: 'the same scale as the relu-layer case, with no activation after the kernel: linear\'s critical gain 1',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [256], units: 64, kernelInitializer: tf.initializers.randomNormal({ stddev: 0.15 }) }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
    errors: [
      {
        message: "Initializer randomNormal (stddev 0.15) of dense_1 gives variance × fan-in ~5.8, 5.8× the critical value 1 for linear (threshold 4×): activations and gradients grow at every layer.",
        line: 5, column: 72, endLine: 5, endColumn: 118,
        text: "tf.initializers.randomNormal({ stddev: 0.15 })",
      }
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [256], units: 64, kernelInitializer: 'glorotUniform' }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  ],
};
