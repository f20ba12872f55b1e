/** Turns the models built during the walk into ModelIR: layer order, edges, tfjs-style names. */
import type ts from 'typescript';
import type { LayerIR, LayerPlacement, ModelIR, TrainingIR } from '../ir';
import { describeCallSites, sameCallSite, type CallSite } from './callSites';
import type { GraphNode, LayerProto, ModelState } from './values';

/** Names layers like tfjs does in spirit: `name` from the config, else `<factory>_<n>` per model. */
class LayerNamer {
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<object, string>();

  /** The name this layer object already has in the model (it is placed more than once), if any. */
  earlierName(key: object): string | undefined {
    return this.names.get(key);
  }

  /** Names a layer object not named yet. */
  newName(key: object, proto: LayerProto): string {
    let name = proto.explicitName;
    if (!name) {
      const count = (this.counts.get(proto.ir.factory) ?? 0) + 1;
      this.counts.set(proto.ir.factory, count);
      name = `${proto.ir.factory}_${count}`;
    }
    this.names.set(key, name);
    return name;
  }
}

/**
 * A LayerIR with every field present, in one order, undefined where the code does not state it:
 * all layers then share one hidden class, so the flow's and rules' reads of their fields stay
 * monomorphic (fields added one by one made a shape per combination). JSON drops the undefined
 * ones. Layers repeated by a loop get their own LayerIR but share the proto's props, initializers
 * and lists: the IR is read-only for its consumers.
 */
function toLayerIR(proto: LayerProto, index: number, name: string, inputs: number[], placement: LayerPlacement, notes: string[], nestedOutputOf: string | undefined): LayerIR {
  const ir = proto.ir;
  return {
    index,
    name,
    kind: ir.kind,
    factory: ir.factory,
    inputs,
    span: ir.span,
    props: ir.props,
    placement,
    unresolved: ir.unresolved,
    notes: notes.length > 0 ? ir.notes.concat(notes) : ir.notes,
    units: ir.units,
    kernelSize: ir.kernelSize,
    strides: ir.strides,
    padding: ir.padding,
    dilationRate: ir.dilationRate,
    poolSize: ir.poolSize,
    pooling: ir.pooling,
    size: ir.size,
    interpolation: ir.interpolation,
    targetShape: ir.targetShape,
    activation: ir.activation,
    recurrentActivation: ir.recurrentActivation,
    kernelInitializer: ir.kernelInitializer,
    recurrentInitializer: ir.recurrentInitializer,
    biasInitializer: ir.biasInitializer,
    useBias: ir.useBias,
    inputShape: ir.inputShape,
    rate: ir.rate,
    alpha: ir.alpha,
    inputDim: ir.inputDim,
    returnSequences: ir.returnSequences,
    wrapper: ir.wrapper,
    configSpan: ir.configSpan,
    nestedOutputOf: nestedOutputOf || undefined,
  };
}

function sequentialLayers(state: ModelState): LayerIR[] {
  const namer = new LayerNamer();
  return state.sequential.map((entry, index) => {
    const earlier = namer.earlierName(entry.layer);
    const name = earlier ?? namer.newName(entry.layer, entry.layer.proto);
    const notes = earlier ? [...entry.notes, `the same layer object as ${earlier}: shares its weights`] : entry.notes;
    return toLayerIR(entry.layer.proto, index, name, index > 0 ? [index - 1] : [], entry.placement, notes, entry.nestedOutputOf);
  });
}

/** The nodes that lead to the outputs, in creation order (a topological order). */
export function reachable(outputs: GraphNode[]): GraphNode[] {
  const found = new Set<GraphNode>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const node = stack.pop() as GraphNode;
    if (found.has(node)) continue;
    found.add(node);
    stack.push(...node.inputs);
  }
  return [...found].sort((a, b) => a.seq - b.seq);
}

/** Each node's position in `nodes` (whose nodes are distinct). */
function positions(nodes: GraphNode[]): Map<GraphNode, number> {
  const index = new Map<GraphNode, number>();
  nodes.forEach((node, i) => index.set(node, i));
  return index;
}

function graphLayers(nodes: GraphNode[], index: Map<GraphNode, number>): LayerIR[] {
  const namer = new LayerNamer();
  return nodes.map((node, i) => {
    const inputs = node.inputs.map((input) => index.get(input)).filter((k): k is number => k !== undefined);
    const key = node.layer ?? node.proto;
    const name = namer.earlierName(key) ?? namer.newName(key, node.proto);
    const placement: LayerPlacement = { kind: node.placement };
    return toLayerIR(node.proto, i, name, inputs, placement, node.notes, node.nestedOutputOf);
  });
}

/** The nodes no other node takes as input (a core-API model's outputs). */
function unconsumed(nodes: GraphNode[]): GraphNode[] {
  const consumed = new Set<GraphNode>();
  for (const node of nodes) for (const input of node.inputs) consumed.add(input);
  return nodes.filter((node) => !consumed.has(node));
}

/** The model's IR; `training` is the original's for a rebuild (rebuilds share their training). */
export function toModelIR(state: ModelState, training: ModelState['training'] = state.training): ModelIR {
  let layers: LayerIR[];
  let outputs: number[];
  let inputShape: ModelIR['inputShape'];
  if (state.api === 'sequential') {
    layers = sequentialLayers(state);
    outputs = layers.length > 0 ? [layers.length - 1] : [];
    inputShape = layers[0]?.inputShape;
  } else {
    const nodes = state.api === 'functional' ? reachable(state.graphOutputs) : [...state.coreNodes];
    const index = positions(nodes);
    layers = graphLayers(nodes, index);
    const outputNodes = state.api === 'functional' ? state.graphOutputs : unconsumed(nodes);
    outputs = outputNodes.map((node) => index.get(node)).filter((i): i is number => i !== undefined);
    const first = state.api === 'functional' ? (state.graphInputs[0] ?? nodes[0]) : nodes[0];
    inputShape = first?.proto.ir.inputShape;
  }
  const model: ModelIR = { name: state.name, api: state.api, span: state.span, nameSpan: state.nameSpan, layers, outputs, unresolved: state.unresolved, notes: [...state.notes] };
  if (inputShape) model.inputShape = inputShape;
  if (training.optimizer || training.calls.length > 0 || training.clipping.length > 0) {
    const trainingIR: TrainingIR = { calls: training.calls, clipping: training.clipping };
    if (training.optimizer) trainingIR.optimizer = training.optimizer;
    if (training.losses.length > 0) trainingIR.losses = training.losses;
    if (training.compile) trainingIR.compile = training.compile;
    model.training = trainingIR;
  }
  return model;
}

/** The reported models in source order; when the walk stopped early, each says so. */
export function finalizeModels(states: ModelState[], fileNotes: string[], sourceFile: ts.SourceFile): ModelIR[] {
  const stopped = fileNotes.filter((note) => note.includes('not analysed'));
  return states
    .filter((state) => state.registered)
    .sort((a, b) => a.span.start - b.span.start)
    .flatMap((state) => modelsOfDefinition(state, sourceFile))
    .map((model) => {
      model.notes.push(...stopped);
      return model;
    });
}

/**
 * The model a definition builds, or one variant per distinct build when calls from different
 * places (a factory called with other arguments) build it differently.
 */
function modelsOfDefinition(state: ModelState, sourceFile: ts.SourceFile): ModelIR[] {
  const model = toModelIR(state);
  if (!state.rebuilds) return [labelledByImporter(model, state, sourceFile)];
  const builds = [state, ...state.rebuilds];
  const groups = new Map<string, { states: ModelState[]; model: ModelIR }>();
  for (const build of builds) {
    const ir = build === state ? model : { ...toModelIR(build, state.training), name: model.name, nameSpan: model.nameSpan };
    const key = JSON.stringify(ir);
    const group = groups.get(key);
    if (group) group.states.push(build);
    else groups.set(key, { states: [build], model: ir });
  }
  if (groups.size === 1) return [model];
  const differsAt = firstDifferentSite(builds);
  return [...groups.values()].map((group) => {
    const label = callSiteLabel(group.states, differsAt, sourceFile);
    return { ...group.model, variant: { label, conditions: [label] } };
  });
}

/**
 * A model built only by a call in an importing file says so: nothing in this file tells the
 * reader which arguments it was built with.
 */
function labelledByImporter(model: ModelIR, state: ModelState, sourceFile: ts.SourceFile): ModelIR {
  const site = state.callSites[0];
  if (!site?.importer) return model;
  const label = describeCallSites([site], sourceFile);
  return { ...model, variant: { label, conditions: [label] } };
}

/** The depth of the call stack at which the builds' call sites stop being the same call. */
function firstDifferentSite(builds: ModelState[]): number {
  for (let depth = 0; ; depth++) {
    const first = builds[0].callSites[depth];
    const same = builds.every((build) => sameCallSite(build.callSites[depth], first));
    if (!same || first === undefined) return depth;
  }
}

function callSiteLabel(states: ModelState[], depth: number, sourceFile: ts.SourceFile): string {
  return describeCallSites(states.map((state) => state.callSites[depth]).filter((site): site is CallSite => site !== undefined), sourceFile);
}
