// A small tanh autoencoder with Glorot initialization: shallow enough that tanh is fine.
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
