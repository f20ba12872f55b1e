/** Soft findings (a milder variant of a rule's problem) are hints; the thresholds make them warnings. */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../server/src/engine/settings';

function sigmoidMseModel(hiddenLayers: number, units: number): string {
  const hidden = Array.from({ length: hiddenLayers }, (_, i) => `    tf.layers.dense({ ${i === 0 ? 'inputShape: [8], ' : ''}units: 16, activation: 'relu', kernelInitializer: 'heUniform' }),\n`).join('');
  return `import * as tf from '@tensorflow/tfjs';\n\nexport const model = tf.sequential({\n  layers: [\n${hidden}    tf.layers.dense({ units: ${units}, activation: 'sigmoid' }),\n  ],\n});\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n`;
}

function severities(code: string, settings = DEFAULT_SETTINGS): string[] {
  return analyze(code, 'model.ts', settings, { cache: null }).findings.filter((f) => f.rule === 'output-loss-mismatch').map((f) => f.severity);
}

describe('soft findings', () => {
  it('sigmoid + meanSquaredError is a hint in a small net', () => {
    assert.deepEqual(severities(sigmoidMseModel(1, 1)), ['hint']);
  });

  it('and a warning from 8 weight layers or 10 output units', () => {
    assert.deepEqual(severities(sigmoidMseModel(7, 1)), ['warning']);
    assert.deepEqual(severities(sigmoidMseModel(1, 10)), ['warning']);
  });

  it('the thresholds are settings', () => {
    const settings = resolveSettings({ thresholds: { saturatingOutputMseLayers: 2 } });
    assert.deepEqual(severities(sigmoidMseModel(1, 1), settings), ['warning']);
  });
});
