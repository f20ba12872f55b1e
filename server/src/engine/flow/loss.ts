/**
 * The probe's loss (DESIGN section 7): L = mean over the B×m output entries of (ŷ - y)², y ~ N(0,1)
 * independent of everything. dL/dŷ = 2(ŷ - y)/(B m), so
 *   Δ = 4 (q + 1)/(B m)²  and  c_δ = q c/(q + 1)
 * (the target part is uncorrelated across samples, the prediction part keeps the output's c);
 * the prediction part is δ's component aligned with the output itself, k = 2/(B m).
 * tfjs sums the losses of several outputs.
 */
import { correlation, type Gradient, type Signal } from './signal';

export function mseLossGradient(output: Signal, batch: number): Gradient {
  const entries = output.shape.reduce<number>((product, size) => product * (size ?? 1), 1);
  const scale = 2 / (batch * entries);
  const delta = scale * scale * (output.q + 1);
  return { delta, c: correlation(output.q * output.c, output.q + 1), aligned: scale };
}
