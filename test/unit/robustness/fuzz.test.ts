/** A short, seeded fuzzing run (the long one is `npm run fuzz`): same generators, same invariants. */
import assert from 'node:assert/strict';
import { runFuzz } from './fuzz/run';

describe('fuzzing analyze() (seeded)', () => {
  it('holds every invariant on 200 generated programs and mutated fixtures', function () {
    this.timeout(300_000);
    const report = runFuzz({ seed: 20261126, runs: 200 });
    const examples = Object.entries(report.examples).map(([kind, e]) => `${kind} (input ${e.index}): ${e.message}\n${e.input.slice(0, 800)}`);
    assert.deepEqual(report.violations, { exception: 0, time: 0, range: 0, fix: 0, cache: 0 }, examples.join('\n\n'));
    assert.equal(report.checked, 200);
    assert.ok(report.corpusFiles >= 5, `corpus has ${report.corpusFiles} files`);
  });
});
