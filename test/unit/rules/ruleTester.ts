/**
 * A RuleTester in the spirit of ESLint's: per rule, valid programs (no finding of the rule) and
 * invalid ones with the exact findings (message, 1-based range and the text it covers) and the
 * exact text after the rule's preferred fixes, which must re-analyse without the rule's finding
 * and without any rule that was not there before.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import type { Finding, RuleId, Severity } from '../../../server/src/engine/findings';
import { applyEdits, fixAllEdits } from '../../../server/src/engine/fixes';
import { LineMap } from '../../../server/src/engine/lineMap';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/engine/settings';

export interface ExpectedFinding {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The source text the range covers. */
  text: string;
  /**
   * Only when it differs from the rule's configured severity: 'hint' for a finding that holds for
   * some values of an unknown only (server/src/engine/robust/robustFindings.ts).
   */
  severity?: Severity;
}

export interface ValidCase {
  name: string;
  code: string;
  fileName?: string;
  settings?: Settings;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The text after the preferred fixes; undefined when the rule offers no preferred fix. */
  output?: string;
  /** Related locations the findings must point at, as `line N: message` (others may come with them). */
  related?: string[];
}

export interface RuleCases {
  rule: RuleId;
  valid: ValidCase[];
  invalid: InvalidCase[];
}

export const DEFAULT_FILE_NAME = 'model.ts';

export function findingsOf(rule: RuleId, code: string, fileName = DEFAULT_FILE_NAME, settings = DEFAULT_SETTINGS): Finding[] {
  return analyze(code, fileName, settings, { cache: null }).findings.filter((finding) => finding.rule === rule);
}

export function describeFinding(code: string, finding: Finding, settings = DEFAULT_SETTINGS): ExpectedFinding {
  const lines = new LineMap(code);
  const start = lines.positionAt(finding.span.start);
  const end = lines.positionAt(finding.span.end);
  return {
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    text: code.slice(finding.span.start, finding.span.end),
    ...(finding.severity !== settings.severity[finding.rule] && { severity: finding.severity }),
  };
}

/** The text after applying every preferred fix of `rule` once. */
export function fixedText(rule: RuleId, code: string, fileName = DEFAULT_FILE_NAME, settings = DEFAULT_SETTINGS): string {
  const all = analyze(code, fileName, settings, { cache: null }).findings;
  return applyEdits(code, fixAllEdits(code, all, rule));
}

export function runRuleCases(cases: RuleCases): void {
  const { rule } = cases;
  describe(rule, () => {
    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        const findings = findingsOf(rule, testCase.code, testCase.fileName, testCase.settings);
        assert.deepEqual(findings.map((finding) => describeFinding(testCase.code, finding, testCase.settings)), []);
      });
    }
    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const fileName = testCase.fileName ?? DEFAULT_FILE_NAME;
        const settings = testCase.settings ?? DEFAULT_SETTINGS;
        const findings = findingsOf(rule, testCase.code, fileName, settings);
        assert.deepEqual(findings.map((finding) => describeFinding(testCase.code, finding, settings)), testCase.errors);
        for (const finding of findings) {
          assert.ok(finding.fixes.filter((fix) => fix.preferred).length <= 1, 'at most one preferred fix');
          assert.ok(finding.related.every((info) => info.span.start >= 0 && info.span.end <= testCase.code.length));
        }
        const related = findings.flatMap((finding) => finding.related.map((info) => `line ${new LineMap(testCase.code).positionAt(info.span.start).line + 1}: ${info.message}`));
        for (const expected of testCase.related ?? []) assert.ok(related.includes(expected), `related ${JSON.stringify(expected)} in ${JSON.stringify(related)}`);
        const hasPreferred = findings.some((finding) => finding.fixes.some((fix) => fix.preferred));
        assert.equal(hasPreferred, testCase.output !== undefined, 'a preferred fix exactly when an output is expected');
        if (testCase.output === undefined) return;
        const before = new Set(analyze(testCase.code, fileName, settings, { cache: null }).findings.map((finding) => finding.rule));
        const fixed = fixedText(rule, testCase.code, fileName, settings);
        assert.equal(fixed, testCase.output);
        const after = analyze(fixed, fileName, settings, { cache: null }).findings;
        assert.deepEqual(after.filter((finding) => finding.rule === rule).map((finding) => finding.message), [], 'the fix removes the finding');
        const introduced = after.filter((finding) => !before.has(finding.rule)).map((finding) => `${finding.rule}: ${finding.message}`);
        assert.deepEqual(introduced, [], 'the fix introduces no other rule');
      });
    }
  });
}
