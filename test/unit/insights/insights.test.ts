/**
 * The engine side of inlay hints and hovers (engine/insights/): which layers get a hint in each
 * mode, what activation and normalization layers show, the band limits the chart shares, the
 * innermost hover target, and user text that cannot inject markdown.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { gradientBand, gradientBandLimits } from '../../../server/src/engine/insights/gradientBands';
import { hoverCard } from '../../../server/src/engine/insights/hoverCard';
import { layerHints } from '../../../server/src/engine/insights/inlayHints';
import { modelAssumptions } from '../../../server/src/engine/insights/modelAssumptions';
import { withPreferredFixes } from '../../../server/src/engine/preferredFixes';
import { resolveSettings } from '../../../server/src/engine/settings';

const MIXED = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [64], units: 64, kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }) }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dense({ units: 64 }));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.dropout({ rate: 0.1 }));
model.add(tf.layers.dense({ units: 1, name: 'out*[x](http://e)<b>' }));
`;

const HEALTHY_AND_SICK = `import * as tf from '@tensorflow/tfjs';
const healthy = tf.sequential({ layers: [tf.layers.dense({ inputShape: [32], units: 32, activation: 'relu', kernelInitializer: 'heUniform' }), tf.layers.dense({ units: 1 })] });
const sick = tf.sequential({ layers: [tf.layers.dense({ inputShape: [32], units: 32, kernelInitializer: tf.initializers.randomNormal({ stddev: 3 }) }), tf.layers.dense({ units: 1 })] });
`;

function run(text: string, inlayHints: string) {
  const settings = resolveSettings({ inlayHints });
  const result = analyze(text, 'model.ts', settings, { cache: null });
  return { settings, result, hints: layerHints(result, settings) };
}

describe('insights: inlay hints', () => {
  it('shows the spread entering activation and normalization layers and the saturated fraction; nothing on dropout', () => {
    const { hints } = run(MIXED, 'all');
    const at = (needle: string) => MIXED.indexOf(needle) + needle.length;
    assert.deepEqual(
      hints.map((hint) => [hint.offset, hint.label]),
      [
        [at('randomNormal({ stddev: 1 }) })'), '‖∇W‖ 1.2'],
        [at("activation({ activation: 'tanh' })"), 'sd 8 · 53% saturated'],
        [at('dense({ units: 64 })'), '‖∇W‖ 5'],
        [at('batchNormalization()'), 'sd 0.83 → 1'],
        [at("name: 'out*[x](http://e)<b>' })"), '‖∇W‖ 4.9'],
      ],
    );
    assert.equal(hints[1].tooltip, 'activation_1: activation_1 receives a signal of sd 8. 53% of the pre-activations lie beyond |5|, where tanh is flat.');
  });

  it('problems: only the models with a finding; all: every model; off: none; an unknown value counts as problems', () => {
    const problems = run(HEALTHY_AND_SICK, 'problems');
    assert.ok(problems.result.findings.some((finding) => finding.modelIndex === 1 && finding.rule === 'large-init-scale'));
    assert.ok(!problems.result.findings.some((finding) => finding.modelIndex === 0));
    assert.deepEqual([...new Set(problems.hints.map((hint) => hint.modelIndex))], [1]);
    assert.deepEqual([...new Set(run(HEALTHY_AND_SICK, 'all').hints.map((hint) => hint.modelIndex))], [0, 1]);
    assert.deepEqual(run(HEALTHY_AND_SICK, 'off').hints, []);
    assert.deepEqual(run(HEALTHY_AND_SICK, 'sometimes').hints, problems.hints);
  });
});

describe('insights: gradient bands', () => {
  it('puts the vanishing band at the ratio below the last layer or the absolute threshold, whichever is higher', () => {
    const flow = { layers: [{ layerIndex: 0, hasKernel: true, log10GradNorm: -6 }, { layerIndex: 1, hasKernel: true, log10GradNorm: 0 }], lastKernel: 1, paths: [], assumptions: [] };
    const thresholds = { vanishingRatio: 1e-3, vanishingAbsolute: 1e-4, explodingRatio: 70 };
    const limits = gradientBandLimits(flow, thresholds);
    assert.equal(limits.vanishingTop, -3);
    assert.ok(Math.abs(limits.explodingBottom! - Math.log10(70)) < 1e-12);
    assert.equal(gradientBand(-3, limits), 'vanishing');
    assert.equal(gradientBand(-2.9, limits), undefined);
    assert.equal(gradientBand(2, limits), 'exploding');
    assert.deepEqual(gradientBandLimits({ layers: [], paths: [], assumptions: [] }, thresholds), { vanishingTop: -4 });
  });
});

describe('insights: hover cards', () => {
  it('takes the innermost target: the initializer inside a layer call gets its own range', () => {
    const { result, settings } = run(MIXED, 'all');
    const initializer = MIXED.indexOf('tf.initializers.randomNormal');
    const card = hoverCard(result, initializer + 3, settings);
    assert.deepEqual(card?.span, { start: initializer, end: MIXED.indexOf(' })', initializer) + 3 });
    assert.match(card!.markdown, /^\*\*`dense_1`\*\* · dense, 64 units, linear · model `model`\n\n- fan-in 64\n- init variance × fan-in 64 \(randomNormal\) vs critical gain 1 of linear: 64×\n/);
    assert.equal(hoverCard(result, MIXED.indexOf('const model'), settings), undefined);
  });

  it('keeps user text from opening links or HTML', () => {
    const { result, settings } = run(MIXED, 'all');
    const card = hoverCard(result, MIXED.indexOf("name: 'out"), settings)!;
    assert.match(card.markdown, /^\*\*`out\*\[x\]\(http:\/\/e\)<b>`\*\* · dense, 1 unit, linear/);
    assert.doesNotMatch(card.markdown.replace(/`[^`]*`/g, ''), /\[x\]\(http|<b>/);
  });

  it('lists what the model assumed, the layer’s own first', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function build(inputSize: number, units: number) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [inputSize], units: 8, activation: 'relu' }), tf.layers.dense({ units })] });
}
`;
    const { result, settings } = run(text, 'all');
    const assumptions = modelAssumptions(result.models[0]);
    assert.ok(assumptions.length >= 2, JSON.stringify(assumptions));
    const card = hoverCard(result, text.indexOf('tf.layers.dense({ units })') + 3, settings)!;
    const listed = card.markdown.split('*Assumptions the numbers rest on:*\n')[1].split('\n\n')[0].split('\n');
    assert.match(listed[0], /^- dense_2: units not known statically/);
    assert.equal(listed.length, assumptions.length);
  });

  it('says the model with its preferred fixes is being predicted when the budget ran out, instead of a number', () => {
    const { result, settings } = run(MIXED, 'all');
    const findings = result.findings.filter((finding) => finding.modelIndex === 0);
    const fixed = withPreferredFixes(MIXED, 'model.ts', settings, findings, result.models[0].model, 0, { cache: null, budgetMs: 0 });
    assert.equal(fixed, 'out of time');
    const inTime = withPreferredFixes(MIXED, 'model.ts', settings, findings, result.models[0].model, 0, { cache: null });
    assert.ok(inTime && inTime !== 'out of time' && inTime.model.layers.length === result.models[0].model.layers.length);
    const offset = MIXED.indexOf('tf.layers.dense') + 3;
    assert.match(hoverCard(result, offset, settings, { fixedModel: () => fixed })!.markdown, /\n- ‖∇W‖ with the preferred fix(es)?: being predicted \(hover again, or see the panel\)\n/);
    assert.match(hoverCard(result, offset, settings, { fixedModel: () => inTime })!.markdown, /\n- ‖∇W‖ with the preferred fix(es)?: \*\*[0-9.e-]+\*\* \(/);
  });
});
