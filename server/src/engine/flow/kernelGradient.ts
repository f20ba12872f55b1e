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
 * features) even when c = 0. The c² part is in the mean-field term; `alignedGain` = α² n_out v,
 * plus τ n_out v for δ_z's tracking part (Gradient.tracking), whose pair Gram follows x's alike.
 * Rows at different positions (convolutions, sequences) share the input correlation c, but their δ
 * reach the loss through different downstream weights (flatten → dense), so only the aligned part
 * of δ, which follows the forward signal, is correlated across positions; the rest of c_δ counts
 * for pairs at the same position only, unless δ itself is correlated across positions
 * (Gradient.positionC: average pooling hands every position of a window the same δ).
 */
import { featuresOf, type Gradient, type Signal } from './signal';

/**
 * Spread of the pairwise correlations of the kernel's input rows: Signal.spread is per feature
 * vector; a convolution patch of fanIn / features independent positions averages it down.
 */
export function rowSpread(input: Signal, fanIn: number): number {
  const features = featuresOf(input) ?? fanIn;
  return (input.spread ?? 1 / features) * Math.min(1, features / fanIn);
}

export interface KernelRows {
  batch: number;
  /** Output positions per sample (1 for dense on vectors). */
  positions: number;
}

/**
 * E‖dL/dW‖² for a kernel with the given fans; `output` is δ at the pre-activation, whose aligned
 * part α·z has `alignedGain` = α² n_out v and mean square `alignedSquare` = α² q_z (0 if none),
 * and whose position-shared aligned part has `positionAlignedGain` = E[b²] n_out v.
 */
export function kernelGradSquared(
  fanIn: number,
  fanOut: number,
  rows: KernelRows,
  input: Signal,
  output: Gradient,
  alignedGain = 0,
  alignedSquare = 0,
  positionAlignedGain = 0,
): number {
  const n = rows.batch * rows.positions;
  const samePosition = rows.positions * rows.batch * (rows.batch - 1);
  const otherPositions = n * (n - 1) - samePosition;
  const alignedCross = alignedSquare * input.c;
  // δ correlated across positions (Gradient.positionC, after average pooling) pairs them too.
  const positionPairs = rows.batch * rows.positions * (rows.positions - 1);
  const acrossPositions = (output.positionC ?? 0) * output.delta * positionPairs * (1 + (rows.batch - 1) * output.c);
  const cross = samePosition * output.delta * output.c + otherPositions * alignedCross + acrossPositions;
  const meanField = fanIn * fanOut * input.q * Math.max(n * output.delta + input.c * cross, 0);
  // The position-shared part b·z (Gradient.positionAligned) pairs the positions of one sample alike.
  const spreadPairs = alignedGain * n * (n - 1) + positionAlignedGain * positionPairs;
  const spread = spreadPairs * (fanIn * input.q) ** 2 * rowSpread(input, fanIn);
  return meanField + spread;
}
