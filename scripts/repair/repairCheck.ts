/**
 * The core of `npm run repair-check`: does the engine's own preferred fix make a sick model train
 * better? Each model with a gradient/training finding is built from the IR of the text as written
 * and from the IR of the text after `fixText` (the CLI's `fix`), with the same seed and the same
 * stated values for sizes the code does not give (statedSizes.ts), and both are trained by the
 * empirical engine's trainingPreview on the same task (task.ts: labels that fit the original's
 * output and loss; each model's own loss, optimizer, learning rate and clipping threshold;
 * batchNormalization in training mode for the loss and the metric alike). No user code runs:
 * only the extracted IRs are built.
 */
import { analyze } from '../../server/src/engine/analyze';
import { BATCH_SETTINGS, DEFAULT_SETTINGS } from '../../server/src/engine/settings';
import { corpusWorkspace } from '../../test/helpers/realWorldCorpus';
import { trainingPreview, UnsupportedModelError, SimulationCancelledError, type TrainingPreview } from '../../server/src/engine/empirical';
import { findingsOfModel, type RuleId } from '../../server/src/engine/findings';
import { findSameModel } from '../../server/src/engine/preferredFixes';
import { variantName, type ModelIR } from '../../server/src/engine/ir';
import { fixText } from '../../server/src/cli/fix';
import { withStatedSizes } from './statedSizes';
import { objectiveOf, objectivesOf, taskFactory, taskKindsOf, type TaskKind } from './task';
import { batchFor, forwardMacsPerSample } from './stepCost';
import { learningRateOf, stepsFor } from './budget';
import { caseFingerprint } from './fingerprint';

/** Rules whose harm shows in training; the structural hints (normalization, skip, API traps) do not. */
export const TRAINING_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'vanishing-gradient',
  'exploding-gradient',
  'saturated-activation',
  'large-init-scale',
  'high-learning-rate',
  'missing-gradient-clipping',
  'long-simple-rnn',
  'constant-initializer',
  'output-loss-mismatch',
]);

export const REPAIR_LOSS_RATIO = 2;
export const DEFAULT_BATCH = 32;
/** Final loss = mean over the last steps, so one noisy batch does not decide the verdict. */
const FINAL_WINDOW = 10;

export interface RunSummary {
  finalLoss: number;
  /** The task metric (accuracy or R²), mean over the same final window. */
  finalMetric?: number;
  divergence?: TrainingPreview['divergence'];
  steps: number;
  /** The loss trained with, as read from the code, and the output activation it sees. */
  loss?: string;
  /** With global-norm clipping: the steps whose gradient norm exceeded the threshold (clipping engaged). */
  clipped?: { steps: number; norm: number };
}

export interface TrainedCase {
  file: string;
  model: string;
  rules: RuleId[];
  /** The labels of the first output; `outputTasks` lists every output's when the model has several. */
  task: TaskKind;
  outputTasks?: TaskKind[];
  /** Of several outputs, the positions whose task metric is compared: those whose loss or output activation the fix changed. */
  scoredOutputs?: number[];
  /** Sizes the code does not state, with the value used ("units of dense_2 = 128"). */
  stated: string[];
  /** Samples per step: DEFAULT_BATCH, or fewer for a model whose step is costly (stepCost.ts). */
  batch: number;
  /** Steps of both runs (budget.ts). */
  steps: number;
  /** Titles of the preferred fixes applied to the model's findings. */
  fixes: string[];
  original: RunSummary;
  fixed: RunSummary;
  repaired: boolean;
  why: string;
  /** What decided the training (fingerprint.ts): a later run with the same one may reuse this result. */
  fingerprint: string;
  /** The day both runs trained (YYYY-MM-DD); a reused result keeps it. */
  trainedOn: string;
}

export interface SkippedCase {
  file: string;
  model: string;
  rules: RuleId[];
  skipped: string;
}

export type CaseResult = TrainedCase | SkippedCase;

/**
 * A sick model the engine offers no preferred fix for: not trained, but counted as not repaired
 * (the denominator is the sick cases), unlike a model tfjs cannot build.
 */
export const NO_AUTOMATIC_FIX = 'no automatic fix applies';

export interface CheckOptions {
  /** Steps of every run; by default the case's budget (budget.ts). */
  steps?: number;
  batch?: number;
  seed?: number;
  /** Wall-clock limit of one training run; past it the case is skipped as too large. */
  runBudgetMs?: number;
  /** Part of the fingerprint: results of one backend never stand in for the other's. */
  backend?: string;
  /** Results of an earlier run by fingerprint: a case found here is not trained again. */
  reuse?: ReadonlyMap<string, TrainedCase>;
}

function meanOf(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

export function summarize(preview: TrainingPreview, loss?: string, clipNorm?: number): RunSummary {
  const tail = preview.steps.filter((s) => Number.isFinite(s.loss)).slice(-FINAL_WINDOW);
  const metrics = tail.flatMap((s) => (s.metric === undefined ? [] : [s.metric]));
  return {
    finalLoss: meanOf(tail.map((s) => s.loss)),
    ...(metrics.length ? { finalMetric: meanOf(metrics) } : {}),
    divergence: preview.divergence,
    steps: preview.steps.length,
    ...(loss ? { loss } : {}),
    ...(clipNorm === undefined ? {} : { clipped: { steps: preview.steps.filter((s) => s.gradNorm > clipNorm).length, norm: clipNorm } }),
  };
}

/**
 * Repaired: the fixed run stopped diverging, or ended with at most 1/REPAIR_LOSS_RATIO of the
 * original's loss; when the fix changed the loss function or the output activation it sees, of
 * the original's task error (1 − accuracy, 1 − R²), since two different losses are not on one scale.
 */
export function judge(original: RunSummary, fixed: RunSummary): { repaired: boolean; why: string } {
  if (fixed.divergence) return { repaired: false, why: `fixed run diverges (${fixed.divergence})` };
  if (original.divergence) return { repaired: true, why: `original diverges (${original.divergence}), fixed does not` };
  const byMetric = original.loss !== fixed.loss && original.finalMetric !== undefined && fixed.finalMetric !== undefined;
  const ratio = byMetric ? (1 - original.finalMetric!) / (1 - fixed.finalMetric!) : original.finalLoss / fixed.finalLoss;
  const shown = `${byMetric ? 'task error ratio (the fix changes the loss or output)' : 'loss ratio'} ${ratio.toFixed(2)}`;
  return ratio >= REPAIR_LOSS_RATIO ? { repaired: true, why: shown } : { repaired: false, why: `${shown} < ${REPAIR_LOSS_RATIO}` };
}

/** The threshold of global-norm clipping written as a literal last argument (the inserted helper's call). */
export function clipNormOf(model: ModelIR, text: string): number | undefined {
  for (const clip of model.training?.clipping ?? []) {
    if (clip.kind !== 'wrappedApplyGradients') continue;
    const literal = /,\s*([0-9.]+(?:e[-+]?\d+)?)\s*\)\s*$/i.exec(text.slice(clip.span.start, clip.span.end));
    if (literal && Number(literal[1]) > 0) return Number(literal[1]);
  }
  return undefined;
}

/**
 * Of a model with several outputs, those whose objective the fix changed, when not all did: the
 * task metric compares them (an untouched regression head's R² would dilute a classification
 * head's accuracy); undefined scores every output.
 */
export function changedObjectives(written: ModelIR, fixed: ModelIR): number[] | undefined {
  const before = objectivesOf(written);
  const after = objectivesOf(fixed);
  const changed = before.flatMap((objective, i) => (objective === after[i] ? [] : [i]));
  return changed.length > 0 && changed.length < before.length ? changed : undefined;
}

async function train(model: ModelIR, kinds: readonly TaskKind[], scored: readonly number[] | undefined, clipNorm: number | undefined, batch: number, steps: number, options: CheckOptions): Promise<RunSummary> {
  const started = Date.now();
  const budget = options.runBudgetMs ?? 60_000;
  const signal = { get aborted() { return Date.now() - started > budget; } };
  const preview = await trainingPreview(model, {
    steps, batch, seed: options.seed ?? 0, signal,
    task: taskFactory(kinds, model, scored), ...(clipNorm === undefined ? {} : { clipNorm }),
  });
  return summarize(preview, objectiveOf(model), clipNorm);
}

function reasonOf(error: unknown, budgetMs: number): string {
  if (error instanceof UnsupportedModelError) return error.reasons.join('; ');
  if (error instanceof SimulationCancelledError) return `one training run took over ${Math.round(budgetMs / 1000)} s`;
  return `tfjs failed: ${(error as Error).message ?? String(error)}`;
}

/** Every model of `text` with a training finding, trained as written and as fixed. */
export async function checkFile(text: string, file: string, options: CheckOptions = {}): Promise<CaseResult[]> {
  // A multi-file fixture is analysed and fixed with its folder, as `check` and `fix` of it would.
  const workspace = corpusWorkspace(file);
  const before = analyze(text, file, DEFAULT_SETTINGS, workspace);
  const fixedText = fixText(text, file, BATCH_SETTINGS, workspace).text;
  const after = analyze(fixedText, file, DEFAULT_SETTINGS, workspace);
  const results: CaseResult[] = [];
  for (const [index, analysis] of before.models.entries()) {
    const findings = findingsOfModel(before.findings, index);
    const rules = [...new Set(findings.filter((f) => TRAINING_RULES.has(f.rule) && f.severity !== 'hint').map((f) => f.rule))];
    if (rules.length === 0) continue;
    const name = variantName(analysis.model);
    const base = { file, model: name, rules };
    if (fixedText === text) {
      results.push({ ...base, skipped: NO_AUTOMATIC_FIX });
      continue;
    }
    const fixed = findSameModel(after, analysis.model, index);
    if (!fixed) {
      results.push({ ...base, skipped: 'the model is not found again in the fixed text' });
      continue;
    }
    try {
      const written = withStatedSizes(analysis.model);
      const repairedModel = withStatedSizes(fixed.model).model;
      const kinds = taskKindsOf(written.model);
      const scored = changedObjectives(written.model, repairedModel);
      const batch = batchFor(forwardMacsPerSample(written.model), options.batch ?? DEFAULT_BATCH);
      const steps = options.steps ?? stepsFor(learningRateOf(analysis.model), learningRateOf(fixed.model));
      const clipNorms = [clipNormOf(analysis.model, text), clipNormOf(fixed.model, fixedText)] as const;
      const fixes = [...new Set(findings.flatMap((f) => f.fixes.filter((fix) => fix.preferred).map((fix) => fix.title)))];
      const fingerprint = caseFingerprint({ backend: options.backend, seed: options.seed ?? 0, original: written.model, fixed: repairedModel, kinds, scored, batch, steps, clipNorms, rules, fixes });
      const earlier = options.reuse?.get(fingerprint);
      if (earlier) {
        results.push({ ...earlier, file, model: name });
        continue;
      }
      const original = await train(written.model, kinds, scored, clipNorms[0], batch, steps, options);
      const repairedRun = await train(repairedModel, kinds, scored, clipNorms[1], batch, steps, options);
      const trainedOn = new Date().toISOString().slice(0, 10);
      results.push({ ...base, task: kinds[0], ...(kinds.length > 1 ? { outputTasks: kinds } : {}), ...(scored ? { scoredOutputs: scored } : {}), stated: written.stated, batch, steps, fixes, original, fixed: repairedRun, ...judge(original, repairedRun), fingerprint, trainedOn });
    } catch (error) {
      results.push({ ...base, skipped: reasonOf(error, options.runBudgetMs ?? 60_000) });
    }
  }
  return results;
}

export function isSkipped(result: CaseResult): result is SkippedCase {
  return 'skipped' in result;
}
