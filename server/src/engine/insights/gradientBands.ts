/**
 * The vanishing and exploding bands of a model's per-layer ‖∇W‖ (log10), as the rules read the
 * thresholds: at or below `vanishingRatio` × the last kernel layer's ‖∇W‖ or `vanishingAbsolute`
 * is vanishing, at or above `explodingRatio` × the last layer's is exploding. The panel's chart
 * draws these bands; inlay hints and hovers mark the layers inside them.
 */
import type { FlowPrediction } from '../flow/prediction';
import type { Thresholds } from '../settings';
import { flowAt } from '../rules/modelFacts';

export type GradientThresholds = Pick<Thresholds, 'vanishingRatio' | 'vanishingAbsolute' | 'explodingRatio'>;

export interface GradientBandLimits {
  /** log10 ‖∇W‖ at or below which a layer is in the vanishing band. */
  vanishingTop: number;
  /** log10 ‖∇W‖ at or above which a layer is in the exploding band; undefined without a last kernel layer to compare with. */
  explodingBottom?: number;
}

export type GradientBand = 'vanishing' | 'exploding';

export function gradientBandLimits(flow: FlowPrediction, thresholds: GradientThresholds): GradientBandLimits {
  const absolute = Math.log10(thresholds.vanishingAbsolute);
  const last = flow.lastKernel === undefined ? undefined : flowAt(flow, flow.lastKernel)?.log10GradNorm;
  if (last === undefined) return { vanishingTop: absolute };
  return {
    vanishingTop: Math.max(last + Math.log10(thresholds.vanishingRatio), absolute),
    explodingBottom: last + Math.log10(thresholds.explodingRatio),
  };
}

/** The band a layer's log10 ‖∇W‖ lies in, if any. */
export function gradientBand(log10GradNorm: number, limits: GradientBandLimits): GradientBand | undefined {
  if (log10GradNorm <= limits.vanishingTop) return 'vanishing';
  if (limits.explodingBottom !== undefined && log10GradNorm >= limits.explodingBottom) return 'exploding';
  return undefined;
}
