// A regressor whose author "helped" the initialization along with a large random normal.
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
