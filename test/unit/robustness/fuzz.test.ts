/** A short, seeded fuzzing run (the long one is `npm run fuzz`): same generators, same invariants. */
import assert from 'node:assert/strict';
import { runFuzz } from './fuzz/run';

describe('fuzzing analyze() (seeded)', () => {
  it('holds every invariant on 400 generated programs and mutated fixtures', function () {
    this.timeout(240_000);
    const report = runFuzz(20261126, 400);
    assert.equal(report.failure, undefined, report.failure && `${report.failure.message}\ninput:\n${report.failure.counterexample}`);
    assert.equal(report.runs, 400);
    assert.ok(report.corpusFiles >= 5, `corpus has ${report.corpusFiles} files`);
  });
});
