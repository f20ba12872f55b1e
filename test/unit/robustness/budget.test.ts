/**
 * The per-document time budget (settings.analysisBudgetMs): an absurd input stops at the budget,
 * within a bounded overrun, and the result says what was left out; an ordinary file is unaffected.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { analyze } from '../../../server/src/engine/analyze';
import { ModelCache } from '../../../server/src/engine/cache';
import { extractFile } from '../../../server/src/engine/extract';
import { predictFlow } from '../../../server/src/engine/flow/analytic';
import { FlowOutOfTime } from '../../../server/src/engine/flow/deadline';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { generateModelFile } from '../../../scripts/bench/generate';
import { layer, sequential } from '../../helpers/modelBuilders';

const IMPORT = `import * as tf from '@tensorflow/tfjs';\n`;

/** One sequential model: a first layer, then `loop` added in a for loop of 10,000 (extraction keeps 512). */
function loopModel(first: string, loop: string): string {
  return [
    `const model = tf.sequential();`,
    `model.add(tf.layers.${first});`,
    `for (let i = 0; i < 10000; i++) model.add(tf.layers.${loop});`,
    `model.add(tf.layers.dense({ units: 1 }));`,
    `model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
    '',
  ].join('\n');
}

// Without a deadline their flow predictions take tens of seconds: 512 recurrent layers of 256
// modelled time steps each. (A 512-layer dense loop is no test any more: with memoized moments
// its whole analysis takes ~25 ms, as long as the budget.)
const LONG_GRU = loopModel(`gru({ units: 32, inputShape: [100000, 8], returnSequences: true })`, `gru({ units: 32, returnSequences: true })`);
const LONG_LSTM = loopModel(`lstm({ units: 32, inputShape: [100000, 8], returnSequences: true })`, `lstm({ units: 32, returnSequences: true })`);
const SMALL_MODEL = [
  `const small = tf.sequential();`,
  `small.add(tf.layers.dense({ units: 16, inputShape: [8], activation: 'sigmoid' }));`,
  `for (let i = 0; i < 20; i++) small.add(tf.layers.dense({ units: 16, activation: 'sigmoid' }));`,
  `small.add(tf.layers.dense({ units: 1 }));`,
  `small.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
  '',
].join('\n');

describe('analysis time budget', function () {
  this.timeout(60_000);

  // The first parse in a process is slow while V8 compiles the TypeScript parser (a second or
  // more here); the budget is about a running server, so warm the engine up first.
  before(() => analyze(generateModelFile(400), 'warm-up.ts', DEFAULT_SETTINGS, { cache: null }));

  it('stops an absurd file at the budget and says so', () => {
    // A thousand models of 10,000 layers each: far more work than any budget allows.
    const models = Array.from(
      { length: 1000 },
      (_, i) =>
        `const m${i} = tf.sequential();\nfor (let i = 0; i < 10000; i++) m${i}.add(tf.layers.dense({ units: 64, activation: 'tanh' }));\nm${i}.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
    );
    const text = `import * as tf from '@tensorflow/tfjs';\n${models.join('\n')}\n`;
    const budgetMs = 200;
    // Parsing cannot be interrupted: the allowed overrun is measured as a multiple of it, in the
    // same moment, so that a loaded machine slows both alike. A garbage collection can still land
    // in an attempt (it did in CI: 381 ms against 369; on 2026-12-07 both of two attempts went
    // 17 to 50 ms over in three runs of eight, as often at c684ef8 as after it: 412 ms against
    // 395), so the best of three attempts counts, with 150 ms for what follows the stop; a budget
    // that did not stop the analysis (seconds) fails every attempt.
    const attempts = [0, 1, 2].map(() => {
      const parseStarted = performance.now();
      ts.createSourceFile('absurd.ts', text, ts.ScriptTarget.Latest, false);
      const parseMs = performance.now() - parseStarted;
      const started = performance.now();
      const result = analyze(text, 'absurd.ts', { ...DEFAULT_SETTINGS, analysisBudgetMs: budgetMs }, { cache: null });
      const elapsed = performance.now() - started;
      assert.match(result.incomplete ?? '', /analysisBudgetMs \(200 ms\)/);
      assert.ok(result.models.length < 1000, `${result.models.length} models analysed`);
      return { elapsed, parseMs, allowed: budgetMs + 3 * parseMs + 150 };
    });
    const best = attempts.reduce((a, b) => (a.elapsed - a.allowed <= b.elapsed - b.allowed ? a : b));
    assert.ok(best.elapsed < best.allowed, attempts.map(({ elapsed, parseMs, allowed }) => `took ${elapsed.toFixed(0)} ms for a ${budgetMs} ms budget (parse ${parseMs.toFixed(0)} ms, allowed ${allowed.toFixed(0)})`).join('; '));
  });

  // One layer or one time step of the flow engine takes well under a millisecond; the rest of
  // the allowed overrun is slack for a machine loaded by other work.
  const FLOW_OVERRUN_MS = 150;

  for (const [name, text] of [['512 long gru layers', LONG_GRU], ['512 long lstm layers', LONG_LSTM]] as const) {
    it(`stops the flow prediction of ${name} at the budget and reports no findings for it`, () => {
      // The budget must outlast extraction (which it also bounds) so that it is the flow that
      // runs out: measured in the same moment, so that a loaded machine slows both alike.
      const extractionStarted = performance.now();
      extractFile(IMPORT + text, 'deep.ts');
      const budgetMs = Math.ceil(3 * (performance.now() - extractionStarted)) + 30;
      const started = performance.now();
      const result = analyze(IMPORT + text, 'deep.ts', { ...DEFAULT_SETTINGS, analysisBudgetMs: budgetMs }, { cache: null });
      const elapsed = performance.now() - started;
      assert.match(result.incomplete ?? '', new RegExp(`analysisBudgetMs \\(${budgetMs} ms\\) while predicting the gradient flow of model 1: 0 of 1 models analysed`));
      assert.equal(result.file.models[0]?.layers.length, 514);
      assert.deepEqual(result.models, []);
      assert.deepEqual(result.findings, []);
      assert.ok(elapsed < budgetMs + FLOW_OVERRUN_MS, `took ${elapsed.toFixed(0)} ms for a ${budgetMs} ms budget`);
    });
  }

  it('keeps the findings of the models analysed before the budget ran out, and caches only those', () => {
    const cache = new ModelCache();
    const result = analyze(IMPORT + SMALL_MODEL + LONG_LSTM, 'two.ts', { ...DEFAULT_SETTINGS, analysisBudgetMs: 100 }, { cache });
    assert.match(result.incomplete ?? '', /while predicting the gradient flow of model 2: 1 of 2 models analysed; the others have no findings/);
    assert.deepEqual(result.models.map((analysis) => analysis.model.layers.length), [22]);
    assert.ok(result.findings.length > 0, 'the deep sigmoid model has findings');
    assert.ok(result.findings.every((finding) => finding.modelIndex === 0));
    assert.equal(cache.size, 1, 'the model whose flow ran out of time is not cached');
  });

  it('predicts the same flow with a deadline that does not pass as without one', () => {
    const model = sequential([layer('lstm', { units: 16, returnSequences: true }), layer('dense', { units: 4, activation: 'elu' }), layer('dense', { units: 1 })], [40, 8]);
    assert.deepEqual(predictFlow(model, { deadline: performance.now() + 60_000 }), predictFlow(model));
    assert.throws(() => predictFlow(model, { deadline: performance.now() - 1 }), FlowOutOfTime);
  });

  it('leaves an ordinary file complete', () => {
    const text = generateModelFile(400);
    const result = analyze(text, 'ordinary.ts', DEFAULT_SETTINGS, { cache: null });
    assert.equal(result.incomplete, undefined);
    assert.ok(result.models.length > 10);
  });
});
