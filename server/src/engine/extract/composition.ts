/**
 * Models used as layers of other models (DESIGN 3a, composition): `gen.apply(z)`, a sequential
 * applied inside `tf.model`, `tf.sequential({layers: [encoder, decoder]})`, `model.add(other)`.
 * The inner model's layers are inlined into the outer one, any depth (an inner model was inlined
 * the same way when it was built), keeping their objects, so spans point at the inner model's
 * source and a layer applied again is seen as shared. The inner model is still reported on its
 * own. What cannot be inlined becomes one opaque layer, which cuts gradient paths for verdicts.
 */
import type ts from 'typescript';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { reachable } from './finalize';
import { applyLayer, applyLayerTo, nodesOf } from './functional';
import { OPAQUE_MEANING, newProto } from './layerCalls';
import { invoke } from './functions';
import { UNKNOWN, hasTag, type GraphNode, type LayerValue, type ModelState, type ModelValue, type TensorValue, type Value } from './values';

/**
 * `inner.apply(x)`: the inner model's layers applied to `x`; its outputs (an array when several),
 * each knowing the model it is the output of (a loss computed on it trains that model).
 */
export function applyModelAsLayer(ctx: Extraction, callNode: ts.Node, model: ModelValue, args: Arg[]): Value {
  const outputs = inlineModel(ctx, callNode, model.state, args[0]?.value);
  if (outputs.length === 1) return { ...outputs[0], outputOf: model.state };
  return { tag: 'array', items: outputs.map((output, position) => ({ ...output, outputOf: model.state, outputPosition: position })) };
}

function inlineModel(ctx: Extraction, callNode: ts.Node, inner: ModelState, input: Value): TensorValue[] {
  inner.nested = true;
  const from = `from the nested model ${inner.name}`;
  if (inner.api === 'sequential' && inner.sequential.length > 0) {
    let value: TensorValue | undefined;
    for (const entry of inner.sequential) {
      value = applyLayer(ctx, entry.layer, value ?? input, [...entry.notes, from]);
      if (entry.nestedOutputOf && value.node) value.node.nestedOutputOf = entry.nestedOutputOf;
    }
    if (value?.node) value.node.nestedOutputOf = inner.name;
    return value ? [value] : [];
  }
  if (inner.api === 'functional' && inner.graphOutputs.length > 0) return inlineGraph(ctx, inner, nodesOf(input), from);
  return [applyLayer(ctx, opaqueModelLayer(ctx, callNode, inner), input)];
}

/**
 * The inner graph's nodes re-applied in the outer graph: its inputs are the outer tensors (in
 * order), every other node is applied again to the copies of its inputs.
 */
function inlineGraph(ctx: Extraction, inner: ModelState, outerInputs: GraphNode[] | undefined, note: string): TensorValue[] {
  const copies = new Map<GraphNode, GraphNode>();
  inner.graphInputs.forEach((input, i) => {
    const outer = outerInputs?.[i];
    if (outer) copies.set(input, outer);
  });
  for (const node of reachable(inner.graphOutputs)) {
    if (copies.has(node) || !node.layer) continue;
    const inputs = node.inputs.map((input) => copies.get(input)).filter((copy): copy is GraphNode => copy !== undefined);
    const applied = applyLayerTo(ctx, node.layer, inputs, [...node.notes, note]);
    if (inputs.length < node.inputs.length) applied.notes.push('the input of this layer could not be resolved');
    if (node.nestedOutputOf) applied.nestedOutputOf = node.nestedOutputOf;
    copies.set(node, applied);
  }
  return inner.graphOutputs.map((output) => {
    const node = copies.get(output);
    if (node && !inner.graphInputs.includes(output)) node.nestedOutputOf = inner.name;
    return { tag: 'tensor', node };
  });
}

/**
 * A custom layer applied to symbolic tensors: its `call()` run on them (after its `build()`, the
 * first time). Its result is used when it is made only of layers applied, from those inputs:
 * sublayers built in the constructor and applied in call, or core ops on the weights build()
 * added (`tf.relu(tf.matMul(x, this.kernel.read()))`, grafted as the layers they make); anything
 * else (a model built inside, other tensors) leaves the layer opaque, and what the attempt built
 * is dropped.
 */
export function applyThroughCall(ctx: Extraction, layer: LayerValue, input: Value): TensorValue | undefined {
  const call = layer.readThrough;
  const inputs = nodesOf(input);
  if (!call || !inputs || inputs.length === 0) return undefined;
  const models = ctx.models.length;
  const decisions = new Set(ctx.decisionPoints.keys());
  const before = ctx.nextSeq();
  buildOnce(ctx, layer);
  const result = invoke(ctx, call, [{ value: input }]);
  // Conditions inside call() (\`Array.isArray(inputs)\`) are not choices between models.
  for (const key of ctx.decisionPoints.keys()) if (!decisions.has(key)) ctx.decisionPoints.delete(key);
  const built = ctx.models.splice(models);
  for (const dropped of built) {
    for (const [key, state] of ctx.modelsByKey) if (state === dropped) ctx.modelsByKey.delete(key);
  }
  let node = hasTag(result, 'tensor') ? result.node : undefined;
  // Core ops on the layer's own weights begin a core-API model of their own, which the graft replaces.
  const coreChain = node?.placement === 'core' && built.length === 1 && node.owner === built[0];
  if (built.length > 0 && !coreChain) return undefined;
  if (node && coreChain) node = graftCoreChain(ctx, node);
  if (!node || node.seq <= before || !madeOfLayersFrom(node, inputs, before)) return undefined;
  node.notes.push(`read through the call() of custom layer ${layer.proto.ir.factory}`);
  return { tag: 'tensor', node };
}

/** tfjs builds a layer once, on its first application, with the input's shape (not read here). */
function buildOnce(ctx: Extraction, layer: LayerValue): void {
  if (!layer.buildThrough) return;
  invoke(ctx, layer.buildThrough, [{ value: UNKNOWN }]);
  layer.buildThrough = undefined;
}

/**
 * A custom layer applied to concrete tensors, as a training loop without tf.model does
 * (`h = gcn.apply([h, adjacency])` in a forward function): its `call()` runs on them, and the core
 * ops on its weights continue the code's core-API model. Undefined when call() gives no tensor of
 * such a model, made by this call.
 */
export function callThroughEagerly(ctx: Extraction, layer: LayerValue, input: Value): TensorValue | undefined {
  if (!layer.readThrough) return undefined;
  const before = ctx.nextSeq();
  buildOnce(ctx, layer);
  const result = invoke(ctx, layer.readThrough, [{ value: input }]);
  return hasTag(result, 'tensor') && result.node?.placement === 'core' && result.node.seq > before ? result : undefined;
}

/**
 * A custom layer added to a sequential model (`model.add(new ReluProjection({ units: 64 }))`): its
 * `call()` read through as in a graph, on the output of the layer before it; the layers it
 * applies, in order, when they form one chain. Undefined leaves the layer opaque.
 */
export function layersThroughCall(ctx: Extraction, layer: LayerValue, node: ts.Node): LayerValue[] | undefined {
  if (!layer.readThrough) return undefined;
  const previous: GraphNode = { seq: ctx.nextSeq(), proto: newProto(ctx, node, 'input', 'input'), inputs: [], placement: 'apply', notes: [] };
  const output = applyThroughCall(ctx, layer, { tag: 'tensor', node: previous });
  const chain: LayerValue[] = [];
  for (let at = output?.node; at !== previous; at = at.inputs[0]) {
    if (!at?.layer || at.inputs.length !== 1) return undefined;
    chain.push(at.layer);
  }
  return chain.reverse();
}

/**
 * The core-API layers leading to `output`, applied in the functional graph: each first layer to
 * the symbolic tensor its op was given. Undefined when a first layer began on another tensor.
 */
function graftCoreChain(ctx: Extraction, output: GraphNode): GraphNode | undefined {
  const copies = new Map<GraphNode, GraphNode>();
  for (const core of reachable([output])) {
    if (core.placement !== 'core') continue;
    // A core node's input is a core node before it, or the symbolic input itself (a residual add).
    const inputs = core.inputs.length > 0 ? core.inputs.map((input) => copies.get(input) ?? input) : core.rootInput ? [core.rootInput] : undefined;
    if (!inputs) return undefined;
    copies.set(core, applyLayerTo(ctx, core.layer ?? { tag: 'layer', proto: core.proto }, inputs, []));
  }
  return copies.get(output);
}

/** Whether every node after `before` leading to `node` is a known layer applied, back to `inputs` only. */
function madeOfLayersFrom(node: GraphNode, inputs: GraphNode[], before: number): boolean {
  const stack = [node];
  const seen = new Set<GraphNode>();
  let reachesInput = false;
  while (stack.length > 0) {
    const at = stack.pop() as GraphNode;
    if (seen.has(at)) continue;
    seen.add(at);
    if (inputs.includes(at)) {
      reachesInput = true;
      continue;
    }
    if (at.seq <= before || at.placement !== 'apply' || at.proto.ir.kind === 'opaque' || at.inputs.length === 0) return false;
    stack.push(...at.inputs);
  }
  return reachesInput;
}

/**
 * The layers a nested model contributes to a sequential model: a sequential's layers, or a
 * functional model that is a plain chain (one input, one output, one input per layer); else
 * undefined (the caller places one opaque layer).
 */
export function nestedChain(inner: ModelState): LayerValue[] | undefined {
  if (inner.api === 'sequential') return inner.sequential.map((entry) => entry.layer);
  if (inner.api !== 'functional' || inner.graphInputs.length !== 1 || inner.graphOutputs.length !== 1) return undefined;
  const layers: LayerValue[] = [];
  for (let node: GraphNode | undefined = inner.graphOutputs[0]; node && node !== inner.graphInputs[0]; node = node.inputs[0]) {
    if (!node.layer || node.inputs.length !== 1) return undefined;
    layers.push(node.layer);
  }
  return layers.reverse();
}

/** One opaque layer standing for a model that could not be inlined (core API, unresolved outputs). */
export function opaqueModelLayer(ctx: Extraction, node: ts.Node, inner: ModelState): LayerValue {
  const proto = newProto(ctx, node, inner.name, 'opaque');
  proto.ir.notes.push(`the nested ${inner.api} model ${inner.name} could not be inlined: ${OPAQUE_MEANING}`);
  return { tag: 'layer', proto };
}
