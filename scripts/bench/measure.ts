/**
 * Timing on a noisy shared machine: warm up, then run the contenders interleaved (A, B, A, B, ...)
 * so load spikes hit both alike, and report medians. Ratios of medians are what the bench reports.
 */
import { performance } from 'node:perf_hooks';

export interface Comparison {
  /** Median milliseconds of the measured work. */
  subjectMs: number;
  /** Median milliseconds of the baseline it is compared with. */
  baselineMs: number;
  /** subjectMs / baselineMs. */
  ratio: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const WARM_UP_MS = 1000;
const WARM_UP_RUNS = 5;

function timeOnce(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** Enough repetitions for about `targetMs` of total time per contender, within [minReps, maxReps]. */
function repetitionsFor(sampleMs: number, targetMs: number): number {
  return Math.max(5, Math.min(200, Math.round(targetMs / Math.max(sampleMs, 0.01))));
}

export function compare(subject: () => unknown, baseline: () => unknown, targetMs = 1500): Comparison {
  // Warm-up: the JIT optimizes a function only after many calls, and a long-running server runs
  // optimized code; a few calls leave both contenders half-compiled, the subject (more code) more
  // so. Warm up for at least WARM_UP_MS and WARM_UP_RUNS runs, then record.
  const warmUpStart = performance.now();
  let sample = 0;
  for (let runs = 0; runs < WARM_UP_RUNS || performance.now() - warmUpStart < WARM_UP_MS; runs++) {
    sample = timeOnce(subject) + timeOnce(baseline);
  }
  const reps = repetitionsFor(sample / 2, targetMs);
  const subjectTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < reps; i++) {
    subjectTimes.push(timeOnce(subject));
    baselineTimes.push(timeOnce(baseline));
  }
  const subjectMs = median(subjectTimes);
  const baselineMs = median(baselineTimes);
  return { subjectMs, baselineMs, ratio: subjectMs / baselineMs };
}
