/**
 * What must hold for the analysis of any text, however broken or hostile:
 * - no exception escapes `analyze()`;
 * - it ends within the time limit (the budget plus a grace for the one step that cannot be
 *   interrupted: parsing, or the model being analysed when the budget ran out);
 * - every range it reports (findings, related information, fix edits, the IR's spans) lies inside
 *   the document, start <= end;
 * - every fix, and "fix all", applies cleanly to the text it was computed for;
 * - the per-model cache changes nothing: a cached analysis equals one from scratch.
 */
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { analyze, type AnalysisResult } from '../../../../server/src/engine/analyze';
import type { ModelCache } from '../../../../server/src/engine/cache';
import type { Span } from '../../../../server/src/engine/ir';
import { applyEdits } from '../../../../server/src/engine/fixes/edits';
import { fixAllEdits } from '../../../../server/src/engine/fixes/fixAll';
import { DEFAULT_SETTINGS, type Settings } from '../../../../server/src/engine/settings';

export const FUZZ_BUDGET_MS = 1000;
/** How far past the budget an analysis may end: the step in progress when it ran out finishes. */
export const FUZZ_GRACE_MS = 1000;

export const FUZZ_SETTINGS: Settings = { ...DEFAULT_SETTINGS, analysisBudgetMs: FUZZ_BUDGET_MS };

export type ViolationKind = 'exception' | 'time' | 'range' | 'fix' | 'cache';

export interface Violation {
  kind: ViolationKind;
  message: string;
}

export interface Observation {
  violations: Violation[];
  ms: number;
  models: number;
  findings: number;
  fixes: number;
  budgetHit: boolean;
}

function isSpan(value: unknown): value is Span {
  return typeof value === 'object' && value !== null && typeof (value as Span).start === 'number' && typeof (value as Span).end === 'number';
}

function outOfDocument(span: Span, length: number): boolean {
  return !(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length);
}

/** Every span-shaped object in the result: IR spans, findings, related info, fix edits. */
function badSpans(result: AnalysisResult, length: number): string[] {
  const bad: string[] = [];
  const visit = (value: unknown, where: string): void => {
    if (typeof value !== 'object' || value === null) return;
    if (isSpan(value) && outOfDocument(value, length)) bad.push(`${where} [${value.start}, ${value.end}) outside [0, ${length}]`);
    for (const [key, child] of Object.entries(value)) visit(child, `${where}.${key}`);
  };
  visit(result.file.models, 'file.models');
  visit(result.file.tfjs, 'file.tfjs');
  visit(result.findings, 'findings');
  return bad;
}

function fixProblems(text: string, result: AnalysisResult): string[] {
  const problems: string[] = [];
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      try {
        applyEdits(text, fix.edits);
      } catch (error) {
        problems.push(`${finding.rule} fix "${fix.title}" does not apply: ${(error as Error).message}`);
      }
    }
  }
  try {
    applyEdits(text, fixAllEdits(text, result.findings));
  } catch (error) {
    problems.push(`fix all does not apply: ${(error as Error).message}`);
  }
  return problems;
}

/**
 * Checks one input against every invariant. `compareWithScratch` also analyses it again without
 * the cache (doubling the cost, so the campaign does it for a share of the inputs).
 */
export function checkInvariants(text: string, cache: ModelCache, compareWithScratch: boolean): Observation {
  let result: AnalysisResult;
  const started = performance.now();
  try {
    result = analyze(text, 'fuzz.ts', FUZZ_SETTINGS, { cache });
  } catch (error) {
    const message = `exception escaped analyze(): ${error instanceof Error ? error.stack : String(error)}`;
    return { violations: [{ kind: 'exception', message }], ms: performance.now() - started, models: 0, findings: 0, fixes: 0, budgetHit: false };
  }
  const ms = performance.now() - started;
  const violations: Violation[] = [];
  if (ms > FUZZ_BUDGET_MS + FUZZ_GRACE_MS) {
    violations.push({ kind: 'time', message: `took ${ms.toFixed(0)} ms, budget ${FUZZ_BUDGET_MS} + grace ${FUZZ_GRACE_MS}` });
  }
  violations.push(...badSpans(result, text.length).map((message) => ({ kind: 'range' as const, message })));
  violations.push(...fixProblems(text, result).map((message) => ({ kind: 'fix' as const, message })));

  const budgetHit = result.incomplete !== undefined;
  if (compareWithScratch && !budgetHit) {
    const fresh = analyze(text, 'fuzz.ts', FUZZ_SETTINGS, { cache: null });
    if (fresh.incomplete === undefined && !isDeepStrictEqual(comparable(result), comparable(fresh))) {
      violations.push({ kind: 'cache', message: 'cached analysis differs from analysis from scratch' });
    }
  }
  return {
    violations,
    ms,
    models: result.models.length,
    findings: result.findings.length,
    fixes: result.findings.reduce((sum, finding) => sum + finding.fixes.length, 0),
    budgetHit,
  };
}

/** What the cache must not change (plain data, so shared references do not matter). */
function comparable(result: AnalysisResult): unknown {
  return JSON.parse(JSON.stringify({ findings: result.findings, flows: result.models.map((model) => model.flow) }));
}
