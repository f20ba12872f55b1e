// A deep ReLU network initialized the way He et al. (2015) recommend.
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
