/**
 * The two engines check each other (DESIGN section 5): on small models written as source text
 * and read by the real extractor, the analytic prediction of log10 ‖dLoss/dKernel‖ matches the
 * measurement on the real tfjs model, absolutely and relative to the last kernel layer.
 */
import assert from 'node:assert/strict';
import { simulateFlow } from '../../../server/src/engine/empirical';
import { extractFile } from '../../../server/src/engine/extract';
import { predictFlow } from '../../../server/src/engine/flow/analytic';
import type { ModelIR } from '../../../server/src/engine/ir';

function source(activation: string, initializer: string, depth: number, batchNorm: boolean): string {
  const bn = batchNorm ? '\n    model.add(tf.layers.batchNormalization());' : '';
  return `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 64, activation: '${activation}', kernelInitializer: '${initializer}' }));
for (let i = 1; i < ${depth}; i++) {
    model.add(tf.layers.dense({ units: 64, activation: '${activation}', kernelInitializer: '${initializer}' }));${bn}
}
model.add(tf.layers.dense({ units: 10, kernelInitializer: 'glorotUniform' }));
`;
}

/** Each kernel's predicted log10 ‖dLoss/dKernel‖ within 0.3 decades of the measured, absolutely and relative to the last kernel's. */
async function assertEnginesAgree(model: ModelIR, kernelLayers: number): Promise<void> {
  const analytic = predictFlow(model, { batch: 64 });
  const empirical = await simulateFlow(model, { batch: 64, seeds: 4 });
  const kernels = empirical.layers.filter((l) => l.hasKernel);
  assert.equal(kernels.length, kernelLayers);
  const predicted = (i: number) => analytic.layers.find((l) => l.layerIndex === i)!.log10GradNorm!;
  const head = kernels[kernels.length - 1];
  for (const measured of kernels) {
    const a = predicted(measured.layerIndex);
    const e = measured.log10GradNorm!;
    assert.ok(Math.abs(a - e) < 0.3, `layer ${measured.layerIndex}: analytic ${a.toFixed(2)} vs measured ${e.toFixed(2)}`);
    const relative = a - predicted(head.layerIndex) - (e - head.log10GradNorm!);
    assert.ok(Math.abs(relative) < 0.3, `layer ${measured.layerIndex} relative to the head: off by ${relative.toFixed(2)}`);
  }
}

const CASES: [string, string, number, boolean][] = [
  ['tanh', 'glorotUniform', 4, false],
  ['relu', 'heUniform', 4, true],
  ['sigmoid', 'glorotUniform', 6, false],
];

describe('empirical vs analytic on small models', function () {
  this.timeout(30000);

  for (const [activation, initializer, depth, batchNorm] of CASES) {
    it(`${activation} + ${initializer}, depth ${depth}${batchNorm ? ', batchNormalization' : ''}: within 0.3 decades per layer`, async () => {
      const [model] = extractFile(source(activation, initializer, depth, batchNorm), 'model.ts').models;
      await assertEnginesAgree(model, depth + 1);
    });
  }

  it('a residual stream of relu branches, then layerNormalization: within 0.3 decades per layer', async () => {
    // Both inputs of every add have a positive mean: the sum's moments carry their product, and
    // layerNormalization, which subtracts the mean, divides by what is left.
    const text = `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [16, 32] });
let h = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal' }).apply(input);
for (let i = 0; i < 4; i++) {
  const branch = tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: 'heNormal' }).apply(h);
  h = tf.layers.add().apply([h, branch]);
}
h = tf.layers.flatten().apply(tf.layers.layerNormalization().apply(h));
const output = tf.layers.dense({ units: 4 }).apply(tf.layers.dense({ units: 32, activation: 'relu' }).apply(h));
const model = tf.model({ inputs: input, outputs: output });
`;
    const [model] = extractFile(text, 'model.ts').models;
    await assertEnginesAgree(model, 7);
  });
});
