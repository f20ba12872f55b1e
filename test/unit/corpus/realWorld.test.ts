/**
 * The realistic fixture corpus (test/fixtures/real-world/, see its README): one test per program,
 * asserting that the engine's warnings are exactly the ones its header declares. Programs listed
 * in known-gaps.json wait for an engine mechanism; for them the test asserts that they still fail,
 * so a gap that gets fixed forces its removal from the list.
 */
import assert from 'node:assert/strict';
import {
  describeExpectation,
  evaluateFixture,
  fixtureExpectations,
  fixtureNames,
  knownGaps,
  parseExpectations,
  passes,
  type FixtureOutcome,
} from '../../helpers/realWorldCorpus';

function explain(outcome: FixtureOutcome): string {
  const got = outcome.warnings.map((warning) => `${warning.rule}@${warning.line}: ${warning.message}`);
  return [
    `expected: ${outcome.expected.map(describeExpectation).join(', ') || 'none'}`,
    `got: ${got.length ? got.join('\n     ') : 'none'}`,
    ...(outcome.skipped ? [`not analysed: ${outcome.skipped}`] : []),
  ].join('\n');
}

describe('realistic fixture corpus (test/fixtures/real-world)', () => {
  const names = fixtureNames();
  const gaps = knownGaps();

  it('has at least 60 programs, at least half of them healthy', () => {
    assert.ok(names.length >= 60, `${names.length} programs`);
    const healthy = names.filter((name) => fixtureExpectations(name).length === 0);
    assert.ok(healthy.length * 2 >= names.length, `${healthy.length} healthy of ${names.length}`);
  });

  it('lists only existing programs as known gaps, each with the missing mechanism', () => {
    for (const [name, mechanism] of Object.entries(gaps)) {
      assert.ok(names.includes(name), `known-gaps.json lists ${name}, which is not a fixture`);
      assert.ok(mechanism.trim().length > 0, `${name}: say which mechanism is missing`);
    }
  });

  it('reads expectation headers and rejects malformed ones', () => {
    assert.deepEqual(parseExpectations('// expect: none\n', 'a.ts'), []);
    assert.deepEqual(parseExpectations('// expect: high-learning-rate, long-simple-rnn@12\n', 'a.ts'), [
      { rule: 'high-learning-rate' },
      { rule: 'long-simple-rnn', line: 12 },
    ]);
    assert.throws(() => parseExpectations('import * as tf from "@tensorflow/tfjs";\n', 'a.ts'), /first line/);
    assert.throws(() => parseExpectations('// expect: high-learnig-rate\n', 'a.ts'), /not a rule id/);
  });

  for (const name of names) {
    const gap = gaps[name];
    if (gap) {
      it(`${name} still fails (known gap: ${gap})`, () => {
        const outcome = evaluateFixture(name);
        assert.ok(!passes(outcome), `${name} passes now: remove it from known-gaps.json\n${explain(outcome)}`);
      });
    } else {
      it(`${name} gets exactly its expected warnings`, () => {
        const outcome = evaluateFixture(name);
        assert.ok(passes(outcome), explain(outcome));
      });
    }
  }
});
