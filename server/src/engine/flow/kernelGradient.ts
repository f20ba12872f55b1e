/**
 * E‖dLoss/dW‖²_F for a kernel applied to N rows (batch samples × positions):
 *   dL/dW = Σ_s x_s δ_sᵀ, so ‖dL/dW‖² = Σ_{s,s'} (x_s·x_s')(δ_s·δ_s').
 * With x_s·x_s = n_in q and x_s·x_s' = n_in q c (s ≠ s'), likewise for δ with n_out, Δ and c_δ:
 *   E‖dL/dW‖² ≈ n_in n_out q Δ [N + N(N-1) c c_δ].
 * The N diagonal terms are DESIGN section 5's per-sample ‖∇W‖² ≈ n_l n_{l-1} E[δ²] E[x²]; the
 * cross terms are why layers whose batch is correlated (after relu or sigmoid) get up to √N larger
 * gradients than the first layer, whose input batch is uncorrelated (DESIGN section 5).
 * Positions are treated as further samples with the same correlation (convolutions, sequences).
 */
import type { Gradient, Signal } from './signal';

export function kernelGradSquared(fanIn: number, fanOut: number, rows: number, input: Signal, output: Gradient): number {
  const crossTerms = rows * (rows - 1) * input.c * output.c;
  return fanIn * fanOut * input.q * output.delta * Math.max(rows + crossTerms, 0);
}
