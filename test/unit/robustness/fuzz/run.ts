/**
 * One fuzzing campaign: generated programs and mutated fixtures, half and half, each checked
 * against the invariants. Shared by `npm run fuzz` and the short seeded run in the unit tests.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { ModelCache } from '../../../../server/src/engine/cache';
import { checkInvariants, type Observation } from './invariants';
import { loadCorpus } from './mutations';
import { mutatedCorpus } from './mutations';
import { tfjsProgram } from './programs';

export interface FuzzReport {
  seed: number;
  runs: number;
  corpusFiles: number;
  durationMs: number;
  /** Slowest single analysis, milliseconds. */
  maxAnalysisMs: number;
  /** Inputs whose analysis stopped at the budget (and said so). */
  budgetHits: number;
  modelsSeen: number;
  findingsSeen: number;
  fixesSeen: number;
  /** The failing input and what it violated, after shrinking; undefined when every input passed. */
  failure?: { counterexample: string; message: string; path?: string };
}

export function runFuzz(seed: number, runs: number): FuzzReport {
  const corpus = loadCorpus();
  const cache = new ModelCache();
  const observations: Observation[] = [];
  const started = performance.now();
  const details = fc.check(
    fc.property(fc.oneof(tfjsProgram, mutatedCorpus(corpus)), (text) => {
      observations.push(checkInvariants(text, cache));
    }),
    { seed, numRuns: runs },
  );
  const report: FuzzReport = {
    seed,
    runs: details.numRuns,
    corpusFiles: corpus.length,
    durationMs: performance.now() - started,
    maxAnalysisMs: Math.max(0, ...observations.map((o) => o.ms)),
    budgetHits: observations.filter((o) => o.budgetHit).length,
    modelsSeen: observations.reduce((sum, o) => sum + o.models, 0),
    findingsSeen: observations.reduce((sum, o) => sum + o.findings, 0),
    fixesSeen: observations.reduce((sum, o) => sum + o.fixes, 0),
  };
  if (details.failed) {
    const [text] = details.counterexample ?? [''];
    const error = details.errorInstance;
    report.failure = {
      counterexample: text.length > 2000 ? `${text.slice(0, 2000)}... (${text.length} characters)` : text,
      message: error instanceof Error ? error.message : String(error),
      path: details.counterexamplePath ?? undefined,
    };
  }
  return report;
}
