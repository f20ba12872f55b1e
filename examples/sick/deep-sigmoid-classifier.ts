// A tabular classifier written the 1990s way: eight sigmoid layers.
// Gradient Doctor: the first layers barely learn (vanishing gradients).
import * as tf from '@tensorflow/tfjs';

const FEATURES = 128;
const HIDDEN = 128;
const DEPTH = 8;

export function buildClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [FEATURES], units: HIDDEN, activation: 'sigmoid', kernelInitializer: 'glorotUniform' }));
  for (let i = 1; i < DEPTH; i++) {
    model.add(tf.layers.dense({ units: HIDDEN, activation: 'sigmoid', kernelInitializer: 'glorotUniform' }));
  }
  model.add(tf.layers.dense({ units: 10, kernelInitializer: 'glorotUniform' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
