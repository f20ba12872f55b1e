/** Per-rule valid/invalid tables: exact messages, ranges and fixed output (ruleTester.ts). */
import assert from 'node:assert/strict';
import { RULE_IDS } from '../../../server/src/engine/findings';
import { RULES } from '../../../server/src/engine/rules';
import { ALL_RULE_CASES } from './cases';
import { runRuleCases } from './ruleTester';

describe('rules', () => {
  it('every rule id has exactly one registered rule and one case table', () => {
    assert.deepEqual(RULES.map((rule) => rule.meta.id).sort(), [...RULE_IDS].sort());
    assert.deepEqual(ALL_RULE_CASES.map((cases) => cases.rule).sort(), [...RULE_IDS].sort());
  });
  for (const cases of ALL_RULE_CASES) runRuleCases(cases);
});
