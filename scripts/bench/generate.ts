/**
 * Generated benchmark inputs: TypeScript files holding many tfjs models in the styles real code
 * uses (a `layers: [...]` array, `model.add` in a loop, the functional API, custom optimizers), so
 * the benchmark measures the engine on the code it is built for, at any size.
 */

/** One model of roughly 12-16 lines; `seed` varies activations, depths and optimizers. */
function modelSource(seed: number): string {
  const activations = ['relu', 'sigmoid', 'tanh', 'elu', 'selu'];
  const activation = activations[seed % activations.length];
  const units = 16 << (seed % 4);
  switch (seed % 3) {
    case 0:
      return [
        `export function buildArrayModel${seed}(): tf.Sequential {`,
        `  const model = tf.sequential({`,
        `    layers: [`,
        `      tf.layers.dense({ inputShape: [${units}], units: ${units}, activation: '${activation}' }),`,
        `      tf.layers.dense({ units: ${units}, activation: '${activation}', kernelInitializer: 'glorotUniform' }),`,
        `      tf.layers.batchNormalization(),`,
        `      tf.layers.dropout({ rate: 0.1 }),`,
        `      tf.layers.dense({ units: ${units}, activation: '${activation}' }),`,
        `      tf.layers.dense({ units: 1 }),`,
        `    ],`,
        `  });`,
        `  model.compile({ optimizer: tf.train.sgd(0.0${(seed % 9) + 1}), loss: 'meanSquaredError' });`,
        `  return model;`,
        `}`,
      ].join('\n');
    case 1:
      return [
        `export function buildLoopModel${seed}(): tf.Sequential {`,
        `  const model = tf.sequential();`,
        `  model.add(tf.layers.dense({ inputShape: [${units}], units: ${units}, activation: '${activation}' }));`,
        `  for (let i = 0; i < ${3 + (seed % 12)}; i++) {`,
        `    model.add(tf.layers.dense({ units: ${units}, activation: '${activation}', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.${(seed % 9) + 1} }) }));`,
        `  }`,
        `  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));`,
        `  const optimizer = tf.train.adam(0.00${(seed % 9) + 1});`,
        `  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });`,
        `  return model;`,
        `}`,
      ].join('\n');
    default:
      return [
        `export function buildFunctionalModel${seed}(): tf.LayersModel {`,
        `  const input = tf.input({ shape: [${units}] });`,
        `  const hidden = tf.layers.dense({ units: ${units}, activation: '${activation}' }).apply(input) as tf.SymbolicTensor;`,
        `  const deeper = tf.layers.dense({ units: ${units}, activation: '${activation}' }).apply(hidden) as tf.SymbolicTensor;`,
        `  const joined = tf.layers.add().apply([hidden, deeper]) as tf.SymbolicTensor;`,
        `  const output = tf.layers.dense({ units: 1 }).apply(joined) as tf.SymbolicTensor;`,
        `  const model = tf.model({ inputs: input, outputs: output });`,
        `  model.compile({ optimizer: tf.train.rmsprop(0.00${(seed % 9) + 1}), loss: 'meanSquaredError' });`,
        `  return model;`,
        `}`,
      ].join('\n');
  }
}

/** Ordinary application code between models, so files are not models only. */
function helperSource(seed: number): string {
  return [
    `export function normalize${seed}(values: number[]): number[] {`,
    `  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;`,
    `  return values.map((v) => (v - mean) / ${seed + 1});`,
    `}`,
  ].join('\n');
}

/** A tfjs file of about `lines` lines: an import, then models alternating with helper code. */
export function generateModelFile(lines: number, firstSeed = 0): string {
  const parts = [`import * as tf from '@tensorflow/tfjs';`, ''];
  let count = 2;
  for (let seed = firstSeed; count < lines; seed++) {
    const chunk = `${modelSource(seed)}\n\n${helperSource(seed)}\n`;
    parts.push(chunk);
    count += chunk.split('\n').length;
  }
  return parts.join('\n');
}

/** A file of the same size that never mentions tfjs (the pre-check must skip it). */
export function generatePlainFile(lines: number): string {
  const parts = [`import { readFileSync } from 'fs';`, ''];
  let count = 2;
  for (let seed = 0; count < lines; seed++) {
    parts.push(helperSource(seed), '');
    count += 5;
  }
  return parts.join('\n');
}

export function lineCount(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}
