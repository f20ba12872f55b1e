/**
 * The crossentropy scale (flow/crossentropyScale.ts) against real tfjs: the first kernel's ‖∇W‖
 * under categoricalCrossentropy on a softmax output over ‖∇W‖ under the probe's meanSquaredError
 * against N(0,1) targets, on the same weights and inputs.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { log10CrossentropyOverProbe } from '../../../server/src/engine/flow/crossentropyScale';

const BATCH = 64;
const INPUT = 64;
const HIDDEN = 128;

/**
 * Mean over seeds of log10(‖∇W_first‖ with crossentropy / ‖∇W_first‖ with the probe), and the
 * logits' mean square. `positions` > 1: a 1x1-conv net over a positions×positions map, a softmax
 * per position (both losses average over positions, as tfjs's training loss does).
 */
function measured(classes: number, seeds: number, positions = 1): { log10Ratio: number; logitMeanSquare: number } {
  let sum = 0;
  let logitSum = 0;
  const spatial = positions > 1;
  // The spatial case is small: tfjs's CPU conv gradients are slow.
  const batch = spatial ? 8 : BATCH;
  const input = spatial ? 16 : INPUT;
  const hiddenUnits = spatial ? 32 : HIDDEN;
  for (let seed = 0; seed < seeds; seed++) {
    tf.tidy(() => {
      const hidden = spatial
        ? tf.layers.conv2d({ inputShape: [positions, positions, input], filters: hiddenUnits, kernelSize: 1, activation: 'relu', kernelInitializer: tf.initializers.heUniform({ seed }) })
        : tf.layers.dense({ inputShape: [input], units: hiddenUnits, activation: 'relu', kernelInitializer: tf.initializers.heUniform({ seed }) });
      const init = tf.initializers.glorotUniform({ seed: seed + 1000 });
      const logits = spatial ? tf.layers.conv2d({ filters: classes, kernelSize: 1, kernelInitializer: init }) : tf.layers.dense({ units: classes, kernelInitializer: init });
      const lead = spatial ? [batch, positions, positions] : [batch];
      const x = tf.randomNormal([...lead, input], 0, 1, 'float32', seed);
      const labels = tf.oneHot(tf.randomUniform(lead, 0, classes, 'int32', seed + 1), classes);
      const targets = tf.randomNormal([...lead, classes], 0, 1, 'float32', seed + 2);
      const z = () => logits.apply(hidden.apply(x)) as tf.Tensor;
      logitSum += z().square().mean().dataSync()[0];
      const kernel = hidden.trainableWeights[0].read() as tf.Variable;
      const norm = (loss: () => tf.Scalar) => {
        const { grads } = tf.variableGrads(loss, [kernel]);
        return Object.values(grads)[0].square().sum().sqrt().dataSync()[0];
      };
      const crossentropy = norm(() => tf.metrics.categoricalCrossentropy(labels, tf.softmax(z())).mean() as tf.Scalar);
      const probe = norm(() => tf.losses.meanSquaredError(targets, tf.softmax(z())) as tf.Scalar);
      sum += Math.log10(crossentropy / probe);
    });
  }
  return { log10Ratio: sum / seeds, logitMeanSquare: logitSum / seeds };
}

describe('crossentropy scale: probe gradients moved to a softmax model\'s own crossentropy', () => {
  for (const classes of [10, 100, 1000]) {
    it(`agrees with tfjs within 0.25 decades at ${classes} classes`, function () {
      this.timeout(60_000);
      const { log10Ratio, logitMeanSquare } = measured(classes, 4);
      const predicted = log10CrossentropyOverProbe(classes, logitMeanSquare, true);
      assert.ok(predicted !== undefined);
      assert.ok(Math.abs(predicted - log10Ratio) < 0.25, `predicted ${predicted.toFixed(2)}, tfjs ${log10Ratio.toFixed(2)}`);
    });
  }

  it('agrees with tfjs within 0.25 decades for a softmax per position of a conv output (21 classes, 4x4 map)', function () {
    this.timeout(60_000);
    const { log10Ratio, logitMeanSquare } = measured(21, 4, 4);
    const predicted = log10CrossentropyOverProbe(21, logitMeanSquare, true);
    assert.ok(predicted !== undefined);
    assert.ok(Math.abs(predicted - log10Ratio) < 0.25, `predicted ${predicted.toFixed(2)}, tfjs ${log10Ratio.toFixed(2)}`);
  });

  it('is undefined without classes to compare (one unit, unknown logits)', () => {
    assert.equal(log10CrossentropyOverProbe(1, 0.5, true), undefined);
    assert.equal(log10CrossentropyOverProbe(10, Number.NaN, true), undefined);
  });
});
