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
  // Warm-up: let the JIT compile both paths before anything is recorded.
  const sample = timeOnce(subject) + timeOnce(baseline);
  for (let i = 0; i < 3; i++) {
    subject();
    baseline();
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
