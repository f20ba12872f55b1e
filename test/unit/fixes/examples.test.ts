/**
 * `fix` on the examples: every sick example ends with no finding and a predicted gradient flow
 * that is healthy by the rules' own thresholds; healthy examples are left untouched; fixing
 * twice changes nothing more.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixText } from '../../../server/src/cli/fix';
import { analyze } from '../../../server/src/engine/analyze';
import { explosionEvidence } from '../../../server/src/engine/rules/evidence';
import { flowAt, isSaturating, kernelLayers } from '../../../server/src/engine/rules/modelFacts';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { effectiveActivation } from '../../../server/src/engine/tfjs/layers';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const { thresholds } = DEFAULT_SETTINGS;

function examples(kind: 'sick' | 'healthy'): { name: string; path: string; text: string }[] {
  return readdirSync(join(EXAMPLES, kind)).map((name) => {
    const path = join(EXAMPLES, kind, name);
    return { name, path, text: readFileSync(path, 'utf8') };
  });
}

/** What is wrong with the predicted flow of every model in `text`, by the rule thresholds. */
function flowProblems(text: string, fileName: string): string[] {
  const problems: string[] = [];
  for (const { model, flow } of analyze(text, fileName, DEFAULT_SETTINGS, { cache: null }).models) {
    const kernels = kernelLayers(model);
    if (flow.log10Ratio !== undefined && kernels.length > 1) {
      if (flow.log10Ratio <= Math.log10(thresholds.vanishingRatio)) problems.push(`${model.name}: vanishing ratio 1e${flow.log10Ratio.toFixed(1)}`);
      if (flow.log10Ratio >= Math.log10(thresholds.explodingRatio)) problems.push(`${model.name}: exploding ratio 1e${flow.log10Ratio.toFixed(1)}`);
    }
    const firstNorm = kernels[0] && flowAt(flow, kernels[0].index)?.log10GradNorm;
    if (firstNorm !== undefined && firstNorm <= Math.log10(thresholds.vanishingAbsolute)) problems.push(`${model.name}: first ‖∇W‖ 1e${firstNorm.toFixed(1)}`);
    if (explosionEvidence(model, flow, DEFAULT_SETTINGS)) problems.push(`${model.name}: explosion evidence`);
    for (const layer of kernels) {
      const std = flowAt(flow, layer.index)?.preActivationStd;
      if (isSaturating(effectiveActivation(layer)) && std !== undefined && std > thresholds.saturationPreActivationStd) problems.push(`${layer.name}: saturated (sd ${std})`);
    }
  }
  return problems;
}

describe('fix on examples/', () => {
  for (const example of examples('sick')) {
    it(`sick/${example.name}: findings before, no warning after, and a healthy predicted flow`, () => {
      const before = analyze(example.text, example.path, DEFAULT_SETTINGS, { cache: null });
      assert.ok(before.findings.length > 0, 'the sick example has findings');
      const fixed = fixText(example.text, example.path);
      assert.notEqual(fixed.text, example.text);
      // Hints are advice the fix leaves (as the CLI does: only errors and warnings block).
      assert.deepEqual(fixed.remaining.filter((finding) => finding.severity !== 'hint').map((finding) => `${finding.rule}: ${finding.message}`), []);
      assert.deepEqual(flowProblems(fixed.text, example.path), []);
      assert.equal(fixText(fixed.text, example.path).text, fixed.text, 'fixing again changes nothing');
    });
  }
  it('the flow check sees the sick flows before the fix', () => {
    for (const name of ['deep-sigmoid-classifier.ts', 'wide-init-regressor.js']) {
      const example = examples('sick').find((candidate) => candidate.name === name)!;
      assert.notDeepEqual(flowProblems(example.text, example.path), [], name);
    }
  });
  for (const example of examples('healthy')) {
    it(`healthy/${example.name}: left untouched`, () => {
      const fixed = fixText(example.text, example.path);
      assert.equal(fixed.text, example.text);
      assert.deepEqual(fixed.applied, []);
      assert.deepEqual(flowProblems(example.text, example.path), []);
    });
  }
});
