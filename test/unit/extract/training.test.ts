/** Optimizer, learning rate and clipping evidence from small inline sources. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';
import { textOf } from './summary';

const header = "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\n";

function optimizerOf(compileArgument: string, prelude = '') {
  const text = `${header}${prelude}\nmodel.compile({ optimizer: ${compileArgument}, loss: 'meanSquaredError' });\n`;
  const file = extractFile(text, 'm.ts');
  assert.equal(file.models.length, 1);
  return { text, training: file.models[0].training };
}

describe('extraction of the optimizer and learning rate', () => {
  const cases: [string, string, { name: string; form: string; learningRate?: number; learningRateSource: string; span: string; lrSpan?: string }][] = [
    ['compile string sgd', "'sgd'", { name: 'sgd', form: 'string', learningRate: 0.01, learningRateSource: 'default', span: "'sgd'" }],
    ['compile string adadelta', "'adadelta'", { name: 'adadelta', form: 'string', learningRate: 1, learningRateSource: 'default', span: "'adadelta'" }],
    ['unknown compile string', "'nadam'", { name: 'unknown', form: 'string', learningRateSource: 'unresolved', span: "'nadam'" }],
    ['sgd with lr', 'tf.train.sgd(0.1)', { name: 'sgd', form: 'call', learningRate: 0.1, learningRateSource: 'explicit', span: 'tf.train.sgd(0.1)', lrSpan: '0.1' }],
    ['sgd without lr has no default', 'tf.train.sgd()', { name: 'sgd', form: 'call', learningRateSource: 'unresolved', span: 'tf.train.sgd()' }],
    ['adam default lr', 'tf.train.adam()', { name: 'adam', form: 'call', learningRate: 0.001, learningRateSource: 'default', span: 'tf.train.adam()' }],
    ['adamax default lr', 'tf.train.adamax()', { name: 'adamax', form: 'call', learningRate: 0.002, learningRateSource: 'default', span: 'tf.train.adamax()' }],
    ['rmsprop lr expression', 'tf.train.rmsprop(1e-2 / 2, 0.9)', { name: 'rmsprop', form: 'call', learningRate: 0.005, learningRateSource: 'explicit', span: 'tf.train.rmsprop(1e-2 / 2, 0.9)', lrSpan: '1e-2 / 2' }],
    ['momentum', 'tf.train.momentum(0.05, 0.9)', { name: 'momentum', form: 'call', learningRate: 0.05, learningRateSource: 'explicit', span: 'tf.train.momentum(0.05, 0.9)', lrSpan: '0.05' }],
    ['adam with a config object (a tfjs mistake)', 'tf.train.adam({ learningRate: 0.01 })', { name: 'adam', form: 'call', learningRateSource: 'object', span: 'tf.train.adam({ learningRate: 0.01 })', lrSpan: '{ learningRate: 0.01 }' }],
    ['lr from a parameter is unresolved', 'tf.train.sgd(Number(process.env.LR))', { name: 'sgd', form: 'call', learningRateSource: 'unresolved', span: 'tf.train.sgd(Number(process.env.LR))', lrSpan: 'Number(process.env.LR)' }],
  ];
  it('reads a learning rate from a class static field, as assignments leave it', () => {
    const rateOf = (prelude: string) => optimizerOf('tf.train.adam(Hp.LEARNING_RATE, 0.5)', prelude).training?.optimizer?.learningRate;
    assert.equal(rateOf('class Hp { static LEARNING_RATE = 0.02; static BETA1 = 0.5; }'), 0.02);
    assert.equal(rateOf('class Hp { static readonly LEARNING_RATE = 2e-4; }'), 2e-4);
    assert.equal(rateOf('class Hp { static LEARNING_RATE = 0.02; }\nHp.LEARNING_RATE = 0.005;'), 0.005);
    assert.equal(rateOf('class Hp { LEARNING_RATE = 0.02; }'), undefined, 'an instance field is not a static');
  });

  it('reads constructor parameter properties as fields of the instance, set before field initializers run', () => {
    const ratesOf = (classText: string, instances: string) => {
      const text = `import * as tf from '@tensorflow/tfjs';\n${classText}\n${instances}\n`;
      return extractFile(text, 'm.ts').models.map((model) => model.training?.optimizer?.learningRate);
    };
    const trainer = [
      'class Trainer {',
      '  constructor(private readonly rate = 0.3, public units = 16, plain = 0.7) { this.model = this.build(); }',
      '  build() {',
      '    const model = tf.sequential({ layers: [tf.layers.dense({ units: this.units, inputShape: [4] })] });',
      "    model.compile({ optimizer: tf.train.sgd(this.rate), loss: 'meanSquaredError' });",
      '    return model;',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(ratesOf(trainer, 'new Trainer();'), [0.3], 'the default of an omitted argument');
    assert.deepEqual(ratesOf(trainer, 'new Trainer(0.05, 8);'), [0.05], 'an argument passed');
    assert.deepEqual(ratesOf(trainer.replace('this.rate', 'this.plain'), 'new Trainer();'), [undefined], 'a parameter without a modifier is no field');
    const fieldFirst = [
      'class Fitter {',
      '  private readonly optimizer = tf.train.adam(this.rate);',
      '  constructor(protected rate = 0.02) {',
      '    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });',
      "    model.compile({ optimizer: this.optimizer, loss: 'meanSquaredError' });",
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(ratesOf(fieldFirst, 'new Fitter();'), [0.02], 'a field initializer sees the parameter property');
  });

  for (const [title, argument, expected] of cases) {
    it(title, () => {
      const { text, training } = optimizerOf(argument);
      const optimizer = training?.optimizer;
      assert.ok(optimizer);
      assert.deepEqual(
        { name: optimizer.name, form: optimizer.form, learningRate: optimizer.learningRate, learningRateSource: optimizer.learningRateSource, span: textOf(text, optimizer.span), lrSpan: textOf(text, optimizer.lrSpan) },
        { learningRate: undefined, lrSpan: undefined, ...expected },
      );
      assert.equal(optimizer.useSpan, undefined);
      assert.deepEqual(training?.clipping, []);
    });
  }

  it('an identifier bound to an optimizer: span at the definition, useSpan at the use', () => {
    const { text, training } = optimizerOf('opt', 'const LR = 0.2;\nconst opt = tf.train.sgd(LR * 2);');
    assert.equal(training?.optimizer?.learningRate, 0.4);
    assert.equal(textOf(text, training?.optimizer?.span), 'tf.train.sgd(LR * 2)');
    assert.equal(textOf(text, training?.optimizer?.lrSpan), 'LR * 2');
    assert.equal(textOf(text, training?.optimizer?.useSpan), 'opt');
  });

  it('an unknown optimizer expression is unknown, not guessed', () => {
    const { training } = optimizerOf('makeOptimizer()');
    assert.equal(training?.optimizer?.name, 'unknown');
    assert.equal(training?.optimizer?.form, 'unknown');
    assert.equal(training?.optimizer?.learningRateSource, 'unresolved');
  });
});

describe('extraction of clipping evidence', () => {
  it("the rules' clipping quick fix: a wrapper replacing applyGradients; optimizer resolved through it", () => {
    const helper = [
      'function withGradientClipping(optimizer, maxNorm) {',
      '  const apply = optimizer.applyGradients.bind(optimizer);',
      '  optimizer.applyGradients = (grads) => apply(clipGradientsByGlobalNorm(grads, maxNorm));',
      '  return optimizer;',
      '}',
    ].join('\n');
    const { text, training } = optimizerOf('withGradientClipping(tf.train.adam(0.01), 1)', helper);
    assert.equal(training?.optimizer?.name, 'adam');
    assert.equal(training?.optimizer?.learningRate, 0.01);
    assert.equal(textOf(text, training?.optimizer?.span), 'tf.train.adam(0.01)');
    assert.equal(textOf(text, training?.optimizer?.useSpan), 'withGradientClipping(tf.train.adam(0.01), 1)');
    assert.deepEqual(training?.clipping.map((c) => [c.kind, textOf(text, c.span)]), [['wrappedApplyGradients', 'withGradientClipping(tf.train.adam(0.01), 1)']]);
  });

  it('a wrapper that returns something else still resolves to its first argument', () => {
    const helper = 'function clipped(opt, n) {\n  opt.applyGradients = (g) => g;\n  return Object.assign({}, unknownThing);\n}';
    const { training } = optimizerOf('clipped(tf.train.sgd(0.3), 5)', helper);
    assert.equal(training?.optimizer?.name, 'sgd');
    assert.equal(training?.optimizer?.learningRate, 0.3);
    assert.deepEqual(training?.clipping.map((c) => c.kind), ['wrappedApplyGradients']);
  });

  describe('a hand-written global-norm helper, recognised by what it does whatever its name', () => {
    const clippingKindsOf = (helper: string) => {
      const text = [
        header,
        helper,
        'const optimizer = tf.train.adam(0.001);',
        'export function step(xs, ys) {',
        '  const { grads } = tf.variableGrads(() => tf.losses.meanSquaredError(ys, model.predict(xs)));',
        '  optimizer.applyGradients(rescale(grads, 5));',
        '}',
      ].join('\n');
      return extractFile(text, 'm.js').models[0].training?.clipping.map((c) => c.kind) ?? [];
    };
    const cases: [string, string, string[]][] = [
      [
        'sqrt of summed squares capped by minimum(1, max / norm), inside tf.tidy',
        'function rescale(grads, maxNorm) {\n  return tf.tidy(() => {\n    const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));\n    const factor = tf.minimum(1, tf.div(maxNorm, norm));\n    const out = {};\n    for (const k of Object.keys(grads)) out[k] = grads[k].mul(factor);\n    return out;\n  });\n}',
        ['globalNorm'],
      ],
      [
        'the squares named first, the root of their sum capped',
        'function rescale(grads, maxNorm) {\n  return tf.tidy(() => {\n    const names = Object.keys(grads);\n    const sq = names.map((n) => tf.sum(tf.square(grads[n])));\n    const norm = tf.sqrt(tf.addN(sq));\n    const scale = tf.minimum(1, tf.div(maxNorm, norm));\n    const out = {};\n    for (const n of names) out[n] = tf.mul(grads[n], scale);\n    return out;\n  });\n}',
        ['globalNorm'],
      ],
      [
        'the root of a sum that squares nothing is no norm',
        'function rescale(grads, maxNorm) {\n  const sums = Object.values(grads).map((g) => tf.sum(g));\n  const size = tf.sqrt(tf.addN(sums));\n  const scale = tf.minimum(1, tf.div(maxNorm, size));\n  const out = {};\n  for (const k of Object.keys(grads)) out[k] = grads[k].mul(scale);\n  return out;\n}',
        [],
      ],
      [
        'a norm read to a number and compared with the limit',
        'function rescale(grads, maxNorm) {\n  const total = Math.sqrt(Object.values(grads).reduce((s, g) => s + g.square().sum().dataSync()[0], 0));\n  if (total <= maxNorm) return grads;\n  const out = {};\n  for (const k of Object.keys(grads)) out[k] = grads[k].mul(maxNorm / total);\n  return out;\n}',
        ['globalNorm'],
      ],
      [
        'tf.norm per gradient inside the cap',
        'function rescale(grads, maxNorm) {\n  const out = {};\n  for (const k of Object.keys(grads)) out[k] = grads[k].mul(tf.minimum(1, tf.div(maxNorm, tf.norm(grads[k]))));\n  return out;\n}',
        ['globalNorm'],
      ],
      [
        'a norm only logged is no clipping, even beside an unrelated Math.min',
        'function rescale(grads, maxNorm) {\n  const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));\n  console.log(norm.dataSync()[0], Math.min(maxNorm, 3));\n  return grads;\n}',
        [],
      ],
      [
        'a cap on something that is not a norm is no clipping',
        'function rescale(grads, maxNorm) {\n  const scale = tf.minimum(1, tf.sqrt(tf.scalar(maxNorm)));\n  const out = {};\n  for (const k of Object.keys(grads)) out[k] = grads[k].mul(scale);\n  return out;\n}',
        [],
      ],
    ];
    for (const [title, helper, kinds] of cases) it(title, () => assert.deepEqual(clippingKindsOf(helper), kinds));
  });

  it("an uncalled scheduler method that only writes the optimizers' learningRate runs: the write is seen", () => {
    const text = `const tf = require('@tensorflow/tfjs');
class StepDecay {
  constructor(optimizers) { this.optimizers = optimizers; }
  onEpisodeEnd(episode) {
    if (episode % 50 !== 0) return;
    for (const opt of this.optimizers) opt.learningRate = opt.learningRate * 0.5;
  }
}
class Agent {
  constructor() {
    this.critic = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
    this.opt = tf.train.momentum(0.005, 0.9);
    this.critic.compile({ optimizer: this.opt, loss: 'meanSquaredError' });
    this.scheduler = new StepDecay([this.opt]);
  }
  endEpisode(episode) { this.scheduler.onEpisodeEnd(episode); }
}
module.exports = { agent: new Agent() };
`;
    assert.equal(extractFile(text, 'agent.js').models[0]?.training?.optimizer?.rateAssignments?.length, 1);
  });

  it('a clipped copy made and the original gradients applied is no clipping; the copy applied, or the name given the result, is', () => {
    const kindsWith = (step: string, helper = 'clipGlobal') => {
      const text = `${header}function ${helper}(grads, maxNorm) {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.addN(Object.keys(grads).map((k) => tf.sum(tf.square(grads[k])))));
    const scale = tf.minimum(1, tf.div(maxNorm, norm));
    const out = {};
    for (const k of Object.keys(grads)) out[k] = tf.keep(tf.mul(grads[k], scale));
    return { clipped: out, norm: norm.dataSync()[0] };
  });
}
const optimizer = tf.train.adam(0.001);
export function step(xs, ys) {
  let { grads } = tf.variableGrads(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
  ${step}
}
`;
      return extractFile(text, 'm.js').models[0].training?.clipping.map((c) => c.kind);
    };
    assert.deepEqual(kindsWith('const { clipped, norm } = clipGlobal(grads, 5);\n  console.log(norm);\n  optimizer.applyGradients(grads);'), []);
    assert.deepEqual(kindsWith('const { clipped } = clipGlobal(grads, 5);\n  optimizer.applyGradients(clipped);'), ['globalNorm']);
    assert.deepEqual(kindsWith('grads = clipGlobal(grads, 5).clipped;\n  optimizer.applyGradients(grads);'), ['globalNorm']);
    // Named for clipping by global norm, the helper's call is evidence by its name too: unused, the copy still clips nothing.
    assert.deepEqual(kindsWith('const { clipped, norm } = clipGlobalNorm(grads, 5);\n  console.log(norm);\n  optimizer.applyGradients(grads);', 'clipGlobalNorm'), []);
    assert.deepEqual(kindsWith('const { clipped } = clipGlobalNorm(grads, 5);\n  optimizer.applyGradients(clipped);', 'clipGlobalNorm'), ['globalNorm', 'globalNorm']);
  });

  it('by name, only a helper named for clipping: clipByGlobalNorm is evidence, a globalNorm(grads) that measures for a log is not', () => {
    const kindsWith = (call: string) => {
      const text = `${header}declare function ${call.slice(0, call.indexOf('('))}(grads: unknown): unknown;
const optimizer = tf.train.sgd(0.01);
export function step(xs: tf.Tensor, ys: tf.Tensor) {
  const { grads } = tf.variableGrads(() => tf.losses.meanSquaredError(ys, model.predict(xs) as tf.Tensor) as tf.Scalar);
  console.log(${call});
  optimizer.applyGradients(grads);
}
`;
      return extractFile(text, 'm.ts').models[0].training?.clipping.map((c) => c.kind);
    };
    assert.deepEqual(kindsWith('clipByGlobalNorm(grads)'), ['globalNorm']);
    assert.deepEqual(kindsWith('globalNorm(grads)'), []);
  });

  it('a clip inside the loss a gradient call runs bounds a forward value (a PPO ratio), not the gradients: no evidence', () => {
    const kindsWith = (loss: string, after: string) => {
      const text = `${header}const optimizer = tf.train.adam(0.05);
export function step(xs: tf.Tensor, ratio: tf.Tensor, adv: tf.Tensor) {
  const { grads } = tf.variableGrads(() => ${loss});
  ${after}
  optimizer.applyGradients(grads);
}
`;
      return extractFile(text, 'm.ts').models[0].training?.clipping.map((c) => c.kind);
    };
    const ppo = 'tf.minimum(ratio.mul(adv), tf.clipByValue(ratio, 0.8, 1.2).mul(adv)).mean().add(tf.losses.meanSquaredError(adv, model.predict(xs) as tf.Tensor)).neg() as tf.Scalar';
    assert.deepEqual(kindsWith(ppo, ''), []);
    assert.deepEqual(kindsWith(ppo, 'for (const name of Object.keys(grads)) grads[name] = tf.clipByValue(grads[name], -1, 1);'), ['clipByValue']);
  });

  it('a helper that does not touch applyGradients is no evidence', () => {
    const helper = 'function same(opt) {\n  console.log(opt);\n  return opt;\n}';
    const { training } = optimizerOf('same(tf.train.sgd(0.3))', helper);
    assert.equal(training?.optimizer?.name, 'sgd');
    assert.deepEqual(training?.clipping, []);
  });

});

describe('extraction of a sweep: an uncalled function calls the trainer once per value of a list', () => {
  const sweep = (values: string, optimizer: (value: string) => string) =>
    extractFile(
      [
        "import * as tf from '@tensorflow/tfjs';",
        'const VALUES = ' + values + ';',
        "function head() { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 8, activation: 'softmax' })] }); }",
        'async function runTrial(value) {',
        '  const model = head();',
        "  model.compile({ optimizer: " + optimizer('value') + ", loss: 'categoricalCrossentropy' });",
        '  await model.fit(xs, ys, { epochs: 3 });',
        '}',
        'export async function sweep() {',
        '  for (const value of VALUES) await runTrial(value);',
        '}',
      ].join('\n'),
      'sweep.js',
    ).models;

  it('runs the trials with the values of the list (the sweep mentions no tfjs name itself): each trial is a variant', () => {
    const models = sweep('[1e-3, 3e-2, 3e-3]', (value) => `tf.train.adam(${value})`);
    assert.deepEqual(models.map((model) => model.training?.optimizer?.learningRate), [0.001, 0.03, 0.003]);
    assert.deepEqual(models.map((model) => model.variant?.label), [1, 2, 3].map((n) => `as called at line 5 (head()), build ${n}`));
  });

  const recompiled = (values: string, optimizer: (value: string) => string) =>
    extractFile(`${header}for (const value of ${values}) {\n  model.compile({ optimizer: ${optimizer('value')}, loss: 'meanSquaredError' });\n  await model.fit(xs, ys);\n}\n`, 'phases.js').models;

  it('one model compiled again per value keeps the highest rate, in either order', () => {
    for (const list of ['[1e-3, 3e-2, 3e-3]', '[3e-2, 1e-3]', '[1e-3, 3e-2]']) {
      assert.deepEqual(recompiled(list, (value) => `tf.train.adam(${value})`).map((model) => model.training?.optimizer?.learningRate), [0.03], list);
    }
  });

  it('one model compiled again per value keeps an optimizer name tfjs may not resolve, in either order', () => {
    for (const list of ["['adam', 'nadam', 'sgd']", "['nadam', 'adam']", "['sgd', 'nadam']"]) {
      assert.deepEqual(recompiled(list, (value) => value).map((model) => model.training?.optimizer?.written), ['nadam'], list);
    }
  });

  it('a compile written elsewhere still replaces the optimizer (a second phase of training)', () => {
    const text = `${header}model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });\nmodel.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });\n`;
    assert.equal(extractFile(text, 'phases.ts').models[0].training?.optimizer?.learningRate, 0.001);
  });
});

describe('several optimizers minimizing in one function', () => {
  const ratesByModel = (text: string) =>
    Object.fromEntries(extractFile(text, 'm.ts').models.map((model) => [model.name, model.training?.optimizer?.learningRate]));

  it("each model trains with the optimizer of the minimize whose loss uses it first (a DDPG actor's loss reads critic.apply([s, actor.apply(s)]))", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const actor = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'tanh' })] });
const critic = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
const actorOpt = tf.train.adam(1e-4);
const criticOpt = tf.train.adam(2e-3);
function learn(s: tf.Tensor2D, a: tf.Tensor2D, y: tf.Tensor2D) {
  criticOpt.minimize(() => tf.losses.meanSquaredError(y, critic.apply(tf.concat([s, a], 1)) as tf.Tensor) as tf.Scalar);
  actorOpt.minimize(() => tf.neg(tf.mean(critic.apply(tf.concat([s, actor.apply(s) as tf.Tensor], 1)) as tf.Tensor)) as tf.Scalar);
}
learn(tf.zeros([2, 3]), tf.zeros([2, 1]), tf.zeros([2, 1]));
`;
    assert.deepEqual(ratesByModel(text), { actor: 1e-4, critic: 2e-3 });
  });

  it("a GAN's generator trains with the optimizer whose loss runs it first, though the discriminator's loss also runs it", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const gen = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu' }), tf.layers.dense({ units: 8, activation: 'tanh' })] });
const disc = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 32, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
const dOpt = tf.train.adam(4e-4);
const gOpt = tf.train.adam(1e-4);
function step(real: tf.Tensor2D, z: tf.Tensor2D) {
  dOpt.minimize(() => tf.add(tf.mean(disc.apply(real) as tf.Tensor), tf.mean(disc.apply(gen.apply(z) as tf.Tensor) as tf.Tensor)) as tf.Scalar);
  gOpt.minimize(() => tf.neg(tf.mean(disc.apply(gen.apply(z) as tf.Tensor) as tf.Tensor)) as tf.Scalar);
}
step(tf.zeros([2, 8]), tf.zeros([2, 16]));
`;
    assert.deepEqual(ratesByModel(text), { gen: 1e-4, disc: 4e-4 });
  });

  it("gradients of a variableGrads applied by an optimizer train the loss's models with it, clipped only by the clips between (an A2C actor's clipped step beside a critic's minimize)", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const actor = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 256, activation: 'tanh' }), tf.layers.dense({ units: 4 })] });
const critic = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 256, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
const actorOpt = tf.train.adam(7e-4);
const criticOpt = tf.train.rmsprop(0.04);
function clipEach(grads: tf.NamedTensorMap, limit: number) {
  const out: tf.NamedTensorMap = {};
  for (const name of Object.keys(grads)) out[name] = tf.clipByValue(grads[name], -limit, limit);
  return out;
}
function update(s: tf.Tensor2D, returns: tf.Tensor1D) {
  criticOpt.minimize(() => tf.losses.meanSquaredError(returns, (critic.apply(s) as tf.Tensor).squeeze([1])) as tf.Scalar);
  const { grads } = tf.variableGrads(() => tf.neg(tf.mean(tf.logSoftmax(actor.apply(s) as tf.Tensor))) as tf.Scalar);
  actorOpt.applyGradients(clipEach(grads, 0.5));
}
update(tf.zeros([2, 8]), tf.zeros([2]));
`;
    const trained = extractFile(text, 'a2c.ts').models.map((model) => [model.name, model.training?.optimizer?.learningRate, model.training?.clipping.map((evidence) => evidence.kind)]);
    assert.deepEqual(trained, [['actor', 7e-4, ['clipByValue']], ['critic', 0.04, []]]);
  });

  it("a variable list of one model's weights trains that model only: a DDPG critic the actor's loss reads keeps its own unclipped optimizer", () => {
    const text = (varList: string) => `import * as tf from '@tensorflow/tfjs';
const actor = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'tanh' })] });
const critic = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 256, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
const actorOpt = tf.train.adam(1e-4);
const criticOpt = tf.train.adam(0.05);
critic.compile({ optimizer: criticOpt, loss: 'meanSquaredError' });
async function learn(s: tf.Tensor2D, a: tf.Tensor2D, y: tf.Tensor2D) {
  await critic.trainOnBatch(tf.concat([s, a], 1), y);
  const vars = ${varList};
  const { grads } = tf.variableGrads(() => tf.neg(tf.mean(critic.apply(tf.concat([s, actor.apply(s) as tf.Tensor], 1)) as tf.Tensor)) as tf.Scalar, vars);
  const clipped: tf.NamedTensorMap = {};
  for (const name of Object.keys(grads)) clipped[name] = tf.clipByNorm(grads[name], 1);
  actorOpt.applyGradients(clipped);
}
learn(tf.zeros([2, 3]), tf.zeros([2, 1]), tf.zeros([2, 1]));
`;
    const clippingOf = (varList: string) => Object.fromEntries(extractFile(text(varList), 'ddpg.ts').models.map((model) => [model.name, model.training?.clipping.map((evidence) => evidence.kind)]));
    assert.deepEqual(clippingOf('actor.trainableWeights.map((w) => w.read() as tf.Variable)'), { actor: ['clipByNorm'], critic: [] });
    // A list the analysis cannot read leaves both models the loss used trained by the clipped step, as before.
    assert.deepEqual(clippingOf('weightsFromSomewhere()'), { actor: ['clipByNorm'], critic: ['clipByNorm'] });
  });
});

describe('compile loss lists written elsewhere in the file', () => {
  const twoHeads = `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [8] });
const kind = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(input) as tf.SymbolicTensor;
const valid = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(input) as tf.SymbolicTensor;
const model = tf.model({ inputs: input, outputs: [kind, valid] });
`;
  const lossesOf = (text: string) =>
    (extractFile(text, 'm.ts').models[0].training?.losses ?? []).map((loss) => ({ name: loss.name, output: loss.output, at: text.slice(loss.span.start, loss.span.end) }));

  it('a list kept in a config object gives each output its loss, placed where the list writes it', () => {
    const text = `${twoHeads}const CONFIG = { losses: ['binaryCrossentropy', 'categoricalCrossentropy'] };\nmodel.compile({ optimizer: 'adam', loss: CONFIG.losses });\n`;
    assert.deepEqual(lossesOf(text), [
      { name: 'binaryCrossentropy', output: 0, at: "'binaryCrossentropy'" },
      { name: 'categoricalCrossentropy', output: 1, at: "'categoricalCrossentropy'" },
    ]);
  });

  it('a list whose items changed after it was written is placed where the compile names it, not on what it no longer says', () => {
    const atCompile = [
      { name: 'categoricalCrossentropy', output: 0, at: 'LOSSES' },
      { name: 'binaryCrossentropy', output: 1, at: 'LOSSES' },
    ];
    const replaced = `${twoHeads}const LOSSES = ['binaryCrossentropy', 'binaryCrossentropy'];\nLOSSES[0] = 'categoricalCrossentropy';\nmodel.compile({ optimizer: 'adam', loss: LOSSES });\n`;
    assert.deepEqual(lossesOf(replaced), atCompile);
    const pushed = `${twoHeads}const LOSSES = ['categoricalCrossentropy'];\nLOSSES.push('binaryCrossentropy');\nmodel.compile({ optimizer: 'adam', loss: LOSSES });\n`;
    assert.deepEqual(lossesOf(pushed), atCompile);
  });
});

describe('losses read from tf.losses and tf.metrics calls', () => {
  it('a metric computed on test predictions after training is no training loss', () => {
    const text = `${header}model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
const mae = tf.metrics.meanAbsoluteError(tf.zeros([2, 1]), model.predict(tf.zeros([2, 4])) as tf.Tensor);
`;
    assert.deepEqual(extractFile(text, 'm.ts').models[0].training?.losses?.map((loss) => loss.name), ['meanSquaredError']);
  });

  it('the same call in the function a gradient call runs is the loss', () => {
    const text = `${header}const optimizer = tf.train.sgd(0.5);
optimizer.minimize(() => tf.metrics.meanAbsoluteError(tf.zeros([2, 1]), model.predict(tf.zeros([2, 4])) as tf.Tensor).mean() as tf.Scalar);
`;
    assert.deepEqual(extractFile(text, 'm.ts').models[0].training?.losses?.map((loss) => loss.name), ['metrics.meanAbsoluteError']);
  });
});

describe('losses of core API models', () => {
  const program = (lossed: string) => `import * as tf from '@tensorflow/tfjs';
const w1 = tf.variable(tf.randomNormal([13, 64], 0, 0.4));
const w2 = tf.variable(tf.randomNormal([64, 1], 0, 0.125));
const hidden = (x: tf.Tensor) => tf.matMul(x, w1).relu();
const predict = (x: tf.Tensor) => tf.matMul(hidden(x), w2);
const optimizer = tf.train.sgd(1.5);
optimizer.minimize(() => tf.losses.meanSquaredError(tf.zeros([8, 1]), ${lossed}), true, [w1, w2]);
`;

  it('a tf.losses call on the chain\'s last op is that model\'s loss', () => {
    const [model] = extractFile(program('predict(tf.zeros([8, 13]))'), 'core.ts').models;
    assert.deepEqual(model.training?.losses?.map((loss) => loss.name), ['losses.meanSquaredError']);
  });

  it('a loss on an op that another op of the model reads is no loss of the model', () => {
    const text = program('predict(tf.zeros([8, 13]))').replace(
      /optimizer\.minimize\(.*\n/,
      `optimizer.minimize(() => {
  const h = hidden(tf.zeros([8, 13]));
  const out = tf.matMul(h, w2);
  return tf.losses.absoluteDifference(tf.zeros([8, 64]), h).add(tf.losses.meanSquaredError(tf.zeros([8, 1]), out));
}, true, [w1, w2]);
`,
    );
    const trained = extractFile(text, 'core.ts').models.find((model) => model.training?.calls.length);
    assert.deepEqual(trained?.training?.losses?.map((loss) => loss.name), ['losses.meanSquaredError']);
  });
});

describe('destructuring defaults from objects nothing is known of', () => {
  const rateOf = (binding: string) => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function onTrain(req: { body: Record<string, number> }) {
  ${binding}
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [128], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
}
`;
    return extractFile(text, 'route.ts').models[0].training?.optimizer?.learningRate;
  };

  it("a request body: the default the code writes, as for an uncalled function's parameter", () => {
    assert.equal(rateOf('const { lr = 0.1 } = req.body;'), 0.1);
  });

  it('a known object whose member is not known: the member stays unknown', () => {
    assert.equal(rateOf('const settings = { lr: Number(process.env.LR) };\n  const { lr = 0.1 } = settings;'), undefined);
    assert.equal(rateOf('const settings = { lr: Number(process.env.LR) };\n  const lr = settings.lr ?? 0.1;'), undefined);
  });

  it('a member of a request body with a fallback (`??`, `||`): the fallback, as for a destructuring default', () => {
    assert.equal(rateOf('const lr = Number(req.body.lr ?? 0.1);'), 0.1);
    assert.equal(rateOf("const lr = req.body['lr'] || 0.1;"), 0.1);
    assert.equal(rateOf('const lr = req.body.lr;'), undefined);
  });
});

describe("a learning-rate schedule in fit's callbacks", () => {
  /** adam created at 0.001; an epoch hook assigns 0.1 at epoch 30; `fit` trains for `epochs`. */
  const trainedRate = (epochs: string, hook = 'onEpochBegin') => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
const optimizer = tf.train.adam(0.001);
model.compile({ optimizer, loss: 'meanSquaredError' });
model.fit(xs, ys, { epochs: ${epochs}, callbacks: { ${hook}: async (epoch) => { if (epoch === 30) optimizer.learningRate = 0.1; } } });
`;
    const optimizer = extractFile(text, 'schedule.ts').models[0].training?.optimizer;
    return { rate: optimizer?.learningRate, peakAssigned: optimizer?.scheduledPeak !== undefined };
  };

  it('an epoch hook runs once per epoch: a rate set at epoch 30 is trained with only when fit runs past it', () => {
    assert.deepEqual(trainedRate('20'), { rate: 0.001, peakAssigned: false });
    assert.deepEqual(trainedRate('40'), { rate: 0.1, peakAssigned: true });
    assert.deepEqual(trainedRate('40', 'onEpochEnd'), { rate: 0.1, peakAssigned: true });
  });

  it('with epochs not known, or a batch hook (its steps depend on the data), the rate it was created with stands', () => {
    assert.deepEqual(trainedRate('EPOCHS_FROM_UI'), { rate: 0.001, peakAssigned: false });
    assert.deepEqual(trainedRate('40', 'onBatchBegin'), { rate: 0.001, peakAssigned: false });
  });
});

describe('a schedule function called per batch with a step counter: its peak', () => {
  /** adam created at 1e-4; a batch hook assigns `schedule(step)`, reading the counter before or after its increment. */
  const peakOf = (schedule: string, hook = 'optimizer.learningRate = schedule(step);\n    step += 1;') => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
const optimizer = tf.train.adam(1e-4);
model.compile({ optimizer, loss: 'meanSquaredError' });
${schedule}
let step = 0;
model.fit(xs, ys, { epochs: 10, callbacks: { onBatchBegin: () => {
    ${hook}
  } } });
`;
    const optimizer = extractFile(text, 'schedule.ts').models[0].training?.optimizer;
    return optimizer?.scheduledPeak ? optimizer.learningRate : undefined;
  };
  const warmupCosine = `const total = Math.ceil(xs.shape[0] / 32) * 10;
function schedule(s) {
  if (s < 500) return 1e-4 + (0.05 - 1e-4) * (s / 500);
  const t = Math.min(1, (s - 500) / (total - 500));
  return 1e-4 + 0.5 * (0.05 - 1e-4) * (1 + Math.cos(Math.PI * t));
}`;

  it('a warm-up then cosine anneal to 0.05, read before or after the increment: 0.05', () => {
    assert.equal(peakOf(warmupCosine), 0.05);
    assert.equal(peakOf(warmupCosine, 'step += 1;\n    optimizer.learningRate = schedule(step);'), 0.05);
  });

  it("SGDR's restarts from a settings object: its maximum", () => {
    const sgdr = `const SGDR = { maxLr: 0.03, minLr: 1e-5, first: 200, mult: 2 };
function schedule(s, { maxLr, minLr, first, mult } = SGDR) {
  let cycle = first;
  let t = s;
  while (t >= cycle) { t -= cycle; cycle *= mult; }
  return minLr + 0.5 * (maxLr - minLr) * (1 + Math.cos((Math.PI * t) / cycle));
}`;
    assert.equal(peakOf(sgdr), 0.03);
  });

  it("Noam's schedule, whose interval bound (0.088) is loose: the most it returns at the sampled steps", () => {
    const noam = 'function schedule(s) {\n  const n = Math.max(s, 1);\n  return Math.pow(128, -0.5) * Math.min(Math.pow(n, -0.5), n * Math.pow(4000, -1.5));\n}';
    const peak = peakOf(noam);
    assert.ok(peak !== undefined && peak > 0.001 && peak <= 0.0014, String(peak));
  });

  it("Noam's schedule with its step unclamped (step 0 divides by zero): bounded piece by piece between the sampled steps, each term unbounded over all steps", () => {
    const noam = 'function schedule(s) {\n  return Math.pow(128, -0.5) * Math.min(Math.pow(s, -0.5), s * Math.pow(4000, -1.5));\n}';
    const peak = peakOf(noam);
    assert.ok(peak !== undefined && peak > 0.001 && peak <= 0.0014, String(peak));
  });

  it('a rate written in place from a counter not known: its peak at the sampled steps, not the loose interval bound (0.088 for Noam)', () => {
    assert.equal(peakOf('', 'optimizer.learningRate = 0.05 * Math.min(1, step / 1000);\n    step += 1;'), 0.05);
    const peak = peakOf('', 'const n = Math.max(step, 1);\n    optimizer.learningRate = Math.pow(128, -0.5) * Math.min(Math.pow(n, -0.5), n * Math.pow(4000, -1.5));\n    step += 1;');
    assert.ok(peak !== undefined && peak > 0.001 && peak <= 0.0014, String(peak));
  });

  it('a schedule that grows without bound (`base * (1 + step / 1000)`) stays unbounded piece by piece: no rate', () => {
    assert.equal(peakOf('function schedule(s) {\n  return 0.001 * (1 + s / 1000);\n}'), undefined);
  });

  it('a one-cycle warm-up over a share of steps not known (`step / warmSteps` under `step < warmSteps`): its peak', () => {
    const oneCycle = `const total = Math.ceil(xs.shape[0] / 32) * 10;
function schedule(s, totalSteps = total) {
  const warmSteps = Math.floor(0.3 * totalSteps);
  if (s < warmSteps) return 0.0016 + (0.04 - 0.0016) * (s / warmSteps);
  const t = (s - warmSteps) / Math.max(1, totalSteps - warmSteps);
  return 4e-6 + 0.5 * (0.04 - 4e-6) * (1 + Math.cos(Math.PI * t));
}`;
    assert.equal(peakOf(oneCycle), 0.04);
  });

  it('in a custom loop over batches whose number is not known: the peak, unless a condition not known guards the assignment', () => {
    const loop = (guard: string) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
const optimizer = tf.train.adam(1e-4);
const batches = Math.ceil(xs.shape[0] / 32);
const schedule = (s) => 1e-4 + 0.5 * (0.02 - 1e-4) * (1 + Math.cos(Math.PI * s / 1000));
let step = 0;
for (let epoch = 0; epoch < 3; epoch++) {
  for (let b = 0; b < batches; b++) {
    ${guard}optimizer.learningRate = schedule(step);
    optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
    step++;
  }
}
`;
    const peak = (guard: string) => extractFile(loop(guard), 'loop.ts').models[0].training?.optimizer?.scheduledPeak !== undefined;
    assert.equal(peak(''), true);
    assert.equal(peak('if (xs.shape[0] > 5000) '), false);
  });

  it('a rate that grows without a bound, or computed by code the arithmetic does not follow: no peak', () => {
    assert.equal(peakOf('function schedule(s) { return 1e-4 * (1 + s / 100) * Math.SQRT2; }'), undefined);
    assert.equal(peakOf('function schedule(s, n = Math.ceil(xs.shape[0])) { return s > n ? 1e-4 : 1e-4 * (s / n) * Math.SQRT2; }'), undefined);
    assert.equal(peakOf('function schedule(s) { return lookupRate(s) * Math.SQRT2; }'), undefined);
  });
});

describe('extraction of entry points nobody in the file calls', () => {
  const page = (addPhoto: string) => `const survey = { model: null, examples: [] };
function build() {
  survey.model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2, activation: 'softmax' })] });
}
${addPhoto}
async function retrain() {
  if (survey.examples.length < 15) return;
  survey.model.compile({ optimizer: tf.train.adam(0.5), loss: 'categoricalCrossentropy' });
  await survey.model.fit(tf.stack(survey.examples), ys, { epochs: 3 });
}
window.survey = { build, addPhoto, retrain };
build();
`;

  it('one with parameters stands for every call from outside (a click each): the examples it pushes have no known count, so the guard on them decides nothing', () => {
    const models = extractFile(page('function addPhoto(canvas, label) { survey.examples.push(tf.browser.fromPixels(canvas)); }'), 'page.js').models;
    assert.equal(models[0]?.training?.optimizer?.learningRate, 0.5);
  });

  it('towers that each keep a model and an optimizer, updated by one loop: each model trains with its own optimizer', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
class Tower {
  constructor(inputDim, optimizer) {
    this.net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [inputDim], units: 64, activation: 'relu' }), tf.layers.dense({ units: 16 })] });
    this.optimizer = optimizer;
    this.varNames = new Set(this.net.trainableWeights.map((w) => w.name));
  }
  pick(grads) {
    return Object.fromEntries(Object.entries(grads).filter(([name]) => this.varNames.has(name)));
  }
}
const towers = { user: new Tower(48, tf.train.adam(1e-3)), item: new Tower(384, tf.train.rmsprop(3e-2)) };
export function trainStep(userX, itemX, labels) {
  const { value, grads } = tf.variableGrads(() => {
    const logits = tf.sum(tf.mul(towers.user.net.apply(userX), towers.item.net.apply(itemX)), -1);
    return tf.losses.sigmoidCrossEntropy(labels, logits);
  });
  for (const tower of Object.values(towers)) tower.optimizer.applyGradients(tower.pick(grads));
  return value;
}
`;
    const models = extractFile(text, 'towers.js').models;
    assert.deepEqual(models.map((model) => [model.layers[0].inputShape?.[0], model.training?.optimizer?.name, model.training?.optimizer?.learningRate]), [[48, 'adam', 1e-3], [384, 'rmsprop', 3e-2]]);
  });
});

describe('a custom loop trains the models its losses use', () => {
  it('a model the same function builds after a variableGrads loop (an inference copy given the weights) is not trained by it', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const build = (units) => tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units, activation: 'relu' }), tf.layers.dense({ units: 4 })] });
export function train(xs, ys) {
  const lm = build(64);
  const optimizer = tf.train.adam(1e-3);
  for (let step = 0; step < 100; step++) {
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, lm.apply(xs)));
    optimizer.applyGradients(grads);
  }
  const sampler = build(32);
  sampler.setWeights(lm.getWeights());
  return sampler;
}
`;
    const trained = extractFile(text, 'm.js').models.map((model) => [model.layers[0].units, model.training?.calls.map((call) => call.kind)]);
    assert.deepEqual(trained, [[64, ['variableGrads', 'applyGradients']], [32, undefined]]);
  });
});

describe('a rate set right after the optimizer is made, under the conditions that made it', () => {
  it("a worker's message handler that makes adam(0.05) and sets its rate before fit, all under `if (e.data.type === 'train')`: the set rate is the one training starts at", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
const capped = (r) => Math.min(Math.max(typeof r === 'number' ? r : 1e-3, 1e-5), 3e-3);
async function train(msg) {
  const optimizer = tf.train.adam(0.05);
  optimizer.learningRate = capped(msg.learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  await model.fit(msg.xs, msg.ys);
}
self.onmessage = (e) => {
  if (e.data.type === 'train') train(e.data);
};
`;
    assert.equal(extractFile(text, 'worker.js').models[0].training?.optimizer?.learningRate, 0.003);
    const setLater = text.replace('  optimizer.learningRate = capped(msg.learningRate);\n', '').replace('  await model.fit(msg.xs, msg.ys);', '  if (msg.fine) optimizer.learningRate = capped(msg.learningRate);\n  await model.fit(msg.xs, msg.ys);');
    assert.equal(extractFile(setLater, 'worker.js').models[0].training?.optimizer?.learningRate, 0.05, 'set under a further condition, it may not be');
  });

  it("a k-fold loop's optimizer factory that makes adam(0.05), then sets 0.001, with a decay callback per fold: each fold starts at 0.001", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
function makeOptimizer() {
  const opt = tf.train.adam(0.05);
  opt.learningRate = 1e-3;
  return opt;
}
async function crossValidate(xs, ys) {
  for (let fold = 0; fold < 5; fold++) {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
    const optimizer = makeOptimizer();
    model.compile({ optimizer, loss: 'meanSquaredError' });
    await model.fit(xs, ys, { epochs: 40, callbacks: { onEpochEnd: async (epoch) => { if ((epoch + 1) % 10 === 0) optimizer.learningRate = optimizer.learningRate * 0.5; } } });
  }
}
crossValidate(tf.zeros([4, 512]), tf.zeros([4, 1]));
`;
    assert.equal(extractFile(text, 'cv.js').models[0].training?.optimizer?.learningRate, 1e-3);
  });
});

describe('destructuring behind an empty-object guard (`event.data || {}`)', () => {
  const worker = (guard: string) => `import * as tf from '@tensorflow/tfjs';
self.addEventListener('message', (event) => {
  const { type, rows, lr = 0.003 } = ${guard};
  if (type !== 'fit') return;
  const w1 = tf.variable(tf.randomNormal([64, 32], 0, 0.1));
  const w2 = tf.variable(tf.randomNormal([32, 1], 0, 0.1));
  const optimizer = tf.train.adam(lr);
  optimizer.minimize(() => tf.losses.meanSquaredError(rows, tf.matMul(tf.relu(tf.matMul(rows, w1)), w2)), true, [w1, w2]);
});
`;
  const rates = (guard: string) => extractFile(worker(guard), 'worker.js').models.map((model) => model.training?.optimizer?.learningRate);

  it("from a message nothing is known of, each name is unknown or its written default, not undefined as in `{}`: the `type !== 'fit'` guard may pass", () => {
    assert.deepEqual(rates('event.data || {}'), [0.003]);
    assert.deepEqual(rates('event.data ?? {}'), [0.003]);
    assert.deepEqual(rates('(event.data || {})'), [0.003]);
  });

  it('a known object behind the guard is the object', () => {
    assert.deepEqual(rates("({ type: 'fit', lr: 0.001 }) || {}"), [0.001]);
    assert.deepEqual(rates("null || {}"), []);
  });
});

describe('training nobody attributes (a trainer whose model is a parameter nothing passes)', () => {
  const page = (extra: string) => `const buildNet = () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
const buildPreview = () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: 'zeros' }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
async function train(model) {
  model.compile({ optimizer: tf.train.momentum(0.05, 0.9), loss: 'categoricalCrossentropy' });
  await model.fit(tf.zeros([4, 4]), tf.zeros([4, 2]));
}
${extra}
window.addEventListener('load', () => {
  const preview = buildPreview();
  preview.predict(tf.zeros([1, 4]));
});
`;
  const trainedRates = (text: string) => extractFile(text, 'page.js').models.map((model) => [model.name, model.training?.optimizer?.learningRate, model.neverTrained !== undefined]);

  it('goes to the one model without training of its own (a file with one model and a custom loop)', () => {
    assert.deepEqual(trainedRates(page('const net = buildNet();')), [['buildNet', 0.05, false], ['buildPreview', undefined, true]]);
  });

  it('never to a model only looked at (a preview only predicted), and to none when several models could be the one', () => {
    // Alone, the preview is not called never trained: in a file that trains nothing, it may be the one the user is about to train.
    const alone = page('').replace(/const buildNet = .*\n/, '');
    assert.deepEqual(trainedRates(alone), [['buildPreview', undefined, false]]);
    const two = page("const net = buildNet();\nconst other = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2 })] });");
    assert.deepEqual(trainedRates(two).map(([, rate]) => rate), [undefined, undefined, undefined]);
  });
});
