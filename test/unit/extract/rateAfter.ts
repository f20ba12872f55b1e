/** The probe of the settings tests: the rate a model trained with `tf.train.adam(RATE)` gets. */
import { extractFile } from '../../../server/src/engine/extract';

/** The adam rate of a CommonJS script's model, after `code` defines RATE. */
export function adamRateAfter(code: string): unknown {
  const text = `const tf = require('@tensorflow/tfjs');
${code}
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.adam(RATE), loss: 'meanSquaredError' });
`;
  return extractFile(text, 'train.js').models[0]?.training?.optimizer?.learningRate;
}
