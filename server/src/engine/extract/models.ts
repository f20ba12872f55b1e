/**
 * Model values: creation (naming, de-duplication of models built more than once), sequential
 * models (`tf.sequential({layers})`, `model.add(...)`) and the methods called on models.
 */
import ts from 'typescript';
import { layerNamed } from './modelParts';
import type { LayerPlacement, ModelIR, Span } from '../ir';
import type { Arg } from './calls';
import { invokeCallbacks } from './calls';
import { useModel, type Extraction } from './context';
import { skipOuterExpressions } from './evaluate';
import { buildOf, sameCallSites, type CallSite } from './callSites';
import { toModelIR } from './finalize';
import { sameJson } from './sameJson';
import { applyModelAsLayer, layersThroughCall, nestedChain, opaqueModelLayer } from './composition';
import { OPAQUE_MEANING, opaqueLayer } from './layerCalls';
import { MODEL_TRAINING_METHODS, compileModel, recordModelTrainingCall } from './training';
import { invoke } from './functions';
import { NO_SPAN, UNKNOWN, emptyTraining, hasTag, type LayerValue, type ModelState, type ModelValue, type FunctionValue, type ObjectValue, type SequentialEntry, type Value } from './values';

// TypeScript exports its API through getters: read what the hot paths use once.
const { SyntaxKind, isArrayLiteralExpression, isExpressionStatement, isObjectLiteralExpression, isPropertyAssignment, isSpreadElement } = ts;

/**
 * A new model for the expression `node`. The first evaluation of an expression is the reported
 * model; later evaluations (a factory called twice, a loop) build aliases that share its training.
 */
export function newModelState(ctx: Extraction, api: ModelIR['api'], node: ts.Node, named?: { name: string; span: Span }): ModelState {
  const span = ctx.spanOf(node);
  const hint = named ?? hintedName(ctx, node);
  const original = ctx.modelsByKey.get(node);
  const callSites = ctx.callSpans.filter((site): site is CallSite => site !== undefined);
  // A model an imported helper builds for a call of the main file is that file's model, reported at the call.
  const reported = ctx.inMainFile || callSites.length > 0;
  const state: ModelState = {
    api,
    name: hint?.name ?? `model@${ctx.module.sourceFile.getLineAndCharacterOfPosition(span.start).line + 1}`,
    nameSpan: hint?.span ?? span,
    span,
    registered: reported && !original,
    aliasOf: original,
    callSites,
    createdIn: ctx.currentFunction,
    createdUnder: new Set([undefined, ...ctx.callStack.map((fn) => fn.node)]),
    sequential: [],
    graphInputs: [],
    graphOutputs: [],
    coreNodes: [],
    training: emptyTraining(),
    notes: [],
    unresolved: [],
  };
  if (!ctx.inMainFile && reported) {
    state.builtIn = ctx.module.fileName;
    const through = calledModule(ctx, callSites);
    if (through !== undefined && through !== state.builtIn) state.builtThrough = through;
  } else if (ctx.inMainFile) {
    // A base class's method building through this file's override (`this.buildModel()`): that file's analysis runs this build too.
    const base = ctx.callStack.find((fn) => !fn.module.isMain && ctx.mainImports.has(fn.module.fileName));
    if (base) state.builtThrough = base.module.fileName;
  }
  if (!original) ctx.modelsByKey.set(node, state);
  else if (reported) addRebuild(original, state);
  if (state.registered) ctx.models.push(state);
  return state;
}

/**
 * The imported file, one the main file imports, whose code the main file's calls `sites` (outermost
 * first) entered first (a trainer class's constructor).
 */
function calledModule(ctx: Extraction, sites: readonly CallSite[]): string | undefined {
  for (const site of sites) {
    const module = ctx.importedCode.find((code) => code.start === site.start && code.end === site.end)?.module;
    if (module !== undefined) return ctx.mainImports.has(module) ? module : undefined;
  }
  return undefined;
}

/** At most this many builds of one definition become variants (finalize.ts). */
const MAX_BUILDS = 32;

/**
 * Keeps a rebuild: from another call site (a factory called with other arguments), or from the
 * same one again (a loop or `specs.map(buildMember)` over different specs). Builds that come out
 * the same are one model (finalize.ts), so a loop rebuilding one model costs no variant.
 */
function addRebuild(original: ModelState, state: ModelState): void {
  original.rebuilds ??= [];
  if (original.rebuilds.length + 1 >= MAX_BUILDS && !madeBefore(original, state)) dropRepeatedBuilds(original);
  if (original.rebuilds.length + 1 < MAX_BUILDS) original.rebuilds.push(state);
  else {
    original.moreBuilds = MAX_BUILDS;
    state.discarded = true;
  }
}

/** Whether a build kept came through the same calls. */
function madeBefore(original: ModelState, state: ModelState): boolean {
  return sameCallSites(original.callSites, state.callSites) || original.rebuilds!.some((build) => sameCallSites(build.callSites, state.callSites));
}

/**
 * For a build through new calls when the builds kept are full: drops the untrained builds alike
 * an earlier one from the same calls. A forward pass an episode loop runs again for every action
 * would otherwise fill them, and the training step's build after the loop would be lost. Builds
 * through calls already kept are still dropped when full, so a loop that only repeats them ends.
 */
function dropRepeatedBuilds(original: ModelState): void {
  const kept: { build: ModelState; ir: ModelIR }[] = [{ build: original, ir: toModelIR(original) }];
  original.rebuilds = original.rebuilds!.filter((build) => {
    const ir = toModelIR(build);
    const repeated = ir.training === undefined && kept.some((known) => sameCallSites(known.build.callSites, build.callSites) && sameJson(known.ir, ir));
    if (repeated) build.discarded = true;
    else kept.push({ build, ir });
    return !repeated;
  });
}

/** The declared name waiting for the model built by `node` (`const model = tf.sequential()`), if any. */
function hintedName(ctx: Extraction, node: ts.Node): { name: string; span: Span } | undefined {
  const hint = ctx.nameHint;
  return hint && hint.node === node ? { name: hint.name, span: ctx.spanOf(hint.nameNode) } : undefined;
}

export function createSequential(ctx: Extraction, callNode: ts.CallExpression, args: Arg[], placement: LayerPlacement = { kind: 'arrayElement' }): ModelValue {
  const state = newModelState(ctx, 'sequential', callNode);
  ctx.effects++;
  const config = args[0]?.value;
  if (hasTag(config, 'object')) {
    const layers = config.props.get('layers');
    if (layers) {
      if (hasTag(layers.value, 'array')) {
        const elements = arrayElementNodes(layers.valueSpan, callNode, ctx);
        layers.value.items.forEach((item, i) => addToSequential(ctx, state, item, placement, elements[i] ?? callNode));
      } else {
        state.unresolved.push('layers');
        state.notes.push('the layers array could not be resolved statically');
      }
    }
  } else if (config !== undefined) {
    state.unresolved.push('config');
  }
  return { tag: 'model', state };
}

/** The element expressions of `layers: [...]` when written inline (for opaque elements' ranges). */
function arrayElementNodes(valueSpan: { start: number }, callNode: ts.CallExpression, ctx: Extraction): ts.Node[] {
  const config = callNode.arguments[0] && skipOuterExpressions(callNode.arguments[0]);
  if (!config || !isObjectLiteralExpression(config)) return [];
  for (const property of config.properties) {
    if (isPropertyAssignment(property) && ctx.spanOf(property.initializer).start === valueSpan.start) {
      const array = skipOuterExpressions(property.initializer);
      if (isArrayLiteralExpression(array)) return array.elements.filter((element) => !isSpreadElement(element));
    }
  }
  return [];
}

/** Places a layer (or a nested model's layers) at the end of a sequential model. */
export function addToSequential(ctx: Extraction, state: ModelState, item: Value, placement: LayerPlacement, node: ts.Node): void {
  const notes = [...ctx.conditions];
  if (hasTag(item, 'model')) {
    const nested = item.state;
    nested.nested = true;
    const chain = nestedChain(nested);
    if (!chain) {
      pushEntry(ctx, state, { layer: opaqueModelLayer(ctx, node, nested), placement, notes });
      return;
    }
    const entryNotes = nested.api === 'sequential' ? nested.sequential.map((entry) => entry.notes) : [];
    chain.forEach((layer, i) => {
      const entry: SequentialEntry = { layer, placement, notes: [...notes, ...(entryNotes[i] ?? []), `from the nested model ${nested.name}`] };
      if (i === chain.length - 1) entry.nestedOutputOf = nested.name;
      pushEntry(ctx, state, entry);
    });
    return;
  }
  const layer: LayerValue = hasTag(item, 'layer') ? item : opaqueLayer(ctx, node, `this layer could not be resolved statically: ${OPAQUE_MEANING}`);
  ctx.effects++;
  const readThrough = layersThroughCall(ctx, layer, node);
  if (readThrough) {
    for (const inner of readThrough) pushEntry(ctx, state, { layer: inner, placement, notes: [...notes, `read through the call() of custom layer ${layer.proto.ir.factory}`] });
    return;
  }
  pushEntry(ctx, state, { layer, placement, notes });
  for (const cell of layer.stacked ?? []) pushEntry(ctx, state, { layer: cell, placement, notes });
}

function pushEntry(ctx: Extraction, state: ModelState, entry: SequentialEntry): void {
  state.sequential.push(entry);
  ctx.sequentialLog?.push([state, entry]);
}

/**
 * Whether weights given now replace the initial ones before anything trains: by the builder or a
 * caller of it, on every path (not under an undecided `if`, nor in a handler that may never run),
 * before any training step (a later method, `resetIfBeaten()`, may run after some).
 */
function setRightAfterBuilding(ctx: Extraction, state: ModelState): boolean {
  const onEveryPath = ctx.conditions.length === 0 && ctx.undoLog === undefined;
  return onEveryPath && state.createdUnder.has(ctx.currentFunction) && state.training.calls.every((call) => call.kind === 'compile');
}

export function callModelMethod(ctx: Extraction, callNode: ts.CallExpression, model: ModelValue, name: string, args: Arg[], receiverNode: ts.Expression): Value {
  const state = model.state;
  useModel(ctx, buildOf(state));
  if (name === 'add' && state.api === 'sequential') {
    const argument = callNode.arguments[0] ?? callNode;
    addToSequential(ctx, state, args[0]?.value, addPlacement(ctx, callNode, receiverNode), argument);
    return undefined;
  }
  if (name === 'compile') {
    compileModel(ctx, state, callNode, args);
    return undefined;
  }
  if (MODEL_TRAINING_METHODS.has(name)) {
    const fit = recordModelTrainingCall(ctx, state, name as 'fit', callNode, args);
    invokeCallbacks(ctx, args);
    runFitCallbacks(ctx, model, args, fit.span);
    return UNKNOWN;
  }
  if (name === 'setWeights' && setRightAfterBuilding(ctx, state)) state.weightsSetBeforeTraining = true;
  if (name === 'apply') return applyModelAsLayer(ctx, callNode, model, args);
  if (name === 'getLayer') return layerNamed(state, args[0]?.value);
  if (name === 'predict') return { tag: 'tensor', outputOf: state };
  invokeCallbacks(ctx, args);
  return UNKNOWN;
}

/** Epoch hooks run once per epoch up to this many epochs; past it (or with epochs not known), once. */
const MAX_EPOCHS_RUN = 200;

const EPOCH_HOOKS = new Set(['onEpochBegin', 'onEpochEnd']);

/** Hooks tfjs calls once per batch: each run stands for many, with the counters they keep not known. */
const BATCH_HOOKS = new Set(['onBatchBegin', 'onBatchEnd', 'onYield']);

/**
 * The callbacks of `fit(x, y, { epochs, callbacks })` (an object or an array of them, such as
 * instances of a `tf.Callback` subclass), run as tfjs runs them, so what they do to the optimizer
 * is seen: each gets the model as `this.model` (tfjs's setModel), the epoch hooks run once per
 * epoch with the epoch's number (a schedule's rate at each epoch: OptimizerIR.scheduledPeak),
 * the others once with arguments not known. Each run stands for the calls of a hook, as any
 * callback's run does: it decides no variant.
 */
function runFitCallbacks(ctx: Extraction, model: ModelValue, args: Arg[], fit: Span): void {
  for (const arg of args) {
    if (!hasTag(arg.value, 'object')) continue;
    const epochs = arg.value.props.get('epochs')?.value;
    const epochCount = typeof epochs === 'number' && Number.isInteger(epochs) && epochs > 0 && epochs <= MAX_EPOCHS_RUN ? epochs : undefined;
    const callbacks = arg.value.props.get('callbacks')?.value;
    for (const callback of hasTag(callbacks, 'array') ? callbacks.items : [callbacks]) {
      if (hasTag(callback, 'object')) runCallback(ctx, model, callback, epochCount, fit);
    }
  }
}

/** The hooks tfjs calls before the first step of a fit: onEpochBegin's first call, onTrainBegin. */
const STARTING_HOOKS = new Set(['onTrainBegin', 'onEpochBegin']);

function runCallback(ctx: Extraction, model: ModelValue, callback: ObjectValue, epochCount: number | undefined, fit: Span): void {
  if (!callback.props.has('model')) callback.props.set('model', { value: model, span: callback.span ?? NO_SPAN, valueSpan: callback.span ?? NO_SPAN });
  callback.props.forEach((member, key) => {
    const hook = member.value;
    if (!hasTag(hook, 'function') || key === 'model') return;
    const bound = hook.thisValue === undefined ? { ...hook, thisValue: callback } : hook;
    if (BATCH_HOOKS.has(key)) {
      forgetCounters(bound);
      invokeCallbacks(ctx, [{ value: bound }], true);
      return;
    }
    const starting = STARTING_HOOKS.has(key) ? fit : undefined;
    if (!EPOCH_HOOKS.has(key) || epochCount === undefined) {
      withStartingFit(ctx, starting, () => invokeCallbacks(ctx, [{ value: bound }]));
      return;
    }
    ctx.representative++;
    ctx.iterating++;
    try {
      for (let epoch = 0; epoch < epochCount; epoch++) withStartingFit(ctx, epoch === 0 ? starting : undefined, () => invoke(ctx, bound, [{ value: epoch }, { value: UNKNOWN }]));
    } finally {
      ctx.representative--;
      ctx.iterating--;
    }
  });
}


/** Runs `run` with Extraction.startingFit set to `fit` (a hook that runs before the fit's first step), or unset. */
function withStartingFit(ctx: Extraction, fit: Span | undefined, run: () => void): void {
  const outer = ctx.startingFit;
  ctx.startingFit = fit;
  try {
    run();
  } finally {
    ctx.startingFit = outer;
  }
}

/**
 * The names of the code around `hook` that the hook updates from themselves (`step += 1`,
 * `seen++`): a run that stands for every batch reads them at no one batch's value, so a schedule's
 * rate computed from one (`schedule(step)`) is the schedule's at a step not known.
 */
function forgetCounters(hook: FunctionValue): void {
  const visit = (node: ts.Node): void => {
    const counter = selfUpdatedName(node);
    if (counter !== undefined) hook.closure.find(counter)?.assign(counter, UNKNOWN);
    ts.forEachChild(node, visit);
  };
  if (hook.node.body) visit(hook.node.body);
}

function selfUpdatedName(node: ts.Node): string | undefined {
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === SyntaxKind.PlusPlusToken || node.operator === SyntaxKind.MinusMinusToken)) {
    return ts.isIdentifier(node.operand) ? node.operand.text : undefined;
  }
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === SyntaxKind.PlusEqualsToken || node.operatorToken.kind === SyntaxKind.MinusEqualsToken) && ts.isIdentifier(node.left)) return node.left.text;
  return undefined;
}

function addPlacement(ctx: Extraction, callNode: ts.CallExpression, receiverNode: ts.Expression): LayerPlacement {
  const statement = ctx.statement;
  const direct = statement && isExpressionStatement(statement) && skipOuterExpressions(statement.expression) === callNode;
  const receiver = ctx.textOf(receiverNode);
  return direct ? { kind: 'addCall', statement: ctx.spanOf(statement), receiver } : { kind: 'addCall', statement: ctx.spanOf(callNode), receiver, inExpression: true };
}
