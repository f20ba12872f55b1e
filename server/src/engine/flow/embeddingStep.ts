/**
 * embedding: each of the N = B·T token positions reads one row of the [inputDim, outputDim] table.
 * Forward: q = E[w²] of the table's initializer (tfjs default randomUniform ±0.05), and two
 * positions share a row with probability 1/inputDim (ids assumed uniform), hence c = 1/inputDim.
 * Backward: dL/dE sums δ over the positions that read each row, so ‖dL/dE‖² follows the same
 * rows formula as a kernel with one-hot inputs (kernelGradient.ts); ids get no gradient.
 */
import type { LayerIR } from '../ir';
import { initializerMoments, secondMoment } from '../tfjs/initializers';
import { defaultKernelInitializerName } from '../tfjs/layers';
import { kernelGradSquared } from './kernelGradient';
import { positionsOf, ZERO_GRADIENT, type Signal } from './signal';
import type { LayerStep, StepContext } from './step';
import { isKnownSize } from './unknowns';

export function embeddingStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const units = isKnownSize(layer.units) ? layer.units : context.unknown(layer, 'units');
  const vocabulary = isKnownSize(layer.inputDim) ? layer.inputDim : context.unknown(layer, 'vocabulary');
  context.assume(layer, 'probe token ids drawn uniformly from [0, inputDim)');
  const weights = initializerMoments(layer.kernelInitializer ?? defaultKernelInitializerName('embedding'), [vocabulary, units]);
  const v = secondMoment(weights);
  const collision = 1 / vocabulary;
  // The ids themselves: one "feature" per position whose rows coincide with probability 1/inputDim.
  const ids: Signal = { q: 1, c: collision, mean: 0, shape: [...input.shape, 1], spread: undefined, batchDof: undefined, elementwise: undefined };
  const shape = [...input.shape, units];
  const rows = context.batch * Math.max(1, positionsOf(shape));
  return {
    output: { q: v, c: collision, mean: weights.mean, shape, spread: undefined, batchDof: rows - 1, elementwise: undefined },
    // Collisions are what correlates rows here, wherever they sit: count all pairs as one position.
    backward: (g) => ({ inputs: [ZERO_GRADIENT], kernelGradSquared: kernelGradSquared(1, units, { batch: rows, positions: 1 }, ids, g) }),
    report: { fanIn: vocabulary, fanOut: units },
  };
}
