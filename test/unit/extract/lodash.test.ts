/** lodash's configuration helpers: which written value a setting takes. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rate and first units of a model built from `CFG`, after `code` (which imports lodash). */
function built(code: string) {
  const text = `import * as tf from '@tensorflow/tfjs';
${code}
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [8], units: CFG.model.units, activation: 'relu' }));
model.compile({ optimizer: tf.train.adam(CFG.lr), loss: 'meanSquaredError' });
`;
  const model = extractFile(text, 'config.ts').models[0];
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

const DEFAULTS = 'const DEFAULTS = { lr: 0.05, model: { units: 32, depth: 2 } };';

describe('extraction of lodash configuration helpers', () => {
  const cases: [string, string, { lr: unknown; units: unknown }][] = [
    ['defaults: the first source wins', "import _ from 'lodash';\nconst CFG = _.defaults({}, DEFAULTS, { lr: 0.001 });", { lr: 0.05, units: 32 }],
    ['defaults: a value already set stays', "import _ from 'lodash';\nconst CFG = _.defaults({ lr: 0.001 }, DEFAULTS);", { lr: 0.001, units: 32 }],
    ['defaultsDeep fills nested keys', "import { defaultsDeep } from 'lodash';\nconst CFG = defaultsDeep({ model: { depth: 4 } }, DEFAULTS);", { lr: 0.05, units: 32 }],
    ['merge: the last source wins, deeply', "import merge from 'lodash/merge';\nconst CFG = merge({}, DEFAULTS, { model: { units: 128 }, lr: 0.002 });", { lr: 0.002, units: 128 }],
    ['merge imported by its file name, as Node ES modules need it', "import merge from 'lodash/merge.js';\nconst CFG = merge({}, DEFAULTS, { lr: 0.002 });", { lr: 0.002, units: 32 }],
    ['merge: an undefined source value does not replace', "const _ = require('lodash');\nconst CFG = _.merge({}, DEFAULTS, { lr: undefined });", { lr: 0.05, units: 32 }],
    ['assign: shallow, the last source wins', "const assign = require('lodash.assign');\nconst CFG = assign({}, DEFAULTS, { lr: 0.3 });", { lr: 0.3, units: 32 }],
    ['cloneDeep copies: a later change of the copy leaves the original', "import cloneDeep from 'lodash.clonedeep';\nconst copy = cloneDeep(DEFAULTS);\ncopy.model.units = 1;\nconst CFG = DEFAULTS;", { lr: 0.05, units: 32 }],
    ["structuredClone, the platform's deep copy: a later change of the copy leaves the original", "// copied before an experiment edits it\nconst copy = structuredClone(DEFAULTS);\ncopy.model.units = 1;\nconst CFG = DEFAULTS;", { lr: 0.05, units: 32 }],
    ['structuredClone: the copy reads what the original held', "// copied\nconst CFG = structuredClone(DEFAULTS);\nCFG.lr = 0.002;", { lr: 0.002, units: 32 }],
    ['structuredClone of an object holding a function throws (DataCloneError): not known', "// a schedule in the settings\nconst CFG = structuredClone({ ...DEFAULTS, schedule: (epoch) => 0.1 / (epoch + 1) });", { lr: undefined, units: undefined }],
    ['get reads a path, with a fallback', "import { get } from 'lodash-es';\nconst CFG = { lr: get(DEFAULTS, 'model.rate', 0.004), model: { units: get(DEFAULTS, ['model', 'units']) } };", { lr: 0.004, units: 32 }],
    ['a source not known may set any key still missing', "import _ from 'lodash';\nconst CFG = _.defaults({}, JSON.parse(process.argv[2]), DEFAULTS);", { lr: undefined, units: undefined }],
    ['a source not known may replace anything in merge', "import _ from 'lodash';\nconst CFG = _.merge({}, DEFAULTS, JSON.parse(process.argv[2]));", { lr: undefined, units: undefined }],
  ];
  for (const [title, code, expected] of cases) {
    it(title, () => assert.deepEqual(built(`${code.split('\n')[0]}\n${DEFAULTS}\n${code.split('\n').slice(1).join('\n')}`), expected));
  }

  /** The units of the layers a model built with `code` (which imports lodash or underscore) has. */
  function layerUnits(code: string): unknown[] {
    const [model] = extractFile(`import * as tf from '@tensorflow/tfjs';\n${code}\n`, 'build.js').models;
    return model?.layers.map((layer) => layer.units) ?? [];
  }
  const collections: [string, string, unknown[]][] = [
    ['forEach runs its callback per item, with the index', "import _ from 'lodash';\nconst m = tf.sequential();\n_.forEach([64, 32], (units, i) => m.add(tf.layers.dense({ units: units + i })));", [64, 33]],
    ['each of underscore, the same', "const _ = require('underscore');\nconst m = tf.sequential();\n_.each([16, 8], (units) => m.add(tf.layers.dense({ units })));", [16, 8]],
    ['map collects the results, or reads a member by name', "import { map } from 'lodash';\nconst specs = [{ units: 12 }, { units: 6 }];\nconst m = tf.sequential({ layers: map(map(specs, 'units'), (units) => tf.layers.dense({ units })) });", [12, 6]],
    ['times calls its callback n times', "import _ from 'lodash';\nconst m = tf.sequential({ layers: _.times(3, (i) => tf.layers.dense({ units: 8 << i })) });", [8, 16, 32]],
    ['range counts from start to end by step', "import _ from 'lodash';\nconst m = tf.sequential({ layers: _.range(40, 10, -10).map((units) => tf.layers.dense({ units })) });", [40, 30, 20]],
  ];
  for (const [title, code, expected] of collections) {
    it(title, () => assert.deepEqual(layerUnits(code), expected));
  }

  /** The rates of the models a memoized builder makes, one of them when `call` calls it with CFG (`code` imports and memoizes `build`). */
  function memoizedRates(code: string, call: string): unknown[] {
    const text = `import * as tf from '@tensorflow/tfjs';
${code.split('\n')[0]}
const CFG = { lr: 0.05, units: 16 };
function build(cfg: typeof CFG) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [256], units: cfg.units, activation: 'relu' }));
  model.compile({ optimizer: tf.train.adam(cfg.lr), loss: 'meanSquaredError' });
  return model;
}
${code.split('\n').slice(1).join('\n')}
export function train() {
  return ${call};
}
`;
    return extractFile(text, 'model.ts').models.map((model) => model.training?.optimizer?.learningRate);
  }
  const memoizers: [string, string, string][] = [
    ['memoize with a resolver: calling the memoized builder calls the builder', "import memoize from 'lodash/memoize';\nconst getModel = memoize(build, (cfg) => JSON.stringify(cfg));", 'getModel(CFG).predict(tf.zeros([1, 256]))'],
    ['once of lodash', "import _ from 'lodash';\nconst getModel = _.once(build);", 'getModel(CFG).predict(tf.zeros([1, 256]))'],
    ['memoize-one', "import memoizeOne from 'memoize-one';\nconst getModel = memoizeOne(build);", 'getModel(CFG).predict(tf.zeros([1, 256]))'],
  ];
  for (const [title, code, call] of memoizers) {
    it(title, () => assert.ok(memoizedRates(code, call).includes(0.05)));
  }
});
