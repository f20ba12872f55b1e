/**
 * The functional API: `tf.input` creates graph inputs, `layer.apply(x)` creates graph nodes (a
 * layer applied twice is shared), `tf.layers.add/concatenate().apply([a, b])` join branches
 * (residual and skip connections), `tf.model({inputs, outputs})` closes the graph.
 */
import type ts from 'typescript';
import type { Arg } from './calls';
import { invokeCallbacks } from './calls';
import type { Extraction } from './context';
import { applyThroughCall, callThroughEagerly } from './composition';
import { applyLayerEagerly, runsEagerly } from './coreApi';
import { newProto } from './layerCalls';
import { newModelState } from './models';
import { UNKNOWN, hasTag, inputShapeOf, propIR, type GraphNode, type LayerValue, type ModelValue, type TensorValue, type Value } from './values';

export function createInput(ctx: Extraction, callNode: ts.Node, args: Arg[]): TensorValue {
  ctx.effects++;
  const proto = newProto(ctx, callNode, 'input', 'input');
  const config = args[0]?.value;
  if (hasTag(config, 'object')) {
    if (config.span && ctx.inMainFile) proto.ir.configSpan = config.span;
    if (ctx.inMainFile) {
      config.props.forEach((member, key) => {
        proto.ir.props[key] = propIR(member);
      });
    }
    const shape = config.props.get('shape');
    const batchShape = config.props.get('batchShape');
    if (shape) {
      const dims = inputShapeOf(shape.value);
      if (dims) proto.ir.inputShape = dims.dims;
      if (!dims?.complete) proto.ir.unresolved.push('shape');
    } else if (batchShape) {
      const dims = inputShapeOf(batchShape.value);
      if (dims && dims.dims.length > 0) proto.ir.inputShape = dims.dims.slice(1);
      if (!dims?.complete || dims.dims.length === 0) proto.ir.unresolved.push('batchShape');
    }
    const name = config.props.get('name')?.value;
    if (typeof name === 'string') proto.explicitName = name;
  }
  const node: GraphNode = { seq: ctx.nextSeq(), proto, inputs: [], placement: 'apply', notes: [...ctx.conditions] };
  return { tag: 'tensor', node };
}

/** The graph nodes a value stands for: a symbolic tensor, or an array of them. */
export function nodesOf(value: Value): GraphNode[] | undefined {
  if (hasTag(value, 'tensor')) return value.node ? [value.node] : undefined;
  if (hasTag(value, 'array')) {
    const nodes: GraphNode[] = [];
    for (const item of value.items) {
      const inner = nodesOf(item);
      if (!inner) return undefined;
      nodes.push(...inner);
    }
    return nodes;
  }
  return undefined;
}

export function callLayerMethod(ctx: Extraction, callNode: ts.Node, layer: LayerValue, name: string, args: Arg[]): Value {
  if (name !== 'apply') {
    invokeCallbacks(ctx, args);
    return UNKNOWN;
  }
  const input = args[0]?.value;
  // A custom layer on concrete tensors (no symbolic input among them): its call() runs on them.
  const eager = !nodesOf(input)?.some((node) => node.placement === 'apply') && callThroughEagerly(ctx, layer, input);
  if (eager) return eager;
  if (runsEagerly(layer, input)) return statesOf(layer, applyLayerEagerly(ctx, callNode, layer, input));
  const options = args[1]?.value;
  const initialState = hasTag(options, 'object') ? nodesOf(options.props.get('initialState')?.value) : undefined;
  const output = (!initialState && applyThroughCall(ctx, layer, args[0]?.value)) || applyLayer(ctx, layer, args[0]?.value, [], initialState);
  return statesOf(layer, output);
}

/**
 * A recurrent layer with `returnState: true` returns [output, h] (lstm: [output, h, c]); the
 * states come from the same layer, so each stands for its node.
 */
function statesOf(layer: LayerValue, output: TensorValue): Value {
  const last = layer.stacked?.[layer.stacked.length - 1] ?? layer;
  if (!last.proto.returnState) return output;
  const states = last.proto.ir.kind === 'lstm' ? 2 : 1;
  return { tag: 'array', items: [output, ...Array.from({ length: states }, (): TensorValue => ({ tag: 'tensor', node: output.node }))] };
}

/**
 * `layer.apply(input)`; `initialState` (a recurrent layer started from another one's states, as
 * a seq2seq decoder is) adds the state's layers as inputs: the gradient reaches them through it.
 */
export function applyLayer(ctx: Extraction, layer: LayerValue, input: Value, notes: string[] = [], initialState?: GraphNode[]): TensorValue {
  const inputs = nodesOf(input) ?? [];
  for (const state of initialState ?? []) if (!inputs.includes(state)) inputs.push(state);
  let node = applyLayerTo(ctx, layer, inputs, notes);
  if (initialState?.length) node.notes.push('starts from the states of another recurrent layer (initialState): the flow does not model the gradient through those states');
  if (input !== undefined && node.inputs.length === 0 && !hasTag(input, 'unknown')) node.notes.push('the input of this layer could not be resolved');
  for (const cell of layer.stacked ?? []) node = applyLayerTo(ctx, cell, [node], notes);
  return { tag: 'tensor', node };
}

/** A new graph node: `layer` applied to `inputs` (noted as shared when the layer was applied before). */
export function applyLayerTo(ctx: Extraction, layer: LayerValue, inputs: GraphNode[], notes: string[]): GraphNode {
  const node: GraphNode = { seq: ctx.nextSeq(), proto: layer.proto, inputs, placement: 'apply', layer, notes: [...ctx.conditions, ...notes] };
  if (inputs.every((input) => input.detached)) node.detached = true;
  const applied = ctx.applications.get(layer);
  // A training step applies the same model to fresh batches every iteration: that changes no model,
  // so such a loop may stop early as idle (loops.ts) instead of running to its step limit.
  if (!applied || !node.detached) ctx.effects++;
  if (applied) node.notes.push('a shared layer: the same layer object is applied again here, with the same weights');
  else ctx.applications.set(layer, node);
  layer.application = layer.application === undefined ? node : null;
  return node;
}

export function createFunctionalModel(ctx: Extraction, callNode: ts.Node, args: Arg[]): ModelValue {
  const state = newModelState(ctx, 'functional', callNode);
  ctx.effects++;
  const config = args[0]?.value;
  const inputs = hasTag(config, 'object') ? nodesOf(config.props.get('inputs')?.value) : undefined;
  const outputs = hasTag(config, 'object') ? nodesOf(config.props.get('outputs')?.value) : undefined;
  if (inputs) state.graphInputs = inputs;
  else state.unresolved.push('inputs');
  if (outputs) state.graphOutputs = outputs;
  else {
    state.unresolved.push('outputs');
    state.notes.push('the outputs of tf.model could not be resolved statically: no layers are known');
  }
  return { tag: 'model', state };
}
