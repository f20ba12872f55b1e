/**
 * The robust verdict (robust/robustFindings.ts) checks the predictions across a model's unknowns
 * with ModelContext.placesOnly: rules may then skip their messages and fixes, but must say
 * that they fire at exactly the places, in exactly the order, a full check gives. Otherwise a
 * finding would be called robust, or a hint, by mistake. Checked on every prediction the
 * verdict makes for the models with unknowns of the fixtures, the examples and the rule cases.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFile } from '../../../server/src/engine/extract';
import { predictFlow } from '../../../server/src/engine/flow/analytic';
import type { Substitution } from '../../../server/src/engine/flow/unknowns';
import { RuleRuns } from '../../../server/src/engine/robust/ruleRuns';
import { atEnd, atValue, axesOf, mixedCorners } from '../../../server/src/engine/robust/scenarios';
import { RULES } from '../../../server/src/engine/rules';
import type { RuleFinding } from '../../../server/src/engine/rules/rule';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { ALL_RULE_CASES } from '../rules/cases';
import { corpusFiles, ROOT } from '../../helpers/sourceFiles';


function places(findings: readonly RuleFinding[]): string[] {
  return findings.map((finding) => `${finding.rule}@${finding.span.start}:${finding.span.end}`);
}

describe('rules checked for their places only fire where a full check does', () => {
  const programs = [
    ...corpusFiles().map((file) => ({ label: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8'), fileName: file })),
    ...ALL_RULE_CASES.flatMap(({ rule, valid, invalid }) =>
      [...valid, ...invalid].map((testCase) => ({ label: `${rule} case: ${testCase.name}`, text: testCase.code, fileName: testCase.fileName ?? 'model.ts' })),
    ),
  ];
  let predictions = 0;
  let placed = 0;

  for (const { label, text, fileName } of programs) {
    it(`${label}: same places on every prediction across the unknowns`, () => {
      const file = extractFile(text, fileName, {});
      for (const model of file.models) {
        const unknowns = predictFlow(model).unknowns ?? [];
        if (unknowns.length === 0) continue;
        const substitutions: Substitution[] = axesOf(unknowns).flatMap((axis) => [
          atEnd(axis, 'low'),
          atEnd(axis, 'high'),
          ...(axis.values ?? []).map((value) => atValue(axis, value)),
        ]).concat(mixedCorners(unknowns).map((corner) => corner.substitution));
        // One RuleRuns per model, as analyze() has: the nominal check first, then the others.
        const runs = new RuleRuns(text, file, model, DEFAULT_SETTINGS);
        for (const rule of RULES) runs.check(rule, predictFlow(model));
        for (const substitution of substitutions) {
          const flow = predictFlow(model, { substitution });
          const fresh = new RuleRuns(text, file, model, DEFAULT_SETTINGS);
          for (const rule of RULES) {
            const full = places(fresh.check(rule, flow));
            const only = places(runs.check(rule, flow, true));
            assert.deepEqual(only, full, `${rule.meta.id} on ${model.name} with ${[...substitution].map(([id, value]) => `${id}=${value}`).join(', ')}`);
            placed += only.length;
          }
          predictions++;
        }
      }
    });
  }

  it('compared many predictions, and rules fired in them', () => {
    assert.ok(predictions >= 50, `only ${predictions} predictions compared`);
    assert.ok(placed >= 50, `only ${placed} places compared`);
  });
});
