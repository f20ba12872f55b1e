/**
 * Merge layers. Branches are independent in the mean-field sense (their weights are), so for
 * add the variances and cross moments sum and δ takes an identity path to every input (residual
 * connections: Yang & Schoenholz 2017, "Mean Field Residual Networks").
 */
import type { LayerIR } from '../ir';
import { correlation, featuresOf, type Gradient, type Signal } from './signal';
import type { LayerStep, StepContext } from './step';

function sumSignals(inputs: Signal[], scale: number): Signal {
  // Independent branches with means m_i: E[(Σx_i)²] = Σq_i + Σ_{i≠j} m_i·m_j, and the same
  // products join the moment of two samples (each branch's mean is every sample's).
  const meanSum = inputs.reduce((sum, s) => sum + s.mean, 0);
  const meanProducts = meanSum * meanSum - inputs.reduce((sum, s) => sum + s.mean * s.mean, 0);
  const q = (inputs.reduce((sum, s) => sum + s.q, 0) + meanProducts) * scale * scale;
  const cross = (inputs.reduce((sum, s) => sum + s.q * s.c, 0) + meanProducts) * scale * scale;
  const mean = meanSum * scale;
  const total = inputs.reduce((sum, s) => sum + s.q, 0);
  // A pair's correlation also gets the branches' cross products a_s·b_s' + b_s·a_s', which are
  // zero on average (independent weights) but fluctuate by (q_a q_b − m_a² m_b²)/n each.
  const features = featuresOf(inputs[0]);
  let crossNoise = 0;
  for (let i = 0; i < inputs.length; i++) {
    for (let j = i + 1; j < inputs.length; j++) {
      crossNoise += 2 * Math.max(inputs[i].q * inputs[j].q - (inputs[i].mean * inputs[j].mean) ** 2, 0);
    }
  }
  const own = inputs.reduce((sum, s) => sum + s.q * s.q * (s.spread ?? 0), 0);
  const spread = total > 0 ? (own + (features ? crossNoise / features : 0)) / (total * total) : 0;
  return { q, c: correlation(cross, q), mean, shape: inputs[0].shape, spread, batchDof: undefined, elementwise: undefined };
}

/**
 * add (scale 1) and average (scale 1/k). δ's part k·y aligned with the sum y = s Σ x_i
 * (Gradient.aligned) is k·s·x_i + (the other inputs) for each input: aligned with x_i by k·s.
 */
export function sumStep(inputs: Signal[], scale: number): LayerStep {
  return {
    output: sumSignals(inputs, scale),
    backward: (g) => ({ inputs: inputs.map(() => ({ delta: g.delta * scale * scale, c: g.c, aligned: (g.aligned ?? 0) * scale })) }),
    report: {},
  };
}

/** Element-wise product of independent inputs: moments multiply. */
export function multiplyStep(inputs: Signal[]): LayerStep {
  const q = inputs.reduce((p, s) => p * s.q, 1);
  const cross = inputs.reduce((p, s) => p * s.q * s.c, 1);
  return {
    output: { q, c: correlation(cross, q), mean: inputs.reduce((p, s) => p * s.mean, 1), shape: inputs[0].shape, spread: undefined, batchDof: undefined, elementwise: undefined },
    backward: (g) => ({
      inputs: inputs.map((_, i) => {
        const others = inputs.filter((__, j) => j !== i);
        return {
          delta: g.delta * others.reduce((p, s) => p * s.q, 1),
          c: g.c * others.reduce((p, s) => p * s.c, 1),
        } satisfies Gradient;
      }),
    }),
    report: {},
  };
}

/** Concatenation along the last axis: feature-weighted averages of the moments. */
export function concatenateStep(layer: LayerIR, inputs: Signal[], context: StepContext): LayerStep {
  const sizes = inputs.map((s) => featuresOf(s));
  if (sizes.some((s) => s === null)) context.assume(layer, 'concatenated sizes unknown; inputs weighted equally');
  const weights = sizes.map((s) => s ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const q = inputs.reduce((sum, s, i) => sum + s.q * weights[i], 0) / total;
  const cross = inputs.reduce((sum, s, i) => sum + s.q * s.c * weights[i], 0) / total;
  const mean = inputs.reduce((sum, s, i) => sum + s.mean * weights[i], 0) / total;
  const features = sizes.some((s) => s === null) ? null : total;
  return {
    output: { q, c: correlation(cross, q), mean, shape: [...inputs[0].shape.slice(0, -1), features], spread: undefined, batchDof: undefined, elementwise: undefined },
    backward: (g) => ({ inputs: inputs.map(() => g) }),
    report: {},
  };
}
