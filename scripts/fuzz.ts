/**
 * `npm run fuzz [-- --seed N] [-- --runs N] [-- --only I]`: property-based and mutation fuzzing
 * of the engine (see test/unit/robustness/fuzz/). Prints the count, the seed and the violations
 * of each invariant with the first offending input; exits 1 when there was any. `--only I`
 * replays input number I of the same seed.
 */
import { runFuzz } from '../test/unit/robustness/fuzz/run';

function option(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a non-negative integer, got ${process.argv[index + 1]}`);
    process.exit(2);
  }
  return value;
}

const seed = option('seed') ?? Date.now() % 2 ** 31;
const runs = option('runs') ?? 10_000;
const only = option('only');
console.log(`fuzzing analyze() with ${runs} inputs, seed ${seed}${only === undefined ? '' : `, only input ${only}`} ...`);
const report = runFuzz({
  seed,
  runs,
  only,
  onChecked: ({ checked, violations }) => {
    if (checked % 1000 === 0) process.stderr.write(`  ${checked} inputs checked, violations so far: ${JSON.stringify(violations)}\n`);
  },
});
console.log(
  `${report.checked} inputs checked (generated programs and mutations of ${report.corpusFiles} fixtures), seed ${report.seed}, ` +
    `${(report.durationMs / 1000).toFixed(1)} s; slowest analysis ${report.maxAnalysisMs.toFixed(0)} ms; ` +
    `${report.budgetHits} stopped at the budget (and said so); ${report.modelsSeen} models, ${report.findingsSeen} findings, ${report.fixesSeen} fixes checked`,
);
const v = report.violations;
console.log(
  `${v.exception} escaped exceptions, ${v.time} analyses over the time limit, ${v.range} out-of-document ranges, ` +
    `${v.fix} fixes that do not apply, ${v.cache} cached results that differ from scratch`,
);
for (const [kind, example] of Object.entries(report.examples)) {
  const input = example.input.length > 1500 ? `${example.input.slice(0, 1500)}... (${example.input.length} characters)` : example.input;
  console.log(`\nfirst ${kind} violation, input ${example.index} (replay: npm run fuzz -- --seed ${seed} --runs ${runs} --only ${example.index}):\n${example.message}\n--- input ---\n${input}\n-------------`);
}
process.exit(Object.values(v).some((count) => count > 0) ? 1 : 0);
