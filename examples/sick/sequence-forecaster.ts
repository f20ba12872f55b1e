// Forecasts the next value of a sensor from its last 120 readings with a recurrent net.
// Gradient Doctor: recurrent net trained with a high learning rate and no gradient clipping.
import * as tf from '@tensorflow/tfjs';

const WINDOW = 120;
const learningRate = 0.5;

export async function trainForecaster(xs: tf.Tensor3D, ys: tf.Tensor2D): Promise<tf.LayersModel> {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ inputShape: [WINDOW, 1], units: 64 }));
  model.add(tf.layers.dense({ units: 1 }));

  const optimizer = tf.train.adam(learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 20, batchSize: 32 });
  return model;
}
