/** Ramda's merge, path and composition helpers: which written value a setting takes, which builders run. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const DEFAULTS = "const DEFAULTS = { lr: 0.05, model: { units: 32, depth: 2 }, sizes: [64, 32] };";

/** The rate and layer widths of the model built from `CFG` after `code` (which imports Ramda). */
function built(code: string) {
  const [importLine, ...rest] = code.split('\n');
  const text = `import * as tf from '@tensorflow/tfjs';
${importLine}
${DEFAULTS}
${rest.join('\n')}
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [8], units: CFG.model.units, activation: 'relu' }));
model.compile({ optimizer: tf.train.adam(CFG.lr), loss: 'meanSquaredError' });
`;
  const model = extractFile(text, 'config.js').models[0];
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

/** The units of the layers of the model `code` (which imports Ramda) builds. */
function layerUnits(code: string): unknown[] {
  const [model] = extractFile(`import * as tf from '@tensorflow/tfjs';\n${code}\n`, 'build.js').models;
  return model?.layers.map((layer) => layer.units) ?? [];
}

describe('extraction of Ramda helpers', () => {
  const settings: [string, string, { lr: unknown; units: unknown }][] = [
    ['mergeDeepRight: the right side wins, nested objects merged', "import * as R from 'ramda';\nconst CFG = R.mergeDeepRight(DEFAULTS, { model: { units: 128 } });", { lr: 0.05, units: 128 }],
    ['mergeDeepLeft: the left side wins', "import { mergeDeepLeft } from 'ramda';\nconst CFG = mergeDeepLeft({ lr: 0.002 }, DEFAULTS);", { lr: 0.002, units: 32 }],
    ['mergeRight is shallow: a nested object replaces', "const R = require('ramda');\nconst CFG = R.mergeRight(DEFAULTS, { lr: 0.3, model: { depth: 4 } });", { lr: 0.3, units: undefined }],
    ['mergeAll: the last object wins', "import * as R from 'ramda';\nconst CFG = R.mergeAll([DEFAULTS, { lr: 0.01 }, { lr: 0.02 }]);", { lr: 0.02, units: 32 }],
    ['pathOr reads a path, its fallback where nothing is', "import * as R from 'ramda';\nconst CFG = { lr: R.pathOr(0.004, ['train', 'lr'], DEFAULTS), model: { units: R.path(['model', 'units'], DEFAULTS) } };", { lr: 0.004, units: 32 }],
    ['a right side not known may replace anything', "import * as R from 'ramda';\nconst CFG = R.mergeDeepRight(DEFAULTS, JSON.parse(process.argv[2]));", { lr: undefined, units: undefined }],
  ];
  for (const [title, code, expected] of settings) {
    it(title, () => assert.deepEqual(built(code), expected));
  }

  const builders: [string, string, unknown[]][] = [
    ['pipe runs its functions left to right on the model', "import * as R from 'ramda';\nconst add = (units) => (m) => { m.add(tf.layers.dense({ units })); return m; };\nconst build = R.pipe(add(64), add(8));\nbuild(tf.sequential());", [64, 8]],
    ['compose runs them right to left', "import { compose } from 'ramda';\nconst add = (units) => (m) => { m.add(tf.layers.dense({ units })); return m; };\ncompose(add(64), add(8))(tf.sequential());", [8, 64]],
    ['map and times, data last', "import * as R from 'ramda';\nconst widths = R.map((i) => 16 << i, R.times((i) => i, 3));\ntf.sequential({ layers: R.map((units) => tf.layers.dense({ units }), widths) });", [16, 32, 64]],
    ['forEach over a range', "import * as R from 'ramda';\nconst m = tf.sequential();\nR.forEach((units) => m.add(tf.layers.dense({ units })), R.range(3, 5));", [3, 4]],
  ];
  for (const [title, code, expected] of builders) {
    it(title, () => assert.deepEqual(layerUnits(code), expected));
  }
});
