import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { SimulationCancelledError, trainingPreview } from '../../../server/src/engine/empirical';
import type { ModelIR, OptimizerIR } from '../../../server/src/engine/ir';
import { layer, mlp, sequential } from '../../helpers/modelBuilders';

function optimizer(name: OptimizerIR['name'], learningRate: number | undefined, learningRateSource: OptimizerIR['learningRateSource'] = 'explicit'): OptimizerIR {
  return { name, form: 'call', learningRate, learningRateSource, span: { start: 0, end: 0 } };
}

const tanhMlp = (opt?: OptimizerIR): ModelIR => ({
  ...mlp({ depth: 6, width: 16, activation: 'tanh', head: { units: 4, initializer: 'glorotUniform' } }),
  training: opt ? { optimizer: opt, calls: [], clipping: [] } : undefined,
});

describe('empirical engine: trainingPreview', function () {
  this.timeout(20000);

  it('diverges with sgd(5) on a 6-layer tanh MLP and trains with sgd(0.01)', async () => {
    const blownUp = await trainingPreview(tanhMlp(optimizer('sgd', 5)), { steps: 30, batch: 32 });
    assert.deepEqual(blownUp.optimizer, { name: 'sgd', learningRate: 5, source: 'model' });
    assert.ok(blownUp.divergence !== undefined, 'sgd(5) must diverge');
    const last = blownUp.steps[blownUp.steps.length - 1];
    assert.ok(!Number.isFinite(last.loss) || !Number.isFinite(last.gradNorm) || last.loss > 10 * blownUp.steps[0].loss);

    const calm = await trainingPreview(tanhMlp(optimizer('sgd', 0.01)), { steps: 30, batch: 32 });
    assert.equal(calm.divergence, undefined);
    assert.equal(calm.steps.length, 30);
    assert.ok(calm.steps.every((s) => Number.isFinite(s.loss) && s.gradNorm > 0));
    // Same seed, same first batch, same initial weights: both runs start from the same loss.
    assert.equal(calm.steps[0].loss, blownUp.steps[0].loss);
  });

  it('stops at the first non-finite loss or gradient', async () => {
    const preview = await trainingPreview(tanhMlp(optimizer('sgd', 1e6)), { steps: 40, batch: 16 });
    assert.equal(preview.divergence, 'nonFinite');
    assert.ok(preview.steps.length < 40);
    const last = preview.steps[preview.steps.length - 1];
    assert.ok(!Number.isFinite(last.loss) || !Number.isFinite(last.gradNorm));
    assert.ok(preview.steps.slice(0, -1).every((s) => Number.isFinite(s.loss) && Number.isFinite(s.gradNorm)));
  });

  it('clips by global norm when the code does (a wrapped applyGradients)', async () => {
    const unclipped = tanhMlp(optimizer('sgd', 1e6));
    const clipped = tanhMlp(optimizer('sgd', 1e6));
    clipped.training!.clipping.push({ kind: 'wrappedApplyGradients', span: { start: 0, end: 0 } });
    const wild = await trainingPreview(unclipped, { steps: 10, batch: 16 });
    const tamed = await trainingPreview(clipped, { steps: 10, batch: 16 });
    assert.equal(wild.divergence, 'nonFinite');
    assert.equal(tamed.steps.length, 10);
    assert.ok(tamed.steps.every((s) => Number.isFinite(s.loss) && Number.isFinite(s.gradNorm)));
    // The first update is the same (its gradient norm is below 1); they part after it.
    assert.equal(tamed.steps[1].loss, wild.steps[1].loss);
    assert.match(tamed.assumptions.join('\n'), /clipped to a global norm of 1/);
  });

  it('reproduces an object learning rate as the NaN training tfjs gives', async () => {
    const preview = await trainingPreview(tanhMlp(optimizer('adam', undefined, 'object')), { steps: 5, batch: 8 });
    assert.equal(preview.divergence, 'nonFinite');
    assert.match(preview.assumptions.join('\n'), /learning rate is an object/);
  });

  it('refuses a model without trainable weights, with the reason', async () => {
    const onlyActivation = sequential([layer('activation', { activation: 'tanh', inputShape: [4] })]);
    await assert.rejects(trainingPreview(onlyActivation, { steps: 2 }), /the model has no trainable weights/);
  });

  it("trains momentum with the code's coefficient, and assumes 0.9 only when it is not read", async () => {
    const withMomentum = (momentum: number | undefined) => tanhMlp({ ...optimizer('momentum', 0.05), momentum });
    const losses = (preview: { steps: { loss: number }[] }) => preview.steps.map((step) => step.loss);
    const sgd = await trainingPreview(tanhMlp(optimizer('sgd', 0.05)), { steps: 12, batch: 16 });
    const zero = await trainingPreview(withMomentum(0), { steps: 12, batch: 16 });
    const written = await trainingPreview(withMomentum(0.9), { steps: 12, batch: 16 });
    const unread = await trainingPreview(withMomentum(undefined), { steps: 12, batch: 16 });
    // Momentum 0 is plain sgd; 0.9 is not.
    losses(zero).forEach((loss, i) => assert.ok(Math.abs(loss - losses(sgd)[i]) <= 1e-6 * loss, `step ${i}: ${loss} vs sgd ${losses(sgd)[i]}`));
    assert.ok(losses(written).some((loss, i) => Math.abs(loss - losses(sgd)[i]) > 1e-3 * loss));
    assert.doesNotMatch(zero.assumptions.join('\n'), /momentum/);
    assert.deepEqual(losses(unread), losses(written));
    assert.match(unread.assumptions.join('\n'), /momentum 0\.9 assumed/);
  });

  it('falls back to adam(0.001) when the code sets no optimizer, and says so', async () => {
    const preview = await trainingPreview(tanhMlp(), { steps: 3, batch: 8 });
    assert.deepEqual(preview.optimizer, { name: 'adam', learningRate: 0.001, source: 'assumed' });
    assert.match(preview.assumptions.join('\n'), /the code sets no optimizer/);
  });

  it('is deterministic, cancellable and leaves no tensor behind', async () => {
    const model = tanhMlp(optimizer('adam', 0.01));
    const first = await trainingPreview(model, { steps: 4, batch: 8 });
    const before = tf.memory().numTensors;
    const second = await trainingPreview(model, { steps: 4, batch: 8 });
    assert.deepEqual(second, first);
    assert.equal(tf.memory().numTensors, before);
    let checks = 0;
    const signal = { get aborted() { return ++checks > 2; } };
    await assert.rejects(trainingPreview(model, { steps: 10, batch: 8, signal }), SimulationCancelledError);
    assert.equal(checks, 3);
    assert.equal(tf.memory().numTensors, before);
  });
});
