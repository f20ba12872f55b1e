/**
 * Rules that do not read the flow run once per model, not once per prediction across its
 * unknowns (robust/ruleRuns.ts); a rule that reads it runs on every prediction, and findings are
 * those a fresh run gives.
 */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';
import { predictFlow } from '../../../server/src/engine/flow/analytic';
import { RuleRuns } from '../../../server/src/engine/robust/ruleRuns';
import type { Rule } from '../../../server/src/engine/rules/rule';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';

// The units of dense_2 come from a parameter: the prediction has an unknown, so analyze() predicts again across its range.
const TEXT = [
  `import * as tf from '@tensorflow/tfjs';`,
  `export function build(width: number) {`,
  `  const model = tf.sequential();`,
  `  model.add(tf.layers.dense({ units: 16, inputShape: [8], activation: 'relu' }));`,
  `  model.add(tf.layers.dense({ units: width, activation: 'relu' }));`,
  `  model.add(tf.layers.dense({ units: 1 }));`,
  `  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
  `  return model;`,
  `}`,
].join('\n');

function countingRule(readsFlow: boolean, runs: { count: number }): Rule {
  return {
    meta: { id: 'vanishing-gradient', description: 'test rule', defaultSeverity: 'warning', type: 'problem' },
    check(context) {
      runs.count++;
      const units = readsFlow ? context.flow.unknowns?.[0]?.value : undefined;
      return [{ rule: 'vanishing-gradient', message: `units ${units}`, span: context.model.span, related: [], fixes: [] }];
    },
  };
}

describe('rule runs across the predictions of one model', () => {
  const file = extractFile(TEXT, 'm.ts', {});
  const model = file.models[0];

  it('the model has an unknown (the units of dense_2), so it is predicted more than once', () => {
    assert.deepEqual((predictFlow(model).unknowns ?? []).map((unknown) => unknown.id), ['units@1']);
  });

  it('runs a rule that never reads the flow once, and gives its findings again', () => {
    const counter = { count: 0 };
    const rule = countingRule(false, counter);
    const runs = new RuleRuns(TEXT, file, model, DEFAULT_SETTINGS);
    const first = runs.check(rule, predictFlow(model));
    const again = runs.check(rule, predictFlow(model, { substitution: new Map([['units@1', 512]]) }));
    assert.equal(counter.count, 1);
    assert.deepEqual(again, first);
  });

  it('gives no findings checked for their places only again as full ones', () => {
    const counter = { count: 0 };
    const rule = countingRule(false, counter);
    const runs = new RuleRuns(TEXT, file, model, DEFAULT_SETTINGS);
    runs.check(rule, predictFlow(model, { substitution: new Map([['units@1', 512]]) }), true);
    const full = runs.check(rule, predictFlow(model));
    runs.check(rule, predictFlow(model));
    assert.equal(counter.count, 2);
    assert.equal(full[0].message, 'units undefined');
  });

  it('runs a rule that reads the flow on every prediction, with that prediction', () => {
    const counter = { count: 0 };
    const rule = countingRule(true, counter);
    const runs = new RuleRuns(TEXT, file, model, DEFAULT_SETTINGS);
    const nominal = runs.check(rule, predictFlow(model));
    const wide = runs.check(rule, predictFlow(model, { substitution: new Map([['units@1', 512]]) }));
    assert.equal(counter.count, 2);
    assert.equal(nominal[0].message, 'units 128');
    assert.equal(wide[0].message, 'units 512');
  });
});
