/**
 * A CI verdict must not depend on the runner's load: `check` analyses without the editor's
 * wall-clock budget. The clock is made to jump a second at every reading, as on a machine too
 * loaded to finish inside gradientDoctor.analysisBudgetMs; the editor's analysis is then cut short,
 * while check still reports every finding.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { checkFile } from '../../../server/src/cli/checkFile';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';

const PROGRAM = `const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [11], units: 24, activation: 'leaky_relu' }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
`;

function withSlowClock<T>(work: () => T): T {
  const now = performance.now.bind(performance);
  let skew = 0;
  performance.now = () => now() + (skew += 1000);
  try {
    return work();
  } finally {
    performance.now = now;
  }
}

describe('check on a loaded machine', () => {
  it('the editor budget runs out on the slow clock (the condition this test sets up)', () => {
    const result = withSlowClock(() => analyze(PROGRAM, 'brain.js', DEFAULT_SETTINGS, { cache: null }));
    assert.match(result.incomplete ?? '', /analysis stopped after gradientDoctor.analysisBudgetMs/);
    assert.equal(result.findings.length, 0);
  });

  it('check still reports the finding, with no note of a cut', () => {
    const outcome = withSlowClock(() => checkFile({ path: 'brain.js', text: PROGRAM, importers: [] }, () => ''));
    assert.ok('findings' in outcome, 'error' in outcome ? outcome.error : '');
    assert.deepEqual(outcome.findings.map((f) => f.rule), ['tfjs-api-trap']);
    assert.equal(outcome.note, undefined);
  });
});
