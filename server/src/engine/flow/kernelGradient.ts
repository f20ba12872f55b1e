/**
 * E‖dLoss/dW‖²_F for a kernel applied to N rows (batch samples × positions):
 *   dL/dW = Σ_s x_s δ_sᵀ, so ‖dL/dW‖² = Σ_{s,s'} (x_s·x_s')(δ_s·δ_s').
 * With x_s·x_s = n_in q and x_s·x_s' = n_in q c (s ≠ s'), likewise for δ with n_out, Δ and c_δ:
 *   E‖dL/dW‖² ≈ n_in n_out q Δ [N + N(N-1) c c_δ].
 * The N diagonal terms are DESIGN section 5's per-sample ‖∇W‖² ≈ n_l n_{l-1} E[δ²] E[x²]; the
 * cross terms are why layers whose batch is correlated (after relu or sigmoid) get up to √N larger
 * gradients than the first layer, whose input batch is uncorrelated (DESIGN section 5).
 *
 * The part α·z of δ_z aligned with the layer's own pre-activation z = W x (Gradient.aligned) adds
 * a term the mean correlations miss: Σ_s x_s (α z_s)ᵀ = α XᵀX W, whose cross terms pair
 * (x_s·x_s') with z_s·z_s' ≈ n_out v (x_s·x_s'), so they see E[(x_s·x_s')²] = (n_in q)²(c² + s²),
 * which includes the spread s² of the pairwise correlations (Signal.spread; 1/n_in for independent
 * features) even when c = 0. The c² part is in the mean-field term; `alignedGain` = α² n_out v.
 * Positions are treated as further samples with the same correlation (convolutions, sequences).
 */
import type { Gradient, Signal } from './signal';

export function kernelGradSquared(
  fanIn: number,
  fanOut: number,
  rows: number,
  input: Signal,
  output: Gradient,
  alignedGain = 0,
): number {
  const crossTerms = rows * (rows - 1) * input.c * output.c;
  const meanField = fanIn * fanOut * input.q * output.delta * Math.max(rows + crossTerms, 0);
  const spread = alignedGain * rows * (rows - 1) * (fanIn * input.q) ** 2 * (input.spread ?? 1 / fanIn);
  return meanField + spread;
}
