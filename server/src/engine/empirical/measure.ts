/**
 * One seed of the empirical probe (DESIGN section 7): x, y ~ N(0,1), loss = meanSquaredError,
 * one forward pass in training mode and one backward pass, and per layer ‖dLoss/dKernel‖_F, the
 * sd of the pre-activations and the saturated (sigmoid/tanh |z| > 5) and dead (relu z <= 0)
 * fractions. No tensor outlives the call.
 */
import * as tf from '@tensorflow/tfjs';
import { frobeniusNorm } from './norm';
import { forward, mseLoss, randomInputs, randomTargets, type ForwardPass, type Network, type Nonlinearity } from './network';

/** |z| beyond which sigmoid/tanh count as saturated (DeepDiagnosis, DESIGN section 6). */
export const SATURATION_THRESHOLD = 5;

export interface SeedMeasurement {
  loss: number;
  /** Per node: ‖dLoss/dKernel‖_F for kernel layers (NaN when no gradient reaches the kernel), else undefined. */
  gradNorm: (number | undefined)[];
  /** Per node: sd of the pre-activation (kernel layers) or of the output (other layers). */
  std: number[];
  /** Per node: share of the nonlinearity's inputs that are saturated or dead, when it has one. */
  nonlinearityFraction: (number | undefined)[];
}

/** Population sd of all entries, in one pass (plain loops beat a dozen small tfjs reductions). */
function sd(values: ArrayLike<number>): number {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    sumSquares += values[i] * values[i];
  }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, sumSquares / values.length - mean * mean));
}

function fraction(values: ArrayLike<number>, kind: Nonlinearity): number {
  let hits = 0;
  for (let i = 0; i < values.length; i++) {
    const z = values[i];
    if (kind === 'saturating' ? Math.abs(z) > SATURATION_THRESHOLD : z <= 0) hits++;
  }
  return hits / values.length;
}

/** Forward and backward pass; the pass's per-node tensors are kept for the statistics (caller disposes). */
function gradientPass(network: Network, outputs: number[], xs: tf.Tensor[], ys: tf.Tensor[]) {
  const kernels = network.nodes.flatMap((n) => n.kernels);
  let pass: ForwardPass | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const result = forward(network, xs, outputs, true);
    // Intermediates of the gradient's tidy scope: keep them past it.
    for (const t of [...result.observed, ...result.nonlinearityInput]) if (t) tf.keep(t);
    pass = result;
    return mseLoss(result.outputs, ys);
  }, kernels);
  return { value, grads, pass: pass! };
}

export async function measureSeed(network: Network, outputs: number[], batch: number, seed: number): Promise<SeedMeasurement> {
  const xs = randomInputs(network, batch, seed);
  const ys = randomTargets(network, batch, seed);
  const { value, grads, pass } = gradientPass(network, outputs, xs, ys);
  const kept = [...pass.observed, ...pass.nonlinearityInput.filter((t): t is tf.Tensor => t !== undefined)];
  try {
    const summary = tf.tidy(() => tf.stack([
      value,
      ...network.nodes
        .filter((node) => node.kernels.length > 0)
        .map((node) => {
          // One norm over all of a layer's kernels (both directions of a bidirectional layer, ...).
          const gs = node.kernels.map((k) => grads[k.name]);
          return gs.every((g) => g !== undefined) ? frobeniusNorm(gs) : tf.scalar(NaN);
        }),
    ]));
    const [scalars, observed, nonlinearityInputs] = await Promise.all([
      summary.data().finally(() => summary.dispose()),
      Promise.all(pass.observed.map((t) => t.data())),
      Promise.all(pass.nonlinearityInput.map((t) => t?.data())),
    ]);
    let at = 1;
    return {
      loss: scalars[0],
      gradNorm: network.nodes.map((n) => (n.kernels.length === 0 ? undefined : scalars[at++])),
      std: observed.map(sd),
      nonlinearityFraction: network.nodes.map((node, i) => {
        const values = nonlinearityInputs[i];
        return values && node.nonlinearity ? fraction(values, node.nonlinearity) : undefined;
      }),
    };
  } finally {
    tf.dispose([...xs, ...ys, ...kept, value, ...Object.values(grads)]);
  }
}
