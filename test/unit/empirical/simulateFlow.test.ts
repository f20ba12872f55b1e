import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { simulateFlow, SimulationCancelledError, UnsupportedModelError } from '../../../server/src/engine/empirical';
import { buildNetwork, disposeNetwork, randomInputs, randomTargets } from '../../../server/src/engine/empirical/network';
import { layer, mlp, sequential } from '../../helpers/modelBuilders';

const small = mlp({ depth: 3, width: 16, activation: 'relu', initializer: 'heUniform' });

describe('empirical engine: simulateFlow', function () {
  this.timeout(20000);

  it('gives identical numbers for the same seeds and different ones for other seeds', async () => {
    const a = await simulateFlow(small, { seeds: 2, batch: 16 });
    const b = await simulateFlow(small, { seeds: 2, batch: 16 });
    assert.deepEqual(a, b);
    const c = await simulateFlow(small, { seeds: 2, batch: 16, firstSeed: 7 });
    assert.notDeepEqual(c.layers[0].log10GradNormBySeed, a.layers[0].log10GradNormBySeed);
  });

  it('reports mean and sample sd of log10 ‖∇W‖ over seeds for every kernel layer', async () => {
    const flow = await simulateFlow(small, { seeds: 3, batch: 16 });
    assert.equal(flow.seeds, 3);
    assert.equal(flow.layers.length, 4);
    for (const layerFlow of flow.layers) {
      assert.equal(layerFlow.hasKernel, true);
      const bySeed = layerFlow.log10GradNormBySeed!;
      assert.equal(bySeed.length, 3);
      const mean = (bySeed[0] + bySeed[1] + bySeed[2]) / 3;
      const sd = Math.sqrt(bySeed.reduce((acc, v) => acc + (v - mean) ** 2, 0) / 2);
      assert.ok(Math.abs(layerFlow.log10GradNorm! - mean) < 1e-12);
      assert.ok(Math.abs(layerFlow.log10GradNormSd! - sd) < 1e-12);
      assert.ok(sd > 0, 'different seeds draw different weights');
    }
    assert.equal(flow.firstKernel, 0);
    assert.equal(flow.lastKernel, 3);
    assert.ok(Math.abs(flow.log10Ratio! - (flow.layers[0].log10GradNorm! - flow.layers[3].log10GradNorm!)) < 1e-9);
    assert.equal(flow.layers[3].fanIn, 16);
    assert.equal(flow.layers[3].fanOut, 10);
  });

  it('measures ‖dLoss/dKernel‖_F exactly for a one-layer linear model', async () => {
    // W = 0.5 everywhere, no bias: loss = mean((xW - y)²), dLoss/dW = 2/(B·n) xᵀ(xW - y), computed here in plain JS
    // on the engine's own seeded batch.
    const model = sequential([layer('dense', { units: 3, inputShape: [5], kernelInitializer: { name: 'constant', args: { value: 0.5 } }, useBias: false })]);
    const batch = 4;
    const flow = await simulateFlow(model, { seeds: 1, batch, firstSeed: 3 });
    const network = buildNetwork(model, 3);
    const [xs, ys] = [randomInputs(network, batch, 3), randomTargets(network, batch, 3)];
    const x = xs[0].arraySync() as number[][];
    const y = ys[0].arraySync() as number[][];
    tf.dispose([...xs, ...ys]);
    disposeNetwork(network);
    let sumSquares = 0;
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 3; j++) {
        let g = 0;
        for (let b = 0; b < batch; b++) {
          const prediction = x[b].reduce((acc, v) => acc + 0.5 * v, 0);
          g += (2 / (batch * 3)) * x[b][i] * (prediction - y[b][j]);
        }
        sumSquares += g * g;
      }
    }
    assert.ok(Math.abs(flow.layers[0].log10GradNorm! - Math.log10(Math.sqrt(sumSquares))) < 1e-5);
  });

  it('measures pre-activation spread, saturated (|z| > 5) and dead (z <= 0) fractions', async () => {
    // tanh over z ~ N(0, 64·1²): sd ≈ 8, P(|z| > 5) = erfc(5 / (8√2)) ≈ 0.53.
    const wide = sequential([
      layer('dense', { units: 64, inputShape: [64], activation: 'tanh', kernelInitializer: { name: 'randomNormal', args: { stddev: 1 } } }),
      layer('dense', { units: 64, activation: 'relu' }),
      layer('dense', { units: 1 }),
    ]);
    const flow = await simulateFlow(wide, { seeds: 2, batch: 64 });
    const [tanhLayer, reluLayer, head] = flow.layers;
    assert.ok(Math.abs(tanhLayer.preActivationStd! - 8) < 0.8, `sd ${tanhLayer.preActivationStd}`);
    const expected = erfc(5 / (tanhLayer.preActivationStd! * Math.SQRT2));
    assert.ok(Math.abs(tanhLayer.saturatedFraction! - expected) < 0.06, `saturated ${tanhLayer.saturatedFraction} vs ${expected}`);
    assert.equal(tanhLayer.deadFraction, undefined);
    assert.ok(Math.abs(reluLayer.deadFraction! - 0.5) < 0.08, `dead ${reluLayer.deadFraction}`);
    assert.equal(head.saturatedFraction, undefined);
    assert.equal(head.deadFraction, undefined);
  });

  it('uses training-mode batch statistics in batchNormalization', async () => {
    const model = sequential([
      layer('dense', { units: 32, inputShape: [32], kernelInitializer: { name: 'randomNormal', args: { stddev: 3 } } }),
      layer('batchNormalization'),
      layer('dense', { units: 4 }),
    ]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 32 });
    assert.ok(flow.layers[0].preActivationStd! > 10);
    // Batch statistics normalize to sd ~1 (moving statistics at initialization would leave ~17).
    assert.ok(Math.abs(flow.layers[1].preActivationStd! - 1) < 0.05, `bn output sd ${flow.layers[1].preActivationStd}`);
    assert.equal(flow.layers[1].hasKernel, false);
    assert.equal(flow.layers[1].log10GradNorm, undefined);
  });

  it('says why a model cannot be built instead of dropping layers', async () => {
    const trap = sequential([layer('dense', { units: 4, inputShape: [4], activation: 'leakyRelu' }), layer('dense', { units: 1 })]);
    await assert.rejects(simulateFlow(trap, { seeds: 1 }), (error: unknown) => {
      assert.ok(error instanceof UnsupportedModelError);
      assert.match(error.message, /dense_1: 'leakyRelu' is not a tfjs activation/);
      return true;
    });
    const unknownUnits = sequential([layer('dense', { inputShape: [4], unresolved: ['units'] })]);
    await assert.rejects(simulateFlow(unknownUnits, { seeds: 1 }), (error: unknown) => {
      assert.deepEqual((error as UnsupportedModelError).reasons, ["dense_1: 'units' could not be resolved statically"]);
      return true;
    });
    const noShape = sequential([layer('conv2d', { units: 3, kernelSize: [3] })]);
    await assert.rejects(simulateFlow(noShape, { seeds: 1 }), /conv2d_1: the input shape is unknown/);
    await assert.rejects(simulateFlow(sequential([]), { seeds: 1 }), /the model has no output layer/);
  });

  it('assumes a square input for a dense first layer of unknown input size, as the analytic engine does', async () => {
    const model = sequential([layer('dense', { units: 3, unresolved: ['inputShape'] }), layer('dense', { units: 1 })]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 4 });
    assert.deepEqual(flow.assumptions, ['dense_1: input size unknown; assumed 3 features']);
    assert.equal(flow.layers[0].fanIn, 3);
  });

  it('simulates an opaque single-input layer as identity and says so', async () => {
    const model = sequential([
      layer('dense', { units: 8, inputShape: [8] }),
      layer('opaque', { factory: 'myCustomLayer', name: 'opaque_2' }),
      layer('dense', { units: 2 }),
    ]);
    const flow = await simulateFlow(model, { seeds: 1, batch: 8 });
    assert.deepEqual(flow.assumptions, ["opaque_2: 'myCustomLayer' is not understood; simulated as an identity layer"]);
    assert.equal(flow.layers.length, 3);
    assert.ok(Math.abs(flow.layers[1].preActivationStd! - flow.layers[0].preActivationStd!) < 1e-6);
  });

  it('stops at the next seed when the signal aborts', async () => {
    let checks = 0;
    const signal = { get aborted() { return ++checks > 1; } };
    await assert.rejects(simulateFlow(small, { seeds: 3, batch: 8, signal }), SimulationCancelledError);
    assert.equal(checks, 2, 'one seed ran, the second was cancelled');
  });

  it('leaves no tensor behind: after a run, a failed build and a cancelled run', async () => {
    await simulateFlow(small, { seeds: 1, batch: 8 }); // warm-up: backend and kernels registered
    const before = tf.memory().numTensors;
    await simulateFlow(mlp({ depth: 2, width: 8, activation: 'tanh', batchNorm: true }), { seeds: 2, batch: 8 });
    assert.equal(tf.memory().numTensors, before);
    const broken = sequential([layer('dense', { units: 4, inputShape: [4] }), layer('dense', { units: 2, activation: 'leakyRelu' })]);
    await assert.rejects(simulateFlow(broken, { seeds: 1 }), UnsupportedModelError);
    assert.equal(tf.memory().numTensors, before);
    await assert.rejects(simulateFlow(small, { seeds: 2, signal: { aborted: true } }), SimulationCancelledError);
    assert.equal(tf.memory().numTensors, before);
  });
});

/** Complementary error function (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}
