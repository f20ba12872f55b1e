/**
 * Conditions several rules share: is the model predicted to explode, is the learning rate high.
 * missing-gradient-clipping fires on the same evidence as exploding-gradient and
 * high-learning-rate, so the definitions live here once.
 */
import type { LayerIR, ModelIR, OptimizerIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import type { Settings } from '../settings';
import { flowAt, kernelLayers } from './modelFacts';

export interface ExplosionEvidence {
  /** log10(‖∇W_first‖ / ‖∇W_last‖) when at or above the threshold. */
  log10Ratio?: number;
  /** Pre-activation sd growing from `from` to `to` by `factor` (at or above the threshold). */
  growth?: { from: LayerIR; to: LayerIR; fromStd: number; toStd: number; factor: number };
  /** The prediction overflowed (NaN or infinite gradient norms). */
  overflow?: LayerIR;
}

/** What the flow says about explosion; `kernels` is the model's kernelLayers, for a caller that has them already. */
export function explosionEvidence(model: ModelIR, flow: FlowPrediction, settings: Settings, kernels = kernelLayers(model)): ExplosionEvidence | undefined {
  const threshold = settings.thresholds.explodingRatio;
  let overflow: LayerIR | undefined;
  for (const layer of kernels) {
    const layerFlow = flowAt(flow, layer.index);
    if (!isFiniteOrUnknown(layerFlow?.log10GradNorm) || !isFiniteOrUnknown(layerFlow?.preActivationStd)) {
      overflow = layer;
      break;
    }
  }
  const log10Ratio = flow.log10Ratio !== undefined && flow.log10Ratio >= Math.log10(threshold) ? flow.log10Ratio : undefined;
  let growth: ExplosionEvidence['growth'];
  const first = kernels[0];
  const firstStd = first ? flowAt(flow, first.index)?.preActivationStd : undefined;
  if (first && firstStd !== undefined && firstStd > 0 && Number.isFinite(firstStd)) {
    for (let k = 1; k < kernels.length; k++) {
      const layer = kernels[k];
      const std = flowAt(flow, layer.index)?.preActivationStd;
      if (std === undefined || !Number.isFinite(std)) continue;
      const factor = std / firstStd;
      if (factor >= threshold && (!growth || factor > growth.factor)) {
        growth = { from: first, to: layer, fromStd: firstStd, toStd: std, factor };
      }
    }
  }
  if (log10Ratio === undefined && !growth && !overflow) return undefined;
  const evidence: ExplosionEvidence = {};
  if (overflow) evidence.overflow = overflow;
  if (log10Ratio !== undefined) evidence.log10Ratio = log10Ratio;
  if (growth) evidence.growth = growth;
  return evidence;
}

function isFiniteOrUnknown(value: number | undefined): boolean {
  return value === undefined || Number.isFinite(value);
}

export interface LearningRateExcess {
  optimizer: OptimizerIR & { name: keyof Settings['thresholds']['learningRate'] };
  rate: number;
  threshold: number;
}

function hasLearningRateThreshold(optimizer: OptimizerIR): optimizer is LearningRateExcess['optimizer'] {
  return optimizer.name !== 'unknown';
}

/** The optimizer's learning rate when it is above the per-optimizer threshold. */
export function learningRateExcess(model: ModelIR, settings: Settings): LearningRateExcess | undefined {
  const optimizer = model.training?.optimizer;
  if (!optimizer || !hasLearningRateThreshold(optimizer)) return undefined;
  if (optimizer.learningRateSource !== 'explicit' && optimizer.learningRateSource !== 'default') return undefined;
  const rate = optimizer.learningRate;
  const threshold = settings.thresholds.learningRate[optimizer.name];
  if (rate === undefined || !(rate > threshold)) return undefined;
  return { optimizer, rate, threshold };
}
