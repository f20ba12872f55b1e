/**
 * Classes: a subclass's instance has its base's methods with its own overrides, `super(...)`
 * constructs the base part, and a base method every subclass replaces is not run as uncalled code.
 */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const TRAINER = `const tf = require('@tensorflow/tfjs');
class Trainer {
  constructor(options = {}) { this.config = { blocks: 3, rate: 0.01, ...options }; }
  activation() { return 'relu'; }
  build() {
    const model = tf.sequential();
    for (let b = 0; b < this.config.blocks; b++) {
      model.add(tf.layers.dense({ ...(b === 0 ? { inputShape: [8] } : {}), units: 16, activation: this.activation() }));
    }
    model.add(tf.layers.dense({ units: 1 }));
    return model;
  }
  train() {
    const model = this.build();
    model.compile({ optimizer: tf.train.sgd(this.config.rate), loss: 'meanSquaredError' });
    return model;
  }
}
`;

function modelsOf(code: string) {
  return extractFile(code, 'trainer.js').models;
}

describe('extraction: classes', () => {
  it('a subclass runs its base methods with its overrides and the options its constructor passes to super', () => {
    const models = modelsOf(`${TRAINER}
class SmoothTrainer extends Trainer {
  constructor(options) { super({ blocks: 9, ...options }); }
  activation() { return 'sigmoid'; }
}
new SmoothTrainer({ rate: 0.001 }).train();
`);
    assert.equal(models.length, 1);
    const [model] = models;
    assert.equal(model.layers.length, 10);
    assert.deepEqual(new Set(model.layers.slice(0, 9).map((layer) => layer.activation)), new Set(['sigmoid']));
    assert.equal(model.training?.optimizer?.learningRate, 0.001);
  });

  it('a subclass without a constructor passes its arguments to the base constructor', () => {
    const [model] = modelsOf(`${TRAINER}
class WideTrainer extends Trainer {}
new WideTrainer({ blocks: 5 }).train();
`);
    assert.equal(model.layers.length, 6);
  });

  it('a derived class initializes its fields after super(...) returns', () => {
    const [model] = modelsOf(`const tf = require('@tensorflow/tfjs');
class Base {
  constructor() { this.units = 8; }
  build() { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: this.units })] }); }
}
class Wide extends Base {
  units = 64;
  constructor() { super(); }
}
new Wide().build();
`);
    assert.equal(model.layers[0].units, 64);
  });

  it('a base method that every subclass replaces, of a class nobody instantiates or exports, is not run as uncalled code', () => {
    const replaced = `const tf = require('@tensorflow/tfjs');
class Base {
  build() { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'sigmoid' })] }); }
}
class Concrete extends Base {
  build() { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' })] }); }
}
`;
    assert.deepEqual(modelsOf(`${replaced}new Concrete().build();\n`).map((model) => model.layers[0].activation), ['relu']);
    // Exported, the base can be subclassed elsewhere without the override: its build is analysed.
    const exported = modelsOf(`${replaced}module.exports = { Base };\nnew Concrete().build();\n`);
    assert.deepEqual(exported.map((model) => model.layers[0].activation).sort(), ['relu', 'sigmoid']);
  });

  it('an exported abstract base class runs only as its subclasses: its inherited build reads the subclass overrides, not the base defaults', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export abstract class BaseModel {
  protected compileOptions(): tf.ModelCompileArgs { return { optimizer: 'adam', loss: 'meanSquaredError' }; }
  protected abstract activation(): string;
  train() {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: this.activation() as 'relu' }), tf.layers.dense({ units: 1 })] });
    model.compile(this.compileOptions());
    return model;
  }
}
export class TanhRegressor extends BaseModel {
  static create() { return new TanhRegressor(); }
  protected activation() { return 'tanh'; }
  protected compileOptions() { return { ...super.compileOptions(), loss: 'meanAbsoluteError' }; }
}
`;
    const models = extractFile(text, 'models.ts').models;
    assert.deepEqual(models.map((model) => [model.layers[0].activation, model.training?.losses?.map((loss) => loss.name)]), [['tanh', ['meanAbsoluteError']]]);
    // Not abstract, an exported base may be constructed by importers as it is: its own build is analysed.
    const concrete = extractFile(text.replace('export abstract class BaseModel', 'export class BaseModel').replace('protected abstract activation(): string;', "protected activation() { return 'relu'; }"), 'models.ts').models;
    assert.ok(concrete.some((model) => model.layers[0].activation === 'relu'));
  });

  it("a base method nothing calls runs once for each subclass code constructs, with that subclass's fields; once for instances of one class", () => {
    const text = `${TRAINER}class Wide extends Trainer { constructor() { super({ blocks: 6, rate: 0.5 }); } }
class Narrow extends Trainer { constructor() { super({ blocks: 2 }); } }
module.exports = { wide: new Wide(), narrow: new Narrow(), again: new Narrow() };
`;
    assert.deepEqual(modelsOf(text).map((model) => [model.layers.length, model.training?.optimizer?.learningRate]), [[7, 0.5], [3, 0.01]]);
  });

  it('an uncalled function that only constructs a model class of the file (a factory on a page global) runs first: the methods then read that instance', () => {
    const text = `/* global tf */
(function (root) {
  const LOSSES = { classify: (labels, out) => tf.losses.softmaxCrossEntropy(labels, out) };
  class GlyphNet {
    constructor(task) {
      this.lossFn = LOSSES[task];
      this.model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 4, activation: task === 'classify' ? 'softmax' : 'linear' })] });
      this.optimizer = tf.train.adam(1e-3);
    }
    step(xs, ys) {
      const { grads } = tf.variableGrads(() => this.lossFn(ys, this.model.apply(xs)));
      this.optimizer.applyGradients(grads);
    }
  }
  root.Glyphs = { create: () => new GlyphNet('classify') };
})(window);
`;
    const models = extractFile(text, 'glyphs.js').models;
    assert.deepEqual(models.map((model) => [model.layers[0].activation, model.training?.losses?.map((loss) => loss.name)]), [['softmax', ['losses.softmaxCrossEntropy']]]);
  });

  it('Object.keys, values and entries of a known object are arrays a loop walks element by element', () => {
    const models = modelsOf(`const tf = require('@tensorflow/tfjs');
const PROFILES = { small: { units: 8 }, large: { units: 64 } };
function build(units) { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units })] }); }
for (const name of Object.keys(PROFILES)) build(PROFILES[name].units);
for (const profile of Object.values(PROFILES)) build(profile.units * 2);
for (const [, profile] of Object.entries(PROFILES)) build(profile.units * 4);
`);
    const units = models.map((model) => model.layers[0].units);
    assert.ok(units.includes(8) && units.includes(16) && units.includes(32), `units ${units}`);
  });
  describe('ES5 constructor functions', () => {
    const NET = `var DEFAULTS = { depth: 2, units: 16, rate: 0.01 };
function Net(opts) {
  this.config = Object.assign({}, DEFAULTS, opts || {});
}
Net.prototype.activation = function () { return 'relu'; };
Net.prototype.build = function () {
  var model = tf.sequential();
  for (var i = 0; i < this.config.depth; i++) model.add(tf.layers.dense({ units: this.config.units, activation: this.activation(), inputShape: i === 0 ? [8] : undefined }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.sgd(this.config.rate), loss: 'meanSquaredError' });
  return model;
};
`;

    it('new F(...) runs F with `this` bound to an object that has the methods of F.prototype', () => {
      const [model] = modelsOf(`/* global tf */\n${NET}var net = new Net({ depth: 4, rate: 0.001 });\nnet.build();\n`);
      assert.equal(model.layers.length, 5);
      assert.deepEqual(new Set(model.layers.slice(0, 4).map((layer) => [layer.units, layer.activation].join())), new Set(['16,relu']));
      assert.equal(model.training?.optimizer?.learningRate, 0.001);
    });

    it('inheritance through Object.create(Parent.prototype) and Parent.call(this, ...) keeps the override', () => {
      const [model] = modelsOf(`/* global tf */\n${NET}function SigmoidNet(opts) { Net.call(this, opts); }
SigmoidNet.prototype = Object.create(Net.prototype);
SigmoidNet.prototype.activation = function () { return 'sigmoid'; };
new SigmoidNet({ depth: 9 }).build();
`);
      assert.equal(model.layers.length, 10);
      assert.equal(model.layers[0].activation, 'sigmoid');
    });

    it('a constructor nobody calls (a module export) runs with unknown options, and its methods see the object it made', () => {
      const [model] = modelsOf(`/* global tf */\n${NET}module.exports = Net;\n`);
      // The options are unknown, and with them the config; `this.activation()` is the prototype's.
      assert.equal(model.layers[0].activation, 'relu');
      assert.equal(model.layers[0].units, undefined);
    });
  });
  it('a getter is read as its value: a base constructor loops to the subclass getter\'s depth', () => {
    const models = modelsOf(`const tf = require('@tensorflow/tfjs');
class Regressor {
  constructor() {
    this.model = tf.sequential();
    this.buildHidden(this.model);
    this.model.add(tf.layers.dense({ units: 1 }));
    this.model.compile({ optimizer: tf.train.sgd(this.rate), loss: 'meanSquaredError' });
  }
  get rate() { return 0.003; }
  buildHidden(model) { model.add(tf.layers.dense({ inputShape: [16], units: 8, activation: 'relu' })); }
}
class LegacyRegressor extends Regressor {
  get depth() { return 8; }
  buildHidden(model) {
    for (let i = 0; i < this.depth; i++) model.add(tf.layers.dense({ ...(i === 0 ? { inputShape: [16] } : {}), units: 16, activation: 'sigmoid' }));
  }
}
new LegacyRegressor().model.fit(xs, ys);
`);
    const legacy = models.find((model) => model.layers[0].activation === 'sigmoid');
    assert.equal(legacy?.layers.length, 9);
    assert.equal(legacy?.training?.optimizer?.learningRate, 0.003);
  });

  it('an object literal\'s getter is read as its value', () => {
    const [model] = modelsOf(`const tf = require('@tensorflow/tfjs');
const config = { base: 32, get units() { return this.base * 2; } };
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: config.units })] });
`);
    assert.equal(model.layers[0].units, 64);
  });

  it('an assignment runs a setter: a class stores the rate where its getter reads it, and an object literal\'s setter may clamp', () => {
    const models = modelsOf(`const tf = require('@tensorflow/tfjs');
class Settings {
  constructor() { this._rate = 0.001; }
  get rate() { return this._rate; }
  set rate(value) { this._rate = Math.min(value, 0.01); }
}
const settings = new Settings();
settings.rate = 0.5;
const sizes = { _units: 8, set units(n) { this._units = n * 2; }, get units() { return this._units; } };
sizes.units = 32;
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: sizes.units })] });
model.compile({ optimizer: tf.train.adam(settings.rate), loss: 'meanSquaredError' });
`);
    assert.equal(models[0].training?.optimizer?.learningRate, 0.01);
    assert.equal(models[0].layers[0].units, 64);
  });

  it('members assigned to a class\'s prototype (Object.assign(Model.prototype, trait)) replace its methods in every instance', () => {
    const models = modelsOf(`const tf = require('@tensorflow/tfjs');
const fastTrait = { rate() { return 0.3; }, units: 12 };
class Regressor {
  constructor() {
    this.model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: this.units ?? 2 })] });
    this.model.compile({ optimizer: tf.train.sgd(this.rate()), loss: 'meanSquaredError' });
  }
  rate() { return 0.01; }
}
Object.assign(Regressor.prototype, fastTrait);
new Regressor();
`);
    assert.equal(models[0].training?.optimizer?.learningRate, 0.3);
    assert.equal(models[0].layers[0].units, 12);
  });

  it("static getters read through this.constructor, inherited from the base, and super.method() calls the base's method on the same instance", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
class BaseModel {
  static get hiddenActivation() { return 'relu'; }
  static get hiddenUnits() { return [24, 12]; }
  build() {
    this.model = tf.sequential();
    this.addHiddenLayers();
    this.model.add(tf.layers.dense({ units: 1 }));
    return this.model;
  }
  addHiddenLayers() {
    const { hiddenActivation, hiddenUnits } = this.constructor;
    hiddenUnits.forEach((units, i) => this.model.add(tf.layers.dense({ units, activation: hiddenActivation, ...(i === 0 ? { inputShape: [6] } : {}) })));
  }
}
class TanhModel extends BaseModel {
  static get hiddenActivation() { return 'tanh'; }
  addHiddenLayers() {
    super.addHiddenLayers();
    this.model.add(tf.layers.dropout({ rate: 0.2 }));
  }
}
export function train() { return new TanhModel().build(); }
`;
    const models = extractFile(text, 'models.mjs').models;
    // The base class nothing constructs runs only through its subclass: one model, the subclass's.
    assert.deepEqual(models.map((model) => model.layers.map((layer) => `${layer.kind}:${layer.units ?? ''}:${layer.activation ?? ''}`)), [
      ['dense:24:tanh', 'dense:12:tanh', 'dropout::', 'dense:1:'],
    ]);
  });

  it('a static factory method runs: it constructs a subclass declared after its class, and `this` is the class', () => {
    const models = modelsOf(`${TRAINER}
class Factory {
  static create(kind) { return kind === 'fast' ? new FastTrainer() : this.standard(); }
  static standard() { return new Trainer(); }
}
class FastTrainer extends Trainer {
  constructor() { super({ rate: 0.4 }); }
}
Factory.create('fast').train();
Factory.create('slow').train();
`);
    assert.deepEqual(models.map((model) => model.training?.optimizer?.learningRate).sort(), [0.01, 0.4]);
  });

  it('a static arrow-function property is called as the class\'s member', () => {
    const [model] = modelsOf(`${TRAINER}
class Presets { static tiny = () => new Trainer({ blocks: 1, rate: 0.2 }); }
Presets.tiny().train();
`);
    assert.equal(model.training?.optimizer?.learningRate, 0.2);
    assert.equal(model.layers.length, 2);
  });

  it('static initialization blocks and static fields run as the class is defined, with its name and `this` bound to it', () => {
    const [model] = modelsOf(`${TRAINER}
class Settings {
  static rate;
  static base = 0.01;
  static blocks = this.base > 0.005 ? 2 : 7;
  static {
    Settings.rate = this.base * 30;
  }
}
new Trainer({ rate: Settings.rate, blocks: Settings.blocks }).train();
`);
    assert.equal(model.training?.optimizer?.learningRate, 0.3);
    assert.equal(model.layers.length, 3);
  });
  it('class decorators run where the class stands: a registering decorator stores its spec, the bottom one first', () => {
    const [model] = modelsOf(`${TRAINER}
const REGISTRY = {};
function preset(spec) {
  return (ctor) => { ctor.spec = { ...ctor.spec, ...spec }; REGISTRY[spec.name ?? 'default'] = ctor; return ctor; };
}
function sealed(ctor) { return undefined; }
@sealed
@preset({ rate: 0.2 })
@preset({ name: 'wide', blocks: 4, rate: 0.05 })
class WidePreset {}
new Trainer({ rate: REGISTRY.default.spec.rate, blocks: WidePreset.spec.blocks }).train();
`);
    // preset({ name: 'wide', ... }) ran first, preset({ rate: 0.2 }) then overrode its rate.
    assert.equal(model.training?.optimizer?.learningRate, 0.2);
    assert.equal(model.layers.length, 5);
  });
});
