/** nconf's layered stores: the first store added that has a key gives it. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rate and units of a model built from nconf after `setup`. */
function built(setup: string, importLine = "import nconf from 'nconf';") {
  const text = `import * as tf from '@tensorflow/tfjs';
${importLine}
${setup}
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: nconf.get('model:units') })] });
model.compile({ optimizer: tf.train.adam(nconf.get('train:lr')), loss: 'meanSquaredError' });
`;
  const [model] = extractFile(text, 'train.js').models;
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

const DEFAULTS = '.defaults({ train: { lr: 0.05 }, model: { units: 32 } })';

describe('extraction of nconf configurations', () => {
  const cases: [string, string, string | undefined, { lr: unknown; units: unknown }][] = [
    ['argv and env hold nothing on a plain run: the defaults give the values', `nconf.argv().env()${DEFAULTS};`, undefined, { lr: 0.05, units: 32 }],
    ['through require', `nconf.argv()${DEFAULTS};`, "const nconf = require('nconf');", { lr: 0.05, units: 32 }],
    ['overrides added first win over the defaults', `nconf.overrides({ train: { lr: 0.001 } }).argv()${DEFAULTS};`, undefined, { lr: 0.001, units: 32 }],
    ['set wins over every store', `nconf.argv()${DEFAULTS};\nnconf.set('model:units', 64);`, undefined, { lr: 0.05, units: 64 }],
    ['a file added before the defaults may hold any key: unknown', `nconf.argv().env().file({ file: 'config.json' })${DEFAULTS};`, undefined, { lr: undefined, units: undefined }],
  ];
  for (const [title, setup, importLine, expected] of cases) {
    it(title, () => assert.deepEqual(built(setup, importLine), expected));
  }
});
