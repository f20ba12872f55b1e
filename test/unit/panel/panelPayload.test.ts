import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/engine/analyze';
import { applyEdits } from '../../../server/src/engine/fixes/edits';
import { LineMap } from '../../../server/src/engine/lineMap';
import { buildPanelPayload } from '../../../server/src/engine/panelPayload';
import { DEFAULT_SETTINGS, resolveSettings } from '../../../server/src/engine/settings';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const SICK = read('examples/sick/deep-sigmoid-classifier.ts');
const URI = 'file:///w/deep-sigmoid-classifier.ts';

describe('panel payload (gradientDoctor/analysis)', () => {
  const payload = buildPanelPayload(SICK, URI, 4, DEFAULT_SETTINGS);
  const model = payload.models[0];
  const lines = SICK.split('\n');

  it('carries the document identity, simulation settings and thresholds', () => {
    assert.equal(payload.uri, URI);
    assert.equal(payload.version, 4);
    assert.deepEqual(payload.simulation, DEFAULT_SETTINGS.simulation);
    assert.deepEqual(payload.thresholds, { vanishingRatio: 1e-3, vanishingAbsolute: 1e-4, explodingRatio: 70 });
    const custom = buildPanelPayload(SICK, URI, 4, resolveSettings({ thresholds: { vanishingRatio: 1e-2 }, simulation: { seeds: 2 } }));
    assert.equal(custom.thresholds?.vanishingRatio, 1e-2);
    assert.equal(custom.simulation?.seeds, 2);
  });

  it('has the model as analysed, with the findings of that model', () => {
    const result = analyze(SICK, URI, DEFAULT_SETTINGS);
    assert.equal(payload.models.length, 1);
    assert.equal(model.name, 'buildClassifier');
    assert.deepEqual(model.flow, result.models[0].flow);
    assert.deepEqual(model.findings.map((finding) => finding.rule), result.findings.map((finding) => finding.rule));
    assert.ok(model.findings.some((finding) => finding.rule === 'vanishing-gradient'));
  });

  it('gives each layer the source range of its call (the loop body for layers added in the loop)', () => {
    assert.equal(model.layerRanges.length, 9);
    const text = (range: (typeof model.layerRanges)[number]) => lines[range.start.line].slice(range.start.character, range.end.line === range.start.line ? range.end.character : undefined);
    assert.match(text(model.layerRanges[0]), /^tf\.layers\.dense\(\{ inputShape: \[FEATURES\]/);
    for (let i = 1; i < 8; i++) assert.deepEqual(model.layerRanges[i], model.layerRanges[1]);
    assert.match(text(model.layerRanges[1]), /^tf\.layers\.dense\(\{ units: HIDDEN, activation: 'sigmoid'/);
    assert.match(text(model.layerRanges[8]), /^tf\.layers\.dense\(\{ units: 10,/);
  });

  it('spans the whole definition (factory name to last layer), so the cursor on any model.add line selects the model', () => {
    assert.match(lines[model.range.start.line].slice(model.range.start.character), /^buildClassifier\(\)/);
    assert.deepEqual(model.range.end, model.layerRanges[8].end);
  });

  it('converts every fix to LSP ranges that apply exactly like the offset edits', () => {
    const finding = analyze(SICK, URI, DEFAULT_SETTINGS).findings.find((f) => f.rule === 'vanishing-gradient');
    assert.ok(finding);
    const map = new LineMap(SICK);
    const panelFix = model.fixes.find((fix) => fix.preferred && fix.rule === 'vanishing-gradient');
    assert.ok(panelFix);
    const asOffsets = panelFix.edits.map((edit) => ({ start: map.offsetAt(edit.range.start), end: map.offsetAt(edit.range.end), newText: edit.newText }));
    const preferred = finding.fixes.find((fix) => fix.preferred);
    assert.deepEqual(asOffsets, preferred?.edits);
    assert.deepEqual(
      model.fixes.filter((fix) => fix.rule === 'vanishing-gradient').map((fix) => [fix.title, fix.preferred]),
      finding.fixes.map((fix) => [fix.title, fix.preferred]),
    );
  });

  it('predicts the flow with the preferred fixes applied: no longer vanishing', () => {
    assert.ok(model.fixed, 'a fixed variant exists');
    assert.ok((model.flow.log10Ratio ?? 0) < -3, `as written: ${model.flow.log10Ratio}`);
    assert.ok((model.fixed.flow.log10Ratio ?? -Infinity) > -3, `with fixes: ${model.fixed.flow.log10Ratio}`);
    assert.deepEqual(
      model.fixed.ir.layers.slice(0, 8).map((layer) => [layer.activation, layer.kernelInitializer?.name]),
      Array.from({ length: 8 }, () => ['relu', 'heUniform']),
    );
    // The fixed variant is the re-analysis of the fixed text, not a patched IR.
    const map = new LineMap(SICK);
    const preferredEdits = model.fixes.filter((fix) => fix.preferred).flatMap((fix) => fix.edits.map((edit) => ({ start: map.offsetAt(edit.range.start), end: map.offsetAt(edit.range.end), newText: edit.newText })));
    const refixed = analyze(applyEdits(SICK, preferredEdits), URI, DEFAULT_SETTINGS);
    assert.deepEqual(model.fixed.flow, refixed.models[0].flow);
  });

  it('has no fixed variant for a healthy model, and says why a file was skipped', () => {
    const healthy = buildPanelPayload(read('examples/healthy/relu-he-mlp.ts'), URI, 1, DEFAULT_SETTINGS);
    assert.ok(healthy.models.length >= 1);
    for (const healthyModel of healthy.models) {
      assert.equal(healthyModel.fixes.filter((fix) => fix.preferred).length === 0, healthyModel.fixed === undefined);
    }
    const plain = buildPanelPayload('export const x = 1;\n', URI, 1, DEFAULT_SETTINGS);
    assert.deepEqual(plain.models, []);
    assert.equal(plain.skipped, 'no @tensorflow/tfjs import and no use of a global `tf`');
  });

  it('shows what the numbers assumed for values the code does not say, and the hint of a finding that depends on one', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function build(width: number) {
  return tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [width], units: 64, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.3 }) }),
    tf.layers.dense({ units: 1 }),
  ] });
}
`;
    const [model] = buildPanelPayload(text, URI, 1, DEFAULT_SETTINGS).models;
    assert.ok(model.assumptions.includes('dense_1: input size not known statically; 128 used (plausible 8..4096)'), model.assumptions.join('\n'));
    assert.deepEqual(model.flow.unknowns?.map((unknown) => unknown.description), ['input size of dense_1']);
    const largeInit = model.findings.find((finding) => finding.rule === 'large-init-scale');
    assert.equal(largeInit?.severity, 'hint');
    assert.match(largeInit!.message, /^With input size of dense_1 ≥ 64 \(not known statically\): /);
    // A fix that may not apply is offered, never applied by "fix all" nor shown as the fixed model.
    assert.ok(model.fixes.every((fix) => !fix.preferred));
    assert.equal(model.fixed, undefined);
  });

  it("shows the models diagnostics see: with the importers' calls, only the variant they build", () => {
    const factory = `import * as tf from '@tensorflow/tfjs';
export function buildModel(kind: string) {
  const model = tf.sequential();
  if (kind === 'lstm') model.add(tf.layers.lstm({ units: 32, inputShape: [20, 8] }));
  else model.add(tf.layers.gru({ units: 32, inputShape: [20, 8] }));
  return model;
}
`;
    const alone = buildPanelPayload(factory, 'file:///w/models.ts', 1, DEFAULT_SETTINGS);
    assert.equal(alone.models.length, 2);
    const importers = [{ fileName: '/w/train.ts', text: "import { buildModel } from './models';\nbuildModel('lstm');\n" }];
    const withImporters = buildPanelPayload(factory, 'file:///w/models.ts', 1, DEFAULT_SETTINGS, { fileName: '/w/models.ts', analyzeOptions: { importers } });
    assert.deepEqual(withImporters.models.map((model) => model.name), ["buildModel (as called at train.ts:2 (buildModel('lstm')))"]);
  });
});
