/**
 * `npm run repair-check`: for every sick input (examples/sick, the realistic fixtures that expect
 * warnings, test/fixtures/repair), applies the engine's preferred fixes and trains the model as
 * written and as fixed on the same synthetic teacher task (scripts/repair/repairCheck.ts), then
 * prints one row per model and "repaired: N of M". Skipped models (cannot be built, too large)
 * are listed and not counted.
 *
 *   npm run repair-check                      report on stdout
 *   npm run repair-check -- --run-budget-ms 20000   allow larger models (default 6000 ms per training run)
 *   npm run repair-check -- --write-readme    also rewrite the README block between
 *                                             <!-- repair:start --> and <!-- repair:end -->
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { CORPUS_DIR, fixtureNames, parseExpectations } from '../test/helpers/realWorldCorpus';
import { checkFile, DEFAULT_BATCH, DEFAULT_STEPS, isSkipped, REPAIR_LOSS_RATIO, type CaseResult, type RunSummary } from './repair/repairCheck';

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const START = '<!-- repair:start -->';
const END = '<!-- repair:end -->';
/**
 * Keep the whole check within minutes on 2 shared cores (pure-JS tfjs CPU backend): one run is
 * cancelled between steps past RUN_BUDGET_MS, and a file whose single step is already slower (a
 * long bidirectional LSTM) is checked in a child process killed past FILE_BUDGET_MS. Both are
 * listed as skipped, not counted.
 */
const RUN_BUDGET_MS = 6_000;
const FILE_BUDGET_MS = 25_000;
const SOURCE = /\.(ts|js|mjs|cjs|tsx|jsx)$/;

function sickFiles(): string[] {
  const dir = (relative: string) => fs.readdirSync(path.join(ROOT, relative)).filter((n) => SOURCE.test(n)).sort().map((n) => path.join(relative, n));
  const corpus = fixtureNames().filter((name) => parseExpectations(fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8'), name).length > 0);
  return [...dir('examples/sick'), ...corpus.map((n) => path.join('test/fixtures/real-world', n)), ...dir('test/fixtures/repair')];
}

function run(summary: RunSummary): string {
  const loss = Number.isFinite(summary.finalLoss) ? summary.finalLoss.toPrecision(3) : 'NaN';
  return summary.divergence ? `${loss} (${summary.divergence === 'nonFinite' ? `NaN at step ${summary.steps - 1}` : 'loss grew >10x'})` : loss;
}

function table(results: CaseResult[]): string {
  const trained = results.filter((r) => !isSkipped(r));
  const repaired = trained.filter((r) => !isSkipped(r) && r.repaired).length;
  const lines = [
    '| file | model | rules | loss as written | loss fixed | repaired |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map((r) =>
      isSkipped(r)
        ? `| ${r.file} | ${r.model} | ${r.rules.join(', ')} | skipped: ${r.skipped} | | |`
        : `| ${r.file} | ${r.model} | ${r.rules.join(', ')} | ${run(r.original)} | ${run(r.fixed)} | ${r.repaired ? 'yes' : 'no'}: ${r.why} |`,
    ),
    '',
    `repaired: ${repaired} of ${trained.length} (${results.length - trained.length} skipped, not counted)`,
  ];
  return lines.join('\n');
}

function describeTask(): string {
  return [
    `Task: each model, as written and after \`gradient-doctor fix\`, is built in tfjs from its extracted IR (no user code runs) with the same seed and trained for ${DEFAULT_STEPS} steps, batch ${DEFAULT_BATCH}, by the empirical engine's training preview: a fixed random tanh network (the teacher) maps fresh N(0,1) inputs to targets of the model's output shape, and the model fits them with its own optimizer and learning rate (gradient clipping reproduced where the code clips), batchNormalization in training mode.`,
    `The loss compared is the meanSquaredError to the teacher's targets for both runs, whatever loss the code compiles with, so a fix that changes the loss is measured on the same task metric. "Loss" is the mean over the last 10 steps.`,
    `Repaired = the original run diverges (NaN, or loss grows >10x) and the fixed one does not, or the fixed run ends with at most 1/${REPAIR_LOSS_RATIO} of the original's loss.`,
  ].join(' ');
}

async function checkInChild(file: string, runBudgetMs: number): Promise<CaseResult[]> {
  const args = [...process.execArgv, __filename, '--one', file, '--run-budget-ms', String(runBudgetMs)];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: FILE_BUDGET_MS, maxBuffer: 1 << 24 });
    return JSON.parse(stdout) as CaseResult[];
  } catch (error) {
    return [{ file, model: '(all)', rules: [], skipped: `not done within ${FILE_BUDGET_MS / 1000} s (${(error as Error).message.split('\n')[0].slice(0, 80)})` }];
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'write-readme': { type: 'boolean' }, 'run-budget-ms': { type: 'string' }, one: { type: 'string' } } });
  const runBudgetMs = Number(values['run-budget-ms'] ?? RUN_BUDGET_MS);
  if (values.one) {
    process.stdout.write(JSON.stringify(await checkFile(fs.readFileSync(path.join(ROOT, values.one), 'utf8'), values.one, { runBudgetMs })));
    return;
  }
  const results: CaseResult[] = [];
  for (const file of sickFiles()) {
    const started = Date.now();
    const found = await checkInChild(file, runBudgetMs);
    results.push(...found);
    if (found.length) process.stderr.write(`${file}: ${found.length} model(s), ${Date.now() - started} ms\n`);
  }
  const report = `${describeTask()}\n\n${table(results)}`;
  process.stdout.write(`${report}\n`);
  if (values['write-readme']) {
    const readme = fs.readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
    fs.writeFileSync(README, `${readme.slice(0, start + START.length)}\n${report}\n${readme.slice(end)}`);
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
