/**
 * One fuzzing campaign: generated programs and mutated fixtures, half and half, each checked
 * against the invariants. Every input is checked (a violation does not stop the campaign), so
 * the report counts violations of each kind and keeps the first input of each for reproduction
 * (`only` replays one input by its index). Shared by `npm run fuzz` and the seeded unit test.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { ModelCache } from '../../../../server/src/engine/cache';
import { checkInvariants, type ViolationKind } from './invariants';
import { loadCorpus, mutatedCorpus } from './mutations';
import { tfjsProgram } from './programs';

/** One input in this many is also analysed without the cache and compared. */
const SCRATCH_COMPARISON_EVERY = 4;

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** Check only the input with this index (the others are generated, not analysed). */
  only?: number;
  /** Called after every checked input (progress display). */
  onChecked?: (report: FuzzReport) => void;
}

export interface FuzzExample {
  index: number;
  message: string;
  input: string;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  checked: number;
  corpusFiles: number;
  durationMs: number;
  /** Slowest single analysis, milliseconds. */
  maxAnalysisMs: number;
  /** Inputs whose analysis stopped at the budget (and said so). */
  budgetHits: number;
  modelsSeen: number;
  findingsSeen: number;
  fixesSeen: number;
  violations: Record<ViolationKind, number>;
  /** The first input that violated each kind of invariant. */
  examples: Partial<Record<ViolationKind, FuzzExample>>;
}

export function runFuzz({ seed, runs, only, onChecked }: FuzzOptions): FuzzReport {
  const corpus = loadCorpus();
  const cache = new ModelCache();
  const report: FuzzReport = {
    seed,
    runs: 0,
    checked: 0,
    corpusFiles: corpus.length,
    durationMs: 0,
    maxAnalysisMs: 0,
    budgetHits: 0,
    modelsSeen: 0,
    findingsSeen: 0,
    fixesSeen: 0,
    violations: { exception: 0, time: 0, range: 0, fix: 0, cache: 0 },
    examples: {},
  };
  const started = performance.now();
  let index = 0;
  fc.assert(
    fc.property(fc.oneof(tfjsProgram, mutatedCorpus(corpus)), (input) => {
      const current = index++;
      report.runs++;
      if (only !== undefined && current !== only) return;
      const observation = checkInvariants(input, cache, current % SCRATCH_COMPARISON_EVERY === 0);
      report.checked++;
      report.maxAnalysisMs = Math.max(report.maxAnalysisMs, observation.ms);
      if (observation.budgetHit) report.budgetHits++;
      report.modelsSeen += observation.models;
      report.findingsSeen += observation.findings;
      report.fixesSeen += observation.fixes;
      for (const violation of observation.violations) {
        report.violations[violation.kind]++;
        report.examples[violation.kind] ??= { index: current, message: violation.message, input };
      }
      onChecked?.(report);
    }),
    { seed, numRuns: runs },
  );
  report.durationMs = performance.now() - started;
  return report;
}
