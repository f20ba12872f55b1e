/** Core-API models: branches of one input are one model, joined by element-wise merges; softmax over moved axes is no layer's. */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { extractFile } from '../../../server/src/engine/extract';

/** Each model as `name: layer(kind activation <- inputs)` lines. */
function graphsOf(code: string): string[][] {
  const text = `import * as tf from '@tensorflow/tfjs';
const w = (rows: number, cols: number) => tf.variable(tf.randomNormal([rows, cols], 0, Math.sqrt(1 / rows)));
${code}
`;
  return extractFile(text, 'model.ts').models.map((model) => model.layers.map((layer) => `${layer.kind}${layer.activation ? ` ${layer.activation}` : ''} <- [${layer.inputs.join(', ')}]`));
}

describe('extraction of core-API models', () => {
  it("a kernel sampled from a variable element-wise (Bayes by backprop: mu + softplus(rho)·eps) is that variable's layer, its scale unknown", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const mu = tf.variable(tf.randomNormal([256, 64], 0, 0.09));
const rho = tf.variable(tf.fill([256, 64], -4));
const head = tf.variable(tf.randomNormal([64, 1], 0, 0.125));
export function predict(x: tf.Tensor2D) {
  const kernel = mu.add(tf.softplus(rho).mul(tf.randomNormal([256, 64])));
  return tf.relu(tf.matMul(x, kernel)).matMul(head);
}
`;
    const [model] = extractFile(text, 'model.ts').models;
    assert.deepEqual(model?.layers.map((layer) => [layer.kind, layer.units, layer.unresolved.includes('kernelInitializer')]), [['dense', 64, true], ['dense', 1, false]]);
  });

  it('a weight of known spread whose units are not known keeps its fan-in; one whose spread is not known either stays unread', () => {
    const program = (std: string) => `import * as tf from '@tensorflow/tfjs';
export function build(nIn: number, hidden: number) {
  const w1 = tf.variable(tf.randomNormal([500, hidden], 0, ${std}));
  const w2 = tf.variable(tf.randomNormal([nIn, 4], 0, Math.sqrt(2 / nIn)));
  return (x: tf.Tensor2D) => tf.relu(x.matMul(w1)).matMul(w2);
}
`;
    const [model] = extractFile(program('0.2'), 'model.ts').models;
    assert.deepEqual(model?.layers.map((layer) => [layer.kind, layer.inputShape, layer.units, layer.kernelInitializer?.args.stddev]), [['dense', [500], undefined, 0.2]]);
    assert.deepEqual(extractFile(program('Math.sqrt(2 / nIn)'), 'model.ts').models, []);
  });

  it("a tensor's shape with a size not known reads that size as a number not known, not as null", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function train(count: number) {
  const feats = tf.randomNormal([count, 16]);
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 1 })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  for (let start = 0; start + 32 <= feats.shape[0]; start += 32) model.fit(feats.slice([start, 0], [32, 16]), tf.zeros([32, 1]));
}
`;
    assert.deepEqual(extractFile(text, 'model.ts').models[0]?.training?.calls.map((call) => call.kind), ['compile', 'fit']);
  });

  it('a recurrent kernel masked again at every step of a loop is one weight applied again, not a deep stack', () => {
    const graphs = graphsOf(`const wx = w(8, 16), wh = w(16, 16);
const mask = tf.randomUniform([16, 16]).greater(0.1).toFloat();
export function run(x: tf.Tensor2D) {
  let h = tf.tanh(x.matMul(wx));
  for (let t = 0; t < 3; t++) h = tf.tanh(h.matMul(wh.mul(mask)));
  return h;
}`);
    assert.ok(graphs.flat().some((layer) => layer.startsWith('opaque')), JSON.stringify(graphs));
  });

  it('a gated unit: the value and the gate of one input are one model, joined by a multiply layer', () => {
    const graphs = graphsOf(`const wa = w(16, 8), wg = w(16, 8), wOut = w(8, 1);
export function logits(x: tf.Tensor2D) {
  const value = tf.tanh(x.matMul(wa));
  const gate = tf.sigmoid(x.matMul(wg));
  return value.mul(gate).matMul(wOut);
}`);
    assert.deepEqual(graphs, [['dense tanh <- []', 'dense sigmoid <- []', 'multiply <- [0, 1]', 'dense <- [2]']]);
  });

  it('a residual sum of two branches is an add layer; a bias added to one branch keeps it one layer', () => {
    const graphs = graphsOf(`const w1 = w(8, 8), w2 = w(8, 8), b = tf.variable(tf.zeros([8]));
export function block(x: tf.Tensor2D) {
  const h = tf.relu(x.matMul(w1).add(b));
  return tf.add(h, tf.relu(h.matMul(w2)));
}`);
    assert.deepEqual(graphs, [['dense relu <- []', 'dense relu <- [0]', 'add <- [0, 1]']]);
  });

  it('a normalization written with tf.moments (x minus its mean over its sd, or times its rsqrt, or tf.batchNorm) is a layerNormalization; data statistics are not', () => {
    const normalized = (norm: string) => graphsOf(`const w1 = w(8, 8), w2 = w(8, 8);
function norm(h: tf.Tensor2D) {
  const { mean, variance } = tf.moments(h, [1], true);
  return ${norm};
}
export function block(x: tf.Tensor2D) {
  return tf.relu(norm(x.matMul(w1))).matMul(w2);
}`);
    const expected = [['dense <- []', 'layerNormalization <- [0]', 'activation relu <- [1]', 'dense <- [2]']];
    assert.deepEqual(normalized('h.sub(mean).div(variance.add(1e-5).sqrt())'), expected);
    assert.deepEqual(normalized('tf.mul(tf.sub(h, mean), tf.rsqrt(tf.add(variance, 1e-5)))'), expected);
    assert.deepEqual(normalized('tf.batchNorm(h, mean, variance)'), expected);
    // The statistics of something else (a dataset's, or of another tensor) normalize nothing here.
    assert.deepEqual(normalized('h.sub(tf.scalar(0.5)).div(tf.scalar(2))'), [['dense <- []', 'activation relu <- [0]', 'dense <- [1]']]);
  });

  it('taps of one tensor concatenated side by side (a causal convolution unfolded by hand) keep its chain', () => {
    const graphs = graphsOf(`const w1 = w(8, 16), w2 = w(32, 16);
export function tcn(x: tf.Tensor3D, b: number, t: number) {
  const h = tf.relu(tf.reshape(tf.matMul(tf.reshape(x, [b * t, 8]), w1), [b, t, 16]));
  const padded = tf.pad(h, [[0, 0], [4, 0], [0, 0]]);
  const taps = [tf.slice(padded, [0, 0, 0], [b, t, 16]), tf.slice(padded, [0, 4, 0], [b, t, 16])];
  return tf.relu(tf.matMul(tf.reshape(tf.concat(taps, 2), [b * t, 32]), w2));
}`);
    assert.deepEqual(graphs, [['dense <- []', 'activation relu <- [0]', 'dense relu <- [1]']]);
  });

  it('two branches of one model concatenated are a concatenate layer (GraphSAGE: self beside the neighbours)', () => {
    const graphs = graphsOf(`const w1 = w(8, 8), w2 = w(8, 8), w3 = w(16, 2);
export function forward(x: tf.Tensor2D) {
  const self = tf.relu(x.matMul(w1));
  const neighbours = tf.relu(x.matMul(w2));
  return tf.concat([self, neighbours], 1).matMul(w3);
}`);
    assert.deepEqual(graphs, [['dense relu <- []', 'dense relu <- []', 'concatenate <- [0, 1]', 'dense <- [2]']]);
  });

  it('a softmax after a reshape, or after an activation of a reshaped tensor, is not a layer', () => {
    const graphs = graphsOf(`const wp = w(16, 1);
export function attend(h: tf.Tensor2D, batch: number, steps: number) {
  const scores = tf.leakyRelu(tf.reshape(h.matMul(wp), [batch, steps]));
  return tf.softmax(scores);
}`);
    assert.deepEqual(graphs, [['dense <- []', 'leakyReLU <- [0]']]);
  });

  it('two models built in two functions stay two models', () => {
    const graphs = graphsOf(`const wa = w(4, 4), wb = w(4, 4);
export const first = (x: tf.Tensor2D) => tf.relu(x.matMul(wa));
export const second = (x: tf.Tensor2D) => tf.sigmoid(x.matMul(wb));`);
    assert.deepEqual(graphs, [['dense relu <- []'], ['dense sigmoid <- []']]);
  });
});

describe('extraction of core-API models: weights and picks', () => {
  it("a first convolution's input channels are its filter's", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const filter = tf.variable(tf.randomNormal([3, 3, 1, 16], 0, Math.sqrt(2 / 9)));
export const features = (x: tf.Tensor4D) => tf.relu(tf.conv2d(x, filter as tf.Tensor4D, 1, 'same'));
`;
    assert.deepEqual(extractFile(text, 'model.ts').models[0].layers[0].inputShape, [null, null, 1]);
  });

  it('a matMul weight reads [in, out] on the right and [out, in] on the left, the other way round where it is transposed', () => {
    const sizes = (product: string) => {
      const text = `import * as tf from '@tensorflow/tfjs';
const items = tf.variable(tf.randomNormal([3706, 32], 0, 0.1));
export const scores = (u: tf.Tensor2D) => ${product};
`;
      const [layer] = extractFile(text, 'model.ts').models[0].layers;
      return [layer.inputShape?.[0], layer.units];
    };
    assert.deepEqual(sizes('tf.matMul(u, items)'), [3706, 32]);
    assert.deepEqual(sizes('tf.matMul(u, items, false, true)'), [32, 3706]);
    assert.deepEqual(sizes('u.matMul(items, false, true)'), [32, 3706]);
    assert.deepEqual(sizes('tf.matMul(items, u)'), [32, 3706]);
    assert.deepEqual(sizes('tf.matMul(items, u, true, false)'), [3706, 32]);
  });

  it('a weight applied again in the same model (a recurrence unrolled by hand) is opaque after its first use', () => {
    const graphs = graphsOf(`const wx = w(4, 8), wh = w(8, 8);
export function encode(steps: tf.Tensor2D[]) {
  let h = tf.zeros([1, 8]) as tf.Tensor2D;
  for (const x of [steps[0], steps[1], steps[2]]) h = tf.tanh(tf.matMul(x, wx).add(tf.matMul(h, wh)));
  return h;
}`);
    assert.deepEqual(graphs[0].filter((layer) => layer.startsWith('dense')).length, 2);
    assert.ok(graphs[0].filter((layer) => layer.startsWith('opaque')).length >= 3, graphs[0].join('; '));
  });

  it('a random pick among objects: the members they all hold alike are known, the others unknown', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const POP = [{ lr: 0.001, aggressive: false }, { lr: 0.002, aggressive: false }];
const parent = POP[Math.floor(Math.random() * POP.length)];
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
model.compile({ optimizer: parent.aggressive ? tf.train.adam(0.5) : tf.train.adam(parent.lr), loss: 'meanSquaredError' });
`;
    const [model] = extractFile(text, 'search.ts').models;
    assert.equal(model.training?.optimizer?.learningRate, undefined);
    assert.equal(model.variant, undefined, 'no variant for the adam 0.5 branch: no genome is aggressive');
  });

  it("a core-API forward pass run under no optimizer (a self-test's fixture weights) is never trained, where the file trains another: hints; the trained one keeps its warnings", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const dense = (rows: number, cols: number, std: number) => ({ w: tf.variable(tf.randomNormal([rows, cols], 0, std)), b: tf.variable(tf.zeros([cols])) });
const forward = (p: { l1: { w: tf.Variable; b: tf.Variable }; out: { w: tf.Variable; b: tf.Variable } }, x: tf.Tensor2D) => tf.matMul(tf.relu(tf.matMul(x, p.l1.w).add(p.l1.b)), p.out.w).add(p.out.b);
const PARAMS = { l1: dense(64, 64, STD), out: dense(64, 1, 0.125) };
const FIXTURE = { l1: dense(64, 64, 1.0), out: dense(64, 1, 1.0) };
export function train(x: tf.Tensor2D, y: tf.Tensor2D) {
  const opt = tf.train.adam(0.001);
  for (let i = 0; i < 100; i++) opt.minimize(() => tf.losses.meanSquaredError(y, forward(PARAMS, x)) as tf.Scalar);
}
export function selfTest() {
  return tf.tidy(() => forward(FIXTURE, tf.zeros([1, 64])).shape);
}
`;
    const severities = (std: string) => analyze(text.replace('STD', std), 'policy.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => finding.severity).sort();
    assert.deepEqual(severities('Math.sqrt(2 / 64)'), ['hint']);
    assert.deepEqual(severities('1.0'), ['hint', 'warning']);
  });
});
