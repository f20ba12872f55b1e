/**
 * `npm run repair-check`: for every sick input (examples/sick, the realistic fixtures that expect
 * warnings, test/fixtures/repair), applies the engine's preferred fixes and trains the model as
 * written and as fixed on the same synthetic teacher task (scripts/repair/repairCheck.ts), then
 * prints one row per model, a row per rule and "repaired: N of M". Models that cannot be built
 * are listed and not counted.
 *
 *   npm run repair-check                      report on stdout
 *   npm run repair-check -- --jobs 2          files checked in parallel child processes (default 2)
 *   npm run repair-check -- --minutes 40      stop the files still training after 40 min (listed, not counted)
 *   npm run repair-check -- --write-readme    also rewrite the README block between
 *                                             <!-- repair:start --> and <!-- repair:end -->
 *   npm run repair-check -- --only a.ts,b.ts  only these files (no README rewrite)
 *   npm run repair-check -- --backend cpu     train on tfjs's pure-JS CPU backend instead of wasm
 *   npm run repair-check -- --reuse docs/repair-check.json[,other.json]
 *                                             cases whose fingerprint (both models as built, task,
 *                                             budget, the harness's sources) is in that saved run
 *                                             take its result instead of training again
 *   npm run repair-check -- --from out/repair-check.json [--write-readme]
 *                                             the report of the last run again (every run saves
 *                                             its results there), without training
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { readyTfjs } from '../server/src/engine/empirical/runtime';
import { CORPUS_DIR, corpusWorkspace, fixtureNames, parseExpectations } from '../test/helpers/realWorldCorpus';
import { checkFile, DEFAULT_BATCH, isSkipped, NO_AUTOMATIC_FIX, REPAIR_LOSS_RATIO, type CaseResult, type RunSummary, type TrainedCase } from './repair/repairCheck';
import { useLinearSegmentSum } from './repair/linearSegmentSum';
import { useWasmBackend } from './repair/wasmBackend';
import { analyze } from '../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../server/src/engine/settings';
import { withStatedSizes } from './repair/statedSizes';
import { batchFor, forwardMacsPerSample } from './repair/stepCost';
import { describeTask as describeLabels, metricName, type TaskKind } from './repair/task';
import { MAX_STEPS, MIN_STEPS } from './repair/budget';
import { fewOf } from '../server/src/engine/listPhrase';

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const START = '<!-- repair:start -->';
const END = '<!-- repair:end -->';
/**
 * Every case should train to the end: a long recurrent model takes minutes per run on the pure-JS
 * CPU backend (each time step is a dozen small kernels, forward and backward). Without --minutes
 * nothing is cut; with it, files still training at the deadline are listed as not done, never counted.
 */
const RUN_BUDGET_MS = 24 * 60 * 60_000;
const SOURCE = /\.(ts|js|mjs|cjs|tsx|jsx)$/;
const BACKENDS = ['wasm', 'cpu'] as const;
type Backend = (typeof BACKENDS)[number];

function sickFiles(): string[] {
  const dir = (relative: string) => fs.readdirSync(path.join(ROOT, relative)).filter((n) => SOURCE.test(n)).sort().map((n) => path.join(relative, n));
  const corpus = fixtureNames().filter((name) => parseExpectations(fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8'), name).length > 0);
  return [...dir('examples/sick'), ...corpus.map((n) => path.join('test/fixtures/real-world', n)), ...dir('test/fixtures/repair')];
}

function format(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'NaN';
  return Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(2) : value.toPrecision(3);
}

function run(summary: RunSummary, task: TaskKind): string {
  const clipped = summary.clipped ? `; clipped at ${summary.clipped.norm} in ${summary.clipped.steps} of ${summary.steps} steps` : '';
  const scored = `${format(summary.finalLoss)} (${metricName(task)} ${format(summary.finalMetric)}${clipped})`;
  if (!summary.divergence) return scored;
  return `${scored}, ${summary.divergence === 'nonFinite' ? `NaN at step ${summary.steps - 1}` : 'loss grew >10x'}`;
}

function lossCell(r: TrainedCase): string {
  const labels = (r.outputTasks ?? [r.task]).map(describeLabels).join('; ');
  return r.original.loss === r.fixed.loss ? `${labels}; ${r.original.loss}` : `${labels}; ${r.original.loss} → ${r.fixed.loss}`;
}

function modelCell(r: TrainedCase): string {
  const notes = [
    `${r.steps} steps`,
    ...(r.stated.length ? [`not in the code, stated: ${r.stated.join(', ')}`] : []),
    ...(r.batch !== DEFAULT_BATCH ? [`batch ${r.batch}: a costly step`] : []),
  ];
  return `${r.model} (${notes.join('; ')})`;
}

/** The clipping helper's fix title (missing-gradient-clipping's and exploding-gradient's). */
const CLIPS = /^Clip gradients/;

/** Why a fix that was applied did not meet the measure, in the words of the two runs. */
function explain(r: TrainedCase): string {
  if (r.repaired) return '';
  if (r.fixed.divergence) return 'the fixed model diverges too';
  const learned = (run: RunSummary) => run.finalMetric !== undefined && run.finalMetric >= (r.task === 'regression' ? 0.5 : 0.8);
  const clipOnly = r.fixes.length > 0 && r.fixes.every((title) => CLIPS.test(title));
  if (clipOnly && r.fixed.clipped) {
    return `the only fix is clipping, and the original does not diverge on this task, so the clip (engaged in ${r.fixed.clipped.steps} of ${r.fixed.steps} steps) can only show as insurance`;
  }
  if (learned(r.original)) return `the original already trains on this task (${metricName(r.task)} ${format(r.original.finalMetric)})`;
  return 'the fix does not make it learn 2x more within the budget';
}

const isRepaired = (r: CaseResult) => !isSkipped(r) && r.repaired;

function perRule(counted: CaseResult[]): string[] {
  const rules = [...new Set(counted.flatMap((r) => r.rules))].sort();
  return [
    '| rule | sick cases | repaired |',
    '| --- | --- | --- |',
    ...rules.map((rule) => {
      const cases = counted.filter((r) => r.rules.includes(rule));
      return `| ${rule} | ${cases.length} | ${cases.filter(isRepaired).length} |`;
    }),
  ];
}

function table(results: CaseResult[]): string {
  const trained = results.filter((r): r is TrainedCase => !isSkipped(r));
  const unfixed = results.filter(isSkipped).filter((r) => r.skipped === NO_AUTOMATIC_FIX);
  const skipped = results.filter(isSkipped).filter((r) => r.skipped !== NO_AUTOMATIC_FIX);
  const counted = [...trained, ...unfixed];
  const notRepaired = trained.filter((r) => !r.repaired);
  return [
    `**repaired: ${counted.filter(isRepaired).length} of ${counted.length}**${skipped.length ? ` (${skipped.length} not trained, listed below, not counted)` : ''}`,
    '',
    `Trained on ${fewOf([...new Set(trained.map((r) => r.trainedOn))].sort(), 10)} (a case whose fingerprint, both models as built, task, budget and the harness's sources, matched a saved run's keeps that run's result and day).`,
    '',
    ...perRule(counted),
    '',
    '| file | model | rules | task; loss | as written: loss (metric) | fixed: loss (metric) | repaired |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...trained.map((r) => `| ${r.file} | ${modelCell(r)} | ${r.rules.join(', ')} | ${lossCell(r)} | ${run(r.original, r.task)} | ${run(r.fixed, r.task)} | ${r.repaired ? 'yes' : 'no'}: ${r.why} |`),
    '',
    ...(notRepaired.length + unfixed.length ? ['Not repaired:', '', ...notRepaired.map((r) => `- ${r.file} ${r.model}: ${explain(r)} (${r.why}).`), ...unfixed.map((r) => `- ${r.file} ${r.model} (${r.rules.join(', ')}): ${NO_AUTOMATIC_FIX}; the finding names the structural fix instead.`), ''] : []),
    ...(skipped.length ? ['Not trained:', '', ...skipped.map((r) => `- ${r.file} ${r.model} (${r.rules.join(', ')}): ${r.skipped}.`), ''] : []),
  ].join('\n');
}

function describeTask(backend: Backend): string {
  return [
    `Task: each model, as written and after \`gradient-doctor fix\`, is built in tfjs from its extracted IR (no user code runs) with the same seed and trained by the empirical engine's training preview on tfjs's ${backend === 'wasm' ? 'WebAssembly backend (kernels it lacks run on the CPU backend)' : 'pure-JS CPU backend'}, batch ${DEFAULT_BATCH}, with its own optimizer, learning rate, loss and (where the code or the fix clips) global-norm clipping threshold.`,
    `Both runs of a case train the same number of steps, one rule for all: ⌈1/η⌉ for the smaller learning rate η of the two runs, at least ${MIN_STEPS} and at most ${MAX_STEPS} (η × steps is the training time: an adaptive optimizer moves a weight by about η per step, so 200 steps of adam at 0.001 let a weight move by 0.2 at most, and a fix that lowers the rate would get less time than the original); the model column gives the steps.`,
    `A fixed random tanh network (the teacher) maps fresh N(0,1) inputs (uniform ids for embeddings) to one score per output unit; the labels fit the model as written: the scores themselves for a regression loss, one-hot labels of the highest score for softmax or categorical losses, 0/1 labels (score > 0) for sigmoid or binary losses. The fixed model learns the same labels.`,
    `For a model with a recurrent layer the teacher reads the sequence, not the flattened input: its input is the running sum of the input steps scaled by 1/sqrt(steps so far) (ids through the teacher's own fixed N(0,1) table of 8 dimensions), which is time-invariant (one weight shared over the steps can express it) and needs memory (the first of T steps counts as much as the last); an output with a row per input step (a seq2seq decoder's) gets the target of that step, reading that input up to the step and the others whole.`,
    `For a model that reads an image or a sequence through 1D or 2D convolutions into one vector per sample, the teacher is translation-invariant: a fixed random bank of 16 filters, 3 wide, with tanh, slides over the input, the features are summed over all positions and scaled by 1/sqrt(positions), and a fixed random tanh network maps them to the scores (the dense teacher's one weight per pixel is what a shared filter with global pooling cannot express).`,
    `Sizes the code does not state take the nominal value of the engine's plausible range (flow/unknowns.ts; a null time step or image side 32, null features or channels 128), named in the model column.`,
    `Loss and metric (accuracy, or R² for regression) are the mean over the last 10 steps, each scored on its fresh batch before the update, batchNormalization in training mode for both runs.`,
    `A model with several outputs gets labels and a loss per output (the losses summed, as tfjs trains them); its metric is the mean over the outputs whose loss or output activation the fix changed (over all when it changed none or all).`,
    `Repaired = the original run diverges (NaN, or loss grows >10x) and the fixed one does not, or the fixed run ends with at most 1/${REPAIR_LOSS_RATIO} of the original's loss; when the fix changes the loss function, with at most 1/${REPAIR_LOSS_RATIO} of its task error (1 − accuracy, 1 − R²) instead.`,
  ].join(' ');
}

async function checkInChild(file: string, deadline: number, backend: Backend, reuse: string | undefined): Promise<CaseResult[]> {
  const args = [...process.execArgv, __filename, '--one', file, '--backend', backend, ...(reuse ? ['--reuse', reuse] : [])];
  try {
    const timeout = Number.isFinite(deadline) ? Math.max(1_000, deadline - Date.now()) : 0;
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout, maxBuffer: 1 << 24 });
    return JSON.parse(stdout) as CaseResult[];
  } catch (error) {
    const killed = (error as { killed?: boolean }).killed;
    return [{ file, model: '(all)', rules: [], skipped: killed ? 'still training when the --minutes deadline of the run came' : `the check failed: ${(error as Error).message.split('\n')[0].slice(0, 120)}` }];
  }
}

/** Multiply-adds of one step summed over the file's models, to start the longest files first. */
function costOf(file: string): number {
  const { models } = analyze(fs.readFileSync(path.join(ROOT, file), 'utf8'), file, DEFAULT_SETTINGS, corpusWorkspace(file));
  let cost = 0;
  for (const { model } of models) {
    try {
      const macs = forwardMacsPerSample(withStatedSizes(model).model);
      cost += macs * batchFor(macs, DEFAULT_BATCH);
    } catch {
      // Not buildable: listed by the check itself.
    }
  }
  return cost;
}

/**
 * Checks `files` in `jobs` child processes at a time, cheapest first (so a deadline cuts the
 * fewest cases); results in the order of `files`.
 */
async function checkAll(files: string[], jobs: number, deadline: number, backend: Backend, reuse: string | undefined): Promise<CaseResult[]> {
  const results: CaseResult[][] = [];
  const costs = files.map(costOf);
  const order = files.map((_, i) => i).sort((a, b) => costs[a] - costs[b]);
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const index = order[next++];
      const started = Date.now();
      results[index] = await checkInChild(files[index], deadline, backend, reuse);
      process.stderr.write(`${files[index]}: ${results[index].length} model(s), ${Math.round((Date.now() - started) / 1000)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results.flat();
}

/** Every run's results, so the report can be rendered again (--from) without training again. */
const RESULTS = path.join(ROOT, 'out', 'repair-check.json');

interface SavedRun {
  backend: Backend;
  complete: boolean;
  results: CaseResult[];
}

/** The trained cases of saved runs (comma-separated files) by fingerprint; results saved before fingerprints existed have none. */
function savedCases(files: string): Map<string, TrainedCase> {
  const cases = new Map<string, TrainedCase>();
  for (const file of files.split(',')) {
    const run = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedRun;
    for (const r of run.results) if (!isSkipped(r) && typeof r.fingerprint === 'string') cases.set(r.fingerprint, r);
  }
  return cases;
}

function writeReadme(report: string): void {
  const readme = fs.readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} block`);
  fs.writeFileSync(README, `${readme.slice(0, start + START.length)}\n${report}\n${readme.slice(end)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'write-readme': { type: 'boolean' }, jobs: { type: 'string' }, minutes: { type: 'string' }, one: { type: 'string' }, only: { type: 'string' }, backend: { type: 'string', default: 'wasm' }, from: { type: 'string' }, reuse: { type: 'string' } } });
  const backend = values.backend as Backend;
  if (!BACKENDS.includes(backend)) throw new Error(`--backend takes ${BACKENDS.join(' or ')}, not ${backend}`);
  if (values.one) {
    await readyTfjs();
    useLinearSegmentSum();
    if (backend === 'wasm') await useWasmBackend();
    const reuse = values.reuse ? savedCases(values.reuse) : undefined;
    const options = { runBudgetMs: RUN_BUDGET_MS, backend, ...(reuse ? { reuse } : {}) };
    process.stdout.write(JSON.stringify(await checkFile(fs.readFileSync(path.join(ROOT, values.one), 'utf8'), values.one, options)));
    return;
  }
  let run: SavedRun;
  if (values.from) {
    run = JSON.parse(fs.readFileSync(values.from, 'utf8')) as SavedRun;
  } else {
    await readyTfjs();
    const files = values.only ? values.only.split(',') : sickFiles();
    const deadline = values.minutes ? Date.now() + Number(values.minutes) * 60_000 : Infinity;
    run = { backend, complete: !values.only, results: await checkAll(files, Number(values.jobs ?? 2), deadline, backend, values.reuse) };
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, JSON.stringify(run));
  }
  const report = `${describeTask(run.backend)}\n\n${table(run.results)}`;
  process.stdout.write(`${report}\n`);
  if (values['write-readme'] && run.complete) writeReadme(report);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
