/** convict configurations: a run without flags or environment reads the schema's defaults. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const SCHEMA = `const config = convict({
  train: {
    lr: { doc: 'adam step', format: Number, default: 0.05, env: 'LR', arg: 'lr' },
    epochs: { format: 'nat', default: 10 },
  },
  units: { format: 'nat', default: 32 },
});`;

/** The rate and units of a model built from `config` after `code`. */
function built(code: string, importLine = "import convict from 'convict';") {
  const text = `import * as tf from '@tensorflow/tfjs';
${importLine}
${SCHEMA}
${code}
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: config.get('units') })] });
model.compile({ optimizer: tf.train.adam(config.get('train.lr')), loss: 'meanSquaredError' });
`;
  const [model] = extractFile(text, 'train.ts').models;
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

describe('extraction of convict configurations', () => {
  const cases: [string, string, string | undefined, { lr: unknown; units: unknown }][] = [
    ["get reads a leaf's default by its dotted path", "config.validate({ allowed: 'strict' });", undefined, { lr: 0.05, units: 32 }],
    ['through require', '', "const convict = require('convict');", { lr: 0.05, units: 32 }],
    ['set writes', "config.set('train.lr', 0.001);", undefined, { lr: 0.001, units: 32 }],
    ['load merges an object in, chained', "config.load({ units: 64 }).validate();", undefined, { lr: 0.05, units: 64 }],
    ['loadFile reads a file not read here: every value is unknown', "config.loadFile('./config/' + process.env.NODE_ENV + '.json');", undefined, { lr: undefined, units: undefined }],
  ];
  for (const [title, code, importLine, expected] of cases) {
    it(title, () => assert.deepEqual(built(code, importLine), expected));
  }
});
