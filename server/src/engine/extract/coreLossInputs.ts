/**
 * The core API op each loss call read (training.ts records it, finalize.ts reads it): a loss that
 * read an op the same model reads on later is not on the model's output.
 */
import type { LossIR } from '../ir';
import type { GraphNode } from './values';

/** The op a loss read, and whether it read it before any activation was put on it (its logits). */
const inputs = new WeakMap<LossIR, { node: GraphNode; beforeActivation: boolean }>();

/** `preActivation`: the tensor read is a layer's output before its activation (values.ts TensorValue). */
export function noteCoreLossInput(loss: LossIR, node: GraphNode, preActivation: boolean): void {
  inputs.set(loss, { node, beforeActivation: preActivation && node.proto.ir.activation === undefined });
}

/**
 * Whether a loss read an op of a core API model that is not the model's output as finalized:
 * - later code of the same model reads on from it (the objectness logits a detector's loss takes
 *   before `tf.sigmoid(box)` of the same output adds a layer): it was the model's last op when
 *   the loss ran;
 * - or the loss read it as logits and later code put an activation on it (`tf.softmax(logits)`
 *   for an entropy bonus, after `softmaxCrossEntropy(labels, logits)`): the output's activation
 *   is not what the loss saw.
 * Either way the loss says nothing about the output's activation.
 */
export function readsInnerCoreOp(loss: LossIR): boolean {
  const input = inputs.get(loss);
  if (!input) return false;
  const { node } = input;
  if (input.beforeActivation && node.proto.ir.activation !== undefined) return true;
  return node.owner !== undefined && node.owner.coreNodes.some((other) => other.inputs.includes(node));
}
