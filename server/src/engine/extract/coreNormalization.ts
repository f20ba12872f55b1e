/**
 * Normalization written with core ops, as an instance or layer norm by hand is:
 *
 *     const { mean, variance } = tf.moments(x, [1, 2], true);
 *     x.sub(mean).div(variance.add(eps).sqrt())      // or .mul(tf.rsqrt(...)), tf.batchNorm(x, mean, variance)
 *
 * normalizes x: what follows starts again at unit scale, as after tfjs's layerNormalization
 * (coreApi.ts makes the layer). The statistics are followed only as statistics of x (its mean,
 * its variance plus a constant, the square root or reciprocal root of that, x minus its mean);
 * any other use of them is an ordinary tensor.
 */
import { hasTag, madeObject, type GraphNode, type TensorValue, type Value } from './values';

type Statistic = NonNullable<TensorValue['statisticOf']>['stat'];

function statistic(node: GraphNode, stat: Statistic): TensorValue {
  return { tag: 'tensor', statisticOf: { node, stat } };
}

function statOf(value: Value | undefined): TensorValue['statisticOf'] {
  return hasTag(value, 'tensor') ? value.statisticOf : undefined;
}

/** `tf.moments(x, axes)` of a core-API tensor: its mean and variance, as statistics of x. */
export function momentsOf(input: Value): Value | undefined {
  if (!hasTag(input, 'tensor') || input.node?.placement !== 'core') return undefined;
  return madeObject([['mean', statistic(input.node, 'mean')], ['variance', statistic(input.node, 'variance')]]);
}

/**
 * `op(a, b)` (or `a.op(b)`) on statistics of a core-API tensor: the statistic it keeps or makes,
 * `{ normalizes }` when it completes the normalization of that tensor, undefined for any other op.
 */
export function statisticStep(op: string, a: Value, b: Value | undefined): { value: Value } | { normalizes: GraphNode } | undefined {
  const first = statOf(a);
  const second = statOf(b);
  if (first && !second) {
    // The variance plus an epsilon is still the variance; its root the sd, its reciprocal root 1/sd.
    if (op === 'add' && first.stat === 'variance' && typeof b === 'number') return { value: a };
    if (op === 'sqrt' && first.stat === 'variance') return { value: statistic(first.node, 'sd') };
    if (op === 'rsqrt' && first.stat === 'variance') return { value: statistic(first.node, 'inverseSd') };
    return undefined;
  }
  if (op === 'sub' && second?.stat === 'mean' && hasTag(a, 'tensor') && a.node === second.node) return { value: statistic(second.node, 'centred') };
  const divides = (op === 'div' && second?.stat === 'sd') || (op === 'mul' && second?.stat === 'inverseSd');
  return first?.stat === 'centred' && divides && first.node === second?.node ? { normalizes: first.node } : undefined;
}

/** `tf.batchNorm(x, mean, variance, ...)` with the moments of x: the tensor it normalizes. */
export function batchNormInput(input: Value, mean: Value, variance: Value): GraphNode | undefined {
  const node = hasTag(input, 'tensor') ? input.node : undefined;
  return node && statOf(mean)?.node === node && statOf(variance)?.node === node ? node : undefined;
}
