/**
 * How much one training step of a model costs, counted (not timed, so the batch a case gets is the
 * same on every machine): multiply-adds of the forward pass per sample, each weight matrix times
 * the positions it is applied at (one for dense, every output pixel for convolutions, every time
 * step for recurrent layers). The pure-JS CPU backend runs about 10^8 of them a second; a deep
 * convolutional net at batch 32 would take minutes per step, so such models train on smaller
 * batches (batchFor), and the table says so.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelIR } from '../../server/src/engine/ir';
import { buildNetwork, disposeNetwork } from '../../server/src/engine/empirical/network';
import { isRecurrentKind } from '../../server/src/engine/tfjs/layers';

/** Forward + backward multiply-adds of one step above which the batch shrinks. */
export const STEP_BUDGET_MACS = 6e7;
/** The smallest batch a costly model trains on: batch statistics and accuracy still mean something. */
export const MIN_BATCH = 4;

function shapeOf(tensor: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.Shape {
  return (Array.isArray(tensor) ? tensor[0] : tensor).shape;
}

/** Forward multiply-adds per sample of the model built from `model` (throws as buildNetwork does). */
export function forwardMacsPerSample(model: ModelIR): number {
  return tf.tidy(() => {
    const network = buildNetwork(model, 0);
    try {
      let macs = 0;
      for (const node of network.nodes) {
        const body = node.body;
        // An embedding looks rows up: no multiply-adds.
        if (!body || node.layer.kind === 'embedding') continue;
        const matrices = body.trainableWeights.filter((w) => w.shape.length >= 2).reduce((a, w) => a + (w.shape as number[]).reduce((x, y) => x * y, 1), 0);
        if (matrices === 0) continue;
        const input = shapeOf(body.input);
        const output = shapeOf(body.output);
        const positions = isRecurrentKind(node.layer.kind)
          ? (input[1] ?? 1)
          : output.slice(1, -1).reduce((a: number, b) => a * (b ?? 1), 1);
        macs += matrices * positions;
      }
      return macs;
    } finally {
      disposeNetwork(network);
    }
  });
}

/** `preferred`, halved until a step (forward and backward, about 3x the forward) fits STEP_BUDGET_MACS. */
export function batchFor(macsPerSample: number, preferred: number): number {
  let batch = preferred;
  while (batch > MIN_BATCH && 3 * macsPerSample * batch > STEP_BUDGET_MACS) batch /= 2;
  return Math.max(MIN_BATCH, Math.floor(batch));
}
