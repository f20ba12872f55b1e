import assert from 'node:assert/strict';
import { runSimulate, type SimulateReport } from '../../../server/src/cli/simulate';
import type { CliIO } from '../../../server/src/cli/io';

const SOURCE = `import * as tf from '@tensorflow/tfjs';

const HIDDEN = 16;

export const encoder = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [HIDDEN], units: HIDDEN, activation: 'tanh' }),
    tf.layers.batchNormalization(),
    tf.layers.dense({ units: HIDDEN, activation: 'relu', kernelInitializer: 'heUniform' }),
    tf.layers.dense({ units: 4 }),
  ],
});

export const head = tf.sequential();
head.add(tf.layers.dense({ inputShape: [8], units: 3, activation: 'sigmoid' }));
`;

interface Captured {
  io: CliIO;
  out: () => string;
  err: () => string;
}

function captureIO(files: Record<string, string> = { 'model.ts': SOURCE }): Captured {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (text) => { out += text; },
      stderr: (text) => { err += text; },
      readFile: (path) => {
        if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
        return files[path];
      },
    },
    out: () => out,
    err: () => err,
  };
}

describe('simulate CLI', function () {
  this.timeout(30000);

  const usageCases: [string[], RegExp][] = [
    [[], /simulate needs a file/],
    [['a.ts', 'b.ts'], /simulate takes one file, got 2/],
    [['model.ts', '--engine', 'magic'], /--engine must be one of analytic, empirical, both, not 'magic'/],
    [['model.ts', '--batch', '0'], /--batch needs a whole number >= 1, not '0'/],
    [['model.ts', '--seeds', 'many'], /--seeds needs a whole number >= 1, not 'many'/],
    [['model.ts', '--bogus'], /Unknown option '--bogus'/],
    [['missing.ts'], /cannot read missing.ts: ENOENT/],
    [['model.ts', '--model', 'nope'], /no model named 'nope' \(models: encoder, head\)/],
  ];
  for (const [argv, message] of usageCases) {
    it(`exits 2 with a clear message for: simulate ${argv.join(' ')}`, async () => {
      const { io, out, err } = captureIO();
      assert.equal(await runSimulate(argv, io), 2);
      assert.match(err(), message);
      assert.match(err(), /usage: gradient-doctor simulate <file>/);
      assert.equal(out(), '');
    });
  }

  it('exits 2 for a file without tfjs models', async () => {
    const { io, err } = captureIO({ 'plain.ts': 'export const x = 1;\n' });
    assert.equal(await runSimulate(['plain.ts'], io), 2);
    assert.match(err(), /plain\.ts: no @tensorflow\/tfjs import/);
  });

  it('--json prints the DESIGN section 7 shape with both engines', async () => {
    const { io, out, err } = captureIO();
    assert.equal(await runSimulate(['model.ts', '--json', '--seeds', '2', '--batch', '16'], io), 0, err());
    const report = JSON.parse(out()) as SimulateReport;
    assert.deepEqual(Object.keys(report), ['file', 'models']);
    assert.equal(report.file, 'model.ts');
    assert.deepEqual(report.models.map((m) => [m.name, m.line]), [['encoder', 5], ['head', 14]]);
    const encoder = report.models[0];
    assert.deepEqual(Object.keys(encoder), ['name', 'line', 'layers', 'notes', 'unknowns']);
    assert.deepEqual(encoder.unknowns, []);
    assert.deepEqual(
      encoder.layers.map((l) => [l.index, l.kind, l.units, l.activation, l.initializer, l.hasKernel]),
      [
        [0, 'dense', 16, 'tanh', 'glorotNormal', true],
        [1, 'batchNormalization', null, null, null, false],
        [2, 'dense', 16, 'relu', 'heUniform', true],
        [3, 'dense', 4, 'linear', 'glorotNormal', true],
      ],
    );
    assert.deepEqual([0, 2, 3].map((i) => encoder.layers[i].name), ['dense_1', 'dense_2', 'dense_3']);
    for (const layer of encoder.layers) {
      assert.deepEqual(Object.keys(layer), ['index', 'name', 'kind', 'units', 'activation', 'initializer', 'hasKernel', 'analytic', 'empirical']);
      assert.deepEqual(Object.keys(layer.analytic!), ['log10GradNorm', 'preActivationStd']);
      assert.deepEqual(Object.keys(layer.empirical!), ['log10GradNormMean', 'log10GradNormSd']);
      if (!layer.hasKernel) {
        assert.equal(layer.empirical!.log10GradNormMean, null);
        continue;
      }
      const { log10GradNorm } = layer.analytic!;
      const { log10GradNormMean, log10GradNormSd } = layer.empirical!;
      assert.equal(typeof log10GradNorm, 'number');
      assert.equal(typeof log10GradNormMean, 'number');
      assert.ok(log10GradNormSd! > 0);
      // Small widths and 2 seeds: the engines agree to within a few tenths of a decade.
      assert.ok(Math.abs(log10GradNorm! - log10GradNormMean!) < 0.5, `${layer.name}: ${log10GradNorm} vs ${log10GradNormMean}`);
    }
  });

  it('shows the values the code does not say: in --json with their ranges, as notes in the chart', async () => {
    const source = `import * as tf from '@tensorflow/tfjs';
export function build(width: number) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: width, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
}
`;
    const json = captureIO({ 'model.ts': source });
    assert.equal(await runSimulate(['model.ts', '--engine', 'analytic', '--json'], json.io), 0, json.err());
    const [model] = (JSON.parse(json.out()) as SimulateReport).models;
    assert.deepEqual(model.unknowns, [{ id: 'units@0', description: 'units of dense_1', layerIndex: 0, value: 128, low: 8, high: 4096 }]);
    const chart = captureIO({ 'model.ts': source });
    assert.equal(await runSimulate(['model.ts', '--engine', 'analytic'], chart.io), 0, chart.err());
    assert.match(chart.out(), /note: analytic: dense_1: units not known statically; 128 used \(plausible 8\.\.4096\)/);
  });

  it('--engine analytic --model NAME runs one engine on one model', async () => {
    const { io, out } = captureIO();
    assert.equal(await runSimulate(['model.ts', '--model', 'head', '--engine', 'analytic', '--json'], io), 0);
    const report = JSON.parse(out()) as SimulateReport;
    assert.deepEqual(report.models.map((m) => m.name), ['head']);
    assert.equal(report.models[0].layers[0].empirical, null);
    assert.equal(typeof report.models[0].layers[0].analytic!.log10GradNorm, 'number');
  });

  it('lists the variants of a model built under a condition as separate models, and --model selects them by name', async () => {
    const source = `import * as tf from '@tensorflow/tfjs';
export function buildModel(smooth: boolean) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 8, activation: smooth ? 'tanh' : 'relu' }), tf.layers.dense({ units: 1 })] });
}
`;
    const all = captureIO({ 'variants.ts': source });
    assert.equal(await runSimulate(['variants.ts', '--engine', 'analytic', '--json'], all.io), 0, all.err());
    assert.deepEqual((JSON.parse(all.out()) as SimulateReport).models.map((m) => m.name), ['buildModel (when smooth)', 'buildModel (when not smooth)']);
    const one = captureIO({ 'variants.ts': source });
    assert.equal(await runSimulate(['variants.ts', '--engine', 'analytic', '--json', '--model', 'buildModel (when not smooth)'], one.io), 0, one.err());
    assert.deepEqual((JSON.parse(one.out()) as SimulateReport).models.map((m) => m.name), ['buildModel (when not smooth)']);
  });

  it('prints a chart of both engines by default', async () => {
    const { io, out } = captureIO();
    assert.equal(await runSimulate(['model.ts', '--model', 'encoder', '--seeds', '2', '--batch', '16'], io), 0);
    const chart = out();
    assert.match(chart, /^encoder \(line 5\): gradient flow at initialization, batch 16, 2 seeds\n/);
    const rows = chart.split('\n').filter((line) => /^dense_\d/.test(line));
    assert.deepEqual(rows.map((r) => r.split(/\s+/)[0]), ['dense_1', 'dense_2', 'dense_3'], 'one row per kernel layer');
    for (const row of rows) assert.match(row, /\|[^|]*[AE*][^|]*\|$/);
    assert.match(chart, /A analytic {3}E empirical mean/);
  });
});
