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

function sigmoidStack(depth: number, optimizer: string): string {
  const hidden = Array.from({ length: depth }, (_, i) => `tf.layers.dense({ ${i === 0 ? 'inputShape: [64], ' : ''}units: 64, activation: 'sigmoid' })`).join(', ');
  return `import * as tf from '@tensorflow/tfjs';\nexport const model = tf.sequential({ layers: [${hidden}, tf.layers.dense({ units: 1 })] });\nmodel.compile({ optimizer: ${optimizer}, loss: 'meanSquaredError' });\n`;
}

function vanishing(code: string): { severity: string; message: string }[] {
  return analyze(code, 'model.ts', DEFAULT_SETTINGS, { cache: null }).findings.filter((f) => f.rule === 'vanishing-gradient').map(({ severity, message }) => ({ severity, message }));
}

describe('vanishing gradients under adam (per-weight gradient against epsilon)', () => {
  it('a 5-layer sigmoid stack: a hint on adam (steps ~99% of the rate), a warning on sgd', () => {
    const [adam] = vanishing(sigmoidStack(5, "'adam'"));
    assert.equal(adam.severity, 'hint');
    assert.match(adam.message, /ε = 1e-7 gives steps of ~99% of the learning rate, so adam compensates/);
    const [sgd] = vanishing(sigmoidStack(5, 'tf.train.sgd(0.1)'));
    assert.equal(sgd.severity, 'warning');
    assert.doesNotMatch(sgd.message, /ε/);
  });

  it('a 12-layer sigmoid stack stays a warning on adam: its layers effectively do not learn', () => {
    const [adam] = vanishing(sigmoidStack(12, "'adam'"));
    assert.equal(adam.severity, 'warning');
    assert.match(adam.message, /those layers effectively do not learn/);
  });

  it('a written epsilon (4th argument) is not second-guessed', () => {
    const [adam] = vanishing(sigmoidStack(5, 'tf.train.adam(0.001, 0.9, 0.999, 1e-3)'));
    assert.equal(adam.severity, 'warning');
    assert.doesNotMatch(adam.message, /ε/);
  });

  it('counts the arguments, not the commas of their text, and does not guess through a spread', () => {
    const [nested] = vanishing(sigmoidStack(5, 'tf.train.adam(Math.min(0.01, 0.001), 0.9, 0.999)'));
    assert.match(nested.message, /ε = 1e-7/, 'three arguments, one with a comma inside: epsilon is the default');
    // Read at run time (a JSON text written in the file would be parsed: JSON.parse('[]') is no arguments).
    const [spread] = vanishing(`import { readFileSync } from 'fs';\nconst adamArgs = JSON.parse(readFileSync('adam.json', 'utf8'));\n${sigmoidStack(5, 'tf.train.adam(...adamArgs)')}`);
    assert.equal(spread.severity, 'warning');
    assert.doesNotMatch(spread.message, /ε/, 'arguments of unknown number may set epsilon');
  });
});

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
