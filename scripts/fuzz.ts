/**
 * `npm run fuzz [-- --seed N] [-- --runs N]`: property-based and mutation fuzzing of the engine
 * (see test/unit/robustness/fuzz/). Prints the count, the seed and the outcome; exits 1 when an
 * invariant failed, with the shrunk input to reproduce it (`--seed` with the same `--runs`).
 */
import { runFuzz } from '../test/unit/robustness/fuzz/run';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a non-negative integer, got ${process.argv[index + 1]}`);
    process.exit(2);
  }
  return value;
}

const seed = option('seed', Date.now() % 2 ** 31);
const runs = option('runs', 10_000);
console.log(`fuzzing analyze() with ${runs} inputs, seed ${seed} ...`);
const report = runFuzz(seed, runs);
console.log(
  `${report.runs} inputs (generated programs and mutations of ${report.corpusFiles} fixtures), seed ${report.seed}, ` +
    `${(report.durationMs / 1000).toFixed(1)} s; slowest analysis ${report.maxAnalysisMs.toFixed(0)} ms; ` +
    `${report.budgetHits} stopped at the budget; ${report.modelsSeen} models, ${report.findingsSeen} findings, ${report.fixesSeen} fixes checked`,
);
if (report.failure) {
  console.log(`FAILED: ${report.failure.message}\ninput:\n${report.failure.counterexample}\nreproduce: npm run fuzz -- --seed ${seed} --runs ${runs}`);
  process.exit(1);
}
console.log('0 escaped exceptions, 0 analyses over the time limit, 0 out-of-document ranges, 0 fixes that do not apply');
