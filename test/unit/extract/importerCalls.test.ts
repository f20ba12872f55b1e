/**
 * Call sites in other workspace files (DESIGN 3a): when models.ts is analysed with the texts of
 * the files that import it, their calls of its factories count as same-file calls do: literals
 * pick branches, different arguments give one variant per call, labelled with file and line.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { extractFile } from '../../../server/src/engine/extract';
import type { FileIR } from '../../../server/src/engine/ir';
import { variantName } from '../../../server/src/engine/ir';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';

const MODELS_FILE = '/ws/src/models.ts';
const MODELS = `import * as tf from '@tensorflow/tfjs';
export function buildModel(kind: string, units: number) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 200 }));
  if (kind === 'lstm') model.add(tf.layers.lstm({ units }));
  else if (kind === 'simpleRNN') model.add(tf.layers.simpleRNN({ units }));
  else throw new Error('unknown kind');
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return model;
}
`;

/** Each model as "name (label): kind/units ...". */
function variantsOf(file: FileIR): string[] {
  return file.models.map((model) => `${variantName(model)}: ${model.layers.map((layer) => `${layer.kind}${typeof layer.units === 'number' ? `/${layer.units}` : ''}`).join(' ')}`);
}

function extractWith(...importers: [string, string][]): FileIR {
  return extractFile(MODELS, MODELS_FILE, { importers: importers.map(([fileName, text]) => ({ fileName, text })) });
}

describe('variants: call sites in files that import the factory', () => {
  it("a literal in train.ts picks the branch: one lstm model, named after the call, where the file alone has two variants", () => {
    const train = `import { buildModel } from './models';\nexport const model = buildModel('lstm', 64);\n`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train])), ["buildModel (as called at train.ts:2 (buildModel('lstm', 64))): embedding/32 lstm/64 dense/1"]);
    assert.equal(extractFile(MODELS, MODELS_FILE).models.length, 2, 'without importers the condition is not known');
  });

  it('calls with different literals in two files give one variant per call, each naming its file and line', () => {
    const train = `import { buildModel } from './models';\nconst UNITS = 64;\nconst a = buildModel('lstm', UNITS);\n`;
    const evaluate = `import * as models from '../src/models';\n\nconst b = models.buildModel('simpleRNN', 32);\n`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train], ['/ws/scripts/evaluate.ts', evaluate])), [
      "buildModel (as called at train.ts:3 (buildModel('lstm', UNITS))): embedding/32 lstm/64 dense/1",
      "buildModel (as called at ../scripts/evaluate.ts:3 (models.buildModel('simpleRNN', 32))): embedding/32 simpleRNN/32 dense/1",
    ]);
  });

  it("a finding of one call's variant starts with that call site", () => {
    const train = `import { buildModel } from './models';\nconst a = buildModel('lstm', 64);\nconst b = buildModel('simpleRNN', 64);\n`;
    const result = analyze(MODELS, MODELS_FILE, DEFAULT_SETTINGS, { cache: null, importers: [{ fileName: '/ws/src/train.ts', text: train }] });
    const longRnn = result.findings.filter((finding) => finding.rule === 'long-simple-rnn');
    assert.deepEqual(longRnn.map((finding) => finding.message.slice(0, 70)), ["As called at train.ts:3 (buildModel('simpleRNN', 64)): simpleRNN_1 is "]);
    // The span is in models.ts: the finding is about the factory's layer.
    assert.equal(MODELS.slice(longRnn[0].span.start - 'tf.layers.'.length, longRnn[0].span.end), 'tf.layers.simpleRNN');
  });

  it('a require and a renamed default-style import count too', () => {
    const required = `const { buildModel: make } = require('./models');\nmake('lstm', 16);\n`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.js', required])), ["buildModel (as called at train.js:2 (make('lstm', 16))): embedding/32 lstm/16 dense/1"]);
  });

  it("the importer's own requires are read, as its imports are: a JSON config picks the branch", () => {
    const train = `const { buildModel } = require('./models');\nconst config = require('./config.json');\nbuildModel(config.cell, config.units);\n`;
    const readFile = (fileName: string) => (fileName === '/ws/src/config.json' ? '{ "cell": "lstm", "units": 48 }' : undefined);
    const file = extractFile(MODELS, MODELS_FILE, { readFile, importers: [{ fileName: '/ws/src/train.js', text: train }] });
    assert.deepEqual(variantsOf(file), ["buildModel (as called at train.js:3 (buildModel(config.cell, config.units))): embedding/32 lstm/48 dense/1"]);
  });

  it("a function another workspace file exports, called by the importer, runs with its arguments: its merged settings pick the branch", () => {
    const settings = `const BASE = { units: 32 };\nconst PRESETS = { fast: { cell: 'simpleRNN' }, accurate: { cell: 'lstm', units: 96 } };\nexport function preset(name = 'accurate') {\n  return { ...BASE, ...PRESETS[name] };\n}\n`;
    const readFile = (fileName: string) => (fileName === '/ws/src/settings.ts' ? settings : undefined);
    const train = (call: string) => `import { buildModel } from './models';\nimport { preset } from './settings';\nasync function run(cfg) {\n  const chosen = ${call};\n  return buildModel(chosen.cell, chosen.units);\n}\nfunction describe(cfg) {\n  return cfg.cell;\n}\nrun();\n`;
    const variants = (call: string) => variantsOf(extractFile(MODELS, MODELS_FILE, { readFile, importers: [{ fileName: '/ws/src/train.ts', text: train(call) }] }));
    assert.deepEqual(variants('preset()'), ['buildModel (as called at train.ts:5 (buildModel(chosen.cell, chosen.units))): embedding/32 lstm/96 dense/1']);
    assert.deepEqual(variants("preset('fast')"), ['buildModel (as called at train.ts:5 (buildModel(chosen.cell, chosen.units))): embedding/32 simpleRNN/32 dense/1']);
    // Handed to another workspace file's function that only reads it (a log line), the config stays known; one that changes it makes it unknown.
    const logged = (describe: string) => {
      const files = (fileName: string) => (fileName === '/ws/src/settings.ts' ? `${settings}export function describe(cfg) {\n  ${describe}\n}\n` : undefined);
      const text = `import { buildModel } from './models';\nimport { preset, describe } from './settings';\nconst chosen = preset('fast');\nconsole.log(describe(chosen));\nbuildModel(chosen.cell, chosen.units);\n`;
      return variantsOf(extractFile(MODELS, MODELS_FILE, { readFile: files, importers: [{ fileName: '/ws/src/train.ts', text }] }));
    };
    assert.deepEqual(logged("return Object.entries(cfg).map(([k, v]) => `${k}=${v}`).join(' ');"), ['buildModel (as called at train.ts:5 (buildModel(chosen.cell, chosen.units))): embedding/32 simpleRNN/32 dense/1']);
    // A reading method on a member (a preset's filter sizes joined for the log) changes nothing; one handed a function may change the items.
    assert.equal(logged("return `${cfg.cell}: ${[cfg.units].join('/')} ${cfg.layers.join('/')}`;").length, 1);
    assert.equal(logged("return cfg.layers.map(mutateLayer).join('/');").length, 2);
    assert.equal(logged("cfg.cell = 'lstm';\n  return '';").length, 2);
    assert.equal(logged("tweak(cfg);\n  return '';").length, 2);
    assert.equal(logged('return cfg;').length, 2, 'returned, the config may be changed by whoever receives it');
    // CommonJS alike: `const { preset } = require('./settings')` binds the function as the import does.
    const required = `const { buildModel } = require('./models');\nconst { preset } = require('./settings');\nconst chosen = preset('fast');\nbuildModel(chosen.cell, chosen.units);\n`;
    const file = extractFile(MODELS, MODELS_FILE, { readFile, importers: [{ fileName: '/ws/src/train.js', text: required }] });
    assert.deepEqual(variantsOf(file), ['buildModel (as called at train.js:4 (buildModel(chosen.cell, chosen.units))): embedding/32 simpleRNN/32 dense/1']);
  });

  it("a fluent builder's chain and the methods called on what it returns run as the analysed file's code, in order; a prediction builds nothing", () => {
    const builderFile = '/ws/src/net-builder.ts';
    const builder = `import * as tf from '@tensorflow/tfjs';
export class NetBuilder {
  constructor(options = {}) {
    this.options = { inputDim: 8, learningRate: 1e-3, ...options };
    this.specs = [];
  }
  static wide(overrides = {}) {
    return new NetBuilder({ learningRate: 0.05, ...overrides }).dense(256).activation('relu');
  }
  dense(units) {
    this.specs.push({ units, activation: 'linear' });
    return this;
  }
  activation(name) {
    this.specs[this.specs.length - 1].activation = name;
    return this;
  }
  build() {
    const model = tf.sequential();
    this.specs.forEach((spec, i) => model.add(tf.layers.dense({ units: spec.units, activation: spec.activation, ...(i === 0 ? { inputShape: [this.options.inputDim] } : {}) })));
    model.compile({ optimizer: tf.train.adam(this.options.learningRate), loss: 'categoricalCrossentropy' });
    return model;
  }
}
`;
    const train = `import { NetBuilder } from '../src/net-builder';
async function main() {
  const builder = NetBuilder.wide({ inputDim: 300 }).dense(5).activation('softmax');
  const model = builder.build();
  await model.fit(xs, ys);
  const probs = model.predict(xs);
}
main();
`;
    const file = extractFile(builder, builderFile, { importers: [{ fileName: '/ws/examples/train.ts', text: train }] });
    assert.deepEqual(
      file.models.map((model) => `${variantName(model)}: ${model.layers.map((layer) => `${layer.units}/${layer.activation}`).join(' ')} @${model.training?.optimizer?.learningRate}`),
      ['build (as called at ../examples/train.ts:4 (builder.build())): 256/relu 5/softmax @0.05'],
    );
    // A step of the chain written as a statement of its own may come after the build: the builder is not known there.
    const later = train.replace('  const model = builder.build();', "  builder.dense(3);\n  const model = builder.build();");
    const laterModels = extractFile(builder, builderFile, { importers: [{ fileName: '/ws/examples/train.ts', text: later }] }).models;
    assert.ok(laterModels.every((model) => !variantName(model).includes('builder.build()')), variantsOf({ ...file, models: laterModels }).join('\n'));
    // A chain counts once against the importer-call budget: a sweep over six specs, seven links each, runs all six.
    const sweep = `import { NetBuilder } from '../src/net-builder';
const SPECS = [8, 16, 24, 32, 40, 48].map((units) => ({ units }));
for (const spec of SPECS) new NetBuilder().dense(spec.units).activation('relu').dense(4).activation('softmax').dense(2).build();
`;
    const swept = extractFile(builder, builderFile, { importers: [{ fileName: '/ws/examples/sweep.ts', text: sweep }] });
    assert.deepEqual(swept.models.map((model) => model.layers[0].units), [8, 16, 24, 32, 40, 48]);
    assert.equal(swept.notes, undefined, "no call left out");
  });

  it("a member of a config passed to another call leaves the config's other members known: the call may change config.classes, not config.cell", () => {
    const train = `import { buildModel } from './models';\nimport { loadRows } from './data';\nconst config = { cell: 'lstm', units: 24, classes: ['a', 'b'] };\nloadRows('rows.csv', config.classes, [10, config.units]);\nbuildModel(config.cell, config.units);\n`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train])), ["buildModel (as called at train.ts:5 (buildModel(config.cell, config.units))): embedding/32 lstm/24 dense/1"]);
    const passedWhole = train.replace("loadRows('rows.csv', config.classes, [10, config.units]);", "loadRows('rows.csv', config);");
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', passedWhole])).length, 2, 'the config itself passed to a call may change in any member');
  });

  it("an object literal spreading a known config (`{ ...SETTINGS, epochs: fromEnv() }`) passes the config's members; a spread of something not known leaves the argument unknown", () => {
    const train = (spread: string) => `import { buildModel } from './models';\nimport { fromEnv } from './env';\nconst SETTINGS = { cell: 'lstm', units: 24 };\nconst opts = { ${spread}, epochs: fromEnv() };\nbuildModel(opts.cell, opts.units);\n`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train('...SETTINGS')])), ['buildModel (as called at train.ts:5 (buildModel(opts.cell, opts.units))): embedding/32 lstm/24 dense/1']);
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', train('...fromEnv()')])).length, 2, 'a spread of a call not run');
  });

  it("a React component's state (`const [options] = useState({ ... })`, listed as an effect's dependency) passes its initial value; a setter's later values are not seen, as in the component's own analysis", () => {
    const panel = (state: string) => `import React, { useEffect, useState } from 'react';
import { buildModel } from './models';
export function Panel() {
  const [options, setOptions] = ${state};
  useEffect(() => {
    const model = buildModel(options.cell, options.units);
  }, [options]);
  return null;
}
`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/Panel.tsx', panel("useState({ cell: 'lstm', units: 24 })")])), ['buildModel (as called at Panel.tsx:6 (buildModel(options.cell, options.units))): embedding/32 lstm/24 dense/1']);
    assert.equal(variantsOf(extractWith(['/ws/src/Panel.tsx', panel("useState(() => loadOptions())")])).length, 2, 'a lazy initializer that calls other code is not run');
  });

  it("a call in an importer's function that nothing calls or exports (named only in `void legacyDemo;`) is no call site; one the importer calls is", () => {
    const train = (use: string) => `import { buildModel } from './models';\nfunction legacyDemo() {\n  return buildModel('simpleRNN', 8);\n}\n${use}\nbuildModel('lstm', 8);\n`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train('void legacyDemo;')])), ["buildModel (as called at train.ts:6 (buildModel('lstm', 8))): embedding/32 lstm/8 dense/1"]);
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', train('legacyDemo();')])).length, 2);
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', train('export { legacyDemo };')])).length, 2);
  });

  it("a member the importer assigns (`cfg.epochs = Number(env.EPOCHS) || cfg.epochs`) is not known; the config's other members are", () => {
    const train = (assignment: string) => `import { buildModel } from './models';\nconst cfg = { cell: 'lstm', units: 24, epochs: 5 };\n${assignment}\nbuildModel(cfg.cell, cfg.units);\n`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train('cfg.epochs = Number(process.env.EPOCHS) || cfg.epochs;')])), ['buildModel (as called at train.ts:4 (buildModel(cfg.cell, cfg.units))): embedding/32 lstm/24 dense/1']);
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', train('cfg.cell = process.argv[2];')])).length, 2, 'the assigned member itself');
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', train("cfg.extra = 1;\nconst units = cfg.extra ?? 'none';")])).length, 1);
  });

  it("a nested member passed to a call (`{ latent: config.model.latent }`) leaves the rest of that member known: a number is a copy; an object passed so may change", () => {
    const train = (passed: string) => `import { buildModel } from './models';
import { remember } from './cache';
const config = { model: { cell: 'lstm', units: 24, layout: { width: 3 } } };
buildModel(config.model.cell, config.model.units);
remember('last', { ${passed} });
`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train('units: config.model.units')])), ["buildModel (as called at train.ts:4 (buildModel(config.model.cell, config....)): embedding/32 lstm/24 dense/1"]);
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train('layout: config.model.layout')])), ["buildModel (as called at train.ts:4 (buildModel(config.model.cell, config....)): embedding/32 lstm/24 dense/1"]);
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', train('model: config.model')])).length, 2, 'the member itself passed may change in any of its members');
  });

  it('a config stored in a results list (`runs.push({ cfg })`) stays known: storing changes nothing; a list whose elements some code changes, or handed to other code, leaves it unknown', () => {
    const train = `import { buildModel } from './models';\nimport { report } from './report';\nconst runs = [];\nconst config = { cell: 'lstm', units: 24 };\nbuildModel(config.cell, config.units);\nruns.push({ config, loss: 0.1 });\nconsole.log(runs.length);\n`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train])), ["buildModel (as called at train.ts:5 (buildModel(config.cell, config.units))): embedding/32 lstm/24 dense/1"]);
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', `${train}runs[0].config.cell = process.argv[2];\n`])).length, 2, 'an element changed through the list');
    assert.equal(variantsOf(extractWith(['/ws/src/train.ts', `${train}report(runs);\n`])).length, 2, 'the list handed to code that may change its elements');
  });

  it('an argument that is not certain stays unknown: a local that hides a constant, a config some code changes, a call', () => {
    const train = `import { buildModel } from './models';
const kind = 'lstm';
const config = { kind: 'lstm' };
config.kind = process.argv[2];
export function run(kind: string) {
  return buildModel(kind, 8);
}
buildModel(config.kind, 8);
buildModel(pickKind(), 8);
`;
    const variants = variantsOf(extractWith(['/ws/src/train.ts', train]));
    // Each call leaves the condition open: both branches are variants, none is guessed as lstm.
    assert.ok(variants.some((variant) => variant.includes('simpleRNN')), variants.join('\n'));
    assert.ok(variants.some((variant) => variant.includes('lstm')), variants.join('\n'));
  });

  it("the importer's own training is not this file's: a compile in train.ts adds no training to models.ts", () => {
    const train = `import * as tf from '@tensorflow/tfjs';\nimport { buildModel } from './models';\nconst model = buildModel('lstm', 64);\nmodel.compile({ optimizer: tf.train.sgd(20), loss: 'binaryCrossentropy' });\n`;
    const file = extractWith(['/ws/src/train.ts', train]);
    assert.equal(file.models.length, 1);
    assert.equal(file.models[0].training, undefined);
  });

  it('files that do not import it, the file itself and broken importers add nothing and do not crash', () => {
    const other = `import { buildModel } from './other';\nbuildModel('lstm', 64);\n`;
    const deep = `import { buildModel } from './models';\nbuildModel(${'['.repeat(5000)}`;
    const hostile = `import { buildModel } from './models';\nbuildModel('lstm', ${'1+'.repeat(3000)}1, ...rest);\nbuildModel(\`\${'x'}\`, \u0000);\n`;
    const file = extractWith(['/ws/src/other-user.ts', other], [MODELS_FILE, `import { buildModel } from './models';\nbuildModel('lstm', 1);\n`], ['/ws/src/deep.ts', deep], ['/ws/src/hostile.ts', hostile]);
    assert.equal(file.models.length, 2, variantsOf(file).join('\n'));
  });

  it("a callback written in place (an Express route) reads its own constants, whatever the file's other handlers declare under the same names", () => {
    const server = `import express from 'express';
import { buildModel } from './models';
const app = express();
app.post('/train', (req, res) => {
  const kind = 'lstm';
  res.json(buildModel(kind, 64).summary());
});
app.post('/baseline', (req, res) => {
  const kind = 'simpleRNN';
  res.json(buildModel(kind, 8).countParams());
});
`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/server.ts', server])), [
      'buildModel (as called at server.ts:6 (buildModel(kind, 64))): embedding/32 lstm/64 dense/1',
      'buildModel (as called at server.ts:10 (buildModel(kind, 8))): embedding/32 simpleRNN/8 dense/1',
    ]);
    // A parameter of the callback (what the request sends) is not known: both branches remain for that call.
    assert.equal(extractWith(['/ws/src/server.ts', server.replace("const kind = 'lstm';", 'const kind = req.body.kind;')]).models.length, 3);
  });

  it('a class the importer takes from a table the analysed file exports (`const Tower = TOWERS[kind]; new Tower(cfg).build()`) is constructed there, with its own fields', () => {
    const towers = `import * as tf from '@tensorflow/tfjs';
export class Tower {
  protected initStd = 0.02;
  constructor(protected readonly cfg: { features: number }) {}
  build() {
    return tf.sequential({ layers: [tf.layers.dense({ inputShape: [this.cfg.features], units: 64, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: this.initStd }) })] });
  }
}
export class WideTower extends Tower {
  protected initStd = 0.3;
}
export const TOWERS = { base: Tower, wide: WideTower };
`;
    const train = (construct: string) => `import { TOWERS } from './towers';
const KIND = 'wide';
async function main() {
  ${construct}
  await model.fit(xs, ys);
}
main();
`;
    const scales = (importer: string) =>
      analyze(towers, '/ws/src/towers.ts', DEFAULT_SETTINGS, { cache: null, importers: [{ fileName: '/ws/src/train.ts', text: importer }] })
        .findings.filter((finding) => finding.rule === 'large-init-scale')
        .map((finding) => `${finding.severity} ${finding.message.slice(0, 60)}`);
    assert.deepEqual(scales(train('const Tower = TOWERS[KIND];\n  const model = new Tower({ features: 256 }).build();')), ['warning As called at train.ts:5 (new Tower({ features: 256 }).build(']);
    assert.equal(scales(train('const model = new TOWERS[KIND]({ features: 256 }).build();')).filter((line) => line.startsWith('warning')).length, 1, 'constructed in place');
  });

  it("a call in the constructor of the importer's own class, constructed once, reads the members the constructor set before it and that construction's arguments", () => {
    const train = (between: string, main = "const trainer = new Trainer('edge');") => `import { buildModel } from './models';
const PRESETS = { edge: { kind: 'simpleRNN', units: 8 }, cloud: { kind: 'lstm', units: 64 } };
class Trainer {
  steps = 2;
  constructor(name) {
    this.preset = PRESETS[name];
    this.units = this.preset.units * this.steps;
    ${between}
    this.model = buildModel(this.preset.kind, this.units);
  }
}
async function main() {
  ${main}
}
main();
`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train('')])), ['buildModel (as called at train.ts:9 (buildModel(this.preset.kind, this.units))): embedding/32 simpleRNN/16 dense/1']);
    // A method of it may set any member; a member set in a branch may be either value; constructed twice, the arguments are not one construction's.
    assert.equal(extractWith(['/ws/src/train.ts', train('this.configure();')]).models.length, 2);
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train("if (process.env.WIDE) this.units = 128;")])).map((line) => line.split(': ')[1]), ['embedding/32 simpleRNN dense/1'], 'units unknown');
    assert.equal(extractWith(['/ws/src/train.ts', train('', "const a = new Trainer('edge');\n  const b = new Trainer('cloud');")]).models.length, 2);
  });

  it("a config member handed to the importer's own helper that only passes its members to tfjs stays known; tf.util.shuffle works in place", () => {
    const train = (use: string) => `import * as tf from '@tensorflow/tfjs';
import { buildModel } from './models';
const CFG = { model: { kind: 'lstm', units: 64, classes: 3, order: [2, 0, 1] } };
function labelsOf(ids, m) {
  ${use}
}
async function main() {
  const ys = labelsOf([0, 1, 2], CFG.model);
  await buildModel(CFG.model.kind, CFG.model.units).fit(xs, ys);
}
main();
`;
    assert.deepEqual(variantsOf(extractWith(['/ws/src/train.ts', train('return tf.oneHot(tf.tensor1d(ids, \'int32\'), m.classes);')])), ["buildModel (as called at train.ts:9 (buildModel(CFG.model.kind, CFG.model....)): embedding/32 lstm/64 dense/1"]);
    assert.equal(extractWith(['/ws/src/train.ts', train('tf.util.shuffle(m.order);\n  return ids;')]).models.length, 2, 'the helper may change the member it shuffles');
  });

  it('an importer being edited (it does not parse) adds nothing: its calls say nothing yet', () => {
    const editing = `import { buildModel } from './models';\nbuildModel('lstm', 64);\nconst next = ;\n`;
    assert.equal(extractWith(['/ws/src/editing.ts', editing]).models.length, 2);
    assert.equal(extractWith(['/ws/src/editing.ts', editing.replace('const next = ;', 'const next = 1;')]).models.length, 1);
  });
});

describe('models that flow from an importer into the analysed file (call results as arguments)', () => {
  const TOPICS_FILE = '/ws/src/topics.ts';
  const TOPICS = `import * as tf from '@tensorflow/tfjs';
export function topicModel(vocab: number, topics: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 128, activation: 'relu', inputShape: [vocab] }));
  model.add(tf.layers.dense({ units: topics, activation: 'softmax' }));
  return model;
}
export async function trainTopics(model: tf.Sequential, batches: Array<[tf.Tensor2D, tf.Tensor2D]>) {
  const optimizer = tf.train.adam(0.001);
  for (const [xs, ys] of batches) {
    optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs) as tf.Tensor2D) as tf.Scalar);
  }
}
`;
  const mismatches = (main: string) =>
    analyze(TOPICS, TOPICS_FILE, DEFAULT_SETTINGS, { cache: null, importers: [{ fileName: '/ws/src/main.ts', text: main }] })
      .findings.filter((finding) => finding.rule === 'output-loss-mismatch')
      .map((finding) => finding.message.slice(0, 52));

  it('uncalled in its file, trainTopics has no model: no finding (which model reaches it is not known)', () => {
    assert.deepEqual(mismatches(''), []);
  });

  it("main.ts builds the model with topicModel and trains it with trainTopics: the softmax output meets the logits loss", () => {
    const main = `import { topicModel, trainTopics } from './topics';\nimport { loadBatches } from './data';\nconst model = topicModel(5000, 20);\nawait trainTopics(model, loadBatches());\nawait model.save('file://./topics');\n`;
    assert.deepEqual(mismatches(main), ['As called at main.ts:3 (topicModel(5000, 20)): tf.lo']);
    const nested = `import { topicModel, trainTopics } from './topics';\nawait trainTopics(topicModel(5000, 20), []);\n`;
    assert.equal(mismatches(nested.replace('[]', 'batches')).length, 1, 'a call as the argument');
  });

  it('inside an async main(): a local constant declared once where calls are carries the model; one declared twice there does not', () => {
    const main = `import { topicModel, trainTopics } from './topics';\nasync function main(path: string) {\n  const batches = await readBatches(path);\n  const model = topicModel(5000, 20);\n  await trainTopics(model, batches);\n}\nmain(process.argv[2]);\n`;
    assert.deepEqual(mismatches(main), ['As called at main.ts:4 (topicModel(5000, 20)): tf.lo']);
    // Called twice, main() has no scope of its own (its arguments are not one call's): the
    // file-wide one, where a name declared twice is unknown.
    const twice = main.replace('main(process.argv[2]);', "function other(batches) {\n  const model = 3;\n  trainTopics(model, batches);\n}\nmain(process.argv[2]);\nmain(process.argv[3]);");
    assert.deepEqual(mismatches(twice), []);
    // Called once from a callback written in place, main() runs in the callback's scope: its own constant is read.
    assert.deepEqual(mismatches(twice.replace('main(process.argv[2]);\nmain(process.argv[3]);', "process.on('start', () => main(process.argv[2]));")), ['As called at main.ts:4 (topicModel(5000, 20)): tf.lo']);
    // Called once by name, main() reads its own constant whatever other functions declare.
    assert.deepEqual(mismatches(main.replace('main(process.argv[2]);', 'function other(batches) {\n  const model = 3;\n  trainTopics(model, batches);\n}\nmain(process.argv[2]);')), ['As called at main.ts:4 (topicModel(5000, 20)): tf.lo']);
    // A function that calls nothing of topics.ts hides nothing from main's calls (its own `model`, a parameter `model`).
    const elsewhere = main.replace('main(process.argv[2]);', 'function other(model) {\n  const batches = 3;\n  return model;\n}\nmain(process.argv[2]);');
    assert.deepEqual(mismatches(elsewhere), ['As called at main.ts:4 (topicModel(5000, 20)): tf.lo']);
  });

  it('a model the importer changes (add) or hands to other code is not the one built: nothing is passed on', () => {
    const added = `import * as tf from '@tensorflow/tfjs';\nimport { topicModel, trainTopics } from './topics';\nconst model = topicModel(5000, 20);\nmodel.pop();\nmodel.add(tf.layers.dense({ units: 20 }));\ntrainTopics(model, batches);\n`;
    assert.deepEqual(mismatches(added), []);
    const handed = `import { topicModel, trainTopics } from './topics';\nimport { prune } from './prune';\nconst model = topicModel(5000, 20);\nprune(model);\ntrainTopics(model, batches);\n`;
    assert.deepEqual(mismatches(handed), []);
  });
});

describe('call sites through barrels', () => {
  const named = "export { buildModel as createModel } from './models';\n";
  const star = "export * from './models';\n";

  it('an import of a barrel that renames the factory binds the call: one lstm model, as called in main.ts', () => {
    const main = "import { createModel } from './index';\nexport const model = createModel('lstm', 64);\n";
    assert.deepEqual(variantsOf(extractWith(['/ws/src/index.ts', named], ['/ws/src/main.ts', main])), ["buildModel (as called at main.ts:2 (createModel('lstm', 64))): embedding/32 lstm/64 dense/1"]);
  });

  it('export * through two barrels, and a namespace import of a barrel that passes every name on', () => {
    const inner = ['/ws/src/index.ts', star] as [string, string];
    const outer = ['/ws/lib.ts', "export * from './src';\n"] as [string, string];
    const main = "import * as lib from './lib';\nexport const model = lib.buildModel('simpleRNN', 16);\n";
    assert.deepEqual(variantsOf(extractWith(inner, outer, ['/ws/main.ts', main])), ["buildModel (as called at ../main.ts:2 (lib.buildModel('simpleRNN', 16))): embedding/32 simpleRNN/16 dense/1"]);
  });

  it('a name the barrel does not re-export binds nothing', () => {
    const main = "import { buildModel } from './index';\nexport const model = buildModel('lstm', 64);\n";
    assert.equal(extractWith(['/ws/src/index.ts', named], ['/ws/src/main.ts', main]).models.length, 2);
  });
});

describe("an importer's `new` of the analysed file's class", () => {
  const MLP_FILE = '/ws/src/core-mlp.mjs';
  const MLP = `import * as tf from '@tensorflow/tfjs';
const DEFAULTS = { hidden: [128], init: 0.5 };
export class CoreMLP {
  constructor(options = {}) {
    this.cfg = { ...DEFAULTS, ...options };
    const sizes = [this.cfg.inputDim, ...this.cfg.hidden, 1];
    this.layers = sizes.slice(1).map((out, i) => ({ w: tf.variable(tf.randomNormal([sizes[i], out], 0, this.cfg.init)) }));
  }
  forward(x) {
    let h = x;
    this.layers.forEach(({ w }, i) => { h = tf.matMul(h, w); if (i < this.layers.length - 1) h = tf.relu(h); });
    return h;
  }
}
`;
  const firstFanIns = (main: string) => extractFile(MLP, MLP_FILE, { importers: [{ fileName: '/ws/src/train.mjs', text: main }] }).models.map((model) => model.layers[0].inputShape?.[0] ?? null);

  it("constructs the class with the importer's arguments: its methods run on that instance, and the first layer's fan-in is the one passed", () => {
    assert.deepEqual(firstFanIns("import { CoreMLP } from './core-mlp.mjs';\nconst model = new CoreMLP({ inputDim: 64 });\n"), [64]);
  });

  it('without the importer, the options are not known (a caller may pass any)', () => {
    assert.deepEqual(extractFile(MLP, MLP_FILE).models.map((model) => model.layers[0].inputShape?.[0] ?? null), [null]);
  });
});

describe("an importer's subclass of the analysed file's class", () => {
  const BASE_FILE = '/ws/src/base-trainer.ts';
  const BASE = `import * as tf from '@tensorflow/tfjs';
export class BaseTrainer {
  protected features = 32;
  protected learningRate = 0.001;
  build() {
    return tf.sequential({ layers: [tf.layers.dense({ inputShape: [this.features], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  }
  async train(xs, ys) {
    const model = this.build();
    model.compile({ optimizer: tf.train.adam(this.learningRate), loss: 'meanSquaredError' });
    await model.fit(xs, ys);
  }
}
`;
  const rates = (importer: string) =>
    extractFile(BASE, BASE_FILE, { importers: [{ fileName: '/ws/src/churn.ts', text: importer }] }).models.map((model) => [model.layers[0].inputShape?.[0], model.training?.optimizer?.learningRate]);

  it("constructed by the importer, it runs the analysed class's methods with its own fields: the subclass's rate and input size", () => {
    const churn = `import { BaseTrainer } from './base-trainer';\nclass ChurnTrainer extends BaseTrainer {\n  protected features = 256;\n  protected learningRate = 0.03;\n}\nasync function main() {\n  const trainer = new ChurnTrainer();\n  await trainer.train(xs, ys);\n}\nmain();\n`;
    assert.deepEqual(rates(churn), [[256, 0.03]]);
  });

  it('a subclass the importer never constructs changes nothing', () => {
    const unused = `import { BaseTrainer } from './base-trainer';\nexport class ChurnTrainer extends BaseTrainer {\n  protected learningRate = 0.03;\n}\n`;
    assert.deepEqual(rates(unused), [[32, 0.001]]);
  });
  describe('declared in one importer and constructed in another', () => {
    const run = (files: Record<string, string>) => extractFile(BASE, BASE_FILE, { importers: Object.entries(files).map(([name, text]) => ({ fileName: `/ws/src/${name}`, text })) }).models;
    const summary = (models: ReturnType<typeof run>) => models.map((model) => [model.layers[0].inputShape?.[0], model.training?.optimizer?.learningRate, model.variant?.label ?? '']);
    const SUBCLASSES = `import { BaseTrainer } from './base-trainer';
export class ChurnTrainer extends BaseTrainer {
  protected features = 256;
  protected learningRate = 0.03;
}
export class SlowTrainer extends BaseTrainer {
  protected learningRate = 0.0005;
}
export default ChurnTrainer;
`;

    it("a third file's `new` of the exported subclass runs the base's methods with the subclass's fields, labelled by that call", () => {
      const models = run({ 'trainers.ts': SUBCLASSES, 'main.ts': `import { ChurnTrainer } from './trainers';\nasync function main() {\n  const trainer = new ChurnTrainer();\n  await trainer.train(xs, ys);\n}\nmain();\n` });
      assert.deepEqual(summary(models), [[256, 0.03, 'as called at main.ts:3 (new ChurnTrainer())']]);
    });

    it('two subclasses constructed there: the base class builds once for each, with its own fields', () => {
      const models = run({ 'trainers.ts': SUBCLASSES, 'main.ts': `import Churn, { SlowTrainer } from './trainers';\nconst slow = new SlowTrainer();\nconst churn = new Churn();\n` });
      assert.deepEqual(summary(models).map(([features, rate]) => [features, rate]), [[32, 0.0005], [256, 0.03]]);
    });

    it('one subclass constructed twice with different arguments: the base class builds once for each construction', () => {
      const preset = `import { BaseTrainer } from './base-trainer';\nconst RATES = { slow: 0.0003, fast: 0.05 };\nexport class PresetTrainer extends BaseTrainer {\n  constructor(name?: 'slow' | 'fast') {\n    super();\n    this.learningRate = RATES[name ?? 'fast'];\n  }\n}\n`;
      const models = run({ 'trainers.ts': preset, 'main.ts': `import { PresetTrainer } from './trainers';\nconst runs = [new PresetTrainer('slow'), new PresetTrainer()];\nfor (const trainer of runs) trainer.train(xs, ys);\n` });
      assert.deepEqual(summary(models).map(([, rate]) => rate), [0.0003, 0.05]);
    });

    it('in CommonJS: `module.exports = { ChurnTrainer }` and a destructuring require', () => {
      const subclass = `const { BaseTrainer } = require('./base-trainer');\nclass ChurnTrainer extends BaseTrainer {\n  constructor() {\n    super();\n    this.learningRate = 0.03;\n  }\n}\nmodule.exports = { ChurnTrainer };\n`;
      const models = run({ 'trainers.js': subclass, 'main.js': `const { ChurnTrainer } = require('./trainers');\nnew ChurnTrainer().train(xs, ys);\n` });
      assert.deepEqual(summary(models).map(([features, rate]) => [features, rate]), [[32, 0.03]]);
    });

    it("a static of the subclass handed to its base's constructor (`super(Churn.COLUMNS.length)`) or to other code, or a static method called, leaves the class known", () => {
      const statics = `import { BaseTrainer } from './base-trainer';
function describeColumns(columns) { columns.sort(); }
export class ChurnTrainer extends BaseTrainer {
  static readonly COLUMNS = ['tenure', 'charges', 'contract'];
  protected learningRate = 0.03;
  constructor() {
    super(ChurnTrainer.COLUMNS.length);
  }
  static async fetchRows(limit) {
    return (await fetch('/rows')).json();
  }
  async loadRows() {
    return ChurnTrainer.fetchRows(100);
  }
}
describeColumns(ChurnTrainer.COLUMNS);
`;
      const main = `import { ChurnTrainer } from './trainers';\nnew ChurnTrainer().train(xs, ys);\n`;
      assert.deepEqual(summary(run({ 'trainers.ts': statics, 'main.ts': main })), [[32, 0.03, 'as called at main.ts:2 (new ChurnTrainer().train(xs, ys))']]);
      // The base's constructor receives the static's value: the input size is the column count
      // (where no other code may change the static: is handed it, or runs a static method).
      const sized = BASE.replace('protected features = 32;', 'constructor(protected readonly features: number) {}');
      const plain = `import { BaseTrainer } from './base-trainer';
export class ChurnTrainer extends BaseTrainer {
  static readonly COLUMNS = ['tenure', 'charges', 'contract'];
  protected learningRate = 0.03;
  constructor() {
    super(ChurnTrainer.COLUMNS.length);
  }
}
`;
      const importers = [{ fileName: '/ws/src/trainers.ts', text: plain }, { fileName: '/ws/src/main.ts', text: main }];
      assert.deepEqual(summary(extractFile(sized, BASE_FILE, { importers }).models).map(([features, rate]) => [features, rate]), [[3, 0.03]]);
    });

    it("an override that makes a layer with the importer's own tf (`tf.layers.simpleRNN` in edge.ts) is a layer of the model; its findings are edge.ts's to report", () => {
      const base = `import * as tf from '@tensorflow/tfjs';
export class Forecaster {
  protected units = 64;
  protected encoder() {
    return tf.layers.lstm({ units: this.units });
  }
  build() {
    const history = tf.input({ shape: [100, 3] });
    const encoded = this.encoder().apply(history);
    const model = tf.model({ inputs: history, outputs: tf.layers.dense({ units: 24 }).apply(encoded) });
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
    return model;
  }
}
`;
      const edge = `import * as tf from '@tensorflow/tfjs';
import { Forecaster } from './forecaster';
export class EdgeForecaster extends Forecaster {
  protected encoder() {
    return tf.layers.simpleRNN({ units: this.units });
  }
}
`;
      const train = `import { EdgeForecaster } from './edge';\nconst model = new EdgeForecaster().build();\nmodel.fit(xs, ys);\n`;
      const files = { '/ws/src/forecaster.ts': base, '/ws/src/edge.ts': edge, '/ws/src/train.ts': train };
      const analysed = (fileName: keyof typeof files) => {
        const importers = Object.entries(files).filter(([name]) => name !== fileName).map(([name, text]) => ({ fileName: name, text }));
        return analyze(files[fileName], fileName, DEFAULT_SETTINGS, { cache: null, importers, readFile: (name) => files[name as keyof typeof files] });
      };
      const forecaster = analysed('/ws/src/forecaster.ts');
      assert.deepEqual(forecaster.file.models.map((model) => model.layers.map((layer) => layer.kind)), [['input', 'simpleRNN', 'dense']]);
      assert.deepEqual(forecaster.findings.filter((finding) => finding.rule === 'long-simple-rnn'), []);
      assert.deepEqual(analysed('/ws/src/edge.ts').findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.rule), ['long-simple-rnn']);
    });

    it('a subclass the third file does not import, or one the declaring file does not export, changes nothing', () => {
      const hidden = `import { BaseTrainer } from './base-trainer';\nclass ChurnTrainer extends BaseTrainer {\n  protected learningRate = 0.03;\n}\n`;
      assert.deepEqual(summary(run({ 'trainers.ts': hidden, 'main.ts': `import { ChurnTrainer } from './trainers';\nnew ChurnTrainer();\n` })), [[32, 0.001, '']]);
      assert.deepEqual(summary(run({ 'trainers.ts': SUBCLASSES, 'main.ts': `import { ChurnTrainer } from './other';\nnew ChurnTrainer();\n` })), [[32, 0.001, '']]);
    });
  });
});

describe("the importer's own functions", () => {
  /** The units of buildModel's recurrent layer for each model, when main.ts is `importer`. */
  const units = (importer: string) => extractWith(['/ws/src/main.ts', `import { buildModel } from './models';\n${importer}`]).models.map((model) => model.layers[1]?.units ?? null);

  it('a function the file calls once, outside any loop, receives that call\'s arguments: main() → trainOne(cfg) → buildModel', () => {
    const chain = `function trainOne(cfg) {\n  const model = buildModel(cfg.kind, cfg.units);\n  return model;\n}\nasync function main() {\n  const cfg = { kind: 'simpleRNN', units: 96 };\n  trainOne(cfg);\n}\nmain();\n`;
    assert.deepEqual(units(chain), [96]);
    // The same as an arrow function bound to a const, with a default parameter.
    assert.deepEqual(units(`const trainOne = (cfg, units = 48) => buildModel(cfg.kind, units);\ntrainOne({ kind: 'lstm' });\n`), [48]);
  });

  it('called twice, in a loop, passed on or exported, its parameters stay unknown', () => {
    const trainOne = `function trainOne(cfg) {\n  return buildModel('lstm', cfg.units);\n}\n`;
    assert.deepEqual(units(`${trainOne}trainOne({ units: 96 });\ntrainOne({ units: 12 });\n`), [null]);
    assert.deepEqual(units(`${trainOne}for (let i = 0; i < 2; i++) trainOne({ units: 12 * i });\n`), [null]);
    assert.deepEqual(units(`${trainOne}trainOne({ units: 96 });\nsetTimeout(trainOne, 10);\n`), [null]);
    assert.deepEqual(units(`export ${trainOne}trainOne({ units: 96 });\n`), [null]);
  });

  it("an object handed to another of its functions stays known unless that function changes its parameter; console.log and JSON.stringify change nothing", () => {
    const program = (helper: string) => `const spec = { units: 80 };\nfunction describe(s) {\n  ${helper}\n}\ndescribe(spec);\nconsole.log('spec', spec, JSON.stringify(spec));\nexport const model = buildModel('lstm', spec.units);\n`;
    assert.deepEqual(units(program('return `${s.units} units`;')), [80]);
    assert.deepEqual(units(program('s.units = 8;')), [null]);
    assert.deepEqual(units(program('mutate(s);')), [null]);
    // Reading a member with an array's own methods (a label encoder's indexOf, a forEach over anchors) changes nothing; sorting it may.
    const lists = (helper: string) => `const spec = { units: 80, classes: ['a', 'b'] };\nfunction encode(s, label) {\n  ${helper}\n}\nencode(spec, 'a');\nexport const model = buildModel('lstm', spec.units);\n`;
    assert.deepEqual(units(lists("s.classes.forEach((c) => console.log(c));\n  return s.classes.indexOf(label);")), [80]);
    assert.deepEqual(units(lists('s.classes.sort();')), [null]);
  });
});

describe("the importer's loops over lists it writes", () => {
  /** Each model as "label: units of its recurrent layer", when main.ts is `importer`. */
  const variants = (importer: string) => extractWith(['/ws/src/main.ts', `import { buildModel } from './models';\n${importer}`]).models.map((model) => `${model.variant?.label}: ${model.layers[1]?.kind}/${model.layers[1]?.units ?? null}`);

  it('a call in the loop runs once per item, with the constants of that pass, each variant named by its item', () => {
    const program = `const SPECS = { small: { units: 16 }, large: { units: 256 } };\nasync function main() {\n  for (const name of Object.keys(SPECS)) {\n    const spec = SPECS[name];\n    buildModel('simpleRNN', spec.units);\n  }\n}\nmain();\n`;
    assert.deepEqual(variants(program), [
      "as called at main.ts:6 (buildModel('simpleRNN', spec.units)) for name = 'small': simpleRNN/16",
      "as called at main.ts:6 (buildModel('simpleRNN', spec.units)) for name = 'large': simpleRNN/256",
    ]);
  });

  it("an own function called once in the loop, even from a callback written there, runs once per item: a queue's jobs", () => {
    const program = `const JOBS = [{ cell: 'lstm', units: 32 }, { cell: 'simpleRNN', units: 8 }];\nfunction runJob(job) {\n  return buildModel(job.cell, job.units);\n}\nfor (const job of JOBS) queue.add(() => runJob(job));\n`;
    assert.deepEqual(variants(program), [
      'as called at main.ts:4 (buildModel(job.cell, job.units)) for job = JOBS[0]: lstm/32',
      'as called at main.ts:4 (buildModel(job.cell, job.units)) for job = JOBS[1]: simpleRNN/8',
    ]);
    // forEach's callback alike, its item first; items that build the same model are one model.
    assert.deepEqual(variants(`[64, 128].forEach((units) => buildModel('lstm', units));\n`), [
      "as called at main.ts:2 (buildModel('lstm', units)) for units = 64: lstm/64",
      "as called at main.ts:2 (buildModel('lstm', units)) for units = 128: lstm/128",
    ]);
    assert.deepEqual(variants(`[64, 64].forEach((units) => buildModel('lstm', units));\n`), ['undefined: lstm/64']);
  });

  it('a list the code may change, built at run time, or longer than eight items leaves the loop variable unknown', () => {
    const unknownUnits = (program: string) => variants(program).map((variant) => variant.split(': ')[1]);
    assert.deepEqual(unknownUnits(`const SIZES = [16, 256];\nSIZES.push(8);\nfor (const units of SIZES) buildModel('lstm', units);\n`), ['lstm/null']);
    assert.deepEqual(unknownUnits(`for (const units of loadSizes()) buildModel('lstm', units);\n`), ['lstm/null']);
    assert.deepEqual(unknownUnits(`for (const units of [1, 2, 3, 4, 5, 6, 7, 8, 9]) buildModel('lstm', units);\n`), ['lstm/null']);
    // A loop of counted passes is not a list of items.
    assert.deepEqual(unknownUnits(`for (let units = 8; units < 64; units *= 2) buildModel('lstm', units);\n`), ['lstm/null']);
  });

  it("a list another module filters by a test not known for some items holds the items it may keep: the loop runs once per such item, each named as one the list may hold", () => {
    const jobs = `export const JOBS = [{ id: 'a', units: 32 }, { id: 'b', units: 8 }];\nexport function dueJobs() {\n  return JOBS.filter((job) => job.id !== 'b' || new Date().getUTCDay() === 0);\n}\n`;
    const main = `import { buildModel } from './models';\nimport { dueJobs } from './jobs';\nfor (const job of dueJobs()) buildModel('lstm', job.units);\n`;
    const readFile = (fileName: string) => (fileName === '/ws/src/jobs.ts' ? jobs : undefined);
    const file = extractFile(MODELS, MODELS_FILE, { readFile, importers: [{ fileName: '/ws/src/main.ts', text: main }] });
    assert.deepEqual(file.models.map((model) => `${model.variant?.label}: ${model.layers[1]?.kind}/${model.layers[1]?.units ?? null}`), [
      "as called at main.ts:3 (buildModel('lstm', job.units)) for job = item 1 it may hold: lstm/32",
      "as called at main.ts:3 (buildModel('lstm', job.units)) for job = item 2 it may hold: lstm/8",
    ]);
  });

  it("a list the importer maps and filters with another module's preset resolver holds that resolver's results: the loop runs once per kept item", () => {
    const presets = `const DEFAULTS = { units: 16, enabled: true };\nconst PRESETS = { small: {}, large: { units: 256 }, storm: { units: 512, enabled: false } };\nexport { PRESETS };\nexport function resolvePreset(name) {\n  return { ...DEFAULTS, ...PRESETS[name], name };\n}\n`;
    const readFile = (fileName: string) => (fileName === '/ws/src/presets.ts' ? presets : undefined);
    const labels = (list: string) => {
      const main = `import { buildModel } from './models';\nimport { PRESETS, resolvePreset } from './presets';\nconst enabled = ${list};\nfor (const preset of enabled) buildModel('lstm', preset.units);\n`;
      const file = extractFile(MODELS, MODELS_FILE, { readFile, importers: [{ fileName: '/ws/src/main.ts', text: main }] });
      return file.models.map((model) => `${model.variant?.label}: ${model.layers[1]?.kind}/${model.layers[1]?.units ?? null}`);
    };
    const expected = [
      "as called at main.ts:4 (buildModel('lstm', preset.units)) for preset = enabled[0]: lstm/16",
      "as called at main.ts:4 (buildModel('lstm', preset.units)) for preset = enabled[1]: lstm/256",
    ];
    assert.deepEqual(labels('Object.keys(PRESETS).map(resolvePreset).filter((p) => p.enabled)'), expected);
    assert.deepEqual(labels('Object.keys(PRESETS).map((name) => resolvePreset(name)).filter((p) => p.enabled)'), expected);
    // A callback that runs the analysed file's code is left to the loop, which runs each such call as a call site.
    assert.deepEqual(labels("Object.keys(PRESETS).map((name) => buildModel('gru', 8))"), [
      "as called at main.ts:3 (buildModel('gru', 8)) for name = 'small' or name = 'large' or name = 'storm': undefined/null",
      "as called at main.ts:4 (buildModel('lstm', preset.units)): lstm/null",
    ]);
  });

  it("an object literal with a call in it is an object of known keys: a member the call fills is unknown, so the callee's fallback for it is not read", () => {
    const trainer = `import * as tf from '@tensorflow/tfjs';\nexport function trainScorer(xs, ys, opts) {\n  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [128], units: 1 })] });\n  model.compile({ optimizer: tf.train.adam(opts.lr ?? 0.05), loss: 'meanSquaredError' });\n  return model.fit(xs, ys, { epochs: opts.epochs });\n}\n`;
    const rates = (argument: string) => {
      const server = `import { trainScorer } from './trainer';\nfunction clampRate(raw) {\n  return Math.min(Number(raw) || 1e-3, 5e-3);\n}\napp.post('/train', (req, res) => trainScorer(req.body.xs, req.body.ys, ${argument}));\n`;
      return extractFile(trainer, '/ws/src/trainer.ts', { importers: [{ fileName: '/ws/src/server.ts', text: server }] }).models.map((model) => model.training?.optimizer?.learningRate ?? null);
    };
    assert.deepEqual(rates('{ lr: clampRate(req.body.lr), epochs: 5 }'), [null]);
    assert.deepEqual(rates('{ epochs: clampRate(req.body.epochs) }'), [0.05], 'no lr key: the fallback holds');
    assert.deepEqual(rates('{ ...req.body, epochs: clampRate(req.body.epochs) }'), [0.05], 'a spread of what is not known: the object is not known, read as a run without options');
  });

  it("the importer's own function that calls no code of the analysed file runs for its value: a route's options merged with the house defaults spread last", () => {
    const trainer = `import * as tf from '@tensorflow/tfjs';\nexport function compileCorrector(model, opts) {\n  model.compile({ optimizer: tf.train.adam(opts.learningRate), loss: 'meanSquaredError' });\n  return model;\n}\nexport function buildCorrector() {\n  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [128], units: 1 })] });\n}\n`;
    const rates = (merge: string) => {
      const server = `import { buildCorrector, compileCorrector } from './model';\nconst DEFAULTS = { learningRate: 0.05, epochs: 60 };\nfunction requestOptions(body) {\n  const asked = { ...body, learningRate: Math.min(Number(body.learningRate) || 1e-3, 5e-3) };\n  return ${merge};\n}\napp.post('/train', async (req, res) => {\n  const opts = requestOptions(req.body || {});\n  const model = compileCorrector(buildCorrector(), opts);\n  await model.fit(xs, ys);\n});\n`;
      return extractFile(trainer, '/ws/src/model.ts', { importers: [{ fileName: '/ws/src/server.ts', text: server }] }).models.map((model) => model.training?.optimizer?.learningRate ?? null);
    };
    assert.deepEqual(rates('{ ...asked, ...DEFAULTS }'), [0.05], 'the defaults spread last win');
    assert.deepEqual(rates('{ ...DEFAULTS, ...asked }'), [null], 'the clamped rate wins: a number not known');
  });

  it("a function an analysed registry's get returns, called in place (`registry.get(cfg.kind)(cfg)`), runs as a call site with the importer's arguments", () => {
    const registry = `import * as tf from '@tensorflow/tfjs';\nclass ModelRegistry {\n  private builders = new Map();\n  register(kind, build) {\n    this.builders.set(kind, build);\n    return this;\n  }\n  get(kind) {\n    return this.builders.get(kind);\n  }\n}\nfunction buildCnn(cfg) {\n  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: cfg.units, activation: cfg.activation })] });\n}\nexport const registry = new ModelRegistry().register('cnn', buildCnn);\n`;
    const audit = `import { registry } from './registry';\nconst cfg = { kind: 'cnn', units: 32, activation: 'leakyRelu' };\nconst model = registry.get(cfg.kind)(cfg);\nmodel.fit(xs, ys);\n`;
    const file = extractFile(registry, '/ws/src/registry.ts', { importers: [{ fileName: '/ws/src/audit.ts', text: audit }] });
    assert.deepEqual(file.models.map((model) => `${model.variant?.label}: ${model.layers[0].units}/${model.layers[0].activation}`), ['as called at audit.ts:3 (registry.get(cfg.kind)(cfg)): 32/leakyRelu']);
  });

  it("a config handed to a function another file exports through a CommonJS require (`const { resolveWindow } = require('./window.cjs')`), which only reads it, is not changed by it", () => {
    const model = `const tf = require('@tensorflow/tfjs');\nfunction buildStockRnn({ steps, units }) {\n  return tf.sequential({ layers: [tf.layers.simpleRNN({ inputShape: [steps, 4], units })] });\n}\nmodule.exports = { buildStockRnn };\n`;
    const files: Record<string, string> = {
      '/ws/window.cjs': 'function resolveWindow(cfg) {\n  return cfg.windowSteps || Math.round((cfg.hours * 60) / cfg.sampleMinutes);\n}\nfunction touch(cfg) {\n  cfg.units = 8;\n}\nmodule.exports = { resolveWindow, touch };\n',
      '/ws/loadcell.json': '{ "windowSteps": 0, "hours": 24, "sampleMinutes": 15, "units": 32 }',
    };
    const shapes = (helper: string) => {
      const train = `const cfg = require('./loadcell.json');\nconst { ${helper} } = require('./window.cjs');\nconst { buildStockRnn } = require('./model.cjs');\nasync function main() {\n  const steps = resolveWindow(cfg);\n  ${helper === 'touch, resolveWindow' ? 'touch(cfg);\n  ' : ''}const model = buildStockRnn({ steps, units: cfg.units });\n  await model.fit(xs, ys);\n}\nmain();\n`;
      const file = extractFile(model, '/ws/model.cjs', { readFile: (name: string) => files[name], importers: [{ fileName: '/ws/train.cjs', text: train }] });
      return file.models.map((built) => `${built.layers[0].inputShape?.[0] ?? null}/${built.layers[0].units ?? null}`);
    };
    assert.deepEqual(shapes('resolveWindow'), ['96/32']);
    assert.deepEqual(shapes('touch, resolveWindow'), ['null/null'], 'a function that writes a member of what it is handed changes it');
  });

  it("a factory the importer takes from an analysed Map (`const makeEncoder = ENCODERS.get(population)`), then calls, runs as a call site; so does what it returns", () => {
    const encoders = `import * as tf from '@tensorflow/tfjs';\nexport class VitalsEncoder {\n  initStd = 0.05;\n  build() {\n    return tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: this.initStd }) })] });\n  }\n}\nexport class NeonatalEncoder extends VitalsEncoder {\n  initStd = 0.2;\n}\nexport const ENCODERS = new Map([\n  ['adult', () => new VitalsEncoder()],\n  ['neonatal', () => new NeonatalEncoder()],\n]);\n`;
    const run = (population: string) => `import { ENCODERS } from './encoders';\nconst RUN_CONFIG = { population: '${population}' };\nasync function main() {\n  const makeEncoder = ENCODERS.get(RUN_CONFIG.population);\n  const model = makeEncoder().build();\n  await model.fit(xs, ys);\n}\nmain();\n`;
    const stddevs = (population: string) =>
      extractFile(encoders, '/ws/src/encoders.ts', { importers: [{ fileName: '/ws/src/run.ts', text: run(population) }] })
        .models.filter((model) => model.variant)
        .map((model) => model.layers[0].kernelInitializer?.args.stddev);
    assert.deepEqual(stddevs('neonatal'), [0.2]);
    assert.deepEqual(stddevs('adult'), [0.05]);
  });

  it("a build at a loop item is not folded into an identical build another call makes only under a forced decision: each keeps its own label", () => {
    const program = `for (const kind of ['lstm', 'simpleRNN']) buildModel(kind, 32);\nbuildModel(readKind(), 32);\n`;
    const labels = variants(program);
    assert.ok(labels.includes("as called at main.ts:2 (buildModel(kind, 32)) for kind = 'lstm': lstm/32"), labels.join('\n'));
    assert.ok(labels.includes("as called at main.ts:2 (buildModel(kind, 32)) for kind = 'simpleRNN': simpleRNN/32"), labels.join('\n'));
  });
});
