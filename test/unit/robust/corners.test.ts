/**
 * Mixed corners of the unknowns' ranges (robust/scenarios.ts): a finding that fires only where a
 * wide layer meets a narrow one is reached by no axis, yet the code may be run with those sizes.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import type { Unknown } from '../../../server/src/engine/flow/unknowns';
import { mixedCorners } from '../../../server/src/engine/robust/scenarios';

const FORECASTER = `import * as tf from '@tensorflow/tfjs';
export function buildForecaster(cfg: { windowHours: number; lstmUnits: number; denseUnits: number; horizon: number }) {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ inputShape: [cfg.windowHours, 1], units: cfg.lstmUnits }));
  model.add(tf.layers.dense({ units: cfg.denseUnits, activation: 'relu', kernelInitializer: 'heUniform' }));
  model.add(tf.layers.dense({ units: cfg.horizon }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  return model;
}
`;

function unknown(i: number): Unknown {
  return { id: `units@${i}`, kind: 'units', description: `units of dense_${i}`, noun: 'units', layerIndex: i, layerName: `dense_${i}`, low: 8, high: 4096, value: 64 };
}

describe('mixed corners of the unknowns\' ranges', () => {
  it('two to six unknowns: every mix of ends but all low and all high (the "every value" axis has those)', () => {
    assert.equal(mixedCorners([unknown(1)]).length, 0);
    assert.equal(mixedCorners([unknown(1), unknown(2)]).length, 2);
    assert.equal(mixedCorners([1, 2, 3, 4].map(unknown)).length, 14);
    // A character model's six (embedding width and vocabulary, lstm units and steps, two dense widths).
    assert.equal(mixedCorners([1, 2, 3, 4, 5, 6].map(unknown)).length, 62);
    assert.equal(mixedCorners([1, 2, 3, 4, 5, 6, 7].map(unknown)).length, 0);
    assert.deepEqual(mixedCorners([unknown(1), unknown(2)]).map((corner) => corner.label), ['units of dense_1 at 4096, units of dense_2 at 8', 'units of dense_1 at 8, units of dense_2 at 4096']);
  });

  it('a vanishing gradient that only a wide recurrent layer before a narrow dense one gives is a hint naming those sizes', () => {
    const vanishing = analyze(FORECASTER, 'forecaster.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'vanishing-gradient');
    assert.equal(vanishing.length, 1);
    assert.equal(vanishing[0].severity, 'hint');
    assert.equal(vanishing[0].dependsOn?.length, 4);
    assert.ok(vanishing[0].message.startsWith('With units of lstm_1 at 4096, time steps of lstm_1 at 1, units of dense_1 at 8, units of dense_2 at 4096 (not known statically): Vanishing gradients'), vanishing[0].message);
  });
});
