/**
 * How adam changes a vanishing gradient's consequence. Adam steps each weight by
 * lr · m / (√v + ε), about lr · g / (|g| + ε) for a steady gradient g: a small but steady gradient
 * still moves its weight at nearly the full rate as long as |g| is well above ε, and hardly at
 * all below it. So under adam the question is the per-weight gradient against ε, not the
 * first/last ratio (issue 16: an 8-layer sigmoid stack on adam learns slowly, a 12-layer one,
 * per-weight first-layer gradients ~1e-10, learns nothing).
 */
import type { ModelIR } from '../ir';
import type { LayerFlow } from '../flow/prediction';

/** tfjs adam/adamax default epsilon: `ENGINE.backend.epsilon()`, 1e-7 for float32 backends (cpu, webgl, wasm). */
export const ADAM_DEFAULT_EPSILON = 1e-7;

/** The optimizer is adam or adamax with its default epsilon: epsilon is the 4th positional argument. */
function usesDefaultAdamEpsilon(model: ModelIR): boolean {
  const optimizer = model.training?.optimizer;
  if (!optimizer || (optimizer.name !== 'adam' && optimizer.name !== 'adamax')) return false;
  if (optimizer.form === 'string') return true;
  return optimizer.form === 'call' && optimizer.argumentCount !== undefined && optimizer.argumentCount <= 3;
}

export interface AdamStep {
  optimizer: string;
  /** RMS of the layer's per-weight gradient under the standard probe. */
  perWeightGradient: number;
  /** The step adam takes for it, as a fraction of the learning rate: g / (g + ε). */
  stepFraction: number;
}

export function adamStep(model: ModelIR, layerFlow: LayerFlow | undefined): AdamStep | undefined {
  if (!usesDefaultAdamEpsilon(model) || !layerFlow?.fanIn || !layerFlow.fanOut || layerFlow.log10GradNorm === undefined) return undefined;
  const perWeightGradient = Math.pow(10, layerFlow.log10GradNorm) / Math.sqrt(layerFlow.fanIn * layerFlow.fanOut);
  if (!Number.isFinite(perWeightGradient)) return undefined;
  return { optimizer: model.training!.optimizer!.name, perWeightGradient, stepFraction: perWeightGradient / (perWeightGradient + ADAM_DEFAULT_EPSILON) };
}
