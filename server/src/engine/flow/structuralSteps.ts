/** Layers without weights that reshape, drop or pool: their mean-field forward and backward maps. */
import type { LayerIR } from '../ir';
import { correlation, featuresOf, positionsOf, type Signal } from './signal';
import { identityStep, type LayerStep, type StepContext } from './step';

/**
 * Inverted dropout in training mode (the probe runs with training: true, as for batch
 * statistics): kept entries are scaled by 1/(1-p) with independent masks per sample, so
 * q → q/(1-p), the cross moment is unchanged (c → c(1-p)), and δ is masked and scaled alike.
 */
export function dropoutStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const written = layer.rate;
  const rate = written !== undefined && written >= 0 && written < 1 ? written : context.unknown(layer, 'dropoutRate');
  if (!(rate > 0 && rate < 1)) return identityStep(input);
  const keep = 1 - rate;
  return {
    output: { ...input, q: input.q / keep, c: input.c * keep, spread: (input.spread ?? 0) * keep * keep },
    backward: (g) => ({ inputs: [{ delta: g.delta / keep, c: g.c * keep }] }),
    report: {},
  };
}

/**
 * Flatten keeps every value; δ's tracking part (Gradient.tracking) follows the flat vectors' pair
 * correlations, not the per-position ones below, so it is dropped.
 */
export function flattenStep(input: Signal): LayerStep {
  const size = input.shape.some((s) => s === null) ? null : input.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
  return {
    output: { ...input, shape: [size] },
    backward: (g) => ({ inputs: [{ ...g, tracking: 0 }] }),
    report: {},
  };
}

export function reshapeStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  context.assume(layer, 'reshape target shape is not read; treated as flatten (statistics unchanged)');
  return flattenStep(input);
}

/**
 * Pooling. Global pooling averages the P positions: q → q(1 + (P-1)c)/P (positions assumed as
 * correlated as samples), δ → δ/P per position. Windowed pooling (size unread) is assumed 2 per
 * spatial axis with stride 2; average pooling averages 2^d values, max pooling routes δ to one.
 */
export function poolingStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const factory = layer.factory.toLowerCase();
  const isMax = factory.includes('max');
  const spatial = input.shape.slice(0, -1);
  const global = factory.includes('global');
  const window = global ? positionsOf(input.shape) : 2 ** spatial.length;
  if (!global) context.assume(layer, 'pool size not read; assumed 2 with stride 2 per spatial axis');
  if (isMax) context.assume(layer, 'max pooling keeps the input statistics (mean-field approximation)');
  const shape = global ? [featuresOf(input)] : [...spatial.map((s) => (s === null ? null : Math.max(1, Math.floor(s / 2)))), featuresOf(input)];
  if (isMax) {
    return {
      output: { ...input, shape },
      backward: (g) => ({ inputs: [{ delta: g.delta / window, c: g.c }] }),
      report: {},
    };
  }
  const q = (input.q * (1 + (window - 1) * input.c)) / window;
  return {
    output: { ...input, q, c: correlation(input.q * input.c, q), shape },
    backward: (g) => ({ inputs: [{ delta: g.delta / (window * window), c: g.c }] }),
    report: {},
  };
}

/** A layer the engine does not model: passed through unchanged, and said so. */
export function opaqueStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  context.assume(layer, `'${layer.factory}' is not modelled; assumed to pass signal and gradient through unchanged`);
  return identityStep(input);
}
