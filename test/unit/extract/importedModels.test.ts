/**
 * Models that an imported helper builds for a call of the analysed file (DESIGN 3a, real projects
 * split a model over config, model and train modules): the importer reports how its own code
 * trains the model; what is written in the helper's file (layers, a training loop there) is
 * reported by that file's analysis, not again at the call.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { fixText } from '../../../server/src/cli/fix';
import { BATCH_SETTINGS, DEFAULT_SETTINGS } from '../../../server/src/engine/settings';

const MODELS_FILE = '/ws/src/models.ts';
const MODELS = `import * as tf from '@tensorflow/tfjs';
export function buildRegressor(hidden: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [128], units: hidden, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
export function buildDeepSigmoid() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: 'sigmoid' }));
  for (let i = 0; i < 9; i++) model.add(tf.layers.dense({ units: 64, activation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}
export function buildIntentLogits() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [300], units: 64, activation: 'relu' }), tf.layers.dense({ units: 6, name: 'intent_logits' })] });
}
export async function fitWith(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor, opts: { learningRate: number }) {
  model.compile({ optimizer: tf.train.adam(opts.learningRate), loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 5 });
}
export async function trainWithDoubleSoftmax(model: tf.Sequential, xs: tf.Tensor2D, ys: tf.Tensor2D) {
  const optimizer = tf.train.adam(0.001);
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.apply(xs) as tf.Tensor2D) as tf.Scalar);
}
`;
const TRAIN_FILE = '/ws/src/train.ts';

const readFile = (fileName: string) => (fileName === MODELS_FILE ? MODELS : undefined);

function findingsOf(text: string, fileName = TRAIN_FILE, importers: { fileName: string; text: string }[] = []) {
  return analyze(text, fileName, DEFAULT_SETTINGS, { cache: null, readFile, importers }).findings.filter((finding) => finding.severity === 'warning');
}

/** A base class whose train() builds through a subclass's buildModel() at the subclass's rate. */
const BASE_TRAINER = `import * as tf from '@tensorflow/tfjs';
export abstract class BaseTrainer {
  protected learningRate = 1e-3;
  protected abstract buildModel(): tf.Sequential;
  async train(xs: tf.Tensor, ys: tf.Tensor) {
    const model = this.buildModel();
    model.compile({ optimizer: tf.train.adam(this.learningRate), loss: 'binaryCrossentropy' });
    await model.fit(xs, ys, { epochs: 10 });
  }
}
`;

/** The warnings of one file of a small workspace, analysed with the files that import it. */
function warningsIn(files: Record<string, string>, fileName: string, importers: string[]) {
  const texts = importers.map((name) => ({ fileName: name, text: files[name] }));
  return analyze(files[fileName], fileName, DEFAULT_SETTINGS, { cache: null, readFile: (name) => files[name], importers: texts }).findings.filter((finding) => finding.severity === 'warning');
}

describe('models built by imported helpers for calls of the analysed file', () => {
  it("train.ts's adam 0.1 on the imported factory's model is a warning judged on that model's fan-in, placed at the rate", () => {
    const train = `import * as tf from '@tensorflow/tfjs';
import { buildRegressor } from './models';
const model = buildRegressor(256);
model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' });
`;
    const result = analyze(train, TRAIN_FILE, DEFAULT_SETTINGS, { cache: null, readFile });
    assert.deepEqual(result.models.map(({ model }) => [model.name, model.builtIn, model.layers.map((layer) => layer.units)]), [['buildRegressor', MODELS_FILE, [256, 1]]]);
    const rate = result.findings.find((finding) => finding.rule === 'high-learning-rate');
    assert.equal(rate?.severity, 'warning');
    assert.match(rate!.message, /a unit of dense_2 \(fan-in 256\)/);
    assert.equal(train.slice(rate!.span.start, rate!.span.end), '0.1');
    const unread = analyze(train, TRAIN_FILE, DEFAULT_SETTINGS, { cache: null });
    assert.equal(unread.findings.find((finding) => finding.rule === 'high-learning-rate')?.severity, 'hint', 'without the imported file the model is not known');
  });

  it("the factory's own layers are reported in models.ts, not again at the call in train.ts", () => {
    const train = `import * as tf from '@tensorflow/tfjs';
import { buildDeepSigmoid } from './models';
const model = buildDeepSigmoid();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;
    assert.deepEqual(findingsOf(train).map((finding) => finding.rule), []);
    const inModels = findingsOf(MODELS, MODELS_FILE, [{ fileName: TRAIN_FILE, text: train }]).filter((finding) => finding.rule === 'vanishing-gradient');
    assert.equal(inModels.length, 1);
    assert.equal(MODELS.slice(inModels[0].span.start, inModels[0].span.end), "'sigmoid'");
  });

  it("a training loop written in models.ts is reported there, not at train.ts's call of it", () => {
    const train = `import * as tf from '@tensorflow/tfjs';
import { buildDeepSigmoid, trainWithDoubleSoftmax } from './models';
const model = buildDeepSigmoid();
await trainWithDoubleSoftmax(model, tf.zeros([8, 64]), tf.zeros([8, 10]));
`;
    assert.deepEqual(findingsOf(train).map((finding) => finding.rule), []);
    const inModels = findingsOf(MODELS, MODELS_FILE, [{ fileName: TRAIN_FILE, text: train }]).filter((finding) => finding.rule === 'output-loss-mismatch');
    assert.equal(inModels.length, 1);
    assert.equal(MODELS.slice(inModels[0].span.start, inModels[0].span.end), 'tf.losses.softmaxCrossEntropy(ys, model.apply(xs) as tf.Tensor2D)');
  });

  it("a linear head written in models.ts, trained by train.ts's categoricalCrossentropy: the loss, which train.ts writes, becomes the logits loss", () => {
    const train = `import * as tf from '@tensorflow/tfjs';
import { buildIntentLogits } from './models';
const model = buildIntentLogits();
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
`;
    assert.deepEqual(findingsOf(train).map((finding) => [finding.rule, train.slice(finding.span.start, finding.span.end)]), [['output-loss-mismatch', "'categoricalCrossentropy'"]]);
    const fixed = fixText(train, TRAIN_FILE, BATCH_SETTINGS, { readFile });
    assert.match(fixed.text, /loss: tf\.losses\.softmaxCrossEntropy,/);
    assert.deepEqual(fixed.remaining.filter((finding) => finding.severity === 'warning'), []);
  });

  it('a subclass in edge.ts overrides the encoder that base.ts builds into the model: the simpleRNN is reported in edge.ts, not at the import in train.ts', () => {
    const files: Record<string, string> = {
      '/ws/f/base.ts': `import * as tf from '@tensorflow/tfjs';
export class Forecaster {
  protected encoder(): tf.layers.Layer { return tf.layers.lstm({ units: 32 }); }
  build(): tf.LayersModel {
    const history = tf.input({ shape: [168, 9] });
    const next = tf.layers.dense({ units: 24 }).apply(this.encoder().apply(history)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: history, outputs: next });
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
    return model;
  }
}
`,
      '/ws/f/edge.ts': `import * as tf from '@tensorflow/tfjs';
import { Forecaster } from './base';
export class EdgeForecaster extends Forecaster {
  protected override encoder(): tf.layers.Layer { return tf.layers.simpleRNN({ units: 16 }); }
}
export async function loadOrCreate(url: string): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(url);
  } catch {
    return new EdgeForecaster().build();
  }
}
`,
      '/ws/f/train.ts': `import * as tf from '@tensorflow/tfjs';
import { EdgeForecaster } from './edge';
export async function retrain(xs: tf.Tensor, ys: tf.Tensor) {
  const model = new EdgeForecaster().build();
  await model.fit(xs, ys, { epochs: 5 });
}
`,
    };
    const read = (fileName: string) => files[fileName];
    const inTrain = analyze(files['/ws/f/train.ts'], '/ws/f/train.ts', DEFAULT_SETTINGS, { cache: null, readFile: read });
    assert.deepEqual(inTrain.findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.rule), []);
    const inEdge = analyze(files['/ws/f/edge.ts'], '/ws/f/edge.ts', DEFAULT_SETTINGS, { cache: null, readFile: read, importers: [{ fileName: '/ws/f/train.ts', text: files['/ws/f/train.ts'] }] });
    const rnn = inEdge.findings.filter((finding) => finding.rule === 'long-simple-rnn' && finding.severity === 'warning');
    assert.equal(rnn.length, 1);
    assert.equal(files['/ws/f/edge.ts'].slice(rnn[0].span.start, rnn[0].span.end), 'simpleRNN');
  });

  it("a tower built in tower.ts, applied twice inside fit.ts's own retrieval model: its oversized projection is tower.ts's to report, not again in fit.ts", () => {
    const files: Record<string, string> = {
      '/ws/r/tower.ts': `import * as tf from '@tensorflow/tfjs';
export function buildTower() {
  return tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [1024], units: 512, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 64, kernelInitializer: tf.initializers.randomNormal({ stddev: 0.25 }) }),
  ] });
}
`,
      '/ws/r/fit.ts': `import * as tf from '@tensorflow/tfjs';
import { buildTower } from './tower';
const tower = buildTower();
const query = tf.input({ shape: [1024] });
const title = tf.input({ shape: [1024] });
const both = tf.layers.concatenate().apply([tower.apply(query), tower.apply(title)]);
const retrieval = tf.model({ inputs: [query, title], outputs: both });
retrieval.compile({ optimizer: tf.train.adam(2e-3), loss: 'meanSquaredError' });
export async function fit(xs, ys) {
  await retrieval.fit(xs, ys);
}
`,
    };
    const read = (fileName: string) => files[fileName];
    const inits = (fileName: string, importers: string[]) =>
      analyze(files[fileName], fileName, DEFAULT_SETTINGS, { cache: null, readFile: read, importers: importers.map((name) => ({ fileName: name, text: files[name] })) })
        .findings.filter((finding) => finding.rule === 'large-init-scale' && finding.severity === 'warning').length;
    assert.equal(inits('/ws/r/tower.ts', ['/ws/r/fit.ts']), 1);
    assert.equal(inits('/ws/r/fit.ts', []), 0);
  });

  it("a base class's stage trainer handed a model tag.ts builds, run on tag.ts's subclass with its own rate: base.ts cannot see that model, so tag.ts reports it at its call", () => {
    const files: Record<string, string> = {
      '/ws/s/stages.ts': `import * as tf from '@tensorflow/tfjs';
export class StageTrainer {
  protected rates: Record<string, number> = { warmup: 1e-3, polish: 5e-3 };
  constructor(protected readonly model: tf.LayersModel) {}
  setStage(stage: string) {
    this.model.compile({ optimizer: tf.train.adam(this.rates[stage]), loss: 'meanSquaredError' });
  }
}
`,
      '/ws/s/router.ts': `import * as tf from '@tensorflow/tfjs';
export function buildRouter() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [1024], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
}
`,
      '/ws/s/nightly.ts': `import * as tf from '@tensorflow/tfjs';
import { StageTrainer } from './stages';
import { buildRouter } from './router';
class NightlyTrainer extends StageTrainer {
  protected rates: Record<string, number> = { warmup: 1e-3, polish: 2e-2 };
}
export async function main(xs, ys) {
  const model = buildRouter();
  const trainer = new NightlyTrainer(model);
  trainer.setStage('polish');
  await model.fit(xs, ys);
  tf.dispose([xs, ys]);
}
`,
    };
    const rates = (fileName: string, importers: string[]) =>
      warningsIn(files, fileName, importers).filter((finding) => finding.rule === 'high-learning-rate').map((finding) => files[fileName].slice(finding.span.start, finding.span.end));
    assert.deepEqual(rates('/ws/s/stages.ts', ['/ws/s/nightly.ts']), []);
    assert.deepEqual(rates('/ws/s/nightly.ts', []), ["trainer.setStage('polish')"]);
  });

  it("a base class's train() in base.ts, run on tag.ts's subclass with its own rate: base.ts reports the rate where the optimizer is written, tag.ts not again at its call", () => {
    const files: Record<string, string> = {
      '/ws/t/base.ts': BASE_TRAINER,
      '/ws/t/tag.ts': `import * as tf from '@tensorflow/tfjs';
import { BaseTrainer } from './base';
class TagTrainer extends BaseTrainer {
  protected learningRate = 0.03;
  protected buildModel(): tf.Sequential {
    return tf.sequential({ layers: [tf.layers.dense({ inputShape: [1024], units: 128, activation: 'relu' }), tf.layers.dense({ units: 12, activation: 'sigmoid' })] });
  }
}
export function startTraining(xs: tf.Tensor, ys: tf.Tensor) {
  const trainer = new TagTrainer();
  return trainer.train(xs, ys);
}
`,
    };
    const rates = (fileName: string, importers: string[]) =>
      warningsIn(files, fileName, importers).filter((finding) => finding.rule === 'high-learning-rate').map((finding) => files[fileName].slice(finding.span.start, finding.span.end));
    assert.deepEqual(rates('/ws/t/base.ts', ['/ws/t/tag.ts']), ['this.learningRate']);
    assert.deepEqual(rates('/ws/t/tag.ts', []), []);
  });

  it('a model built by models.ts and trained by a trainer class of trainer.ts, both given to it by main.ts: main.ts reports the rate at its call, which only it can judge', () => {
    const files: Record<string, string> = {
      [MODELS_FILE]: MODELS,
      '/ws/src/trainer.ts': `import * as tf from '@tensorflow/tfjs';
export class Trainer {
  constructor(private readonly model: tf.LayersModel, private readonly options: { learningRate: number }) {}
  async fit(xs: tf.Tensor, ys: tf.Tensor) {
    this.model.compile({ optimizer: tf.train.adam(this.options.learningRate), loss: 'meanSquaredError' });
    await this.model.fit(xs, ys, { epochs: 5 });
  }
}
`,
    };
    const main = `import * as tf from '@tensorflow/tfjs';
import { buildRegressor } from './models';
import { Trainer } from './trainer';
const trainer = new Trainer(buildRegressor(256), { learningRate: 0.05 });
await trainer.fit(tf.zeros([8, 128]), tf.zeros([8, 1]));
`;
    const result = analyze(main, '/ws/src/main.ts', DEFAULT_SETTINGS, { cache: null, readFile: (fileName) => files[fileName] });
    const warnings = result.findings.filter((finding) => finding.severity === 'warning');
    assert.deepEqual(warnings.map((finding) => [finding.rule, main.slice(finding.span.start, finding.span.end)]), [
      ['high-learning-rate', 'trainer.fit(tf.zeros([8, 128]), tf.zeros([8, 1]))'],
      ['missing-gradient-clipping', 'trainer.fit(tf.zeros([8, 128]), tf.zeros([8, 1]))'],
    ]);
  });

  it('a trainer class of trainer.ts that builds its model with models.ts and trains it at its own rate: trainer.ts reports the rate, main.ts (which only constructs and steps it) not again', () => {
    const files: Record<string, string> = {
      [MODELS_FILE]: MODELS,
      '/ws/src/trainer.ts': `import * as tf from '@tensorflow/tfjs';
import { buildRegressor } from './models';
export class Trainer {
  readonly model: tf.Sequential;
  readonly optimizer: tf.Optimizer;
  constructor(rate = 0.05) {
    this.model = buildRegressor(256);
    this.optimizer = tf.train.adam(rate);
  }
  step(xs: tf.Tensor, ys: tf.Tensor) {
    return this.optimizer.minimize(() => tf.losses.meanSquaredError(ys, this.model.apply(xs) as tf.Tensor) as tf.Scalar, true);
  }
}
`,
    };
    const main = `import * as tf from '@tensorflow/tfjs';
import { Trainer } from './trainer';
async function run() {
  const trainer = new Trainer();
  for (let i = 0; i < 100; i++) trainer.step(tf.zeros([8, 128]), tf.zeros([8, 1]));
}
run();
`;
    files['/ws/src/main.ts'] = main;
    const warnings = (fileName: string, importers: string[]) => warningsIn(files, fileName, importers).map((finding) => [finding.rule, files[fileName].slice(finding.span.start, finding.span.end)]);
    assert.deepEqual(warnings('/ws/src/trainer.ts', ['/ws/src/main.ts']).sort(), [['high-learning-rate', 'rate'], ['missing-gradient-clipping', 'tf.train.adam(rate)']]);
    assert.deepEqual(warnings('/ws/src/main.ts', []), []);
  });

  it("a service that steps sub.ts's subclass with base.ts's train() (importing base.ts too, for its type): base.ts reports the subclass's rate, the service not again", () => {
    const files: Record<string, string> = {
      '/ws/d/base.ts': BASE_TRAINER,
      '/ws/d/sub.ts': `import * as tf from '@tensorflow/tfjs';
import { BaseTrainer } from './base';
export class ForecastDetector extends BaseTrainer {
  protected learningRate = 0.05;
  protected buildModel(): tf.Sequential {
    return tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
  }
}
`,
      '/ws/d/service.ts': `import * as tf from '@tensorflow/tfjs';
import { ForecastDetector } from './sub';
import { BaseTrainer } from './base';
const detectors: BaseTrainer[] = [new ForecastDetector()];
async function retrain() {
  for (const d of detectors) await d.train(tf.zeros([8, 256]), tf.zeros([8, 1]));
}
retrain();
`,
    };
    const rules = (fileName: string, importers: string[]) => warningsIn(files, fileName, importers).map((finding) => finding.rule).sort();
    assert.deepEqual(rules('/ws/d/base.ts', ['/ws/d/sub.ts', '/ws/d/service.ts']), ['high-learning-rate', 'missing-gradient-clipping']);
    assert.deepEqual(rules('/ws/d/service.ts', []), []);
  });

  it("train.ts's own model trained by an imported helper at the rate train.ts passes: reported at the call, and no fix edits that call (it stands for the helper's code)", () => {
    const train = `import * as tf from '@tensorflow/tfjs';
import { fitWith } from './models';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
await fitWith(model, tf.zeros([8, 256]), tf.zeros([8, 1]), { learningRate: 0.05 });
`;
    const rate = findingsOf(train).find((finding) => finding.rule === 'high-learning-rate');
    assert.equal(train.slice(rate!.span.start, rate!.span.end), 'fitWith(model, tf.zeros([8, 256]), tf.zeros([8, 1]), { learningRate: 0.05 })');
    const fixed = fixText(train, TRAIN_FILE, BATCH_SETTINGS, { readFile });
    assert.match(fixed.text, /\nawait fitWith\(model, /, 'the call is not wrapped or replaced');
    assert.doesNotMatch(fixed.text, /withGradientClipping\(fitWith/);
  });

  it('`fix` reads the imports as `check` does: the rate of the imported model is lowered in train.ts', () => {
    const train = `import * as tf from '@tensorflow/tfjs';
import { buildRegressor } from './models';
const model = buildRegressor(256);
model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' });
`;
    const fixed = fixText(train, TRAIN_FILE, BATCH_SETTINGS, { readFile });
    assert.match(fixed.text, /tf\.train\.adam\(0\.001\)/);
    assert.equal(fixText(train, TRAIN_FILE).text, train, 'alone, the rate is a hint: no preferred fix');
  });
});
