/** tfjs-api-trap: valid and invalid programs (DESIGN section 6), run by rules.test.ts. */
import type { RuleCases } from '../ruleTester';

/** A two-layer model whose layers are named `first` and `second` (as written, quotes included). */
const namedLayersProgram = (first: string, second: string, after = '') => `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', name: ${first} }),
    tf.layers.dense({ units: 1, name: ${second} }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
${after}module.exports = { model };
`;

/** An optimizer factory picked by name from a settings object, called with `argument`. */
const namedFactoryProgram = (argument: string) => `const tf = require('@tensorflow/tfjs');

const SETTINGS = { name: 'adam', learningRate: 1e-3, beta1: 0.9 };

function makeOptimizer(settings) {
  const { name, ...options } = settings;
  const factory = tf.train[name];
  return factory(${argument});
}

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: makeOptimizer(SETTINGS), loss: 'meanSquaredError' });
module.exports = { model };
`;

/** An averaged ensemble whose members take their initializer from a spec; the second's is `init`. */
const ensembleProgram = (init: string) => `import * as tf from '@tensorflow/tfjs';

const SPECS = [
  { name: 'narrow', units: 32, init: 'heNormal' },
  { name: 'wide', units: 128, init: '${init}' },
];

export function build() {
  const input = tf.input({ shape: [22] });
  const outputs = SPECS.map((spec) => tf.layers.dense({ units: spec.units, activation: 'relu', kernelInitializer: spec.init }).apply(input) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: tf.layers.average().apply(outputs) as tf.SymbolicTensor });
}
`;

/**
 * A 50-epoch fit loop that drops the rate at epoch 25 (`drop`) and decays it every epoch (`decay`),
 * through an alias typed `any`, as TypeScript code must write it (the field is protected).
 */
const rateAssignedInLoop = (factory: string, drop: string, decay: string) => `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
const optimizer = tf.train.${factory};
const settable = optimizer as any;
model.compile({ optimizer, loss: 'meanSquaredError' });

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  for (let epoch = 0; epoch < 50; epoch++) {
    await model.fit(xs, ys, { epochs: 1 });
    if (epoch === 25) ${drop};
    ${decay};
  }
}
`;

/** sgd at 0.005 whose fit raises the rate in onEpochBegin at epoch 5 (`assignment`). */
const rateAssignedInCallback = (assignment: string) => `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
const optimizer = tf.train.sgd(0.005);
model.compile({ optimizer, loss: 'meanSquaredError' });

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  await model.fit(xs, ys, {
    epochs: 40,
    callbacks: { onEpochBegin: async (epoch: number) => { if (epoch === 5) ${assignment}; } },
  });
}
`;

/** A plateau schedule: halves the rate after `patience` epochs without improvement, a counter reset when the logs improve. */
const plateauHalving = (halve: string) => `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [11], units: 1 })] });
const optimizer = tf.train.momentum(0.01, 0.9);
model.compile({ optimizer, loss: 'meanSquaredError' });

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  let best = Infinity;
  let waited = 0;
  await model.fit(xs, ys, {
    epochs: 120,
    validationSplit: 0.2,
    callbacks: {
      onEpochEnd: async (epoch: number, logs?: tf.Logs) => {
        if (logs!.val_loss < best - 1e-3) {
          best = logs!.val_loss;
          waited = 0;
          return;
        }
        waited += 1;
        if (waited >= 3) {
          ${halve};
          waited = 0;
        }
      },
    },
  });
}
`;

/** A class training its head with minimize, the variable list from a method of this, after `before` (the second argument's place). */
const headMinimizeProgram = (before: string) => `import * as tf from '@tensorflow/tfjs';

export class FieldTagger {
  constructor() {
    this.trunk = tf.variable(tf.randomNormal([64, 32], 0, 0.17));
    this.head = tf.variable(tf.randomNormal([32, 5], 0, 0.17));
    this.optimizer = tf.train.adam(1e-3);
  }

  headWeights() {
    return [this.head];
  }

  step(xs, ys) {
    const logits = () => tf.matMul(tf.relu(tf.matMul(xs, this.trunk)), this.head);
    return this.optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, logits()), ${before}this.headWeights());
  }
}
`;

/** A DQN agent whose method returns a helper's weight list (`weightsOf(this.online)`), after `before` (the second argument's place). */
const helperListProgram = (before: string) => `import * as tf from '@tensorflow/tfjs';

const weightsOf = (model) => model.trainableWeights.map((w) => w.read());

export class Agent {
  constructor() {
    this.online = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 32, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
    this.optimizer = tf.train.adam(1e-3);
  }

  trainableVars() {
    return weightsOf(this.online);
  }

  step(xs, ys) {
    return this.optimizer.minimize(() => tf.losses.meanSquaredError(ys, this.online.apply(xs)), ${before}this.trainableVars());
  }
}
`;

/** A core-API head whose variable list comes from a method of an instance (`head.variablesOf(groups)`), gathered in a local `out` that another method also names. */
const instanceListProgram = (before: string) => `import * as tf from '@tensorflow/tfjs';

class Head {
  constructor() {
    this.w = tf.variable(tf.randomNormal([16, 4], 0, 0.25));
  }

  variablesOf(groups) {
    const out = [];
    for (const g of groups) out.push(this[g]);
    return out;
  }

  forward(x) {
    const out = tf.matMul(x, this.w);
    return out;
  }
}

export function step(optimizer, x, y) {
  const head = new Head();
  const trainable = head.variablesOf(['w']);
  return optimizer.minimize(() => tf.losses.meanSquaredError(y, head.forward(x)), ${before}trainable);
}
`;

/** The same trap with the list picked from two helper methods by a flag (`cond ? this.headParams() : this.allParams()`), after `before`. */
/** A minimize whose list is picked by a flag, bound to `params` first or (`atCall`) written at the call. */
const pickedParamsProgram = (before: string, atCall = false) => `import * as tf from '@tensorflow/tfjs';

export class ArticleRouter {
  constructor(freezeEncoder) {
    this.freezeEncoder = freezeEncoder;
    this.encoder = tf.variable(tf.randomNormal([64, 32], 0, 0.17));
    this.head = tf.variable(tf.randomNormal([32, 5], 0, 0.17));
    this.optimizer = tf.train.adam(1e-3);
  }

  headParams() {
    return [this.head];
  }

  allParams() {
    return [this.encoder, this.head];
  }

  step(xs, ys) {
${atCall ? '' : '    const params = this.freezeEncoder ? this.headParams() : this.allParams();\n'}    const logits = () => tf.matMul(tf.relu(tf.matMul(xs, this.encoder)), this.head);
    return this.optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, logits()), ${before}${atCall ? 'this.freezeEncoder ? this.headParams() : this.allParams()' : 'params'});
  }
}
`;

/** A conv2d, then a depthwise convolution (`kind`) with the kernel `options`, in a classifier. */
const depthwiseProgram = (options: string, kind = 'separableConv2d') => `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [64, 64, 3], filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: 'heNormal' }),
    tf.layers.${kind}({ ${kind === 'separableConv2d' ? 'filters: 64, ' : ''}kernelSize: 3, activation: 'relu', ${options} }),
    tf.layers.globalAveragePooling2d({}),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;

/** A script-tag custom layer whose constructor makes a dense with the activation of its defaults, `activation`. */
const mixerBlockProgram = (activation: string) => `const MIXER_DEFAULTS = { channelActivation: '${activation}', hidden: 64 };
/* global tf */
class MixerBlock extends tf.layers.Layer {
  constructor(config) {
    super(config);
    this.opts = Object.assign({}, MIXER_DEFAULTS, config.mixer || {});
    this.channelMlp = tf.layers.dense({ units: config.channels, activation: this.opts.channelActivation });
  }
  call(inputs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.add(x, /** @type {import('@tensorflow/tfjs').Tensor} */ (this.channelMlp.apply(x)));
  }
}

function buildNet() {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [50, 3] }));
  model.add(new MixerBlock({ channels: 3 }));
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.dense({ units: 6, activation: 'softmax' }));
  return model;
}
buildNet().summary();
`;

export const tfjsApiTrapCases: RuleCases = {
  rule: 'tfjs-api-trap',
  valid: [
    { name: 'separableConv2d with depthwiseInitializer, and kernelInitializer undefined (tfjs tests != null)', code: depthwiseProgram("depthwiseInitializer: 'heNormal', kernelInitializer: undefined") },
    { name: 'depthwiseConv2d with depthwiseInitializer and depthwiseRegularizer', code: depthwiseProgram("depthwiseInitializer: 'heNormal', depthwiseRegularizer: tf.regularizers.l2()", 'depthwiseConv2d') },
  {
    name: 'minimize with a returnCost flag from a method of this that returns no list',
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

export class Regressor {
  constructor() {
    this.w = tf.variable(tf.randomNormal([4, 1], 0, 0.5));
    this.optimizer = tf.train.sgd(0.01);
    this.steps = 0;
  }

  wantCost() {
    return this.steps % 10 === 0;
  }

  step(x, y) {
    this.steps++;
    return this.optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.matMul(x, this.w)), this.wantCost());
  }
}
`,
  },
  {
    name: 'layer names tfjs accepts: a letter or digit first, then letters, digits, -, ., _ and /',
    code: namedLayersProgram("'encoder/dense-1.a'", "'2nd_head'"),
  },
  {
    name: 'adam reads its learningRate field at every step: assigning it (a drop at epoch 25, a decay) works',
    code: rateAssignedInLoop('adam(0.001)', 'settable.learningRate = 0.0001', 'settable.learningRate *= 0.99'),
  },
  {
    name: 'initializer and activation strings from member specs, all of them tfjs spellings',
    fileName: 'ensemble.ts',
    code: `import * as tf from '@tensorflow/tfjs';

const SPECS = [
  { name: 'narrow', units: 32, init: 'heNormal', act: 'relu' },
  { name: 'wide', units: 128, init: 'HeUniform', act: 'elu' },
];

export function build() {
  const input = tf.input({ shape: [22] });
  const outputs = SPECS.map((spec) => tf.layers.dense({ units: spec.units, activation: spec.act, kernelInitializer: spec.init }).apply(input) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: tf.layers.average().apply(outputs) as tf.SymbolicTensor });
}
`,
  },
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
  {
    name: "class-name spellings and tfjs strings resolve",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'ReLU', kernelInitializer: 'HeNormal', kernelRegularizer: 'L1L2', kernelConstraint: 'maxNorm' }),
    tf.layers.dense({ units: 3, activation: 'logSoftmax', biasInitializer: 'Zeros' }),
  ],
});
model.compile({ optimizer: 'RMSProp', loss: 'categoricalCrossentropy', metrics: ['acc', 'mse', tf.metrics.recall] });
`,
  },
  {
    name: "a Keras topology's snake_case strings, which modelFromJSON camel-cases ('he_uniform' is 'heUniform')",
    code: `import * as tf from '@tensorflow/tfjs';

const TOPOLOGY = {
  class_name: 'Sequential',
  config: {
    layers: [
      { class_name: 'Dense', config: { units: 32, activation: 'relu', kernel_initializer: 'he_uniform', batch_input_shape: [null, 12] } },
      { class_name: 'Dense', config: { units: 1, activation: 'sigmoid', kernel_initializer: 'glorot_uniform' } },
    ],
  },
};

export async function build() {
  const model = await tf.models.modelFromJSON(TOPOLOGY);
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}
`,
  },
  {
    name: 'layer configs passed through a variable',
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

const dropoutConfig = { rate: 0.3 };
export function build(activationConfig) {
  return tf.sequential({
    layers: [tf.layers.dense({ inputShape: [8], units: 16 }), tf.layers.activation(activationConfig), tf.layers.dropout(dropoutConfig), tf.layers.dense({ units: 1 })],
  });
}
`,
  },
  {
    name: "global pooling with a config, 1d without",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3 }),
    tf.layers.globalAveragePooling2d({}),
    tf.layers.dense({ units: 1 }),
  ],
});
export const sequence = tf.sequential({
  layers: [tf.layers.conv1d({ inputShape: [8, 1], filters: 4, kernelSize: 3 }), tf.layers.globalMaxPooling1d(), tf.layers.dense({ units: 1 })],
});
`,
  },
  {
    name: 'minimize with a returnCost flag that is no list',
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.randomNormal([4, 1], 0, 0.5));
const optimizer = tf.train.sgd(0.01);
const history = [];
const wantCost = history.map((entry) => entry.loss).length > 0;

export function step(x, y) {
  return optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.matMul(x, w)), wantCost);
}
`,
  },
  {
    name: 'minimize with a returnCost flag from a helper that returns no list',
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

const w = tf.variable(tf.randomNormal([4, 1], 0, 0.5));
const optimizer = tf.train.sgd(0.01);
const wantCost = (step) => step % 10 === 0;

export function step(x, y, i) {
  return optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.matMul(x, w)), wantCost(i));
}
`,
  },
  {
    name: 'minimize of another library',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');
const fmin = require('fmin');

const solution = fmin.minimize((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, [0, 0]);
const tensor = tf.tensor(solution.x);
module.exports = { tensor };
`,
  },
  {
    name: "a helper's parameter that holds a config object, or a size not known statically, is no positional value",
    code: `import * as tf from '@tensorflow/tfjs';

const leaky = (config = { alpha: 0.2 }) => tf.layers.leakyReLU(config);

export function build(dropoutConfig: { rate: number }) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [20], units: 64 }));
  model.add(leaky());
  model.add(tf.layers.dropout(dropoutConfig));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
  },
  {
    name: "a destructured settings object's learning rate passed positionally to a factory picked by name",
    fileName: 'optimizer.js',
    code: namedFactoryProgram('options.learningRate'),
  },
  {
    name: 'a helper that assigns learningRate only where the optimizer has no setLearningRate (typeof checked): never on sgd',
    code: rateAssignedInCallback(
      "(typeof optimizer.setLearningRate === 'function' ? optimizer.setLearningRate(0.05) : ((optimizer as any).learningRate = 0.05))",
    ),
  },
  {
    name: "dilationRate 2 in a model only used for inference (tfjs runs a dilated convolution forward)",
    code: `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv1d({ inputShape: [128, 1], filters: 8, kernelSize: 3, dilationRate: 2, padding: 'same' }));
model.add(tf.layers.globalAveragePooling1d({}));
export const score = (x: tf.Tensor) => model.predict(x);
`,
  },
  {
    name: "a compile-like call of another library (no loss, an optimizer tfjs does not know): not tfjs's compile",
    fileName: "train.js",
    code: `const tf = require('@tensorflow/tfjs');
const brain = require('./brain');

const net = brain.create();
net.compile({ optimizer: 'nesterov', lr: 0.3 });
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
module.exports = { model, net };
`,
  },
  ],
  invalid: [
  {
    name: "'leakyRelu' on a layer added in an arrow function's expression body: no leakyReLU layer can be inserted after it as a statement, so no fix",
    code: `import * as tf from '@tensorflow/tfjs';

const WIDTHS = [64, 32];

export function build(): tf.Sequential {
  const model = tf.sequential();
  WIDTHS.forEach((units, i) =>
    model.add(tf.layers.dense({ units, activation: 'leakyRelu', ...(i === 0 ? { inputShape: [20] } : {}) })),
  );
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
`,
    errors: [
      {
        message: "dense_1: 'leakyRelu' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3) (tfjs throws when the layer is constructed).",
        line: 8, column: 52, endLine: 8, endColumn: 63,
        text: "'leakyRelu'",
      },
    ],
  },
  {
    name: "a standard layer a custom layer wraps, made in its constructor with 'silu' from the defaults: in no model, tfjs still throws constructing it; the fix edits the default",
    fileName: 'mixer.js',
    code: mixerBlockProgram('silu'),
    errors: [
      {
        message: "tf.layers.dense: 'silu' is not a tfjs activation string; 'swish' is the same function (tfjs throws when the layer is constructed).",
        line: 7, column: 77, endLine: 7, endColumn: 104,
        text: 'this.opts.channelActivation',
      },
    ],
    output: mixerBlockProgram('swish'),
  },
  {
    name: "the same wrapped layer with 'leakyRelu': reported, with no fix (the leakyReLU layer has no model to go into)",
    fileName: 'mixer.js',
    code: mixerBlockProgram('leakyRelu'),
    errors: [
      {
        message: "tf.layers.dense: 'leakyRelu' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3) (tfjs throws when the layer is constructed).",
        line: 7, column: 77, endLine: 7, endColumn: 104,
        text: 'this.opts.channelActivation',
      },
    ],
  },
  {
    name: 'minimize with the variables of a method of this second: the head weights are returnCost, and every variable trains',
    fileName: 'model.js',
    code: headMinimizeProgram(''),
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: this.headWeights() is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, this.headWeights()).",
        line: 16, column: 87, endLine: 16, endColumn: 105,
        text: 'this.headWeights()',
      },
    ],
    output: headMinimizeProgram('true, '),
  },
  {
    name: "minimize with a method of this second that returns a helper's weight list: the list is returnCost",
    fileName: 'agent.js',
    code: helperListProgram(''),
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: this.trainableVars() is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, this.trainableVars()).",
        line: 16, column: 97, endLine: 16, endColumn: 117,
        text: 'this.trainableVars()',
      },
    ],
    output: helperListProgram('true, '),
  },
  {
    name: "minimize with a list from a method of an instance of the file's class, second: the list is returnCost",
    fileName: 'head.js',
    code: instanceListProgram(''),
    errors: [
      {
        message: 'The second parameter of optimizer.minimize is returnCost, not the variable list: trainable is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, trainable).',
        line: 23, column: 83, endLine: 23, endColumn: 92,
        text: 'trainable',
      },
    ],
    output: instanceListProgram('true, '),
  },
  {
    name: 'minimize with a list picked from two methods of this by a flag, second: either list is returnCost, and every variable trains',
    fileName: 'model.js',
    code: pickedParamsProgram(''),
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: params is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, params).",
        line: 22, column: 87, endLine: 22, endColumn: 93,
        text: 'params',
      },
    ],
    output: pickedParamsProgram('true, '),
  },
  {
    name: 'minimize with a list picked by a flag at the call, second: either list is returnCost',
    fileName: 'model.js',
    code: pickedParamsProgram('', true),
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: this.freezeEncoder ? this.headParams() : this.allParams() is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, this.freezeEncoder ? this.headParams() : this.allParams()).",
        line: 21, column: 87, endLine: 21, endColumn: 144,
        text: 'this.freezeEncoder ? this.headParams() : this.allParams()',
      },
    ],
    output: pickedParamsProgram('true, ', true),
  },
  {
    name: 'separableConv2d with kernelInitializer: tfjs throws when the layer is created; the fix writes depthwiseInitializer, which initializes both kernels',
    code: depthwiseProgram("kernelInitializer: 'heNormal'"),
    errors: [
      {
        message: "separableConv2d_1: tf.layers.separableConv2d throws \"Fields kernelInitializer, kernelRegularizer and kernelConstraint are invalid for SeparableConv2D\" when it is created with kernelInitializer. Use depthwiseInitializer (tfjs initializes the pointwise kernel with it too).",
        line: 6, column: 81, endLine: 6, endColumn: 110,
        text: "kernelInitializer: 'heNormal'",
      },
    ],
    output: depthwiseProgram("depthwiseInitializer: 'heNormal'"),
  },
  {
    name: 'separableConv2d with kernelRegularizer: tfjs throws; the fix regularizes both kernels',
    code: depthwiseProgram('kernelRegularizer: tf.regularizers.l2({ l2: 1e-4 })'),
    errors: [
      {
        message: "separableConv2d_1: tf.layers.separableConv2d throws \"Fields kernelInitializer, kernelRegularizer and kernelConstraint are invalid for SeparableConv2D\" when it is created with kernelRegularizer. Use depthwiseRegularizer and pointwiseRegularizer.",
        line: 6, column: 81, endLine: 6, endColumn: 132,
        text: 'kernelRegularizer: tf.regularizers.l2({ l2: 1e-4 })',
      },
    ],
    output: depthwiseProgram('depthwiseRegularizer: tf.regularizers.l2({ l2: 1e-4 }), pointwiseRegularizer: tf.regularizers.l2({ l2: 1e-4 })'),
  },
  {
    name: 'depthwiseConv2d with kernelInitializer: silently ignored, the kernel keeps glorotNormal',
    code: depthwiseProgram("kernelInitializer: 'heNormal'", 'depthwiseConv2d'),
    errors: [
      {
        message: 'depthwiseConv2d_1: tf.layers.depthwiseConv2d ignores kernelInitializer: its kernel keeps the default glorotNormal. Use depthwiseInitializer.',
        line: 6, column: 68, endLine: 6, endColumn: 97,
        text: "kernelInitializer: 'heNormal'",
      },
    ],
    output: depthwiseProgram("depthwiseInitializer: 'heNormal'", 'depthwiseConv2d'),
  },
  {
    name: 'separableConv2d with pointwiseInitializer: a hint, tfjs initializes the pointwise kernel with depthwiseInitializer',
    code: depthwiseProgram("depthwiseInitializer: 'heNormal', pointwiseInitializer: 'glorotUniform'"),
    errors: [
      {
        message: "separableConv2d_1: tfjs 4.22's separableConv2d initializes its pointwise kernel with depthwiseInitializer, never pointwiseInitializer: the pointwise kernel gets 'heNormal', like the depthwise one, and the written pointwiseInitializer is ignored.",
        line: 6, column: 115, endLine: 6, endColumn: 152,
        text: "pointwiseInitializer: 'glorotUniform'",
        severity: 'hint',
      },
    ],
  },
  {
    name: 'separableConv2d with pointwiseInitializer alone: both kernels get the default glorotUniform',
    code: depthwiseProgram("pointwiseInitializer: 'heUniform'"),
    errors: [
      {
        message: "separableConv2d_1: tfjs 4.22's separableConv2d initializes its pointwise kernel with depthwiseInitializer, never pointwiseInitializer: the pointwise kernel gets the default glorotUniform, like the depthwise one, and the written pointwiseInitializer is ignored.",
        line: 6, column: 81, endLine: 6, endColumn: 114,
        text: "pointwiseInitializer: 'heUniform'",
        severity: 'hint',
      },
    ],
  },
  {
    name: 'layer names with a space and an accented letter: tfjs throws when the layer joins the model; the fix renames them',
    code: namedLayersProgram("'hidden layer'", "'saída'"),
    errors: [
      { message: `Layer name 'hidden layer' is not a tensor name tfjs accepts (a letter or digit, then letters, digits, '-', '.', '_' or '/'): tfjs names the layer's weights and outputs after it and throws "Not a valid tensor name" when the layer joins a model.`, line: 5, column: 77, endLine: 5, endColumn: 91, text: "'hidden layer'" },
      { message: `Layer name 'saída' is not a tensor name tfjs accepts (a letter or digit, then letters, digits, '-', '.', '_' or '/'): tfjs names the layer's weights and outputs after it and throws "Not a valid tensor name" when the layer joins a model.`, line: 6, column: 39, endLine: 6, endColumn: 46, text: "'saída'" },
    ],
    output: namedLayersProgram("'hidden_layer'", "'saida'"),
  },
  {
    name: 'a layer name read again by getLayer: reported, but no single rename is known to be right',
    code: namedLayersProgram("'_trunk'", "'out'", "console.log(model.getLayer('_trunk').name);\n"),
    errors: [
      { message: `Layer name '_trunk' is not a tensor name tfjs accepts (a letter or digit, then letters, digits, '-', '.', '_' or '/'): tfjs names the layer's weights and outputs after it and throws "Not a valid tensor name" when the layer joins a model.`, line: 5, column: 77, endLine: 5, endColumn: 85, text: "'_trunk'" },
    ],
  },
  {
    name: "a regularizer string tfjs does not resolve, reaching the layer through a presets object: reported where tfjs takes it, fixed where it is written",
    code: `import * as tf from '@tensorflow/tfjs';

const REGULARIZERS = { dense: 'l1l2', sparse: 'l1' };

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [64], units: 32, activation: 'relu', kernelRegularizer: REGULARIZERS.dense }),
    tf.layers.dense({ units: 1, activation: 'sigmoid', kernelRegularizer: REGULARIZERS.sparse }),
  ],
});
`,
    errors: [
      { message: "dense_2 kernelRegularizer (REGULARIZERS.sparse): 'l1' is not a tfjs regularizer string; did you mean tf.regularizers.l1()? (tfjs throws \"Unknown regularizer: l1\" when the layer is constructed).", line: 8, column: 75, endLine: 8, endColumn: 94, text: "REGULARIZERS.sparse" },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const REGULARIZERS = { dense: 'l1l2', sparse: tf.regularizers.l1() };

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [64], units: 32, activation: 'relu', kernelRegularizer: REGULARIZERS.dense }),
    tf.layers.dense({ units: 1, activation: 'sigmoid', kernelRegularizer: REGULARIZERS.sparse }),
  ],
});
`,
  },
  {
    name: "an sgd rate assigned in a fit callback (onEpochBegin) changes nothing: the hook runs as tfjs runs it",
    code: rateAssignedInCallback('(optimizer as any).learningRate = 0.05'),
    errors: [
      { message: "tfjs's sgd optimizer keeps its learning rate in a tensor that only setLearningRate() updates: assigning learningRate changes nothing, and every step still uses the rate it was created with, 0.005.", line: 10, column: 76, endLine: 10, endColumn: 114, text: "(optimizer as any).learningRate = 0.05" },
    ],
    output: rateAssignedInCallback('(optimizer as any).setLearningRate(0.05)'),
  },
  {
    name: 'a momentum rate halved on a plateau: the patience counter, reset when the logs improve, counts epochs no run knows, so the halving may run',
    code: plateauHalving('(optimizer as any).learningRate = (optimizer as any).learningRate * 0.5'),
    errors: [
      { message: "tfjs's momentum optimizer keeps its learning rate in a tensor that only setLearningRate() updates: assigning learningRate changes nothing, and every step still uses the rate it was created with, 0.01.", line: 22, column: 11, endLine: 22, endColumn: 82, text: '(optimizer as any).learningRate = (optimizer as any).learningRate * 0.5' },
    ],
    output: plateauHalving('(optimizer as any).setLearningRate((optimizer as any).learningRate * 0.5)'),
  },
  {
    name: "sgd keeps its rate in a tensor only setLearningRate() updates: a drop at epoch 25 (past the loop's idle stop) and a decay written as assignments change nothing",
    code: rateAssignedInLoop('sgd(0.1)', 'settable.learningRate = 0.01', 'settable.learningRate *= 0.99'),
    errors: [
      { message: "tfjs's sgd optimizer keeps its learning rate in a tensor that only setLearningRate() updates: assigning learningRate changes nothing, and every step still uses the rate it was created with, 0.1.", line: 11, column: 23, endLine: 11, endColumn: 51, text: 'settable.learningRate = 0.01' },
      { message: "tfjs's sgd optimizer keeps its learning rate in a tensor that only setLearningRate() updates: assigning learningRate changes nothing, and every step still uses the rate it was created with, 0.1.", line: 12, column: 5, endLine: 12, endColumn: 34, text: 'settable.learningRate *= 0.99' },
    ],
    output: rateAssignedInLoop('sgd(0.1)', 'settable.setLearningRate(0.01)', 'settable.setLearningRate(settable.learningRate * 0.99)'),
  },
  {
    name: 'an initializer string written once in a member spec and passed through it: the finding where the layer takes it, the fix at the literal',
    fileName: 'ensemble.ts',
    code: ensembleProgram('he_uniform'),
    errors: [
      {
        message: "dense_2 kernelInitializer (spec.init): 'he_uniform' is not a tfjs initializer string; did you mean 'heUniform'? (tfjs throws \"Unknown initializer: he_uniform\" when the layer is constructed).",
        line: 10, column: 115, endLine: 10, endColumn: 124,
        text: 'spec.init',
      },
    ],
    output: ensembleProgram('heUniform'),
  },
  {
    name: 'an activation string from a config, written twice in the file: no single literal to edit, so no automatic fix',
    fileName: 'config.js',
    code: `import * as tf from '@tensorflow/tfjs';

const CONFIG = { hidden: 'Relu', units: 64 };
const LEGACY = { hidden: 'Relu', units: 32 };

export const model = tf.sequential({
  layers: [tf.layers.dense({ inputShape: [10], units: CONFIG.units, activation: CONFIG.hidden }), tf.layers.dense({ units: 1 })],
});
`,
    errors: [
      {
        message: "dense_1 activation (CONFIG.hidden): 'Relu' is not a tfjs activation string; did you mean 'relu'? (tfjs throws \"Unknown activation: Relu\" when the layer is constructed).",
        line: 7, column: 81, endLine: 7, endColumn: 94,
        text: 'CONFIG.hidden',
      },
    ],
  },
  {
    name: 'the rest of a destructured settings object passed to a factory picked by name: the object becomes the rate',
    fileName: 'optimizer.js',
    code: namedFactoryProgram('options'),
    errors: [
      {
        message: 'factory (tf.train.adam) takes the learning rate as a positional number; the object passed here silently becomes the learning rate and training produces NaN.',
        line: 8, column: 18, endLine: 8, endColumn: 25,
        text: 'options',
      },
    ],
    output: namedFactoryProgram('0.001'),
  },
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
        message: "dense_1: 'leakyRelu' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3) (tfjs throws when the layer is constructed).",
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
        message: "dense_1: 'leakyRelu' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3) (tfjs throws when the layer is constructed).",
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
    name: 'minimize variable list bound to another name (const netParams = params)',
    fileName: 'pinn.js',
    code: `import * as tf from '@tensorflow/tfjs';

const params = [];
for (let i = 0; i < 2; i++) params.push(tf.variable(tf.randomNormal([4, 4], 0, 0.5)));
const netParams = params;
const optimizer = tf.train.adam(0.001);

export function step(x, y) {
  return optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.matMul(tf.matMul(x, params[0]), params[1])), netParams);
}
`,
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: netParams is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, netParams).",
        line: 9, column: 113, endLine: 9, endColumn: 122,
        text: 'netParams',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const params = [];
for (let i = 0; i < 2; i++) params.push(tf.variable(tf.randomNormal([4, 4], 0, 0.5)));
const netParams = params;
const optimizer = tf.train.adam(0.001);

export function step(x, y) {
  return optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.matMul(tf.matMul(x, params[0]), params[1])), true, netParams);
}
`,
  },
  {
    name: 'minimize variable list built by an array method',
    fileName: 'vae.js',
    code: `const tf = require('@tensorflow/tfjs');

const weights = [tf.variable(tf.randomNormal([2, 8], 0, 0.5)), tf.variable(tf.zeros([8]), false)];
const optimizer = tf.train.adam(0.001);

function fineTune(z, target) {
  const decoderVariables = weights.filter((v) => v.trainable);
  optimizer.minimize(() => tf.losses.meanSquaredError(target, z.matMul(weights[0]).add(weights[1])), decoderVariables);
}
module.exports = { fineTune };
`,
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: decoderVariables is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, decoderVariables).",
        line: 8, column: 102, endLine: 8, endColumn: 118,
        text: "decoderVariables",
      },
    ],
    output: `const tf = require('@tensorflow/tfjs');

const weights = [tf.variable(tf.randomNormal([2, 8], 0, 0.5)), tf.variable(tf.zeros([8]), false)];
const optimizer = tf.train.adam(0.001);

function fineTune(z, target) {
  const decoderVariables = weights.filter((v) => v.trainable);
  optimizer.minimize(() => tf.losses.meanSquaredError(target, z.matMul(weights[0]).add(weights[1])), false, decoderVariables);
}
module.exports = { fineTune };
`,
  },
  {
    name: 'minimize variable list concatenated in the call',
    fileName: 'gan.js',
    code: `const tf = require('@tensorflow/tfjs');

const w1 = tf.variable(tf.randomNormal([4, 4], 0, 0.5));
const w2 = tf.variable(tf.randomNormal([4, 1], 0, 0.5));
const optimizer = tf.train.sgd(0.01);

function step(x, y) {
  optimizer.minimize(() => tf.losses.meanSquaredError(y, x.matMul(w1).matMul(w2)), [w1].concat([w2]));
}
module.exports = { step };
`,
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: [w1].concat([w2]) is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, [w1].concat([w2])).",
        line: 8, column: 84, endLine: 8, endColumn: 101,
        text: "[w1].concat([w2])",
      },
    ],
    output: `const tf = require('@tensorflow/tfjs');

const w1 = tf.variable(tf.randomNormal([4, 4], 0, 0.5));
const w2 = tf.variable(tf.randomNormal([4, 1], 0, 0.5));
const optimizer = tf.train.sgd(0.01);

function step(x, y) {
  optimizer.minimize(() => tf.losses.meanSquaredError(y, x.matMul(w1).matMul(w2)), false, [w1].concat([w2]));
}
module.exports = { step };
`,
  },
  {
    name: 'minimize variable list from a helper function',
    fileName: 'critic.js',
    code: `const tf = require('@tensorflow/tfjs');

const critic = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
const optimizer = tf.train.adam(0.001);
const paramsOf = (net) => net.trainableWeights.map((w) => w.read());

function step(x, y) {
  optimizer.minimize(() => tf.losses.meanSquaredError(y, critic.apply(x)), paramsOf(critic));
}
module.exports = { step };
`,
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: paramsOf(critic) is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, paramsOf(critic)).",
        line: 8, column: 76, endLine: 8, endColumn: 92,
        text: "paramsOf(critic)",
      },
    ],
    output: `const tf = require('@tensorflow/tfjs');

const critic = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
const optimizer = tf.train.adam(0.001);
const paramsOf = (net) => net.trainableWeights.map((w) => w.read());

function step(x, y) {
  optimizer.minimize(() => tf.losses.meanSquaredError(y, critic.apply(x)), false, paramsOf(critic));
}
module.exports = { step };
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
        message: "dense_1: 'silu' is not a tfjs activation string; 'swish' is the same function (tfjs throws when the layer is constructed).",
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
  {
    name: "misspelled identifier strings",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'Relu', kernelInitializer: 'he_normal' }),
    tf.layers.dense({ units: 3, activation: 'softmax', kernelConstraint: 'max_norm' }),
  ],
});
model.compile({ optimizer: 'rmsProp', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
`,
    errors: [
      {
        message: "dense_1 activation: 'Relu' is not a tfjs activation string; did you mean 'relu'? (tfjs throws \"Unknown activation: Relu\" when the layer is constructed).",
        line: 5, column: 63, endLine: 5, endColumn: 69,
        text: "'Relu'",
      },
      {
        message: "dense_1 kernelInitializer: 'he_normal' is not a tfjs initializer string; did you mean 'heNormal'? (tfjs throws \"Unknown initializer: he_normal\" when the layer is constructed).",
        line: 5, column: 90, endLine: 5, endColumn: 101,
        text: "'he_normal'",
      },
      {
        message: "dense_2 kernelConstraint: 'max_norm' is not a tfjs constraint string; did you mean 'maxNorm'? (tfjs throws \"Unknown constraint: max_norm\" when the layer is constructed).",
        line: 6, column: 74, endLine: 6, endColumn: 84,
        text: "'max_norm'",
      },
      {
        message: "compile optimizer: 'rmsProp' is not a tfjs optimizer string; did you mean 'rmsprop'? (tfjs throws \"Unknown Optimizer: rmsProp\" in model.compile).",
        line: 9, column: 28, endLine: 9, endColumn: 37,
        text: "'rmsProp'",
      },
      {
        message: "compile loss: 'categorical_crossentropy' is not a tfjs loss string; did you mean 'categoricalCrossentropy'? (tfjs throws \"Unknown loss: categorical_crossentropy\" in model.compile).",
        line: 9, column: 45, endLine: 9, endColumn: 71,
        text: "'categorical_crossentropy'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelInitializer: 'heNormal' }),
    tf.layers.dense({ units: 3, activation: 'softmax', kernelConstraint: 'maxNorm' }),
  ],
});
model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
`,
  },
  {
    name: "regularizer string that is a tfjs export, named imports",
    code: `import { layers, sequential } from '@tensorflow/tfjs';

export const model = sequential({
  layers: [layers.dense({ inputShape: [8], units: 1, kernelRegularizer: 'l2' })],
});
model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['accuracy'] });
`,
    errors: [
      {
        message: "dense_1 kernelRegularizer: 'l2' is not a tfjs regularizer string; did you mean tf.regularizers.l2()? (tfjs throws \"Unknown regularizer: l2\" when the layer is constructed).",
        line: 4, column: 73, endLine: 4, endColumn: 77,
        text: "'l2'",
      },
      {
        message: "compile loss: 'mse' is not a tfjs loss string; did you mean 'meanSquaredError'? (tfjs throws \"Unknown loss: mse\" in model.compile).",
        line: 6, column: 42, endLine: 6, endColumn: 47,
        text: "'mse'",
      },
    ],
    output: `import { layers, sequential, regularizers } from '@tensorflow/tfjs';

export const model = sequential({
  layers: [layers.dense({ inputShape: [8], units: 1, kernelRegularizer: regularizers.l2() })],
});
model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
`,
  },
  {
    name: "metric strings that are tfjs exports",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy', 'recall', 'meanSquaredError'] });
`,
    errors: [
      {
        message: "compile metric: 'recall' is not a tfjs metric string; did you mean tf.metrics.recall? (tfjs throws \"Unknown metric: recall\" in model.compile).",
        line: 4, column: 86, endLine: 4, endColumn: 94,
        text: "'recall'",
      },
      {
        message: "compile metric: 'meanSquaredError' is not a tfjs metric string; did you mean 'mse'? (tfjs throws \"Unknown metric: meanSquaredError\" in model.compile).",
        line: 4, column: 96, endLine: 4, endColumn: 114,
        text: "'meanSquaredError'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy', tf.metrics.recall, 'mse'] });
`,
  },
  {
    name: "leakyReLU spelling",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'leakyReLU' }),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
    errors: [
      {
        message: "dense_1: 'leakyReLU' is not a tfjs activation; use the tf.layers.leakyReLU({alpha}) layer (default alpha 0.3) (tfjs throws when the layer is constructed).",
        line: 5, column: 63, endLine: 5, endColumn: 74,
        text: "'leakyReLU'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16 }),
    tf.layers.leakyReLU(),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: "unknown strings without a suggestion and the constant initializer string",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'exponential', biasInitializer: 'constant' }),
    tf.layers.dense({ units: 1 }),
  ],
});
model.compile({ optimizer: 'momentum', loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "dense_1 activation: 'exponential' is not a tfjs activation string (tfjs throws \"Unknown activation: exponential\" when the layer is constructed).",
        line: 5, column: 63, endLine: 5, endColumn: 76,
        text: "'exponential'",
      },
      {
        message: "dense_1 biasInitializer: the 'constant' initializer needs a value and cannot be named by a string; write tf.initializers.constant({value: ...}) (tfjs throws \"config must have value set\" when the layer is constructed).",
        line: 5, column: 95, endLine: 5, endColumn: 105,
        text: "'constant'",
      },
      {
        message: "compile optimizer: 'momentum' is not a tfjs optimizer string (tfjs throws \"Unknown Optimizer: momentum\" in model.compile).",
        line: 9, column: 28, endLine: 9, endColumn: 38,
        text: "'momentum'",
      },
    ],
  },
  {
    name: "lr in compile",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', lr: 0.05 });
`,
    errors: [
      {
        message: "tfjs's model.compile reads only optimizer, loss and metrics: 'lr' is silently ignored, so training runs at the optimizer's learning rate 0.01.",
        line: 4, column: 61, endLine: 4, endColumn: 69,
        text: "lr: 0.05",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
`,
  },
  {
    name: "lr in the compile of a model loaded from disk (no model of the file)",
    fileName: "finetune.js",
    code: `const tf = require('@tensorflow/tfjs');

async function finetune(xs, ys) {
  const model = await tf.loadLayersModel('file://./models/base/model.json');
  model.compile({ optimizer: 'adam', lr: 1e-5, loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 5 });
}
module.exports = { finetune };
`,
    errors: [
      {
        message: "tfjs's model.compile reads only optimizer, loss and metrics: 'lr' is silently ignored, so training runs at the optimizer's learning rate 0.001.",
        line: 5, column: 38, endLine: 5, endColumn: 46,
        text: "lr: 1e-5",
      },
    ],
    output: `const tf = require('@tensorflow/tfjs');

async function finetune(xs, ys) {
  const model = await tf.loadLayersModel('file://./models/base/model.json');
  model.compile({ optimizer: tf.train.adam(1e-5), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 5 });
}
module.exports = { finetune };
`,
  },
  {
    name: "padding 'causal' (a TCN port): tfjs throws when the layer runs; the fix changes what it computes, so none is preferred",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.conv1d({ inputShape: [64, 3], filters: 16, kernelSize: 3, padding: 'causal', activation: 'relu' }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1 }));
`,
    errors: [
      {
        message: "conv1d_1: tfjs does not implement padding 'causal': the layer throws NotImplementedError the first time it runs (predict or fit). tfjs has no causal padding; pad the start of the sequence yourself and use 'valid'.",
        line: 4, column: 79, endLine: 4, endColumn: 96,
        text: "padding: 'causal'",
      },
    ],
  },
  {
    name: "dilationRate 2 in a trained model: the first training step throws",
    code: `import * as tf from '@tensorflow/tfjs';

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 8, kernelSize: 3, dilationRate: 2, activation: 'relu' }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 2 });
}
`,
    errors: [
      {
        message: 'conv2d_1: dilationRate 2 works in predict, but tfjs cannot take the gradient of a dilated convolution: the first training step throws "dilation rates greater than 1 are not yet supported". Train with dilationRate 1 (stack layers or use strides for a wider receptive field).',
        line: 5, column: 84, endLine: 5, endColumn: 99,
        text: "dilationRate: 2",
      },
    ],
  },
  {
    name: "decay in compile (no equivalent in tfjs)",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', decay: 1e-4 });
`,
    errors: [
      {
        message: "tfjs's model.compile reads only optimizer, loss and metrics: 'decay' is silently ignored, and tfjs optimizers have no learning-rate decay.",
        line: 4, column: 61, endLine: 4, endColumn: 72,
        text: "decay: 1e-4",
      },
    ],
  },
  {
    name: "clipnorm in compile",
    fileName: "model.js",
    code: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({
  optimizer: tf.train.adam(0.001),
  loss: 'meanSquaredError',
  clipnorm: 5,
});
module.exports = { model };
`,
    errors: [
      {
        message: "tfjs's model.compile reads only optimizer, loss and metrics: 'clipnorm' is silently ignored, so nothing clips the gradients (tfjs has no clipping option anywhere).",
        line: 7, column: 3, endLine: 7, endColumn: 14,
        text: "clipnorm: 5",
      },
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

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({
  optimizer: withGradientClipping(tf.train.adam(0.001), 5),
  loss: 'meanSquaredError',
});
module.exports = { model };
`,
  },
  {
    name: "glorotUniform given a number (a seed in Keras)",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform(7) }),
    tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform' }),
  ],
});
`,
    errors: [
      {
        message: "tf.initializers.glorotUniform takes a config object, not a number: tf.initializers.glorotUniform(7) ignores 7 and uses the default configuration.",
        line: 5, column: 120, endLine: 5, endColumn: 121,
        text: "7",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
    tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform' }),
  ],
});
`,
  },
  {
    name: "randomNormal given a number (ambiguous: no preferred fix)",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'tanh', kernelInitializer: 'glorotUniform' }),
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.randomNormal(1) }),
  ],
});
`,
    errors: [
      {
        message: "tf.initializers.randomNormal takes a config object, not a number: tf.initializers.randomNormal(1) ignores 1 and uses the default configuration.",
        line: 6, column: 81, endLine: 6, endColumn: 82,
        text: "1",
      },
    ],
  },
  {
    name: 'a compile loss name from a config object (a Keras port\'s mse): reported where compile takes it, fixed where it is written',
    code: `import * as tf from '@tensorflow/tfjs';

const FILE_CONFIG = { loss: 'mse', epochs: 60 };
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: 'adam', loss: FILE_CONFIG.loss });
`,
    errors: [
      {
        message: "compile loss (FILE_CONFIG.loss): 'mse' is not a tfjs loss string; did you mean 'meanSquaredError'? (tfjs throws \"Unknown loss: mse\" in model.compile).",
        line: 5, column: 42, endLine: 5, endColumn: 58,
        text: "FILE_CONFIG.loss",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const FILE_CONFIG = { loss: 'meanSquaredError', epochs: 60 };
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: 'adam', loss: FILE_CONFIG.loss });
`,
  },
  {
    name: "a compile config made by an object rest (`const { epochs, batchSize, ...compileArgs } = { ...DEFAULTS, ...SHEET }`): the sheet's 'mse' wins and is reported where it is written",
    code: `import * as tf from '@tensorflow/tfjs';

const DEFAULTS = { optimizer: 'adam', loss: 'meanSquaredError', metrics: ['mae'] };
const SHEET = { loss: 'mse', epochs: 50, batchSize: 32 };
export function build(): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [9], units: 1 })] });
  const { epochs, batchSize, ...compileArgs } = { ...DEFAULTS, ...SHEET };
  model.compile(compileArgs);
  return model;
}
`,
    errors: [
      {
        message: "compile loss: 'mse' is not a tfjs loss string; did you mean 'meanSquaredError'? (tfjs throws \"Unknown loss: mse\" in model.compile).",
        line: 4, column: 23, endLine: 4, endColumn: 28,
        text: "'mse'",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const DEFAULTS = { optimizer: 'adam', loss: 'meanSquaredError', metrics: ['mae'] };
const SHEET = { loss: 'meanSquaredError', epochs: 50, batchSize: 32 };
export function build(): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [9], units: 1 })] });
  const { epochs, batchSize, ...compileArgs } = { ...DEFAULTS, ...SHEET };
  model.compile(compileArgs);
  return model;
}
`,
  },
  {
    name: "an optimizer name from a constant: 'momentum' is no compile string (the factory is tf.train.momentum), 'RMSProp' is",
    code: `import * as tf from '@tensorflow/tfjs';

const OPTIMIZER = 'momentum';
const FALLBACK = 'RMSProp';
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: OPTIMIZER, loss: 'meanSquaredError' });
export const fallback = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
fallback.compile({ optimizer: FALLBACK, loss: 'meanSquaredError' });
`,
    errors: [
      {
        message: "compile optimizer (OPTIMIZER): 'momentum' is not a tfjs optimizer string (tfjs throws \"Unknown Optimizer: momentum\" in model.compile).",
        line: 6, column: 28, endLine: 6, endColumn: 37,
        text: 'OPTIMIZER',
      },
    ],
  },
  {
    name: "metric names from a list written elsewhere: 'recall' is no metric string (tfjs has tf.metrics.recall)",
    code: `import * as tf from '@tensorflow/tfjs';

const REPORTED_METRICS = ['accuracy', 'recall'];
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: REPORTED_METRICS });
`,
    errors: [
      {
        message: "compile metrics (REPORTED_METRICS): 'recall' is not a tfjs metric string; did you mean tf.metrics.recall? (tfjs throws \"Unknown metric: recall\" in model.compile).",
        line: 5, column: 73, endLine: 5, endColumn: 89,
        text: 'REPORTED_METRICS',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const REPORTED_METRICS = ['accuracy', tf.metrics.recall];
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: REPORTED_METRICS });
`,
  },
  {
    name: "a regularizer given Keras' positional factor (a named constant, and l1l2)",
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

const WEIGHT_DECAY = 0.001;
export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelRegularizer: tf.regularizers.l2(WEIGHT_DECAY) }),
    tf.layers.dense({ units: 1, kernelRegularizer: tf.regularizers.l1l2(0.01), biasRegularizer: tf.regularizers.l1({ l1: 0.01 }) }),
  ],
});
`,
    errors: [
      {
        message: "dense_1 kernelRegularizer: tf.regularizers.l2 takes a config object, not 0.001; tfjs throws \"Argument to L1L2 regularizer's constructor is expected to be an object, but received: 0.001\" when it is called. Pass l2({ l2: 0.001 }).",
        line: 6, column: 109, endLine: 6, endColumn: 121,
        text: "WEIGHT_DECAY",
      },
      {
        message: "dense_2 kernelRegularizer: tf.regularizers.l1l2 takes a config object, not 0.01; tfjs throws \"Argument to L1L2 regularizer's constructor is expected to be an object, but received: 0.01\" when it is called. Pass l1l2({ l1: 0.01 }).",
        line: 7, column: 73, endLine: 7, endColumn: 77,
        text: "0.01",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const WEIGHT_DECAY = 0.001;
export const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelRegularizer: tf.regularizers.l2({ l2: WEIGHT_DECAY }) }),
    tf.layers.dense({ units: 1, kernelRegularizer: tf.regularizers.l1l2({ l1: 0.01 }), biasRegularizer: tf.regularizers.l1({ l1: 0.01 }) }),
  ],
});
`,
  },
  {
    name: "global average pooling without a config",
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
    tf.layers.globalAveragePooling2d(),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
    errors: [
      {
        message: "globalAveragePooling2d_1: tf.layers.globalAveragePooling2d() without a config throws \"Cannot read properties of undefined (reading 'dataFormat')\"; pass an empty config: globalAveragePooling2d({}).",
        line: 6, column: 5, endLine: 6, endColumn: 39,
        text: "tf.layers.globalAveragePooling2d()",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
    tf.layers.globalAveragePooling2d({}),
    tf.layers.dense({ units: 1 }),
  ],
});
`,
  },
  {
    name: 'globalAveragePooling2d() without a config inside timeDistributed: reported at the inner call',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.timeDistributed({ layer: tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }), inputShape: [8, 16, 16, 3] }));
model.add(tf.layers.timeDistributed({
  layer: tf.layers.globalAveragePooling2d(),
}));
model.add(tf.layers.lstm({ units: 8 }));
`,
    errors: [
      {
        message: "globalAveragePooling2d_1: tf.layers.globalAveragePooling2d() without a config throws \"Cannot read properties of undefined (reading 'dataFormat')\"; pass an empty config: globalAveragePooling2d({}).",
        line: 6, column: 10, endLine: 6, endColumn: 44,
        text: "tf.layers.globalAveragePooling2d()",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.timeDistributed({ layer: tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }), inputShape: [8, 16, 16, 3] }));
model.add(tf.layers.timeDistributed({
  layer: tf.layers.globalAveragePooling2d({}),
}));
model.add(tf.layers.lstm({ units: 8 }));
`,
  },
  {
    name: 'dropout and activation given a value where the config belongs',
    fileName: 'model.js',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [20], units: 64 }));
model.add(tf.layers.activation('relu'));
model.add(tf.layers.dropout(0.5));
model.add(tf.layers.dense({ units: 1 }));
`,
    errors: [
      {
        message: "activation_1: tf.layers.activation takes a config object, not 'relu': the activation is lost and the layer stays linear. Pass it as activation({ activation: 'relu' }).",
        line: 5, column: 32, endLine: 5, endColumn: 38,
        text: "'relu'",
      },
      {
        message: 'dropout_1: tf.layers.dropout takes a config object, not 0.5: the rate becomes NaN and the layer drops nothing. Pass it as dropout({ rate: 0.5 }).',
        line: 6, column: 29, endLine: 6, endColumn: 32,
        text: '0.5',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [20], units: 64 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 1 }));
`,
  },
  {
    name: "a helper's parameter with a numeric default where the config belongs (a Keras port's leaky(slope = 0.2)): reported once, in the helper",
    fileName: 'gan.js',
    code: `import * as tf from '@tensorflow/tfjs';

const SLOPE = 0.2;
const leaky = (slope = SLOPE) => tf.layers.leakyReLU(slope);

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [20], units: 64 }));
model.add(leaky());
model.add(tf.layers.dense({ units: 64 }));
model.add(leaky());
model.add(tf.layers.dense({ units: 1 }));
`,
    errors: [
      {
        message: 'leakyReLU_1: tf.layers.leakyReLU takes a config object, not slope (0.2): alpha stays at its default 0.3. Pass it as leakyReLU({ alpha: slope }).',
        line: 4, column: 54, endLine: 4, endColumn: 59,
        text: 'slope',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

const SLOPE = 0.2;
const leaky = (slope = SLOPE) => tf.layers.leakyReLU({ alpha: slope });

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [20], units: 64 }));
model.add(leaky());
model.add(tf.layers.dense({ units: 64 }));
model.add(leaky());
model.add(tf.layers.dense({ units: 1 }));
`,
  },
  {
    name: 'a literal where the config belongs, behind a TypeScript cast: the cast changes the types, not the value tfjs receives',
    code: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [16], units: 32, kernelInitializer: tf.initializers.glorotUniform(7 as unknown as Parameters<typeof tf.initializers.glorotUniform>[0]) }));
model.add(tf.layers.reshape([4, 8] as unknown as Parameters<typeof tf.layers.reshape>[0]));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1 }));
`,
    errors: [
      {
        message: "tf.initializers.glorotUniform takes a config object, not a number: tf.initializers.glorotUniform(7) ignores 7 and uses the default configuration.",
        line: 4, column: 107, endLine: 4, endColumn: 108,
        text: '7',
      },
      {
        message: 'reshape_1: tf.layers.reshape takes a config object, not [4, 8]: throws when the layer is created. Pass it as reshape({ targetShape: [4, 8] }).',
        line: 5, column: 29, endLine: 5, endColumn: 35,
        text: '[4, 8]',
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [16], units: 32, kernelInitializer: tf.initializers.glorotUniform({ seed: 7 } as unknown as Parameters<typeof tf.initializers.glorotUniform>[0]) }));
model.add(tf.layers.reshape({ targetShape: [4, 8] } as unknown as Parameters<typeof tf.layers.reshape>[0]));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1 }));
`,
  },
  {
    name: 'object rate cast parameter model',
    code: `import * as tf from '@tensorflow/tfjs';

export function compileForTraining(model: tf.LayersModel): void {
  model.compile({
    optimizer: tf.train.adam({ learningRate: 0.001 } as unknown as number),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
}
`,
    errors: [
      {
        message: "tf.train.adam takes the learning rate as a positional number; the object passed here silently becomes the learning rate and training produces NaN.",
        line: 5, column: 30, endLine: 5, endColumn: 74,
        text: "{ learningRate: 0.001 } as unknown as number",
      },
    ],
    output: `import * as tf from '@tensorflow/tfjs';

export function compileForTraining(model: tf.LayersModel): void {
  model.compile({
    optimizer: tf.train.adam(0.001),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
}
`,
  },
  {
    name: 'minimize variable list agent global tf',
    fileName: 'agent.js',
    code: `// Loaded after <script src="tf.min.js">: tf is the global namespace.
class Agent {
  constructor(weights) {
    this.weights = weights;
    this.optimizer = tf.train.sgd(0.01);
  }

  learn(states, targets) {
    const vars = [this.weights.w, this.weights.b];
    this.optimizer.minimize(() => tf.losses.meanSquaredError(targets, states.matMul(this.weights.w).add(this.weights.b)), vars);
  }
}
`,
    errors: [
      {
        message: "The second parameter of optimizer.minimize is returnCost, not the variable list: vars is ignored and every trainable variable is updated. Pass it third: minimize(f, returnCost, vars).",
        line: 10, column: 123, endLine: 10, endColumn: 127,
        text: "vars",
      },
    ],
    output: `// Loaded after <script src="tf.min.js">: tf is the global namespace.
class Agent {
  constructor(weights) {
    this.weights = weights;
    this.optimizer = tf.train.sgd(0.01);
  }

  learn(states, targets) {
    const vars = [this.weights.w, this.weights.b];
    this.optimizer.minimize(() => tf.losses.meanSquaredError(targets, states.matMul(this.weights.w).add(this.weights.b)), false, vars);
  }
}
`,
  },
  {
    name: 'object rate optimizer class',
    fileName: 'model.js',
    code: `const tf = require('@tensorflow/tfjs');

const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: new tf.AdamOptimizer({ learningRate: 0.001 }), loss: 'meanSquaredError' });
module.exports = { model };
`,
    errors: [
      {
        message: "new tf.AdamOptimizer takes the learning rate as a positional number; the object passed here silently becomes the learning rate and training produces NaN.",
        line: 4, column: 49, endLine: 4, endColumn: 72,
        text: "{ learningRate: 0.001 }",
      },
    ],
  },
  ],
};
