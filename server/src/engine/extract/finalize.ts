/** Turns the models built during the walk into ModelIR: layer order, edges, tfjs-style names. */
import type ts from 'typescript';
import type { InitializerIR, LayerIR, LayerPlacement, ModelIR, Span, TrainingIR } from '../ir';
import { isReplacedBeforeTraining, weightsSetWhereItLands, whyEveryBuildIsLeftUntrained } from './abandonedModels';
import { readsInnerCoreOp } from './coreLossInputs';
import { describeCallSites, sameCallSite, type CallSite } from './callSites';
import type { NeverBuilt } from './unusedBuilders';
import type { ReadFile } from './context';
import { fewOf } from '../listPhrase';
import { sameJson } from './sameJson';
import { foldUntrained } from './variants';
import { emptyTraining, type GraphNode, type LayerProto, type ModelState } from './values';

/**
 * Names layers like tfjs does in spirit: `name` from the config, else `<factory>_<n>` per model.
 * Two Maps per model (or fresh lists, which grow in steps of 17) were a noticeable share of
 * extraction's allocation: naming runs one model at a time, so one namer's lists serve every
 * model, reset before and after each. A model with many layers gets a Map for its names.
 */
class LayerNamer {
  private readonly factories: string[] = [];
  private readonly counts: number[] = [];
  private readonly keys: object[] = [];
  private readonly names: string[] = [];
  private byKey: Map<object, string> | undefined;

  /** Forgets the names given so far (and lets go of their layer objects). */
  reset(): void {
    this.factories.length = 0;
    this.counts.length = 0;
    this.keys.length = 0;
    this.names.length = 0;
    this.byKey = undefined;
  }

  /** The name this layer object already has in the model (it is placed more than once), if any. */
  earlierName(key: object): string | undefined {
    if (this.byKey) return this.byKey.get(key);
    const at = this.keys.indexOf(key);
    return at >= 0 ? this.names[at] : undefined;
  }

  /** Names a layer object not named yet. */
  newName(key: object, proto: LayerProto): string {
    let name = proto.explicitName;
    if (!name) {
      const factory = proto.ir.factory;
      let at = this.factories.indexOf(factory);
      if (at < 0) at = this.factories.push(factory) - 1;
      const count = (this.counts[at] ?? 0) + 1;
      this.counts[at] = count;
      name = `${factory}_${count}`;
    }
    if (this.byKey) {
      this.byKey.set(key, name);
    } else if (this.keys.length < MAX_LISTED_NAMES) {
      this.keys.push(key);
      this.names.push(name);
    } else {
      this.byKey = new Map(this.keys.map((known, i) => [known, this.names[i]]));
      this.byKey.set(key, name);
    }
    return name;
  }
}

/** Beyond this many layers in a model, looking a layer object up in a list costs more than a Map. */
const MAX_LISTED_NAMES = 64;

const namer = new LayerNamer();

/** Stand-ins for the fields a layer gets when it is placed in a model (toLayerIR). */
const UNPLACED_INPUTS: number[] = [];
const UNPLACED: LayerPlacement = { kind: 'core' };

/**
 * A layer's IR with every field present, in one order, undefined where the code does not state
 * it: all layers then share one hidden class, so the flow's and rules' reads of their fields stay
 * monomorphic (fields added one by one made a shape per combination), and setting a field later
 * does not grow the object. JSON drops the undefined ones.
 */
export function newLayerIR(kind: LayerIR['kind'], factory: string, span: Span, notes: string[]): LayerIR {
  return {
    index: -1,
    name: '',
    kind,
    factory,
    inputs: UNPLACED_INPUTS,
    span,
    props: {},
    placement: UNPLACED,
    unresolved: [],
    notes,
    units: undefined,
    kernelSize: undefined,
    strides: undefined,
    padding: undefined,
    dataFormat: undefined,
    dilationRate: undefined,
    poolSize: undefined,
    pooling: undefined,
    size: undefined,
    interpolation: undefined,
    targetShape: undefined,
    permuteDims: undefined,
    activation: undefined,
    recurrentActivation: undefined,
    kernelInitializer: undefined,
    recurrentInitializer: undefined,
    biasInitializer: undefined,
    useBias: undefined,
    inputShape: undefined,
    rate: undefined,
    alpha: undefined,
    inputDim: undefined,
    returnSequences: undefined,
    wrapper: undefined,
    configSpan: undefined,
    nestedOutputOf: undefined,
  };
}

/**
 * The LayerIR of one placement of a layer object. The first placement completes the layer's own
 * IR instead of copying it (most layers are placed once; the copy was a large share of
 * extraction's allocation); later placements (a layer repeated by a loop, a shared layer, a
 * model inlined into another) get a copy of its fields. The copies share the layer's props,
 * initializers and lists: the IR is read-only for its consumers.
 */
function toLayerIR(proto: LayerProto, index: number, name: string, inputs: number[], placement: LayerPlacement, notes: string[], nestedOutputOf: string | undefined): LayerIR {
  const ir = proto.ir;
  if (proto.unplacedNotes === undefined) {
    proto.unplacedNotes = ir.notes;
    ir.index = index;
    ir.name = name;
    ir.inputs = inputs;
    ir.placement = placement;
    if (notes.length > 0) ir.notes = ir.notes.concat(notes);
    ir.nestedOutputOf = nestedOutputOf || undefined;
    return ir;
  }
  const unplacedNotes = proto.unplacedNotes;
  // Every LayerIR comes from newLayerIR: the copy keeps its fields in their order (one shape).
  return {
    ...ir,
    index,
    name,
    inputs,
    placement,
    notes: notes.length > 0 ? unplacedNotes.concat(notes) : unplacedNotes,
    nestedOutputOf: nestedOutputOf || undefined,
  };
}

function sequentialLayers(state: ModelState): LayerIR[] {
  namer.reset();
  const layers = state.sequential.map((entry, index) => {
    const earlier = namer.earlierName(entry.layer);
    const name = earlier ?? namer.newName(entry.layer, entry.layer.proto);
    const notes = earlier ? [...entry.notes, `the same layer object as ${earlier}: shares its weights`] : entry.notes;
    return toLayerIR(entry.layer.proto, index, name, index > 0 ? [index - 1] : [], entry.placement, notes, entry.nestedOutputOf);
  });
  namer.reset();
  return layers;
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
  namer.reset();
  const layers = nodes.map((node, i) => {
    const found = node.inputs.map((input) => index.get(input));
    const inputs = found.includes(undefined) ? found.filter((k): k is number => k !== undefined) : (found as number[]);
    const key = node.layer ?? node.proto;
    const name = namer.earlierName(key) ?? namer.newName(key, node.proto);
    const placement: LayerPlacement = { kind: node.placement };
    return toLayerIR(node.proto, i, name, inputs, placement, node.notes, node.nestedOutputOf);
  });
  namer.reset();
  return layers;
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
  if (state.builtIn) model.builtIn = state.builtIn;
  if (state.builtThrough) model.builtThrough = state.builtThrough;
  if (training.optimizer || training.calls.length > 0 || training.clipping.length > 0) {
    const trainingIR: TrainingIR = { calls: training.calls, clipping: training.clipping };
    if (training.optimizer) trainingIR.optimizer = training.optimizer;
    const losses = training.losses.filter((loss) => !readsInnerCoreOp(loss));
    if (losses.length > 0) trainingIR.losses = losses;
    if (training.compile) trainingIR.compile = training.compile;
    model.training = trainingIR;
  }
  return model;
}

/** The reported models in source order; when the walk stopped early, each says so. */
export function finalizeModels(states: ModelState[], fileNotes: string[], sourceFile: ts.SourceFile, neverBuilt: NeverBuilt, readFile?: ReadFile): ModelIR[] {
  const stopped = fileNotes.filter((note) => note.includes('not analysed'));
  const models: ModelIR[] = [];
  for (const state of states.filter((state) => state.registered).sort((a, b) => a.span.start - b.span.start)) {
    for (const model of modelsOfDefinition(state, sourceFile, neverBuilt, readFile)) {
      if (stopped.length > 0) model.notes.push(...stopped);
      models.push(model);
    }
  }
  return models;
}

/**
 * A model only looked at is an aside (a reference, an ablation's size) where the file trains
 * another; in a file that trains none, it may be the one the user is about to train. Asked of all
 * the runs' models together: a run down a branch that returns before training (`--legacy-summary`
 * prints the old decoder and exits) trains nothing, yet the file does. A model disposed where it
 * is left (a latency probe in a React effect), or left in an importer that trains models of its
 * own, itself or through a trainer module it imports (the training script times the builder's
 * probe), stays untrained: no code added later in this file can train it.
 */
export function keepUntrainedWhereNothingTrains(models: readonly ModelIR[]): void {
  if (models.some((model) => model.training !== undefined)) return;
  for (const model of models) if (!model.staysUntrained) delete model.neverTrained;
}

/** Whether training takes steps (`fit`, `minimize`...): a compile alone sets up an optimizer that never acts. */
function takesSteps(training: TrainingIR | undefined): boolean {
  return training?.calls.some((call) => call.kind !== 'compile') ?? false;
}

/**
 * The model a definition builds, or one variant per distinct build when calls from different
 * places (a factory called with other arguments) build it differently.
 */
function modelsOfDefinition(state: ModelState, sourceFile: ts.SourceFile, neverBuilt: NeverBuilt, readFile?: ReadFile): ModelIR[] {
  const models = buildsOfDefinition(state, sourceFile, neverBuilt, readFile);
  // Said of every model after grouping, so that it does not set the first build apart.
  if (state.moreBuilds) for (const model of models) model.notes.push(`built more than ${state.moreBuilds} times; only the first ${state.moreBuilds} builds are analysed`);
  return models;
}

function buildsOfDefinition(state: ModelState, sourceFile: ts.SourceFile, neverBuilt: NeverBuilt, readFile?: ReadFile): ModelIR[] {
  const model = toModelIR(state);
  if (!state.rebuilds) return model.training === undefined && replacedBeforeTraining(state, sourceFile) ? [] : [whetherBuilt(labelledByImporter(model, state, sourceFile), [state], neverBuilt, sourceFile, readFile)];
  const builds = [state, ...state.rebuilds];
  // Builds with the same JSON are one model.
  const groups: { states: ModelState[]; model: ModelIR; compared: ModelIR }[] = [];
  for (const build of builds) {
    // Each build as trained through its own values: variants do not share one another's compile.
    const ir = { ...toModelIR(build, build.buildTraining ?? emptyTraining()), name: model.name, nameSpan: model.nameSpan };
    const compared = unseeded(ir);
    // A build at an importer's loop item is built in every run alike; one from elsewhere may be
    // built so only where a decision is forced: grouped, the two would carry that run's conditions.
    const group = groups.find((known) => sameJson(known.compared, compared) && atLoopItem(known.states[0]) === atLoopItem(build));
    if (group) group.states.push(build);
    else groups.push({ states: [build], model: ir, compared });
  }
  foldUntrained(groups, (group) => group.compared, (into, from) => {
    into.states.push(...from.states);
    into.states.sort((a, b) => builds.indexOf(a) - builds.indexOf(b));
  });
  const kept = groups.filter((group) => group.model.training !== undefined || !group.states.every((build) => replacedBeforeTraining(build, sourceFile)));
  if (kept.length < groups.length) {
    if (kept.length <= 1) return kept.map((group) => whetherBuilt(group.model, group.states, neverBuilt, sourceFile, readFile));
    groups.splice(0, groups.length, ...kept);
  }
  // The group's first build, not the definition's: a scoring pass folded into the trained one may come first.
  if (groups.length === 1) return [whetherBuilt({ ...model, layers: groups[0].model.layers }, builds, neverBuilt, sourceFile, readFile)];
  // Builds that differ at no call site (a loop calling the factory at one place) are labelled by the innermost call.
  const differsAt = Math.min(firstDifferentSite(builds), Math.max(0, ...builds.map((build) => build.callSites.length - 1)));
  const labels = groups.map((group) => callSiteLabel(group.states, differsAt, sourceFile));
  return groups.map((group, i) => {
    // Builds from the same call (a loop over specs) are told apart by their order.
    if (!labels.some((other, j) => j !== i && other === labels[i])) return whetherBuilt({ ...group.model, variant: { label: labels[i], conditions: [labels[i]] } }, group.states, neverBuilt, sourceFile, readFile);
    const numbers = group.states.map((build) => builds.indexOf(build) + 1);
    const label = `${labels[i]}, build${numbers.length > 1 ? 's' : ''} ${fewOf(numbers.map(String), 3)}`;
    return whetherBuilt({ ...group.model, variant: { label, conditions: [label], builds: numbers } }, group.states, neverBuilt, sourceFile, readFile);
  });
}

function atLoopItem(build: ModelState): boolean {
  return build.callSites.some((site) => site.importer?.item !== undefined);
}

/**
 * The model, marked as never built when every build of it starts in code nothing runs
 * (unusedBuilders.ts): its outermost call in this file, or its definition when nothing called it;
 * else, untrained, as never trained when every build is left so (abandonedModels.ts).
 */
function whetherBuilt(model: ModelIR, builds: readonly ModelState[], neverBuilt: NeverBuilt, sourceFile: ts.SourceFile, readFile?: ReadFile): ModelIR {
  // Built by an imported helper: only this file's calls of it say where a build starts.
  if (model.builtIn !== undefined && builds.some((build) => build.callSites.length === 0)) return model;
  if (builds.every((build) => build.weightsSetBeforeTraining || weightsSetWhereItLands(sourceFile, build))) model.initialWeightsReplaced = `${model.name} is given other weights (setWeights()) before any training step, so its initializers never act`;
  const why = neverBuilt(
    builds.map((build) => {
      const site = build.callSites[0];
      return site === undefined ? build.span : site.importer ? undefined : site;
    }),
    () => builds.map((build) => [...build.callSites.filter((site) => !site.importer), build.span]),
  );
  if (why) model.unusedBuilder = why;
  else if (model.training === undefined && builds.every((build) => build.frozen && !build.nested)) model.neverTrained = "this model is frozen (trainable = false) and never trained, so its initial weights never learn";
  else if (model.api === 'core' && model.training === undefined && builds.every((build) => !build.builtIn && !build.callSites.some((site) => site.importer))) {
    // A core-API forward pass under no optimizer: its variables take no step (a self-test's fixture weights).
    model.neverTrained = 'this forward pass runs under no optimizer (no minimize or variableGrads around it), so its weights never learn';
  } else if (!takesSteps(model.training)) {
    const untrained = whyEveryBuildIsLeftUntrained(sourceFile, builds, readFile);
    if (untrained) model.neverTrained = untrained.why;
    if (untrained?.final) model.staysUntrained = true;
  }
  return model;
}

/** A build bound to a variable of this file, only looked at, then replaced (abandonedModels.ts). */
function replacedBeforeTraining(state: ModelState, sourceFile: ts.SourceFile): boolean {
  const site = state.callSites[0];
  if (state.builtIn || site?.importer) return false;
  return isReplacedBeforeTraining(sourceFile, site ?? state.span);
}

/**
 * A build as compared with the others: an initializer's seed changes no prediction, so builds
 * that differ only in it (a sweep over seeds) are one model.
 */
function unseeded(model: ModelIR): ModelIR {
  const seeded = (init: InitializerIR | undefined) => init !== undefined && 'seed' in init.args;
  if (!model.layers.some((layer) => seeded(layer.kernelInitializer) || seeded(layer.recurrentInitializer) || seeded(layer.biasInitializer))) return model;
  const withoutSeed = (init: InitializerIR | undefined) => {
    if (!init || !seeded(init)) return init;
    const { seed: _seed, ...args } = init.args;
    const { seed: _span, ...argSpans } = init.argSpans;
    return { ...init, args, argSpans };
  };
  const layers = model.layers.map((layer) => ({
    ...layer,
    kernelInitializer: withoutSeed(layer.kernelInitializer),
    recurrentInitializer: withoutSeed(layer.recurrentInitializer),
    biasInitializer: withoutSeed(layer.biasInitializer),
  }));
  return { ...model, layers };
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
  const sites: CallSite[] = [];
  for (const state of states) {
    const site = state.callSites[depth];
    if (site && !sites.some((known) => sameCallSite(known, site))) sites.push(site);
  }
  return describeCallSites(sites, sourceFile);
}
