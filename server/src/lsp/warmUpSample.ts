/**
 * A built-in tfjs file for the server's warm-up (warmUp.ts): the model styles the engine meets
 * most (a `layers` array, `model.add` in a loop, the functional API, optimizers built apart,
 * training calls), so that warming up on it exercises the parser, extraction, the flow and the
 * rules on the paths a user's file takes. Nothing in it is reported to anyone.
 */
export const WARM_UP_SAMPLE = `import * as tf from '@tensorflow/tfjs';

const HIDDEN = 64;
const DEPTH = 6;

export function buildClassifier(features: number): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [features], units: HIDDEN, activation: 'relu', kernelInitializer: 'heNormal' }),
      tf.layers.batchNormalization(),
      tf.layers.dropout({ rate: 0.2 }),
      tf.layers.dense({ units: HIDDEN, activation: 'sigmoid' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export function buildDeepNet(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [32], units: HIDDEN, activation: 'tanh' }));
  for (let i = 0; i < DEPTH; i++) {
    model.add(tf.layers.dense({ units: HIDDEN, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.5 }) }));
  }
  model.add(tf.layers.dense({ units: 1 }));
  const optimizer = tf.train.sgd(0.05);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

export function buildFunctional(): tf.LayersModel {
  const input = tf.input({ shape: [16] });
  let x = tf.layers.dense({ units: 32, activation: 'elu' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: 32, activation: 'elu', kernelInitializer: 'glorotUniform' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  model.compile({ optimizer: 'rmsprop', loss: 'categoricalCrossentropy' });
  return model;
}

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = buildDeepNet();
  await model.fit(xs, ys, { epochs: 20, batchSize: 32, validationSplit: 0.1 });
}
`;
