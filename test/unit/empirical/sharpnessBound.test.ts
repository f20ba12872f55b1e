/**
 * high-learning-rate judges sgd by a lower bound on the loss's sharpest curvature λ
 * (rules/sharpnessBound.ts). Checked against real tfjs: λ of the model as built, by power
 * iteration on finite-difference Hessian-vector products at initialization, with the targets set to
 * the model's own outputs so the Hessian is exactly its Gauss-Newton part.
 */
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { analyze } from '../../../server/src/engine/analyze';
import { readyTfjs } from '../../../server/src/engine/empirical/runtime';
import { buildNetwork, disposeNetwork, forward, mseLoss, randomInputs } from '../../../server/src/engine/empirical/network';
import { sharpnessBound } from '../../../server/src/engine/rules/sharpnessBound';
import type { ModelIR } from '../../../server/src/engine/ir';

const EPSILON = 1e-3;
const ITERATIONS = 30;

function program(inputs: number, hidden: number[], activation: string, outputs: number): string {
  const layers = hidden.map((units, i) => `model.add(tf.layers.dense({ ${i === 0 ? `inputShape: [${inputs}], ` : ''}units: ${units}, activation: '${activation}', kernelInitializer: '${activation === 'relu' ? 'heUniform' : 'glorotUniform'}' }));`);
  return `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
${layers.join('\n')}
model.add(tf.layers.dense({ units: ${outputs} }));
model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
`;
}

function dot(a: tf.Tensor[], b: tf.Tensor[]): number {
  return a.reduce((sum, t, i) => sum + tf.tidy(() => t.mul(b[i]).sum().dataSync()[0]), 0);
}

/** The top eigenvalue of the mean-squared-error Hessian on one batch of 32 N(0,1) inputs. */
function measuredSharpness(model: ModelIR): number {
  const network = buildNetwork(model, 0);
  const outputs = model.outputs;
  const xs = randomInputs(network, 32, 1);
  const targets = forward(network, xs, outputs, true).outputs;
  const weights = network.trainable;
  const start = weights.map((w) => w.clone());
  const gradientAt = (shift: tf.Tensor[], sign: number): tf.Tensor[] => {
    weights.forEach((w, i) => w.assign(start[i].add(shift[i].mul(sign * EPSILON))));
    const { value, grads } = tf.variableGrads(() => mseLoss(forward(network, xs, outputs, true).outputs, targets), weights);
    value.dispose();
    return weights.map((w) => grads[w.name]);
  };
  let direction = weights.map((w) => tf.randomNormal(w.shape, 0, 1, 'float32', 7));
  let lambda = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const norm = Math.sqrt(dot(direction, direction));
    const unit = direction.map((t) => t.div(norm));
    const plus = gradientAt(unit, 1);
    const minus = gradientAt(unit, -1);
    const product = plus.map((g, k) => g.sub(minus[k]).div(2 * EPSILON));
    lambda = dot(product, unit);
    tf.dispose([...direction, ...unit, ...plus, ...minus]);
    direction = product;
  }
  tf.dispose([...direction, ...start, ...xs, ...targets]);
  disposeNetwork(network);
  return lambda;
}

describe('sharpnessBound: below the real curvature, and not far below it for relu stacks', function () {
  this.timeout(120000);
  before(readyTfjs);

  const cases: { name: string; text: string; within: number }[] = [
    { name: 'two relu layers of 32 on one input', text: program(1, [32, 32], 'relu', 1), within: 3 },
    { name: 'two relu layers of 64, four outputs', text: program(16, [64, 64], 'relu', 4), within: 3 },
    { name: 'six relu layers of 64 at He scale', text: program(16, [64, 64, 64, 64, 64, 64], 'relu', 1), within: 3 },
    { name: 'three sigmoid layers of 32', text: program(8, [32, 32, 32], 'sigmoid', 1), within: 3 },
  ];
  for (const { name, text, within } of cases) {
    it(name, () => {
      const [analysis] = analyze(text, 'model.ts').models;
      const bound = sharpnessBound(analysis.model, analysis.flow);
      assert.ok(bound, 'the model has one dense output and a loss the engine reads');
      const measured = measuredSharpness(analysis.model);
      assert.ok(bound.lambda <= measured, `bound ${bound.lambda} above the measured ${measured}`);
      assert.ok(bound.lambda * within >= measured, `bound ${bound.lambda} more than ${within}x below the measured ${measured}`);
    });
  }
});
