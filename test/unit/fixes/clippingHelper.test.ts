/**
 * The inserted clipping helper really clips: a tiny model trained with `fit` (tfjs CPU backend)
 * through `withGradientClipping(tf.train.sgd(1), maxNorm)` moves its weights by exactly
 * lr × maxNorm per step when the raw gradient is larger, while the same model without the
 * helper moves by the raw gradient norm. The helper under test is the text the fix inserts.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixText } from '../../../server/src/cli/fix';
import { clippingHelperSource, CLIPPING_HELPER_NAME } from '../../../server/src/engine/fixes/clipping';

type Wrap = <T extends tf.Optimizer>(optimizer: T, maxNorm: number) => T;

const JS_HELPER = clippingHelperSource({ tidy: 'tf.tidy', Optimizer: 'tf.Optimizer', Tensor: 'tf.Tensor', train: 'tf.train' }, false);

/** Our own generated helper (never user code), evaluated with the real tfjs module. */
function loadHelper(): Wrap {
  return new Function('tf', `${JS_HELPER}\nreturn ${CLIPPING_HELPER_NAME};`)(tf) as Wrap;
}

function weights(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((weight) => weight.dataSync() as Float32Array).map((data) => Float32Array.from(data));
}

function updateNorm(before: Float32Array[], after: Float32Array[]): number {
  let sum = 0;
  before.forEach((values, i) => values.forEach((value, j) => (sum += (after[i][j] - value) ** 2)));
  return Math.sqrt(sum);
}

function tinyModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: 1, seed: 1 }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.randomNormal({ stddev: 1, seed: 2 }) }));
  return model;
}

async function stepNorms(optimizer: tf.Optimizer, steps: number): Promise<number[]> {
  const model = tinyModel();
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const xs = tf.randomNormal([16, 8], 0, 3, 'float32', 3);
  const ys = tf.randomNormal([16, 1], 0, 3, 'float32', 4).mul(10);
  const norms: number[] = [];
  for (let step = 0; step < steps; step++) {
    const before = weights(model);
    await model.fit(xs, ys, { epochs: 1, batchSize: 16, shuffle: false, verbose: 0 });
    norms.push(updateNorm(before, weights(model)));
  }
  tf.dispose([xs, ys]);
  model.dispose();
  return norms;
}

describe('withGradientClipping (the inserted helper)', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('is the exact text the fix inserts into a JavaScript file', () => {
    const path = join(__dirname, '..', '..', '..', 'examples', 'sick', 'wide-init-regressor.js');
    const fixed = fixText(readFileSync(path, 'utf8'), path).text;
    assert.ok(fixed.includes(JS_HELPER), 'fixed example contains the helper verbatim');
    assert.match(fixed, /withGradientClipping\(tf\.train\.sgd\([^)]*\), 80\)/);
  });

  it('caps every fit update at lr × maxNorm, where plain sgd moves much further', async function () {
    this.timeout(60_000);
    const maxNorm = 0.5;
    const unclipped = await stepNorms(tf.train.sgd(1), 3);
    const clipped = await stepNorms(loadHelper()(tf.train.sgd(1), maxNorm), 3);
    assert.ok(unclipped[0] > 10 * maxNorm, `raw first update ${unclipped[0]} is far above the cap`);
    for (const norm of clipped) assert.ok(Math.abs(norm - maxNorm) < 1e-3, `clipped update norm ${norm} equals maxNorm ${maxNorm}`);
  });

  it('clips a name -> tensor map from tf.variableGrads and leaves small gradients unchanged', () => {
    const wrap = loadHelper();
    const v = tf.variable(tf.tensor1d([3, 4]));
    const optimizer = wrap(tf.train.sgd(1), 1);
    const { grads, value } = tf.variableGrads(() => v.square().sum().mul(10) as tf.Scalar, [v]);
    optimizer.applyGradients(grads); // raw gradient 20·v = [60, 80], norm 100 -> scaled to norm 1
    assert.deepEqual(Array.from(v.dataSync()).map((x) => Number(x.toFixed(4))), [2.4, 3.2]);
    const small = tf.variableGrads(() => v.sum().mul(0.1) as tf.Scalar, [v]);
    optimizer.applyGradients(small.grads); // norm 0.141 < 1: applied as is
    assert.deepEqual(Array.from(v.dataSync()).map((x) => Number(x.toFixed(4))), [2.3, 3.1]);
    tf.dispose([value, small.value, v, ...Object.values(grads), ...Object.values(small.grads)]);
  });
});
