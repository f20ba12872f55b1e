/**
 * One seed of the empirical probe (DESIGN section 7): x, y ~ N(0,1), loss = meanSquaredError,
 * one forward pass in training mode and one backward pass, and per layer ‖dLoss/dKernel‖_F, the
 * sd of the pre-activations and the saturated (sigmoid/tanh |z| > 5) and dead (relu z <= 0)
 * fractions. Everything is read back in a single download; no tensor outlives the call.
 */
import * as tf from '@tensorflow/tfjs';
import { forward, mseLoss, randomInputs, randomTargets, type Network, type Nonlinearity } from './network';

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

function fractionTensor(z: tf.Tensor, kind: Nonlinearity): tf.Scalar {
  const hit = kind === 'saturating' ? tf.greater(tf.abs(z), SATURATION_THRESHOLD) : tf.lessEqual(z, 0);
  return tf.mean(tf.cast(hit, 'float32'));
}

function stdTensor(z: tf.Tensor): tf.Scalar {
  return tf.sqrt(tf.moments(tf.cast(z, 'float32')).variance) as tf.Scalar;
}

/** Frobenius norm over all of a layer's kernels (both directions of a bidirectional layer, ...). */
function kernelNormTensor(grads: tf.Tensor[]): tf.Scalar {
  return tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
}

export async function measureSeed(network: Network, outputs: number[], batch: number, seed: number): Promise<SeedMeasurement> {
  const xs = randomInputs(network, batch, seed);
  const ys = randomTargets(network, batch, seed);
  const kernels = network.nodes.flatMap((n) => n.kernels);
  const kept: tf.Tensor[] = [];
  let pass: { observed: tf.Tensor[]; nonlinearityInput: (tf.Tensor | undefined)[] } | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const result = forward(network, xs, outputs, true);
    // The pre-activations are intermediates of the gradient's tidy scope: keep them for the statistics.
    for (const t of [...result.observed, ...result.nonlinearityInput]) if (t) kept.push(tf.keep(t));
    pass = result;
    return mseLoss(result.outputs, ys);
  }, kernels);
  const { observed, nonlinearityInput } = pass!;

  const summary = tf.tidy(() => {
    const scalars: tf.Scalar[] = [value];
    for (const node of network.nodes) {
      if (node.kernels.length === 0) continue;
      const gs = node.kernels.map((k) => grads[k.name]);
      scalars.push(gs.every((g) => g !== undefined) ? kernelNormTensor(gs) : tf.scalar(NaN));
    }
    network.nodes.forEach((node, i) => {
      scalars.push(stdTensor(observed[i]));
      const z = nonlinearityInput[i];
      if (z && node.nonlinearity) scalars.push(fractionTensor(z, node.nonlinearity));
    });
    return tf.stack(scalars);
  });
  tf.dispose([...xs, ...ys, ...kept, value, ...Object.values(grads)]);
  const values = await summary.data();
  summary.dispose();

  let at = 0;
  const loss = values[at++];
  const gradNorm = network.nodes.map((n) => (n.kernels.length === 0 ? undefined : values[at++]));
  const std: number[] = [];
  const nonlinearityFraction: (number | undefined)[] = [];
  network.nodes.forEach((node, i) => {
    std.push(values[at++]);
    nonlinearityFraction.push(nonlinearityInput[i] && node.nonlinearity ? values[at++] : undefined);
  });
  return { loss, gradNorm, std, nonlinearityFraction };
}
