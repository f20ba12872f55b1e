/**
 * Parts of a built functional model read back to build another (model surgery): `m.inputs` and
 * `m.outputs` (`m.input`/`m.output` when there is one), `m.getLayer(name)` by the name written in
 * a layer's config, and a layer's `output`/`input`, the tensors of its one application:
 * `tf.model({ inputs: m.inputs, outputs: head.apply(m.getLayer('trunk').output) })`.
 * A layer applied more than once has no single output (tfjs throws): unknown then, as is any part
 * of a model whose graph is not known.
 */
import { reachable } from './finalize';
import { UNKNOWN, type ArrayValue, type GraphNode, type LayerValue, type ModelState, type TensorValue, type Value } from './values';

/** `m.inputs`, `m.outputs`, `m.input`, `m.output` of a functional model; undefined for other members. */
export function modelGraphMember(state: ModelState, name: string): Value | undefined {
  if (name !== 'inputs' && name !== 'outputs' && name !== 'input' && name !== 'output') return undefined;
  const nodes = name.startsWith('input') ? state.graphInputs : state.graphOutputs;
  if (state.api !== 'functional' || nodes.length === 0 || state.unresolved.includes(name.startsWith('input') ? 'inputs' : 'outputs')) return UNKNOWN;
  if (name === 'inputs' || name === 'outputs') return tensorsOf(nodes);
  return nodes.length === 1 ? tensorOf(nodes[0]) : UNKNOWN;
}

/** `m.getLayer('trunk_a')`: the layer of a functional model whose config names it so; unknown when none or several do. */
export function layerNamed(state: ModelState, name: Value): Value {
  if (typeof name !== 'string' || state.api !== 'functional' || state.graphOutputs.length === 0) return UNKNOWN;
  const layers = new Set<LayerValue>();
  for (const node of reachable(state.graphOutputs)) if (node.layer && node.proto.explicitName === name) layers.add(node.layer);
  return layers.size === 1 ? [...layers][0] : UNKNOWN;
}

/** `layer.output` and `layer.input`: the tensors of its one application in a graph. */
export function layerGraphMember(layer: LayerValue, name: string): Value {
  const node = layer.application;
  if (!node || (name !== 'output' && name !== 'input')) return UNKNOWN;
  if (name === 'output') return tensorOf(node);
  return node.inputs.length === 1 ? tensorOf(node.inputs[0]) : node.inputs.length > 1 ? tensorsOf(node.inputs) : UNKNOWN;
}

function tensorOf(node: GraphNode): TensorValue {
  return { tag: 'tensor', node };
}

function tensorsOf(nodes: GraphNode[]): ArrayValue {
  return { tag: 'array', items: nodes.map(tensorOf) };
}
