/**
 * The core of `npm run repair-check`: does the engine's own preferred fix make a sick model train
 * better? Each model with a gradient/training finding is built from the IR of the text as written
 * and from the IR of the text after `fixText` (the CLI's `fix`), with the same seed, and both are
 * trained by the empirical engine's trainingPreview (its teacher task, the model's own optimizer
 * and learning rate, clipping as written, batchNormalization in training mode). No user code runs:
 * only the extracted IRs are built.
 */
import { analyze } from '../../server/src/engine/analyze';
import { trainingPreview, UnsupportedModelError, SimulationCancelledError, type TrainingPreview } from '../../server/src/engine/empirical';
import { findingsOfModel, type RuleId } from '../../server/src/engine/findings';
import { findSameModel } from '../../server/src/engine/preferredFixes';
import { variantName } from '../../server/src/engine/ir';
import { fixText } from '../../server/src/cli/fix';

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
export const DEFAULT_STEPS = 200;
export const DEFAULT_BATCH = 32;
/** Final loss = mean over the last steps, so one noisy batch does not decide the verdict. */
const FINAL_WINDOW = 10;

export interface RunSummary {
  finalLoss: number;
  divergence?: TrainingPreview['divergence'];
  steps: number;
}

export interface TrainedCase {
  file: string;
  model: string;
  rules: RuleId[];
  original: RunSummary;
  fixed: RunSummary;
  repaired: boolean;
  why: string;
}

export interface SkippedCase {
  file: string;
  model: string;
  rules: RuleId[];
  skipped: string;
}

export type CaseResult = TrainedCase | SkippedCase;

export interface CheckOptions {
  steps?: number;
  batch?: number;
  seed?: number;
  /** Wall-clock limit of one training run; past it the case is skipped as too large. */
  runBudgetMs?: number;
}

export function summarize(preview: TrainingPreview): RunSummary {
  const finite = preview.steps.filter((s) => Number.isFinite(s.loss));
  const tail = finite.slice(-FINAL_WINDOW);
  const finalLoss = tail.length ? tail.reduce((a, s) => a + s.loss, 0) / tail.length : NaN;
  return { finalLoss, divergence: preview.divergence, steps: preview.steps.length };
}

/** Repaired: the fixed run stopped diverging, or ended with at most half the original's loss. */
export function judge(original: RunSummary, fixed: RunSummary): { repaired: boolean; why: string } {
  if (fixed.divergence) return { repaired: false, why: `fixed run diverges (${fixed.divergence})` };
  if (original.divergence) return { repaired: true, why: `original diverges (${original.divergence}), fixed does not` };
  const ratio = original.finalLoss / fixed.finalLoss;
  const shown = `loss ratio ${ratio.toFixed(2)}`;
  return ratio >= REPAIR_LOSS_RATIO ? { repaired: true, why: shown } : { repaired: false, why: `${shown} < ${REPAIR_LOSS_RATIO}` };
}

async function train(model: Parameters<typeof trainingPreview>[0], options: CheckOptions): Promise<RunSummary> {
  const started = Date.now();
  const budget = options.runBudgetMs ?? 60_000;
  const signal = { get aborted() { return Date.now() - started > budget; } };
  const preview = await trainingPreview(model, { steps: options.steps ?? DEFAULT_STEPS, batch: options.batch ?? DEFAULT_BATCH, seed: options.seed ?? 0, signal });
  return summarize(preview);
}

function reasonOf(error: unknown, budgetMs: number): string {
  if (error instanceof UnsupportedModelError) return error.reasons.join('; ');
  if (error instanceof SimulationCancelledError) return `one training run takes over ${Math.round(budgetMs / 1000)} s (too large for this check)`;
  return `tfjs failed: ${(error as Error).message ?? String(error)}`;
}

/** Every model of `text` with a training finding, trained as written and as fixed. */
export async function checkFile(text: string, file: string, options: CheckOptions = {}): Promise<CaseResult[]> {
  const before = analyze(text, file);
  const fixedText = fixText(text, file).text;
  const after = analyze(fixedText, file);
  const results: CaseResult[] = [];
  for (const [index, analysis] of before.models.entries()) {
    const rules = [...new Set(findingsOfModel(before.findings, index).filter((f) => TRAINING_RULES.has(f.rule) && f.severity !== 'hint').map((f) => f.rule))];
    if (rules.length === 0) continue;
    const name = variantName(analysis.model);
    const base = { file, model: name, rules };
    if (fixedText === text) {
      results.push({ ...base, skipped: 'no automatic fix applies' });
      continue;
    }
    const fixed = findSameModel(after, analysis.model, index);
    if (!fixed) {
      results.push({ ...base, skipped: 'the model is not found again in the fixed text' });
      continue;
    }
    try {
      const original = await train(analysis.model, options);
      const repairedRun = await train(fixed.model, options);
      results.push({ ...base, original, fixed: repairedRun, ...judge(original, repairedRun) });
    } catch (error) {
      results.push({ ...base, skipped: reasonOf(error, options.runBudgetMs ?? 60_000) });
    }
  }
  return results;
}

export function isSkipped(result: CaseResult): result is SkippedCase {
  return 'skipped' in result;
}
