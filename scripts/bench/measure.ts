/**
 * Timing on a noisy shared machine: warm up, then run the contenders in alternating blocks
 * (A A A A, B B B B, A A A A, ...) so load spikes hit both alike, and report medians. Ratios of
 * medians are what the bench reports.
 *
 * Blocks, not single alternation (A, B, A, B): each contender allocates, and a run pays for the
 * garbage collection of whatever the run before it left. Alternated one by one, the parse that
 * follows an analysis paid for the analysis's garbage: the same parse of the 2,000-line file
 * took 4.9 ms or 6.2 ms depending only on what ran before it, and an engine that left more
 * garbage looked better against its baseline. In a block each run follows its own kind; the first
 * run of each block, which follows the other contender, is not counted.
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
  const blockSize = Math.max(3, Math.min(BLOCK_RUNS, Math.round(reps / 4)));
  const subjectTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let recorded = 0; recorded < reps; recorded += blockSize - 1) {
    runBlock(subject, blockSize, subjectTimes);
    runBlock(baseline, blockSize, baselineTimes);
  }
  const subjectMs = median(subjectTimes);
  const baselineMs = median(baselineTimes);
  return { subjectMs, baselineMs, ratio: subjectMs / baselineMs };
}

/** Runs of one contender in a row: at least 3 (two counted), at most BLOCK_RUNS. */
const BLOCK_RUNS = 8;

/** `runs` runs of `work`, recording all but the first (it follows the other contender). */
function runBlock(work: () => unknown, runs: number, times: number[]): void {
  for (let run = 0; run < runs; run++) {
    const ms = timeOnce(work);
    if (run > 0) times.push(ms);
  }
}
