/**
 * Random tfjs-like programs for fuzzing: every layer factory, config values from the sensible to
 * the absurd (huge, NaN, Infinity, negative, fractional units; misspelt activations), loops up to
 * 10,000 iterations, the three model APIs, optimizers with odd learning rates, training calls and
 * clipping, plus deeply nested expressions, unicode and very long lines.
 */
import fc from 'fast-check';

const FACTORIES = [
  'dense', 'conv1d', 'conv2d', 'simpleRNN', 'lstm', 'gru', 'embedding', 'batchNormalization',
  'layerNormalization', 'dropout', 'activation', 'leakyReLU', 'elu', 'reLU', 'softmax', 'flatten',
  'reshape', 'maxPooling2d', 'bidirectional', 'timeDistributed', 'add', 'concatenate', 'myCustomLayer',
];
const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear', 'elu', 'selu', 'softmax', 'leakyRelu', 'swish', 'mish', 'Sigmoid', ''];
const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'leCunNormal', 'zeros', 'ones', 'orthogonal', 'bogus'];
const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'adamax', 'rmsprop', 'adagrad', 'adadelta', 'nope'];

/** Numbers as they can be written: ordinary, huge, tiny, negative, not-a-number. */
const numberText = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 4096 }).map(String) },
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '-1', '-128', '0', '0.5', '1e308', '1e-308', '9007199254740993', '2**53', '-0', '0x10', '1_000'),
  fc.double().map((value) => String(value)),
  fc.constantFrom('HIDDEN', 'undefined', 'null', "'64'", 'units', 'Math.max(2, 8)', 'n * 2'),
);

const quoted = (arbitrary: fc.Arbitrary<string>): fc.Arbitrary<string> => arbitrary.map((value) => `'${value}'`);

const initializerText = fc.oneof(
  quoted(fc.constantFrom(...INITIALIZERS)),
  fc
    .tuple(fc.constantFrom('randomNormal', 'randomUniform', 'truncatedNormal', 'varianceScaling', 'constant'), numberText, numberText)
    .map(([name, a, b]) => `tf.initializers.${name}({ stddev: ${a}, scale: ${b}, mode: 'fanIn', minval: -${a}, maxval: ${b}, value: ${a} })`),
);

const configProperty = fc.oneof(
  numberText.map((n) => `units: ${n}`),
  numberText.map((n) => `filters: ${n}`),
  numberText.map((n) => `kernelSize: [${n}, ${n}]`),
  quoted(fc.constantFrom(...ACTIVATIONS)).map((a) => `activation: ${a}`),
  quoted(fc.constantFrom(...ACTIVATIONS)).map((a) => `recurrentActivation: ${a}`),
  initializerText.map((i) => `kernelInitializer: ${i}`),
  initializerText.map((i) => `recurrentInitializer: ${i}`),
  numberText.map((n) => `inputShape: [${n}, ${n}]`),
  numberText.map((n) => `batchInputShape: [null, ${n}]`),
  numberText.map((n) => `rate: ${n}`),
  numberText.map((n) => `alpha: ${n}`),
  numberText.map((n) => `inputDim: ${n}`),
  fc.boolean().map((b) => `returnSequences: ${b}`),
  fc.boolean().map((b) => `useBias: ${b}`),
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => `name: ${JSON.stringify(s)}`),
  fc.constant('...shared'),
);

const layerCall = fc
  .tuple(fc.constantFrom(...FACTORIES), fc.array(configProperty, { maxLength: 6 }), fc.boolean())
  .map(([factory, props, withConfig]) => `tf.layers.${factory}(${withConfig ? `{ ${props.join(', ')} }` : ''})`);

const optimizerText = fc.oneof(
  quoted(fc.constantFrom(...OPTIMIZERS)),
  fc.tuple(fc.constantFrom(...OPTIMIZERS), numberText).map(([name, lr]) => `tf.train.${name}(${lr})`),
  fc.constant('someOptimizer'),
);

const trainingCode = fc
  .tuple(optimizerText, fc.constantFrom('', 'await model.fit(xs, ys, { epochs: 5 });', 'model.fitDataset(ds, {});'), fc.boolean())
  .map(
    ([optimizer, fit, clip]) =>
      `  const optimizer = ${optimizer};\n  model.compile({ optimizer, loss: 'meanSquaredError' });\n  ${fit}\n` +
      (clip ? '  const grads = tf.variableGrads(() => loss());\n  tf.clipByValue(grads.value, -1, 1);\n' : ''),
  );

const sequentialArray = fc
  .tuple(fc.array(layerCall, { minLength: 0, maxLength: 8 }), trainingCode)
  .map(([layers, training]) => `export function build() {\n  const model = tf.sequential({ layers: [\n    ${layers.join(',\n    ')}\n  ] });\n${training}  return model;\n}\n`);

const loopCount = fc.oneof(fc.integer({ min: 0, max: 50 }).map(String), fc.constantFrom('10000', '1e9', 'NaN', '-5', 'DEPTH', 'Infinity'));

const sequentialLoop = fc
  .tuple(layerCall, layerCall, loopCount, trainingCode)
  .map(
    ([first, repeated, count, training]) =>
      `const DEPTH = ${count};\nfunction build() {\n  const model = tf.sequential();\n  model.add(${first});\n` +
      `  for (let i = 0; i < ${count}; i++) {\n    model.add(${repeated});\n  }\n${training}  return model;\n}\n`,
  );

const functional = fc
  .tuple(fc.array(layerCall, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([layers, residual]) => {
    const lines = ['const input = tf.input({ shape: [32] });', 'let x = input;'];
    layers.forEach((layer, i) => lines.push(`const h${i} = ${layer}.apply(x);`, `x = h${i};`));
    if (residual) lines.push('x = tf.layers.add().apply([x, input]);');
    lines.push('const model = tf.model({ inputs: input, outputs: x });', "model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });");
    return `${lines.join('\n')}\n`;
  });

const coreApi = numberText.map(
  (lr) =>
    `const w = tf.variable(tf.randomNormal([784, 10], 0, ${lr}));\nfunction predict(x) { return tf.sigmoid(tf.matMul(x, w)); }\n` +
    `const opt = tf.train.sgd(${lr});\nopt.minimize(() => tf.losses.meanSquaredError(ys, predict(xs)));\n`,
);

/** Code that stresses the parser and walkers rather than the model logic. */
const stress = fc.oneof(
  fc.integer({ min: 1, max: 3000 }).map((depth) => `const deep = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`),
  fc.integer({ min: 1, max: 20000 }).map((count) => `const sum = ${'a + '.repeat(count)}1;\n`),
  fc.integer({ min: 1, max: 2000 }).map((depth) => `const nested = ${'{ a: '.repeat(depth)}1${' }'.repeat(depth)};\n`),
  fc.integer({ min: 1, max: 500 }).map((depth) => `const fn = ${'() => '.repeat(depth)}tf.layers.dense({ units: 1 });\n`),
  fc.integer({ min: 1000, max: 200000 }).map((length) => `const long = '${'x'.repeat(length)}';\n`),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => `// ${s}\nconst ${'名前'} = ${JSON.stringify(s)};\n`),
  fc.string({ unit: 'binary', maxLength: 100 }),
);

const importLine = fc.constantFrom(
  "import * as tf from '@tensorflow/tfjs';",
  "import * as tf from '@tensorflow/tfjs-node';",
  "const tf = require('@tensorflow/tfjs');",
  "import { layers, sequential, train } from '@tensorflow/tfjs';\nconst tf = { layers, sequential, train };",
  "import tf from '@tensorflow/tfjs';",
  '// mentions @tensorflow/tfjs but never imports it',
);

/** A whole program: an import, then models and stress code in any order. */
export const tfjsProgram: fc.Arbitrary<string> = fc
  .tuple(importLine, fc.array(fc.oneof({ weight: 3, arbitrary: sequentialArray }, { weight: 3, arbitrary: sequentialLoop }, { weight: 2, arbitrary: functional }, coreApi, stress), { minLength: 1, maxLength: 4 }))
  .map(([header, parts]) => `${header}\n\n${parts.join('\n')}`);
