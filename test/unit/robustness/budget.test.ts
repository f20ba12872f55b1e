/**
 * The per-document time budget (settings.analysisBudgetMs): an absurd input stops at the budget,
 * within a bounded overrun, and the result says what was left out; an ordinary file is unaffected.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { analyze } from '../../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { generateModelFile } from '../../../scripts/bench/generate';

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
    // same moment, so that a loaded machine slows both alike.
    const parseStarted = performance.now();
    ts.createSourceFile('absurd.ts', text, ts.ScriptTarget.Latest, false);
    const parseMs = performance.now() - parseStarted;
    const started = performance.now();
    const result = analyze(text, 'absurd.ts', { ...DEFAULT_SETTINGS, analysisBudgetMs: budgetMs }, { cache: null });
    const elapsed = performance.now() - started;
    assert.match(result.incomplete ?? '', /analysisBudgetMs \(200 ms\)/);
    assert.ok(result.models.length < 1000, `${result.models.length} models analysed`);
    const allowed = budgetMs + 3 * parseMs + 100;
    assert.ok(elapsed < allowed, `took ${elapsed.toFixed(0)} ms for a ${budgetMs} ms budget (parse ${parseMs.toFixed(0)} ms, allowed ${allowed.toFixed(0)})`);
  });

  it('leaves an ordinary file complete', () => {
    const text = generateModelFile(400);
    const result = analyze(text, 'ordinary.ts', DEFAULT_SETTINGS, { cache: null });
    assert.equal(result.incomplete, undefined);
    assert.ok(result.models.length > 10);
  });
});
