/**
 * batchNormalization (training-mode batch statistics, DESIGN section 7) and layerNormalization
 * at initialization (gamma 1, beta 0, tfjs epsilon 1e-3).
 *
 * BN divides each feature by its batch sd. That sd only sees the part of the signal that differs
 * between samples, q(1 - c)(N-1)/N, while the backward pass through the next kernel and
 * activation scales Δ with the full q. After relu, c carries relu's mean, so the batch variance
 * is q(π-1)/π of q and δ gains π/(π-1) per layer: deep vanilla BN nets explode toward the input
 * (Yang et al. 2019, "A Mean Field Theory of Batch Normalization", ICLR; the
 * π/(π-1) rate of relu + BN).
 */
import type { LayerIR } from '../ir';
import { BATCH_NORMALIZATION_DEFAULTS, LAYER_NORMALIZATION_DEFAULTS } from '../tfjs/layers';
import { correlation, featuresOf, positionsOf, type Gradient, type Signal } from './signal';
import { toInput, type LayerStep, type StepContext } from './step';
import { isKnownSize } from './unknowns';

/**
 * BN's backward pass: δ_in = (δ_out - mean(δ_out) - y·mean(δ_out·y)) / s per feature, a
 * projection that removes 2 of N directions. For δ_out with correlation c_g its mean square keeps
 * (1 - c_g)(N - 2)/N. The per-feature batch variance s² is a sample variance with k degrees of
 * freedom (Signal.batchDof), so E[1/s²] = k/((k - 2)σ²) (inverse chi-square mean), a small
 * per-layer excess that compounds over depth.
 */
export function batchNormalizationStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const rows = context.batch * positionsOf(input.shape);
  if (layer.props.axis) context.assume(layer, 'batchNormalization axis is taken as the last axis');
  const batchVariance = (input.q * (1 - input.c) * (rows - 1)) / rows;
  const epsilon = BATCH_NORMALIZATION_DEFAULTS.epsilon;
  const dof = Math.max(input.batchDof ?? rows - 1, 3);
  const inverseVariance = 1 / ((batchVariance * (dof - 2)) / dof + epsilon);
  const centred = -1 / Math.max(rows - 1, 1);
  return {
    // Centring over the batch maps a pair's correlation ρ to about (ρ - c)/(1 - c).
    output: {
      q: batchVariance / (batchVariance + epsilon),
      c: centred,
      mean: 0,
      shape: input.shape,
      spread: (input.spread ?? 0) / Math.max((1 - input.c) ** 2, 1e-12),
      batchDof: undefined,
      elementwise: undefined,
    },
    // The projection also removes δ's part aligned with y itself (Gradient.aligned) entirely.
    backward: (g: Gradient) => {
      const k = g.aligned ?? 0;
      const outputQ = batchVariance / (batchVariance + epsilon);
      const restDelta = Math.max(g.delta - k * k * outputQ, 0);
      const restC = correlation(g.delta * g.c - k * k * outputQ * centred, restDelta);
      // A pair's correlation after centring is (ρ - c)/(1 - c): tracking scales by that and 1/s².
      const tracking = ((g.tracking ?? 0) * outputQ * inverseVariance) / (Math.max(1 - input.c, 1e-12) * Math.max(input.q, 1e-300));
      return toInput({ delta: ((restDelta * (1 - restC) * Math.max(rows - 2, 0)) / rows) * inverseVariance, c: centred, tracking });
    },
    report: {},
  };
}

/**
 * LN normalizes each sample over its F features: the per-sample variance is q - E[a]² (features
 * of one sample share the activation's mean), the output is centred per sample.
 */
export function layerNormalizationStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const written = featuresOf(input);
  const features = isKnownSize(written) ? written : context.unknown(layer, 'inputFeatures');
  const meanSquare = input.mean * input.mean;
  const variance = Math.max(input.q - meanSquare, 0);
  const epsilon = LAYER_NORMALIZATION_DEFAULTS.epsilon;
  const projection = Math.max(features - 2, 0) / features;
  return {
    output: {
      q: variance / (variance + epsilon),
      c: correlation(input.q * input.c - meanSquare, variance),
      mean: 0,
      shape: input.shape,
      spread: (input.spread ?? 0) * (variance > 0 ? (input.q / variance) ** 2 : 0),
      batchDof: input.batchDof,
      elementwise: undefined,
    },
    backward: (g) => toInput({ delta: (g.delta * projection) / (variance + epsilon), c: g.c }),
    report: {},
  };
}
