/** Models used as layers of other models are inlined (extract/composition.ts, DESIGN 3a). */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { extractFile } from '../../../server/src/engine/extract';
import type { ModelIR } from '../../../server/src/engine/ir';
import { summarizeModel, textOf } from './summary';

function extract(text: string) {
  return extractFile(text, 'model.ts');
}

function modelNamed(models: ModelIR[], name: string): ModelIR {
  const model = models.find((m) => m.name === name);
  assert.ok(model, `model ${name} among ${models.map((m) => m.name).join(', ')}`);
  return model;
}

const GAN = `import * as tf from '@tensorflow/tfjs';

function buildGenerator() {
  const gen = tf.sequential();
  gen.add(tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu' }));
  gen.add(tf.layers.dense({ units: 8, activation: 'tanh' }));
  return gen;
}

function buildDiscriminator() {
  const disc = tf.sequential();
  disc.add(tf.layers.dense({ inputShape: [8], units: 24 }));
  disc.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  disc.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  return disc;
}

const generator = buildGenerator();
const discriminator = buildDiscriminator();
const z = tf.input({ shape: [16] });
export const combined = tf.model({ inputs: z, outputs: discriminator.apply(generator.apply(z)) as tf.SymbolicTensor });
`;

describe('extraction: models used as layers are inlined', () => {
  it('GAN: the generator and discriminator applied inside tf.model become its layers, with their own spans', () => {
    const { models } = extract(GAN);
    assert.deepEqual(models.map((m) => m.name), ['buildGenerator', 'buildDiscriminator', 'combined']);
    const combined = modelNamed(models, 'combined');
    assert.deepEqual(summarizeModel(combined).layers, [
      { kind: 'input', inputShape: [16] },
      { kind: 'dense', units: 32, activation: 'relu', inputShape: [16] },
      { kind: 'dense', units: 8, activation: 'tanh' },
      { kind: 'dense', units: 24, inputShape: [8] },
      { kind: 'leakyReLU', alpha: 0.2 },
      { kind: 'dense', units: 1, activation: 'sigmoid' },
    ]);
    assert.deepEqual(combined.outputs, [5]);
    // Diagnostics land on the inner models' lines: the same spans as in the inner models.
    const generator = modelNamed(models, 'buildGenerator');
    const discriminator = modelNamed(models, 'buildDiscriminator');
    assert.deepEqual(combined.layers.slice(1, 3).map((l) => l.span), generator.layers.map((l) => l.span));
    assert.deepEqual(combined.layers.slice(3).map((l) => l.span), discriminator.layers.map((l) => l.span));
    assert.equal(textOf(GAN, combined.layers[2].span), "tf.layers.dense({ units: 8, activation: 'tanh' })");
    // The generator's output stays its contract (fixes leave its activation alone).
    assert.deepEqual(combined.layers.map((l) => l.nestedOutputOf), [undefined, undefined, 'buildGenerator', undefined, undefined, 'buildDiscriminator']);
    assert.match(combined.layers[1].notes.join(' '), /from the nested model buildGenerator/);
  });

  it('a sequential applied inside tf.model with two heads (ACGAN discriminator): the heads share the inlined trunk', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
const cnn = tf.sequential();
cnn.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3 }));
cnn.add(tf.layers.flatten());
const image = tf.input({ shape: [28, 28, 1] });
const features = cnn.apply(image);
const realness = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(features);
const aux = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(features);
export const disc = tf.model({ inputs: image, outputs: [realness, aux] });
`);
    const disc = modelNamed(models, 'disc');
    assert.deepEqual(summarizeModel(disc).layers, [
      { kind: 'input', inputShape: [28, 28, 1] },
      { kind: 'conv2d', units: 8, kernelSize: [3, 3], inputShape: [28, 28, 1] },
      { kind: 'flatten' },
      { kind: 'dense', units: 1, activation: 'sigmoid' },
      { kind: 'dense', units: 10, activation: 'softmax', inputs: [2] },
    ]);
    assert.deepEqual(disc.outputs, [3, 4]);
    assert.ok(disc.layers.every((l) => l.kind !== 'opaque'));
  });

  it('a functional model applied inside another, its two outputs destructured, any depth', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
const a = tf.input({ shape: [4] });
const inner = tf.model({ inputs: a, outputs: tf.layers.dense({ units: 4, activation: 'relu' }).apply(a) });
const b = tf.input({ shape: [4] });
const h = tf.layers.dense({ units: 6 }).apply(inner.apply(b));
const middle = tf.model({ inputs: b, outputs: [h, tf.layers.dense({ units: 2 }).apply(h)] });
const x = tf.input({ shape: [4] });
const [first, second] = middle.apply(x);
export const outer = tf.model({ inputs: x, outputs: tf.layers.add().apply([tf.layers.dense({ units: 2 }).apply(first), second]) });
`);
    const outer = modelNamed(models, 'outer');
    assert.deepEqual(summarizeModel(outer).layers, [
      { kind: 'input', inputShape: [4] },
      { kind: 'dense', units: 4, activation: 'relu' },
      { kind: 'dense', units: 6 },
      { kind: 'dense', units: 2 },
      { kind: 'dense', units: 2, inputs: [2] },
      { kind: 'add', inputs: [4, 3] },
    ]);
    assert.deepEqual(outer.layers.map((l) => l.nestedOutputOf), [undefined, 'inner', 'middle', 'middle', undefined, undefined]);
  });

  it('tf.sequential({layers: [encoder, decoder]}): a functional chain is expanded, a functional graph is one opaque layer', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [10] });
const encoder = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3 }).apply(tf.layers.dense({ units: 6, activation: 'relu' }).apply(input)) });
const decoder = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 10 })] });
export const autoencoder = tf.sequential({ layers: [encoder, decoder] });
const p = tf.input({ shape: [3] });
const q = tf.input({ shape: [3] });
const pair = tf.model({ inputs: [p, q], outputs: tf.layers.concatenate().apply([p, q]) });
export const withGraph = tf.sequential();
withGraph.add(tf.layers.dense({ inputShape: [2], units: 3 }));
withGraph.add(pair);
withGraph.add(tf.layers.dense({ units: 1 }));
`);
    assert.deepEqual(summarizeModel(modelNamed(models, 'autoencoder')).layers, [
      { kind: 'dense', units: 6, activation: 'relu' },
      { kind: 'dense', units: 3 },
      { kind: 'dense', units: 10, inputShape: [3] },
    ]);
    const withGraph = modelNamed(models, 'withGraph');
    assert.deepEqual(withGraph.layers.map((l) => l.kind), ['dense', 'opaque', 'dense']);
    assert.match(withGraph.layers[1].notes.join(' '), /pair could not be inlined: .*no gradient verdict is taken across it/);
  });

  it('a custom layer whose call() applies sublayers built in its constructor is read through', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
class Block extends tf.layers.Layer {
  constructor(units: number) {
    super({});
    this.inner = tf.layers.dense({ units, activation: 'relu' });
    this.outer = tf.layers.dense({ units });
  }
  call(inputs) {
    return this.outer.apply(this.inner.apply(inputs));
  }
}
const input = tf.input({ shape: [8] });
export const model = tf.model({ inputs: input, outputs: new Block(16).apply(input) });
`;
    const { models } = extract(text);
    assert.equal(models.length, 1);
    assert.deepEqual(summarizeModel(models[0]).layers, [
      { kind: 'input', inputShape: [8] },
      { kind: 'dense', units: 16, activation: 'relu' },
      { kind: 'dense', units: 16 },
    ]);
    assert.equal(textOf(text, models[0].layers[1].span), "tf.layers.dense({ units, activation: 'relu' })");
    assert.match(models[0].layers[2].notes.join(' '), /read through the call\(\) of custom layer Block/);
  });

  it('a custom layer whose call() uses core ops stays one opaque layer, and its conditions fork no variants', () => {
    const { models } = extract(`import * as tf from '@tensorflow/tfjs';
class Scale extends tf.layers.Layer {
  call(inputs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.mul(tf.matMul(x, this.kernel.read()), 2);
  }
}
const input = tf.input({ shape: [8] });
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(new Scale({}).apply(input)) });
`);
    assert.equal(models.length, 1);
    assert.equal(models[0].variant, undefined);
    assert.deepEqual(models[0].layers.map((l) => l.kind), ['input', 'opaque', 'dense']);
    assert.match(models[0].layers[1].notes.join(' '), /custom layer class Scale could not be read/);
  });
  it("a custom layer whose call() multiplies its input by a weight its build() added is read through as the core-API layers it makes", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
class ReluProjection extends tf.layers.Layer {
  constructor(args) {
    super({});
    this.units = args.units;
  }
  build(inputShape) {
    this.kernel = this.addWeight('kernel', [inputShape[inputShape.length - 1], this.units], 'float32', tf.initializers.randomNormal({ stddev: 1 }));
    this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
  }
  call(inputs) {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.relu(tf.add(tf.matMul(x, this.kernel.read()), this.bias.read()));
    });
  }
}
const input = tf.input({ shape: [512] });
const hidden = new ReluProjection({ units: 256 }).apply(input);
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 5, activation: 'softmax' }).apply(hidden) });
`;
    const { models } = extract(text);
    assert.equal(models.length, 1);
    assert.deepEqual(models[0].layers.map((l) => [l.kind, l.units, l.activation, l.kernelInitializer?.args.stddev, l.inputs]), [
      ['input', undefined, undefined, undefined, []],
      ['dense', 256, 'relu', 1, [0]],
      ['dense', 5, 'softmax', undefined, [1]],
    ]);
    assert.match(models[0].layers[1].notes.join(' '), /read through the call\(\) of custom layer ReluProjection/);
  });

  it("a subclass of the file's custom layer is a custom layer too: read through with its overrides (a wider initializer)", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
class GaussianProjection extends tf.layers.Layer {
  constructor(args) {
    super(args);
    this.units = args.units;
  }
  initStddev() { return 0.05; }
  build(inputShape) {
    this.kernel = this.addWeight('kernel', [inputShape[inputShape.length - 1], this.units], 'float32', tf.initializers.randomNormal({ stddev: this.initStddev() }));
  }
  call(inputs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.relu(tf.matMul(x, this.kernel.read()));
  }
}
class WideProjection extends GaussianProjection {
  initStddev() { return 0.25; }
}
const input = tf.input({ shape: [256] });
const hidden = new WideProjection({ units: 96 }).apply(input);
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(hidden) });
`;
    const { models } = extract(text);
    assert.deepEqual(models[0].layers.map((l) => [l.kind, l.units, l.activation, l.kernelInitializer?.args.stddev]), [
      ['input', undefined, undefined, undefined],
      ['dense', 96, 'relu', 0.25],
      ['dense', 1, 'sigmoid', undefined],
    ]);
  });

  it('custom layers that own their weights, applied to concrete tensors in a training step (no tf.model), make the core-API model of their ops', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
class Projection extends tf.layers.Layer {
  constructor(inputs, units, activation) {
    super({});
    this.shape = [inputs, units];
    this.activation = activation;
  }
  build() {
    this.kernel = this.addWeight('kernel', this.shape, 'float32', tf.initializers.glorotUniform({}));
  }
  call(x) {
    const z = tf.matMul(x, this.kernel.read());
    return this.activation === 'tanh' ? tf.tanh(z) : z;
  }
}
const hidden = new Projection(32, 64, 'tanh');
const head = new Projection(64, 1, 'linear');
const optimizer = tf.train.rmsprop(0.001);
export function trainStep(xs, ys) {
  return optimizer.minimize(() => tf.losses.meanSquaredError(ys, head.apply(hidden.apply(xs))), true);
}
`;
    const { models } = extract(text);
    assert.equal(models.length, 1);
    assert.deepEqual(models[0].layers.map((l) => [l.kind, l.units, l.activation]), [['dense', 64, 'tanh'], ['dense', 1, undefined]]);
    assert.equal(models[0].training?.optimizer?.name, 'rmsprop');
  });

  it("a custom layer's residual tf.add(x, f(x)) over its own weights is an add layer on its input; an attention pooling (x times softmaxed scores) stays opaque", () => {
    const adapter = (combine: string) => `import * as tf from '@tensorflow/tfjs';
class Adapter extends tf.layers.Layer {
  build() {
    this.down = this.addWeight('down', [32, 8], 'float32', tf.initializers.heUniform({}));
    this.up = this.addWeight('up', [8, 32], 'float32', tf.initializers.glorotUniform({}));
  }
  call(x) {
    const h = tf.matMul(tf.relu(tf.matMul(x, this.down.read())), this.up.read());
    return ${combine};
  }
}
const input = tf.input({ shape: [32] });
export const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(new Adapter({}).apply(input)) });
`;
    const residual = extract(adapter('x.add(h)')).models[0];
    assert.deepEqual(residual.layers.map((l) => [l.kind, l.inputs]), [['input', []], ['dense', [0]], ['dense', [1]], ['add', [2, 0]], ['dense', [3]]]);
    const pooled = extract(adapter('tf.sum(tf.mul(x, tf.softmax(h.reshape([-1, 8, 4]), 1).reshape([-1, 32])), 1)')).models[0];
    assert.deepEqual(pooled.layers.map((l) => l.kind), ['input', 'opaque', 'dense']);
  });

  it('a graph convolution layer, matMul(adjacency, matMul(features, W)) on its two inputs, keeps the chain through the adjacency product', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
class GraphConv extends tf.layers.Layer {
  constructor(units) {
    super({});
    this.units = units;
  }
  build() {
    this.kernel = this.addWeight('kernel', [64, this.units], 'float32', tf.initializers.glorotUniform({}));
  }
  call([features, adjacency]) {
    return tf.relu(tf.matMul(adjacency, tf.matMul(features, this.kernel.read())));
  }
}
const features = tf.input({ shape: [64] });
const adjacency = tf.input({ shape: [null] });
const hidden = new GraphConv(32).apply([features, adjacency]);
export const model = tf.model({ inputs: [features, adjacency], outputs: tf.layers.dense({ units: 3, activation: 'softmax' }).apply(hidden) });
`;
    const { models } = extract(text);
    assert.deepEqual(models[0].layers.map((l) => [l.kind, l.units, l.activation]), [['input', undefined, undefined], ['dense', 32, 'relu'], ['dense', 3, 'softmax']]);
  });
});

describe('findings of an inlined model are reported once', () => {
  it("a core-API discriminator's oversized init, in the discriminator and in each build of the generator's loss through it: one warning, the discriminator's", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
function dense(fanIn, fanOut, std) {
  return { w: tf.variable(tf.randomNormal([fanIn, fanOut], 0, std)), b: tf.variable(tf.zeros([fanOut])) };
}
const gen = { h: dense(16, 128, Math.sqrt(2 / 16)), out: dense(128, 64, Math.sqrt(1 / 128)) };
const disc = { h: dense(64, 256, 0.5), out: dense(256, 1, Math.sqrt(1 / 256)) };
function generate(z) {
  return tf.add(tf.matMul(tf.leakyRelu(tf.add(tf.matMul(z, gen.h.w), gen.h.b), 0.2), gen.out.w), gen.out.b);
}
function discriminate(x) {
  return tf.add(tf.matMul(tf.leakyRelu(tf.add(tf.matMul(x, disc.h.w), disc.h.b), 0.2), disc.out.w), disc.out.b);
}
const gOpt = tf.train.adam(2e-4, 0.5);
const dOpt = tf.train.adam(2e-4, 0.5);
export async function train(real, steps) {
  for (let step = 0; step < steps; step++) {
    dOpt.minimize(() => tf.add(tf.losses.sigmoidCrossEntropy(tf.ones([32, 1]), discriminate(real)), tf.losses.sigmoidCrossEntropy(tf.zeros([32, 1]), discriminate(generate(tf.randomNormal([32, 16]))))), true, [disc.h.w, disc.h.b, disc.out.w, disc.out.b]);
    gOpt.minimize(() => tf.losses.sigmoidCrossEntropy(tf.ones([32, 1]), discriminate(generate(tf.randomNormal([32, 16])))), true, [gen.h.w, gen.h.b, gen.out.w, gen.out.b]);
  }
}
`;
    const { models, findings } = analyze(text, 'gan.js', undefined, { cache: null });
    assert.ok(models.filter((analysis) => analysis.model.variant).length >= 2, 'the generator pass is built twice');
    const found = findings.filter((finding) => finding.rule === 'large-init-scale');
    assert.equal(found.length, 1, found.map((finding) => finding.message).join('\n'));
    assert.equal(models[found[0].modelIndex!].model.variant, undefined);
  });

  it("a generator's oversized init, inside a GAN a class builds in its constructor and fields, constructed by an uncalled function: one warning, not one per composed variant", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function buildGenerator(): tf.Sequential {
  const g = tf.sequential();
  g.add(tf.layers.dense({ inputShape: [100], units: 128, kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }) }));
  g.add(tf.layers.leakyReLU({ alpha: 0.2 }));
  g.add(tf.layers.dense({ units: 784, activation: 'tanh' }));
  return g;
}
export function buildDiscriminator(): tf.Sequential {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 1, activation: 'sigmoid' })] });
}
export class Gan {
  readonly generator = buildGenerator();
  readonly discriminator = buildDiscriminator();
  readonly combined: tf.LayersModel;
  constructor(private readonly lr = 0.0002) {
    this.discriminator.compile({ optimizer: tf.train.adam(this.lr, 0.5), loss: 'binaryCrossentropy' });
    const z = tf.input({ shape: [100] });
    this.combined = tf.model({ inputs: z, outputs: this.discriminator.apply(this.generator.apply(z)) as tf.SymbolicTensor });
    this.combined.compile({ optimizer: tf.train.adam(this.lr, 0.5), loss: 'binaryCrossentropy' });
  }
  async step(real: tf.Tensor, batch: number) {
    const fake = this.generator.predict(tf.randomNormal([batch, 100])) as tf.Tensor;
    await this.discriminator.trainOnBatch(tf.concat([real, fake]), tf.concat([tf.ones([batch, 1]), tf.zeros([batch, 1])]));
    await this.combined.trainOnBatch(tf.randomNormal([batch, 100]), tf.ones([batch, 1]));
  }
}
export async function trainGan(batches: tf.Tensor[]): Promise<Gan> {
  const gan = new Gan();
  for (const real of batches) await gan.step(real, 64);
  return gan;
}
`;
    const found = analyze(text, 'gan.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale');
    assert.equal(found.length, 1, found.map((finding) => finding.message).join('\n'));
    // The class waits for the uncalled function that constructs it by name: one build of each model.
    assert.deepEqual(extractFile(text, 'gan.ts').models.map((model) => model.variant?.label), [undefined, undefined, undefined]);
  });
});

describe('a custom layer that stays opaque, with a computeOutputShape', () => {
  const program = (outputShape: string) => `import * as tf from '@tensorflow/tfjs';
class FeatureCross extends tf.layers.Layer {
  constructor(args) { super(args); this.units = args.units; }
  build(inputShape) {
    this.w = this.addWeight('w', [inputShape[inputShape.length - 1], this.units], 'float32', tf.initializers.glorotUniform({}));
    this.v = this.addWeight('v', [inputShape[inputShape.length - 1], this.units], 'float32', tf.initializers.glorotUniform({}));
  }
  computeOutputShape(inputShape) { return ${outputShape}; }
  call(inputs) { const x = Array.isArray(inputs) ? inputs[0] : inputs; return tf.mul(tf.relu(tf.matMul(x, this.w.read())), tf.matMul(x, this.v.read())); }
  static get className() { return 'FeatureCross'; }
}
const model = tf.sequential();
model.add(new FeatureCross({ units: 128, inputShape: [256] }));
model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'heUniform' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
`;
  const rateFinding = (outputShape: string) => {
    const finding = analyze(program(outputShape), 'ranker.js', undefined, { cache: null }).findings.find((f) => f.rule === 'high-learning-rate');
    return finding && `${finding.severity}: ${/fan-in (\d+)/.exec(finding.message)?.[1]}`;
  };

  it("passes its signal on at the width computeOutputShape returns (this.units, or a number): the next layer's fan-in", () => {
    assert.equal(extractFile(program('[inputShape[0], this.units]'), 'ranker.js').models[0].layers[0].outputSize, 128);
    assert.equal(rateFinding('[inputShape[0], this.units]'), 'warning: 128');
    assert.equal(extractFile(program('[inputShape[0], 1]'), 'ranker.js').models[0].layers[0].outputSize, 1);
  });

  it("a subclass that declares no computeOutputShape has its base's", () => {
    const subclassed = program('[inputShape[0], this.units]').replace('const model = tf.sequential();', 'class WideCross extends FeatureCross {}\nconst model = tf.sequential();').replace('new FeatureCross(', 'new WideCross(');
    assert.equal(extractFile(subclassed, 'ranker.js').models[0].layers[0].outputSize, 128);
  });

  it('a shape it computes some other way leaves the width open (a hint that names the width that would fail)', () => {
    assert.equal(extractFile(program('inputShape.slice(0, -1).concat([this.units])'), 'ranker.js').models[0].layers[0].outputSize, undefined);
    assert.equal(rateFinding('inputShape.slice(0, -1).concat([this.units])'), 'hint: 128');
  });
});
