/**
 * The core API op each loss call read (training.ts records it, finalize.ts reads it): a loss that
 * read an op the same model reads on later is not on the model's output.
 */
import type { LossIR } from '../ir';
import type { GraphNode } from './values';

const inputs = new WeakMap<LossIR, GraphNode>();

export function noteCoreLossInput(loss: LossIR, node: GraphNode): void {
  inputs.set(loss, node);
}

/**
 * Whether a loss read an op of a core API model that later code of the same model reads on (the
 * objectness logits a detector's loss takes before `tf.sigmoid(box)` of the same output adds a
 * layer): it was the model's last op when the loss ran but is not its output, so the loss says
 * nothing about the output's activation.
 */
export function readsInnerCoreOp(loss: LossIR): boolean {
  const node = inputs.get(loss);
  return node?.owner !== undefined && node.owner.coreNodes.some((other) => other.inputs.includes(node));
}
