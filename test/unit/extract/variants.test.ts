/**
 * Branches are variants, never a concatenation (DESIGN 3a): a condition not known statically forks
 * the model into the models that can really be built, each labelled with its condition; a known
 * condition picks its branch; a factory called with different constants gives one variant per call.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/engine/analyze';
import { ModelCache } from '../../../server/src/engine/cache';
import { extractFile } from '../../../server/src/engine/extract';
import { findingsOfModel } from '../../../server/src/engine/findings';
import type { FileIR } from '../../../server/src/engine/ir';
import { variantName } from '../../../server/src/engine/ir';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';

const IMPORT = "import * as tf from '@tensorflow/tfjs';\n";

/** Each model as "name (label): kind kind ...", the way a reader would list the variants. */
function variantsOf(file: FileIR): string[] {
  return file.models.map((model) => `${variantName(model)}: ${model.layers.map((layer) => layer.kind + (layer.activation ? `/${layer.activation}` : '')).join(' ')}`);
}

const RNN_SWITCH = `${IMPORT}export function buildModel(rnnType: string) {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 200 }));
  switch (rnnType) {
    case 'SimpleRNN':
      model.add(tf.layers.simpleRNN({ units: 32 }));
      break;
    case 'GRU':
      model.add(tf.layers.gru({ units: 32 }));
      break;
    case 'LSTM':
      model.add(tf.layers.lstm({ units: 32 }));
      break;
    default:
      throw new Error('unknown rnn type');
  }
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: tf.train.sgd(100), loss: 'binaryCrossentropy' });
  return model;
}
`;

describe('variants: branches on values not known statically', () => {
  it('a switch over three rnn types gives three variants (the default throws: no fourth)', () => {
    const file = extractFile(RNN_SWITCH, 'switch.ts');
    assert.deepEqual(variantsOf(file), [
      "buildModel (when rnnType is 'SimpleRNN'): embedding simpleRNN dense/sigmoid",
      "buildModel (when rnnType is 'GRU'): embedding gru dense/sigmoid",
      "buildModel (when rnnType is 'LSTM'): embedding lstm dense/sigmoid",
    ]);
    assert.deepEqual(file.models[0].variant?.conditions, ["rnnType is 'SimpleRNN'"]);
    // Each variant is a model that can be built: no layer says "both branches are analysed".
    assert.deepEqual(file.models.flatMap((model) => model.layers.flatMap((layer) => layer.notes)), []);
  });

  it('a switch without a default has a variant for no case matching', () => {
    const file = extractFile(RNN_SWITCH.replace("    default:\n      throw new Error('unknown rnn type');\n", ''), 'switch.ts');
    assert.equal(file.models.length, 4);
    assert.equal(variantsOf(file)[3], "buildModel (when rnnType is none of 'SimpleRNN', 'GRU', 'LSTM'): embedding dense/sigmoid");
  });

  it('findings: one only in the SimpleRNN variant names its condition; one in every variant is reported once, plainly', () => {
    const result = analyze(RNN_SWITCH, 'switch.ts', DEFAULT_SETTINGS, { cache: null });
    const longRnn = result.findings.filter((finding) => finding.rule === 'long-simple-rnn');
    assert.equal(longRnn.length, 1);
    assert.match(longRnn[0].message, /^When rnnType is 'SimpleRNN': simpleRNN_1 is a simpleRNN over 200 time steps/);
    assert.equal(result.models[longRnn[0].modelIndex as number].model.variant?.label, "when rnnType is 'SimpleRNN'");
    // sgd(100) is compiled in every variant alike: one finding, no condition.
    const learningRate = result.findings.filter((finding) => finding.rule === 'high-learning-rate');
    assert.equal(learningRate.length, 1);
    assert.doesNotMatch(learningRate[0].message, /^When/);
    // ...and it is still a finding of each variant (the panel and hovers show it for any of them).
    assert.deepEqual(learningRate[0].sharedBy, [0, 1, 2]);
    assert.deepEqual(findingsOfModel(result.findings, 2).map((finding) => finding.rule).sort(), ['high-learning-rate', 'missing-gradient-clipping']);
  });

  it('each variant has its own cache entry: a second analysis of the same text answers every variant from the cache', () => {
    const cache = new ModelCache();
    analyze(RNN_SWITCH, 'switch.ts', DEFAULT_SETTINGS, { cache });
    assert.deepEqual([cache.size, cache.hits], [3, 0]);
    analyze(RNN_SWITCH, 'switch.ts', DEFAULT_SETTINGS, { cache });
    assert.equal(cache.hits, 3);
  });

  it('if/else on a config flag gives two variants', () => {
    const file = extractFile(
      `${IMPORT}export function build(config: { deep: boolean }) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
  if (config.deep) {
    model.add(tf.layers.dense({ units: 16, activation: 'relu' }));
  } else {
    model.add(tf.layers.dropout({ rate: 0.2 }));
  }
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`,
      'flag.ts',
    );
    assert.deepEqual(variantsOf(file), ['build (when config.deep): dense/relu dense/relu dense', 'build (when not config.deep): dense/relu dropout dense']);
  });

  it('?: choosing an activation gives one variant per activation, instead of an unresolved one', () => {
    const file = extractFile(`${IMPORT}export function build(smooth: boolean) {\n  return tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: smooth ? 'tanh' : 'relu' })] });\n}\n`, 'ternary.ts');
    assert.deepEqual(variantsOf(file), ['build (when smooth): dense/tanh', 'build (when not smooth): dense/relu']);
    assert.deepEqual(file.models.map((model) => model.layers[0].unresolved), [[], []]);
  });

  it('a guard `flag && model.add(...)` gives two variants', () => {
    const file = extractFile(`${IMPORT}export function build(useDropout: boolean) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 8, inputShape: [4] }));\n  useDropout && model.add(tf.layers.dropout({ rate: 0.5 }));\n  return model;\n}\n`, 'guard.ts');
    assert.deepEqual(variantsOf(file), ['build (when useDropout): dense dropout', 'build (when not useDropout): dense']);
  });

  it('nested branches: the inner condition is only a condition where the outer branch holds', () => {
    const file = extractFile(
      `${IMPORT}export function build(kind: string, deep: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4] }));
  if (kind === 'wide') {
    if (deep) model.add(tf.layers.dense({ units: 8 }));
    model.add(tf.layers.dense({ units: 4 }));
  } else {
    model.add(tf.layers.dropout({ rate: 0.1 }));
  }
  return model;
}
`,
      'nested.ts',
    );
    assert.deepEqual(variantsOf(file), [
      "build (when kind is 'wide' and deep): dense dense dense",
      "build (when kind is 'wide' and not deep): dense dense",
      "build (when kind is not 'wide'): dense dropout",
    ]);
  });

  it('the same condition twice is one decision (no variant mixes its branches)', () => {
    const file = extractFile(
      `${IMPORT}export function build(big: boolean) {
  const model = tf.sequential();
  if (big) model.add(tf.layers.dense({ units: 64, inputShape: [4] }));
  else model.add(tf.layers.dense({ units: 8, inputShape: [4] }));
  if (!big) model.add(tf.layers.dropout({ rate: 0.5 }));
  return model;
}
`,
      'same.ts',
    );
    assert.deepEqual(file.models.map((model) => [model.variant?.label, model.layers.map((layer) => layer.units ?? layer.kind)]), [
      ['when big', [64]],
      ['when not big', [8, 'dropout']],
    ]);
  });

  it('20 independent flags: 16 variants, and the file and every label say what was assumed', () => {
    const flags = Array.from({ length: 20 }, (_, i) => `  if (f.flag${i + 1}) model.add(tf.layers.dense({ units: ${i + 1} }));`);
    const file = extractFile(`${IMPORT}export function build(f: any) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 16, inputShape: [4] }));\n${flags.join('\n')}\n  return model;\n}\n`, 'flags.ts');
    assert.equal(file.models.length, 16);
    assert.deepEqual(file.notes, ['20 conditions not known statically give 1,048,576 combinations; 16 are analysed: the others assume f.flag5, f.flag6, f.flag7, f.flag8 and 12 more']);
    assert.equal(file.models[15].variant?.label, 'when not f.flag1 and not f.flag2 and not f.flag3 and not f.flag4, assuming f.flag5, f.flag6, f.flag7, f.flag8 and 12 more');
  });

  it('a condition on a loop index not known statically is no variant (it differs between iterations)', () => {
    const file = extractFile(
      `${IMPORT}export function build(spec: { sizes: number[]; inputSize: number }) {
  const model = tf.sequential();
  spec.sizes.forEach((units, index) => model.add(tf.layers.dense({ units, ...(index === 0 ? { inputShape: [spec.inputSize] } : {}) })));
  for (let i = 0; i < spec.sizes.length; i++) model.add(i === 0 ? tf.layers.dense({ units: 4 }) : tf.layers.dropout({ rate: 0.1 }));
  return model;
}
`,
      'loopIndex.ts',
    );
    assert.deepEqual(file.models.map((model) => model.variant), [undefined]);
  });

  it("a condition in a handler's callback is a variant: each call is a run of its own (a command's 'fast' mode)", () => {
    const handler = (register: string) => `${IMPORT}declare const app: any;
${register}(async ({ command }) => {
  const fast = command.text.trim() === 'fast';
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 1 })] });
  model.compile({ optimizer: fast ? tf.train.adam(0.1) : tf.train.adam(0.001), loss: 'meanSquaredError' });
});
`;
    const rates = (register: string) => extractFile(handler(register), 'bot.ts').models.map((model) => model.training?.optimizer?.learningRate).sort();
    assert.deepEqual(rates("app.command('/train', "), [0.001, 0.1]);
    // The same callback handed to an array method is one pass for many items: no variant, the rate not known.
    assert.deepEqual(rates('commands.forEach('), [undefined]);
  });

  it("a builder called only down one branch is not built in the variant that does not take it: no finding of that variant, however the builder then runs", () => {
    const text = `${IMPORT}function docsPreview() {
  const preview = tf.sequential();
  preview.add(tf.layers.dense({ inputShape: [12], units: 64, activation: 'relu', kernelInitializer: 'zeros' }));
  preview.add(tf.layers.dense({ units: 12 }));
  preview.summary();
  return preview;
}
async function main() {
  if (process.argv.includes('--preview')) {
    docsPreview();
    return;
  }
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 8, activation: 'relu' }), tf.layers.dense({ units: 12 })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await model.fit(tf.zeros([4, 12]), tf.zeros([4, 12]));
}
main();
`;
    const findings = analyze(text, 'docs.ts', DEFAULT_SETTINGS, { cache: null }).findings.filter((finding) => finding.rule === 'constant-initializer');
    // Down the --preview branch it is only summarised and dropped: a hint that says so, for every variant.
    assert.deepEqual(findings.map((finding) => [finding.severity, finding.message.split(':')[0]]), [['hint', 'docsPreview() is never trained']]);
  });

  it('code after a guard that returns is not run in the variant where the guard holds: a builder called only there brings no finding of that variant', () => {
    const text = `${IMPORT}const OPTS = { learningRate: 0.003 };
function buildModel(opts) {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 64, activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
  m.compile({ optimizer: tf.train.adam(opts.learningRate ?? 0.05), loss: 'categoricalCrossentropy' });
  return m;
}
export async function train(samples) {
  if (samples.length < 10) {
    console.log('need more samples');
    return;
  }
  const model = buildModel(OPTS);
  await model.fit(tf.zeros([8, 512]), tf.zeros([8, 3]));
}
`;
    const rates = analyze(text, 'page.ts', DEFAULT_SETTINGS, { cache: null }).findings.filter((finding) => finding.rule === 'high-learning-rate');
    assert.deepEqual(rates, [], 'the fallback 0.05 is read only where buildModel runs as code nothing calls');
  });

  it("a trainer called only after such a guard runs, in the variant where the guard returns, before the builder it calls: the builder gets the trainer's arguments, and the trainer's fallback rate is no variant's", () => {
    const text = `/* global tf */
const samples = [];
function buildClassifier(arch) {
  const units = arch === 'wide' ? 256 : 64;
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
}
async function trainClassifier(opts) {
  const model = buildClassifier(opts.arch);
  model.compile({ optimizer: tf.train.rmsprop(opts.lr || 0.05), loss: 'categoricalCrossentropy' });
  await model.fit(tf.tensor2d(samples), tf.zeros([samples.length, 10]));
}
async function onTrainClicked() {
  if (samples.length < 30) {
    return;
  }
  await trainClassifier({ arch: 'narrow', lr: 0.004 });
}
document.getElementById('train').addEventListener('click', onTrainClicked);
window.pad = { addSample: (pixels) => samples.push(pixels) };
`;
    const file = extractFile(text, 'page.js');
    assert.deepEqual(file.models.map((model) => [model.layers[0].units, model.training?.optimizer?.learningRate]), [[64, 0.004]]);
  });

  it('a condition that changes nothing a model depends on does not fork it', () => {
    const file = extractFile(`${IMPORT}export function build(verbose: boolean) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 8, inputShape: [4] }));\n  if (verbose) console.log('built');\n  return model;\n}\n`, 'quiet.ts');
    assert.deepEqual(variantsOf(file), ['build: dense']);
  });
});

describe('variants: known conditions pick their branch', () => {
  const factory = `function buildModel(rnnType: string = 'lstm') {
  const model = tf.sequential();
  if (rnnType === 'lstm') model.add(tf.layers.lstm({ units: 32, inputShape: [200, 8] }));
  else model.add(tf.layers.simpleRNN({ units: 32, inputShape: [200, 8] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
`;

  it('a constant', () => {
    const file = extractFile(`${IMPORT}const TYPE = 'simpleRNN';\n${factory}export const model = buildModel(TYPE);\n`, 'constant.ts');
    assert.deepEqual(variantsOf(file), ['buildModel: simpleRNN dense']);
  });

  it('a default parameter (the factory is not called in the file)', () => {
    const file = extractFile(`${IMPORT}export ${factory}`, 'default.ts');
    assert.deepEqual(variantsOf(file), ['buildModel: lstm dense']);
  });

  it('a literal at the call site', () => {
    const file = extractFile(`${IMPORT}${factory}export const model = buildModel('simpleRNN');\n`, 'literal.ts');
    assert.deepEqual(variantsOf(file), ['buildModel: simpleRNN dense']);
  });

  it("a factory called with 'lstm' and 'simpleRNN' gives two variants; a second 'lstm' call joins the first", () => {
    const text = `${IMPORT}${factory}const a = buildModel('lstm');\nconst b = buildModel('simpleRNN');\nconst c = buildModel('lstm');\n`;
    const file = extractFile(text, 'calls.ts');
    assert.deepEqual(variantsOf(file), [
      "buildModel (as called at lines 9, 11 (buildModel('lstm'))): lstm dense",
      "buildModel (as called at line 10 (buildModel('simpleRNN'))): simpleRNN dense",
    ]);
    const result = analyze(text, 'calls.ts', DEFAULT_SETTINGS, { cache: null });
    const longRnn = result.findings.filter((finding) => finding.rule === 'long-simple-rnn');
    assert.deepEqual(longRnn.map((finding) => finding.message.slice(0, 62)), ["As called at line 10 (buildModel('simpleRNN')): simpleRNN_1 is"]);
  });

  it('a factory called twice alike is one model', () => {
    const file = extractFile(`${IMPORT}${factory}const a = buildModel('lstm');\nconst b = buildModel('lstm');\n`, 'twice.ts');
    assert.deepEqual(variantsOf(file), ['buildModel: lstm dense']);
  });
});

describe('builds repeated at one call site (a loop or map over specs)', () => {
  const members = (specs: string) =>
    extractFile(
      `${IMPORT}const SPECS = ${specs};\nfunction member(spec) {\n  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [22], units: 16, activation: spec.act, kernelInitializer: tf.initializers.heNormal({ seed: spec.seed }) }), tf.layers.dense({ units: 3, activation: 'softmax' })] });\n}\nexport const ensemble = SPECS.map((spec) => member(spec));\n`,
      'ensemble.js',
    );

  it('builds that differ are variants told apart by their order, so a later member is not lost', () => {
    assert.deepEqual(variantsOf(members("[{ act: 'relu', seed: 1 }, { act: 'relu', seed: 2 }, { act: 'sigmoid', seed: 3 }]")), [
      'member (as called at line 6 (member(spec)), builds 1 and 2): dense/relu dense/softmax',
      'member (as called at line 6 (member(spec)), build 3): dense/sigmoid dense/softmax',
    ]);
  });

  it('builds that differ only in an initializer seed are one model', () => {
    assert.deepEqual(variantsOf(members("[{ act: 'relu', seed: 1 }, { act: 'relu', seed: 2 }]")), ['member: dense/relu dense/softmax']);
  });

  it('a sweep of 24 builds reads them all: the activation its last eight use is a variant', () => {
    const specs = `[${['relu', 'elu', 'leakyRelu'].flatMap((act) => Array.from({ length: 8 }, (_, seed) => `{ act: '${act}', seed: ${seed} }`)).join(', ')}]`;
    const activations = members(specs).models.map((model) => model.layers[0].activation);
    assert.deepEqual(activations, ['relu', 'elu', 'leakyRelu']);
  });

  it("an actor's forward pass run for every action of an episode does not crowd out its training step's: the loss reads the training step's logits", () => {
    const text = `${IMPORT}const dense = (fanIn, fanOut) => ({ w: tf.variable(tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn))), b: tf.variable(tf.zeros([fanOut])) });
const forward = (layers, x) => layers.reduce((h, l, i) => { const z = tf.add(tf.matMul(h, l.w), l.b); return i < layers.length - 1 ? tf.relu(z) : z; }, x);
const actor = [dense(4, 64), dense(64, 2)];
const optimizer = tf.train.rmsprop(7e-4);
function sample(s) {
  const probs = tf.softmax(forward(actor, tf.tensor2d([s]))).dataSync();
  return Math.random() < probs[0] ? 0 : 1;
}
for (let episode = 0; episode < 100; episode++) {
  const states = [], actions = [];
  for (let t = 0; t < 200; t++) {
    const s = [Math.random(), Math.random(), Math.random(), Math.random()];
    states.push(s);
    actions.push(sample(s));
  }
  const oneHot = tf.oneHot(tf.tensor1d(actions, 'int32'), 2);
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(oneHot, forward(actor, tf.tensor2d(states))));
}
`;
    const result = analyze(text, 'a2c.js', DEFAULT_SETTINGS, { cache: null });
    assert.deepEqual(result.findings.filter((finding) => finding.severity === 'warning' || finding.severity === 'error').map((finding) => finding.rule), []);
    const trained = result.file.models.filter((model) => model.training?.optimizer?.name === 'rmsprop');
    assert.ok(trained.length > 0 && trained.every((model) => model.layers[model.layers.length - 1].activation !== 'softmax'), variantsOf(result.file).join('\n'));
  });

  it('a core-API forward pass run in a training loop and once more for a prediction is one model', () => {
    const text = `${IMPORT}const w1 = tf.variable(tf.randomNormal([64, 32], 0, 0.1));
const w2 = tf.variable(tf.randomNormal([32, 10], 0, 0.1));
const optimizer = tf.train.sgd(0.05);
function logits(x) {
  return x.matMul(w1).sigmoid().matMul(w2);
}
export function train(batches) {
  for (const { xs, ys } of batches) optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, logits(xs)));
}
export function predict(pixels) {
  return tf.tidy(() => logits(tf.tensor2d(pixels).div(16)).argMax(1));
}
`;
    const models = extractFile(text, 'core.js').models;
    assert.equal(models.length, 1);
    assert.equal(models[0].training?.optimizer?.name, 'sgd');
  });
});

describe('a finding several variants share', () => {
  it('decisions that read alike (one guard reached from several places) are named once in its condition', () => {
    const fileName = path.join(__dirname, '../../fixtures/real-world/react-gesture-trainer-lr-slider-into-compile-options.js');
    // Settings loaded from storage, not known (the fixture's initial state would decide plainSgd).
    const text = fs.readFileSync(fileName, 'utf8').replace('useState(DEFAULT_TRAINING)', 'useState(() => loadSettings())');
    const trap = analyze(text, fileName, DEFAULT_SETTINGS, { cache: null }).findings.find((finding) => finding.rule === 'tfjs-api-trap');
    // The run where `if (!samples.length) return;` returns builds nothing (its builder runs as code nothing calls): no condition of it.
    assert.match(trap?.message ?? '', /^When samples\.length and settings\.plainSgd: tfjs's model\.compile reads only/);
  });

  it('is reported once, with the first variant\'s label and how many more are alike', () => {
    const text = `${IMPORT}const SPECS = [{ act: 'relu', units: 8 }, { act: 'Relu', units: 16 }, { act: 'Relu', units: 32 }];\nfunction member(spec) {\n  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: spec.units, activation: spec.act }), tf.layers.dense({ units: 1 })] });\n}\nexport const members = SPECS.map((spec) => member(spec));\n`;
    const traps = analyze(text, 'members.js', DEFAULT_SETTINGS, { cache: null }).findings.filter((finding) => finding.rule === 'tfjs-api-trap');
    assert.equal(traps.length, 1);
    assert.match(traps[0].message, /^As called at line 6 \(member\(spec\)\), build 2 \(and 1 more variant alike\): dense_1 activation \(spec\.act\): 'Relu' is not a tfjs activation string/);
    assert.equal(traps[0].sharedBy?.length, 2);
  });
  it('a finding alike in words but a warning in one variant and a hint in the others is two findings (a rate one width makes fail)', () => {
    const text = `${IMPORT}const WIDTHS = [32, 256, 48];\nfunction member(units) {\n  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [units], units: 16, activation: 'relu' }), tf.layers.dense({ units: 1 })] });\n  model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });\n  return model;\n}\nexport async function train(xs, ys) {\n  for (const units of WIDTHS) await member(units).fit(xs, ys);\n}\n`;
    const clipping = analyze(text, 'members.js', DEFAULT_SETTINGS, { cache: null }).findings.filter((finding) => finding.rule === 'missing-gradient-clipping');
    assert.deepEqual(clipping.map((finding) => finding.severity).sort(), ['hint', 'warning']);
    assert.match(clipping.find((finding) => finding.severity === 'warning')?.message ?? '', /build 2: No gradient clipping while training with adam/);
  });

  it("builds by an imported base class's method, called here and from an importer, are one definition: a finding they share is reported once", () => {
    const base = `${IMPORT}export class Forecaster {\n  constructor(units = 64) {\n    this.units = units;\n  }\n  encoder() {\n    return tf.layers.lstm({ units: this.units });\n  }\n  build() {\n    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [168, 4] }), this.encoder(), tf.layers.dense({ units: 1 })] });\n    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n    return model;\n  }\n}\n`;
    const edge = `${IMPORT}import { Forecaster } from './base';\nexport class EdgeForecaster extends Forecaster {\n  encoder() {\n    return tf.layers.simpleRNN({ units: this.units });\n  }\n}\nexport function fallback() {\n  return new EdgeForecaster(32).build();\n}\n`;
    const train = "import { EdgeForecaster } from './edge';\nexport async function nightly() {\n  const forecaster = new EdgeForecaster(32);\n  const model = forecaster.build();\n  await model.fit(xs, ys);\n}\n";
    const longRnn = analyze(edge, '/ws/edge.js', DEFAULT_SETTINGS, { cache: null, readFile: (file: string) => (file.startsWith('/ws/base') ? base : undefined), importers: [{ fileName: '/ws/train.js', text: train }] })
      .findings.filter((finding) => finding.rule === 'long-simple-rnn');
    assert.deepEqual(longRnn.map((finding) => finding.message.slice(0, 40)), ['simpleRNN_1 is a simpleRNN over 168 time']);
    assert.equal(longRnn[0].sharedBy?.length, 2);
  });

  it('the same finding of two definitions (a physics-informed net trained on its data pass and on a residual that differentiates it) is reported once', () => {
    const text = `${IMPORT}const w1 = tf.variable(tf.randomNormal([8, 64], 0, 1));
const w2 = tf.variable(tf.randomNormal([64, 1], 0, 0.1));
function net(t) {
  return tf.matMul(tf.tanh(tf.matMul(t, w1)), w2);
}
function residual(t) {
  const scaled = (s) => net(s).div(1000);
  return tf.grad((s) => scaled(s).sum())(t).add(scaled(t));
}
const optimizer = tf.train.adam(1e-3);
export function step(tData, xData, tColl) {
  optimizer.minimize(() => tf.losses.meanSquaredError(xData, net(tData)).add(residual(tColl).square().mean()));
}
`;
    const init = analyze(text, 'pinn.js', DEFAULT_SETTINGS, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale');
    assert.deepEqual(init.map((finding) => finding.message.slice(0, 40)), ['Initializer randomNormal (mean 0, stddev']);
  });

  it('a table of settings read at a key not known statically (a route parameter) is one variant per entry; a table of builders or names is not', () => {
    const route = (tasks: string) => `${IMPORT}const TASKS = ${tasks};
export function handle(req) {
  const spec = TASKS[req.params.task];
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [20], units: spec.units, activation: spec.activation })] });
  model.compile({ optimizer: 'adam', loss: spec.loss });
}
`;
    const settings = "{ topic: { units: 8, activation: 'softmax', loss: 'categoricalCrossentropy', hidden: [{ units: 16 }] }, escalate: { units: 1, activation: 'sigmoid', loss: 'binaryCrossentropy', hidden: [] } }";
    const models = extractFile(route(settings), 'route.js').models;
    assert.deepEqual(models.map((model) => `${model.layers[0].units}/${model.layers[0].activation}/${model.training?.losses?.[0]?.name}`), ['8/softmax/categoricalCrossentropy', '1/sigmoid/binaryCrossentropy']);
    assert.match(variantName(models[1]), /req\.params\.task is 'escalate'/);
    const builders = "{ topic: { units: () => 8, activation: 'softmax', loss: 'categoricalCrossentropy' }, escalate: { units: () => 1, activation: 'sigmoid', loss: 'binaryCrossentropy' } }";
    assert.deepEqual(extractFile(route(builders), 'route.js').models.map((model) => model.variant), [undefined]);
  });

  it('a whitelist (`ALLOWED.includes(name) ? name : DEFAULT`) lets through only its items: a table read at the result forks over those, not every entry', () => {
    const text = `${IMPORT}const PRESETS = { small: { units: 16, rate: 0.001 }, large: { units: 64, rate: 0.003 }, wip: { units: 512, rate: 0.08 } };
const SUPPORTED = ['small', 'large'];
export function build(name) {
  const key = SUPPORTED.includes(name) ? name : 'small';
  const cfg = PRESETS[key];
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: cfg.units })] });
  model.compile({ optimizer: tf.train.adam(cfg.rate), loss: 'meanSquaredError' });
  return model;
}
`;
    const models = extractFile(text, 'presets.ts').models;
    assert.deepEqual(models.map((model) => [model.layers[0].units, model.training?.optimizer?.learningRate]), [[16, 0.001], [64, 0.003]]);
    assert.match(variantName(models[1]), /name is 'large'/);
    // Without the whitelist every entry is a variant, the work-in-progress one too.
    assert.deepEqual(extractFile(text.replace("SUPPORTED.includes(name) ? name : 'small'", 'name'), 'presets.ts').models.map((model) => model.layers[0].units), [16, 64, 512]);
  });

  it('a whitelist guarding an assignment (`if (env.KIND && KINDS.includes(env.KIND)) cfg.kind = env.KIND`) pins the value to its items in the branch it guards', () => {
    const text = `${IMPORT}const PRESETS = { mlp: { units: 16 }, wide: { units: 64 }, wip: { units: 512 } };
const KINDS = ['mlp', 'wide'];
export function build(env) {
  const cfg = { kind: 'mlp' };
  if (env.MODEL_KIND && KINDS.includes(env.MODEL_KIND)) cfg.kind = env.MODEL_KIND;
  const preset = PRESETS[cfg.kind];
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: preset.units })] });
}
`;
    const models = extractFile(text, 'config.js').models;
    assert.deepEqual(new Set(models.map((model) => model.layers[0].units)), new Set([16, 64]));
    assert.ok(models.some((model) => /env\.MODEL_KIND is 'wide'/.test(variantName(model))), models.map(variantName).join('\n'));
    // Unguarded, the kind may be any key: the work-in-progress entry is a variant too.
    const unguarded = extractFile(text.replace(' && KINDS.includes(env.MODEL_KIND)', ''), 'config.js').models;
    assert.deepEqual(new Set(unguarded.map((model) => model.layers[0].units)), new Set([16, 64, 512]));
    // Assigned in the branch, the name is not pinned there; a list of numbers (a batch size, more often than a width) pins nothing.
    const reassigned = extractFile(text.replace('cfg.kind = env.MODEL_KIND;', '{ env.MODEL_KIND = env.MODEL_KIND.trim(); cfg.kind = env.MODEL_KIND; }'), 'config.js').models;
    assert.deepEqual(new Set(reassigned.map((model) => model.layers[0].units)), new Set([16, 64, 512]));
    const numbers = `${IMPORT}export function build(env) {
  let units = 8;
  if ([16, 32].includes(env.UNITS)) units = env.UNITS;
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units })] });
}
`;
    const sized = extractFile(numbers, 'config.js').models.map((model) => model.layers[0].units);
    assert.equal(sized.length, 2, 'the branch and the fall-through');
    assert.ok(!sized.includes(16) && !sized.includes(32), String(sized));
  });

  it('a table read at a whitelisted key forks with the whitelist, not once more: the runs it saves vary the conditions after it', () => {
    const text = `${IMPORT}const PRESETS = { small: { units: 16 }, medium: { units: 32 }, large: { units: 64 } };
const SUPPORTED = ['small', 'medium', 'large'];
export function build(opts) {
  const key = SUPPORTED.includes(opts.preset) ? opts.preset : 'small';
  const cfg = PRESETS[key];
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: cfg.units })] });
  const rate = opts.fast ? 0.9 : 0.001;
  model.compile({ optimizer: tf.train.sgd(rate), loss: 'meanSquaredError' });
  return model;
}
`;
    const file = extractFile(text, 'presets.js');
    // 4 whitelist branches × 2 rates: every combination runs, none is assumed.
    assert.deepEqual(file.notes ?? [], []);
    assert.deepEqual(new Set(file.models.map((model) => `${model.layers[0].units}/${model.training?.optimizer?.learningRate}`)), new Set(['16/0.9', '16/0.001', '32/0.9', '32/0.001', '64/0.9', '64/0.001']));
  });

  it("a random pick from a written list (a random search) is one variant per item, each list on its own through a shared helper", () => {
    const search = (pickRates: string) => `${IMPORT}const CHOICES = { units: [16, 64], act: ['relu', 'tanh'], rate: [0.001, 0.003] };
const choose = (list) => list[Math.floor(Math.random() * list.length)];
for (let trial = 0; trial < 4; trial++) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [8], units: choose(CHOICES.units), activation: choose(CHOICES.act) }));
  model.compile({ optimizer: tf.train.adam(${pickRates}), loss: 'meanSquaredError' });
}
`;
    const models = extractFile(search('choose(CHOICES.rate)'), 'search.ts').models;
    const builds = models.map((model) => `${model.layers[0].units}/${model.layers[0].activation}/${model.training?.optimizer?.learningRate}`);
    assert.deepEqual(new Set(builds.map((build) => build.split('/').slice(0, 2).join('/'))), new Set(['16/relu', '16/tanh', '64/relu', '64/tanh']));
    assert.match(variantName(models[0]), /the random pick from \[16, 64\] is 16/);
    // Not random, or not a written list of values: no variants.
    assert.equal(extractFile(search('CHOICES.rate[trial % 2]'), 'search.ts').models.every((model) => model.training?.optimizer?.learningRate !== undefined), true);
    const unknownList = `${IMPORT}export function build(rates) {\n  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });\n  model.compile({ optimizer: tf.train.adam(rates[Math.floor(Math.random() * rates.length)]), loss: 'meanSquaredError' });\n}\n`;
    assert.deepEqual(extractFile(unknownList, 'search.ts').models.map((model) => model.training?.optimizer?.learningRate), [undefined]);
  });
});
