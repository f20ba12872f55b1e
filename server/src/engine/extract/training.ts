/**
 * Training setup: compile and its optimizer, training calls (fit, minimize, variableGrads, ...),
 * and evidence of gradient clipping. Custom training code is attributed to the models it uses:
 * each function invocation has a frame; a frame with training calls that used a model attaches
 * them to that model, otherwise they move up to the caller's frame.
 */
import ts from 'typescript';
import type { ClippingEvidenceIR, CompileConfigIR, LossIR, OptimizerIR, PropIR, Span, TrainingCallIR, TrainingCallKind, TrainingIR } from '../ir';
import { whyEveryBuildIsLeftUntrained } from './abandonedModels';
import { inputLeftUnclipped } from './normClipping';
import type { Arg } from './calls';
import { invokeCallbacks } from './calls';
import { buildOf } from './callSites';
import { touch, type Extraction, type GradientStep, type TrainingFrame } from './context';
import { noteCoreLossInput } from './coreLossInputs';
import { evaluate, skipOuterExpressions } from './evaluate';
import { OptimizerMap } from './optimizerMap';
import { optimizerFromMember } from './optimizerValues';
import { UNKNOWN, emptyTraining, hasTag, propIR, type ArrayValue, type FunctionValue, type GraphNode, type ModelState, type ObjectValue, type OptimizerValue, type TrainingState, type Value } from './values';
import { ownEntry } from '../ownEntry';

const { SyntaxKind } = ts;

const OPTIMIZER_METHODS: Record<string, TrainingCallKind> = {
  minimize: 'minimize',
  computeGradients: 'computeGradients',
  applyGradients: 'applyGradients',
};

const UNATTACHED_METHODS: Record<string, TrainingCallKind> = {
  ...OPTIMIZER_METHODS,
  fit: 'fit',
  fitDataset: 'fitDataset',
  trainOnBatch: 'trainOnBatch',
};

/** The call's span and each written argument's. */
function callSpans(ctx: Extraction, callNode: ts.Node, args: Arg[]): { span: Span; argSpans: Span[] } {
  const argSpans: Span[] = [];
  let previous: ts.Node | undefined;
  for (const arg of args) {
    // Arguments expanded from one spread share its node: one span.
    if (arg.node && arg.node !== previous) argSpans.push(ctx.spanOf(arg.node));
    previous = arg.node;
  }
  return { span: ctx.spanOf(callNode), argSpans };
}

export function trainingCall(ctx: Extraction, kind: TrainingCallKind, callNode: ts.Node, args: Arg[]): TrainingCallIR {
  return { kind, ...callSpans(ctx, callNode, args) };
}

function canonical(state: ModelState): ModelState {
  return state.aliasOf ?? state;
}

/**
 * Where a use of `state` is recorded: the definition's training (one model) and its build's own
 * (a factory built at several call sites gives a variant per build: finalize.ts).
 */
function trainingTargets(state: ModelState): TrainingState[] {
  const build = buildOf(state);
  build.buildTraining ??= emptyTraining();
  return [canonical(state).training, build.buildTraining];
}

function pushUnique<T extends { span: Span; kind: string }>(list: T[], item: T): void {
  if (!list.some((x) => x.kind === item.kind && x.span.start === item.span.start && x.span.end === item.span.end)) list.push(item);
}

export function compileModel(ctx: Extraction, state: ModelState, callNode: ts.Node, args: Arg[]): void {
  ctx.writes++;
  const call = trainingCall(ctx, 'compile', callNode, args);
  const config = args[0]?.value;
  const setup = hasTag(config, 'object') ? compileConfig(ctx, config, args[0]?.node) : undefined;
  const member = hasTag(config, 'object') ? config.props.get('optimizer') : undefined;
  const optimizer = member && optimizerFromMember(member);
  for (const training of trainingTargets(state)) {
    const trained = trainedSinceCompile(training.calls);
    pushUnique(training.calls, call);
    if (setup?.compile) training.compile = setup.compile;
    for (const loss of setup?.losses ?? []) addLoss(training, loss);
    if (!optimizer || keepsEarlierRun(training.optimizer, optimizer.ir) || (trained && keepsTrainedPhase(training.optimizer, optimizer.ir))) continue;
    training.optimizer = optimizer.ir;
    for (const evidence of optimizer.clipping) pushUnique(training.clipping, evidence);
  }
}

/**
 * The same optimizer expression evaluated again (a sweep calls the builder once per optimizer or
 * rate of a list): the program trains with each, so the one the rules must see is kept whatever
 * the order of the list: a string tfjs may not resolve (compile throws on it), else the highest
 * known rate (an unknown one does not replace it). A compile written elsewhere (a second phase of
 * fine-tuning) replaces the optimizer, unless the first phase trained at a higher rate of the same
 * optimizer (keepsTrainedPhase).
 */
function keepsEarlierRun(current: OptimizerIR | undefined, next: OptimizerIR): boolean {
  if (current === undefined || current.span.start !== next.span.start || current.span.end !== next.span.end) return false;
  if (current.written !== undefined) return true;
  if (next.written !== undefined) return false;
  // A pass that stands for a loop's remaining iterations may not know the rate: the ones before it ran with theirs.
  const unknownAfterKnown = current.name === next.name && current.learningRate !== undefined && next.learningRate === undefined;
  return unknownAfterKnown || lowerRateOfSame(current, next);
}

/** Model methods that train a compiled model with its optimizer. */
export const MODEL_TRAINING_METHODS: ReadonlySet<string> = new Set(['fit', 'fitDataset', 'trainOnBatch']);

/** Whether a training step ran after the last compile so far: that compile's optimizer has trained. */
function trainedSinceCompile(calls: readonly TrainingCallIR[]): boolean {
  for (let i = calls.length - 1; i >= 0; i--) {
    if (calls[i].kind === 'compile') return false;
    if (MODEL_TRAINING_METHODS.has(calls[i].kind)) return true;
  }
  return false;
}

/** `next` is the same optimizer as `current` at a known rate below current's known rate. */
function lowerRateOfSame(current: OptimizerIR, next: OptimizerIR): boolean {
  return current.name === next.name && current.learningRate !== undefined && next.learningRate !== undefined && next.learningRate < current.learningRate;
}

/**
 * A second phase compiled after the first one trained (fine-tuning after a head-only phase): both
 * rates trained the model, so the higher one of the same optimizer is what the rules must see.
 */
function keepsTrainedPhase(current: OptimizerIR | undefined, next: OptimizerIR): boolean {
  return current !== undefined && lowerRateOfSame(current, next);
}

/**
 * The compile config literal as written, and its losses: one loss for every output (a string, a
 * tfjs loss function, or a function that hands its predictions to one, wrappedLoss), or one per
 * output, keyed by output name or listed in output order.
 */
function compileConfig(ctx: Extraction, config: ObjectValue, configNode: ts.Expression | undefined): { compile?: CompileConfigIR; losses: LossIR[] } {
  const props: Record<string, PropIR> = {};
  config.props.forEach((member, key) => {
    if (!member.foreign) props[key] = propIR(member);
  });
  const losses: LossIR[] = [];
  const metrics = config.props.get('metrics');
  const metricNames = metrics && !metrics.foreign && hasTag(metrics.value, 'array') ? metrics.value.items.filter((item): item is string => typeof item === 'string') : [];
  // An object made elsewhere (`const { epochs, ...compileArgs } = settings`) is read where it is passed.
  const span = config.span ?? (configNode && ctx.inMainFile ? ctx.spanOf(configNode) : undefined);
  const setup = { ...(span ? { compile: { span, props, ...(metricNames.length > 0 ? { metricNames } : {}) } } : {}), losses };
  const loss = config.props.get('loss');
  if (!loss || loss.foreign) return setup;
  const single = lossOf(ctx, loss.value, loss.valueSpan);
  if (single) losses.push(loss.shorthand ? { ...single, shorthand: true } : single);
  else if (hasTag(loss.value, 'object')) {
    loss.value.props.forEach((member, outputName) => {
      const perOutput = member.foreign ? undefined : lossOf(ctx, member.value, member.valueSpan);
      if (perOutput) losses.push({ ...perOutput, outputName });
    });
  } else if (hasTag(loss.value, 'array')) {
    const evaluated = loss.value.items;
    const written = lossArrayLiteralItems(configNode) ?? listedElsewhere(loss.value);
    const members = written ? undefined : writtenAsMembers(loss.value);
    // A list made by code (`HEADS.map((h) => LOSS_BY_KIND[h.kind])`): its known items, placed where
    // the compile names the list, which writes every output's loss at once (so no edit changes one).
    const placed = written?.map((item) => ctx.spanOf(item)) ?? members?.map((member) => member.valueSpan) ?? (loss.value.lengthKnown === false ? undefined : evaluated.map(() => loss.valueSpan));
    placed?.forEach((span, output) => {
      const perOutput = lossOf(ctx, evaluated[output] ?? UNKNOWN, span);
      if (perOutput) losses.push({ ...perOutput, output, ...(members && { memberSpan: members[output].span }) });
    });
  }
  return setup;
}

/** A string, a tfjs loss function, or a function wrapping one (wrappedLoss), placed at span. */
function lossOf(ctx: Extraction, value: Value, span: Span): LossIR | undefined {
  if (typeof value === 'string') return { name: value, form: 'string', span };
  if (hasTag(value, 'tf') && isLossFunctionPath(value.path)) return { name: value.path.join('.'), form: 'reference', span };
  if (hasTag(value, 'function')) return wrappedLoss(ctx, value);
  return undefined;
}

/**
 * The elements of `loss: [...]` written inline in the compile config literal, for their spans;
 * undefined when the array is built elsewhere or spreads another (positions not known).
 */
function lossArrayLiteralItems(configNode: ts.Expression | undefined): readonly ts.Expression[] | undefined {
  const config = configNode && skipOuterExpressions(configNode);
  if (!config || !ts.isObjectLiteralExpression(config)) return undefined;
  const property = config.properties.find((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === 'loss');
  const array = property && ts.isPropertyAssignment(property) ? skipOuterExpressions(property.initializer) : undefined;
  if (!array || !ts.isArrayLiteralExpression(array) || array.elements.some(ts.isSpreadElement)) return undefined;
  return array.elements;
}

/**
 * The elements of a loss list written as an array literal elsewhere in the file (`loss:
 * CONFIG.losses`), while each item is still the one written there: a string item where its string
 * is written, any other item where no string is.
 */
function listedElsewhere(list: ArrayValue): readonly ts.Expression[] | undefined {
  const elements = list.literal?.elements;
  if (!elements || elements.length !== list.items.length) return undefined;
  const asWritten = elements.every((element, i) => {
    const item = list.items[i];
    const written = skipOuterExpressions(element);
    return typeof item === 'string' ? ts.isStringLiteralLike(written) && written.text === item : !ts.isStringLiteralLike(written);
  });
  return asWritten ? elements : undefined;
}

/** Where the items of a list made of an object's members (`Object.values(LOSS_BY_HEAD)`) are written, while they are still those items. */
function writtenAsMembers(list: ArrayValue): readonly PropIR[] | undefined {
  const written = list.written;
  return written && written.items.length === list.items.length && written.items.every((item, i) => item === list.items[i]) ? written.members : undefined;
}

/**
 * A compile loss written as a function that returns one tfjs loss of its own predictions,
 * `(yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred)`, after declaring other names
 * (class weights), directly or from a `tf.tidy` callback: that loss, placed on the call.
 * Anything more (a weighted sum, a transformed prediction) is not read as any one loss.
 */
function wrappedLoss(ctx: Extraction, fn: FunctionValue): LossIR | undefined {
  const predictions = fn.node.parameters[1]?.name;
  if (!predictions || !ts.isIdentifier(predictions) || !fn.node.body || !fn.module.isMain) return undefined;
  let call = lossReturned(fn.node.body, predictions.text);
  let callee = call && evaluate(ctx, call.expression, fn.closure);
  if (call && hasTag(callee, 'tf') && callee.path.join('.') === 'tidy') {
    const scoped = call.arguments[call.arguments.length - 1];
    call = scoped && (ts.isArrowFunction(scoped) || ts.isFunctionExpression(scoped)) && scoped.parameters.length === 0 ? lossReturned(scoped.body, predictions.text) : undefined;
    callee = call && evaluate(ctx, call.expression, fn.closure);
  }
  if (!call || call.arguments.length < 2) return undefined;
  if (!isPredictions(call.arguments[1], predictions.text, fn.node.body)) return undefined;
  if (!hasTag(callee, 'tf') || !isLossFunctionPath(callee.path)) return undefined;
  return { name: callee.path.join('.'), form: 'call', span: ctx.spanOf(call), argSpans: call.arguments.map((arg) => ctx.spanOf(arg)) };
}

/**
 * Whether `node` is the predictions as the model gave them: the parameter itself, or only
 * reshaped (`yPred.reshape([-1, classes])`, `tf.squeeze(yPred)`), directly or through a `const`
 * the body declares (`const logits = yPred.reshape(...)`): a new shape holds the same values, so
 * probabilities stay probabilities.
 */
function isPredictions(node: ts.Expression, predictions: string, body: ts.ConciseBody, depth = 0): boolean {
  const inner = skipOuterExpressions(node);
  if (ts.isIdentifier(inner)) {
    if (inner.text === predictions) return true;
    const declared = ts.isBlock(body) && depth < 4 ? constInitializer(body, inner.text) : undefined;
    return declared !== undefined && isPredictions(declared, predictions, body, depth + 1);
  }
  if (!ts.isCallExpression(inner) || !ts.isPropertyAccessExpression(inner.expression) || !SHAPE_ONLY.has(inner.expression.name.text)) return false;
  const receiver = skipOuterExpressions(inner.expression.expression);
  // `yPred.reshape(...)`, or `tf.reshape(yPred, ...)` whose first argument is the tensor.
  const reshaped = ts.isIdentifier(receiver) && receiver.text === 'tf' ? inner.arguments[0] : receiver;
  return reshaped !== undefined && depth < 4 && isPredictions(reshaped, predictions, body, depth + 1);
}

/** Tensor methods (and tf functions) that change a tensor's shape, not its values. */
const SHAPE_ONLY = new Set(['reshape', 'squeeze', 'expandDims', 'flatten', 'as1D', 'as2D', 'as3D', 'as4D']);

/** The initializer of `const name = ...` among the block's own statements. */
function constInitializer(body: ts.Block, name: string): ts.Expression | undefined {
  for (const statement of body.statements) {
    if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
    const declaration = statement.declarationList.declarations.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
    if (declaration) return declaration.initializer;
  }
  return undefined;
}

/** The call a function body returns, alone or after declarations of names other than `predictions`. */
function lossReturned(body: ts.ConciseBody, predictions: string): ts.CallExpression | undefined {
  const statements = ts.isBlock(body) ? body.statements : undefined;
  const last = statements?.[statements.length - 1];
  const declaresOthers = (statement: ts.Statement) => ts.isVariableStatement(statement) && statement.declarationList.declarations.every((declaration) => !ts.isIdentifier(declaration.name) || declaration.name.text !== predictions);
  const returned = statements ? (last && ts.isReturnStatement(last) && statements.slice(0, -1).every(declaresOthers) ? last.expression : undefined) : (body as ts.Expression);
  const call = returned && skipOuterExpressions(returned);
  return call && ts.isCallExpression(call) ? call : undefined;
}

/** tfjs namespaces whose functions compute a loss from (labels, predictions). */
const LOSS_NAMESPACES = new Set(['losses', 'metrics']);

export function isLossFunctionPath(path: readonly string[]): boolean {
  return path.length === 2 && LOSS_NAMESPACES.has(path[0]);
}

/**
 * Keeps a loss once per place and output: a loss dict filled in a loop (`loss[h.name] =
 * LOSS_BY_KIND[h.kind]`) gives every output a loss written at one place.
 */
function addLoss(training: TrainingState, loss: LossIR): void {
  const losses = training.losses;
  const known = (x: LossIR) => x.span.start === loss.span.start && x.span.end === loss.span.end && x.outputName === loss.outputName && x.output === loss.output;
  if (!losses.some(known)) losses.push(loss);
}

/**
 * `tf.losses.x(labels, predictions)` in a function a gradient call runs: recorded on the model
 * whose output the predictions are (a layers model's, or a core API chain's last op); a loss on
 * any other tensor says nothing about a model's output activation.
 */
export function recordLossCall(ctx: Extraction, path: readonly string[], callNode: ts.Node, args: Arg[]): void {
  if (ctx.gradientClosures === 0) return;
  const predictions = args[1]?.value;
  const model = hasTag(predictions, 'tensor') ? predictions.outputOf ?? coreOutputOf(predictions.node) : undefined;
  if (!model) return;
  const output = hasTag(predictions, 'tensor') ? predictions.outputPosition : undefined;
  const loss: LossIR = { name: path.join('.'), form: 'call', ...callSpans(ctx, callNode, args), ...(output !== undefined && { output }) };
  if (hasTag(predictions, 'tensor') && predictions.node) noteCoreLossInput(loss, predictions.node, predictions.preActivation === true);
  for (const training of trainingTargets(model)) addLoss(training, loss);
}

/** The core API model whose last op (one no other op of the model reads) made this tensor. */
function coreOutputOf(node: GraphNode | undefined): ModelState | undefined {
  const owner = node?.placement === 'core' ? node.owner : undefined;
  return owner && !owner.coreNodes.some((other) => other.inputs.includes(node!)) ? owner : undefined;
}

export function recordModelTrainingCall(ctx: Extraction, state: ModelState, kind: TrainingCallKind, callNode: ts.Node, args: Arg[]): TrainingCallIR {
  ctx.writes++;
  const call = trainingCall(ctx, kind, callNode, args);
  for (const training of trainingTargets(state)) pushUnique(training.calls, call);
  return call;
}

export function callOptimizerMethod(ctx: Extraction, callNode: ts.Node, optimizer: OptimizerValue, name: string, args: Arg[], receiverNode: ts.Node): Value {
  const kind = ownEntry(OPTIMIZER_METHODS, name);
  if (kind) {
    ctx.frame.calls.push(trainingCall(ctx, kind, callNode, args));
    ctx.frame.optimizers.push({ value: optimizer, useSpan: ctx.spanOf(receiverNode) });
    if (kind === 'applyGradients') dropClipsNotApplied(ctx, args[0]?.node);
  }
  if (kind === 'minimize') minimizeWith(ctx, optimizer, args, receiverNode);
  else if (kind === 'computeGradients') computeGradients(ctx, args);
  else invokeCallbacks(ctx, args);
  if (kind === 'applyGradients') applyPendingGradients(ctx, optimizer, receiverNode);
  return UNKNOWN;
}

/** `tf.variableGrads(f)`, `opt.computeGradients(f)`: f runs as a loss; its gradients wait for an applyGradients. */
export function computeGradients(ctx: Extraction, args: Arg[]): void {
  const models = invokeGradientFunctions(ctx, args, args[1]?.value);
  if (models.length > 0) ctx.frame.pendingGradients = { models, clippingBefore: ctx.frame.clipping.length };
}

/**
 * `opt.applyGradients(grads)` after a gradient call: a step of this optimizer on that loss's
 * models, with the clips between; on its own model only when it is kept beside one of them (each
 * tower's `this.optimizer` applies its part of one variableGrads). The gradients stay for others.
 */
function applyPendingGradients(ctx: Extraction, optimizer: OptimizerValue, receiverNode: ts.Node): void {
  const frame = ctx.frame;
  const pending = frame.pendingGradients;
  if (!pending) return;
  const kept = optimizer.holders?.map(onlyModelOf).find((model) => model !== undefined && pending.models.includes(model));
  (frame.minimized ??= []).push({ optimizer: { value: optimizer, useSpan: ctx.spanOf(receiverNode) }, models: kept ? [kept] : pending.models, clipping: frame.clipping.slice(pending.clippingBefore) });
}

/** `opt.minimize(f)`: f runs as a loss, and the frame notes which models it used for this optimizer (TrainingFrame.minimized). */
function minimizeWith(ctx: Extraction, optimizer: OptimizerValue, args: Arg[], receiverNode: ts.Node): void {
  const models = invokeGradientFunctions(ctx, args, args[2]?.value);
  if (models.length === 0) return;
  const frame = ctx.frame;
  (frame.minimized ??= []).push({ optimizer: { value: optimizer, useSpan: ctx.spanOf(receiverNode) }, models });
}

/** `opt.applyGradients(grads)` after `const { clipped } = clipGlobal(grads)`: that clip is not what trains. */
function dropClipsNotApplied(ctx: Extraction, applied: ts.Node | undefined): void {
  if (applied?.kind !== SyntaxKind.Identifier) return;
  const name = (applied as ts.Identifier).text;
  const frame = ctx.frame;
  if (frame.clipping.some((evidence) => ctx.clippedCopies.get(evidence) === name)) frame.clipping = frame.clipping.filter((evidence) => ctx.clippedCopies.get(evidence) !== name);
}

/**
 * The functions a gradient call is given, run as its loss (Extraction.gradientClosures): the
 * models they used, first used first, also noted as the frame's (TrainingFrame.lossModels).
 */
export function invokeGradientFunctions(ctx: Extraction, args: Arg[], varList?: Value): ModelState[] {
  const used: ModelState[] = [];
  ctx.gradientClosures++;
  ctx.minimizing.push(used);
  try {
    invokeCallbacks(ctx, args);
  } finally {
    ctx.minimizing.pop();
    ctx.gradientClosures--;
  }
  const models = trainedThrough(used, varList);
  if (models.length > 0) noteLossModels(ctx.frame, models);
  return models;
}

/**
 * Of the models a loss used, those the gradient call's variable list trains: given one model's
 * weights (`tf.variableGrads(f, actor.trainableWeights)`), a critic the loss reads is not trained.
 */
function trainedThrough(used: ModelState[], varList: Value): ModelState[] {
  const weightsOf = hasTag(varList, 'array') ? varList.weightsOf : undefined;
  const listed = weightsOf && used.filter((model) => weightsOf.includes(model));
  return listed && listed.length > 0 ? listed : used;
}

function noteLossModels(frame: TrainingFrame, models: readonly ModelState[]): void {
  const known = (frame.lossModels ??= []);
  for (const model of models) if (!known.includes(model)) known.push(model);
}

/** The models a frame's training attaches to: those it used, narrowed to those its gradient calls' losses used, when they used any of them. */
function trainedBy(frame: TrainingFrame, used: readonly ModelState[]): readonly ModelState[] {
  const losses = frame.lossModels;
  if (!losses) return used;
  const trained = used.filter((model) => losses.includes(model));
  return trained.length > 0 ? trained : used;
}

/** Training methods called on something unknown (a model parameter): kept in the frame. */
export function recordUnattachedTrainingCall(ctx: Extraction, callNode: ts.Node, name: string, args: Arg[]): void {
  const kind = ownEntry(UNATTACHED_METHODS, name);
  if (kind) ctx.frame.calls.push(trainingCall(ctx, kind, callNode, args));
  if (name === 'compile') {
    const config = args[0]?.value;
    const member = hasTag(config, 'object') ? config.props.get('optimizer') : undefined;
    const optimizer = member && optimizerFromMember(member);
    if (optimizer) ctx.frame.optimizers.push({ value: optimizer, useSpan: member.valueSpan });
    ctx.frame.calls.push(trainingCall(ctx, 'compile', callNode, args));
    // A loss and an optimizer tfjs resolves: a tfjs model's compile (a loaded model's), whose options the rules check.
    if (hasTag(config, 'object') && config.props.has('loss') && optimizer && optimizer.ir.name !== 'unknown' && !ctx.frame.compile) ctx.frame.compile = compileConfig(ctx, config, args[0]?.node).compile;
  }
}

/** `tf.variableGrads(f)`, `tf.grads(f)`: a training call whose function runs now. */
export function recordGradientCall(ctx: Extraction, kind: TrainingCallKind, callNode: ts.Node, args: Arg[]): void {
  ctx.frame.calls.push(trainingCall(ctx, kind, callNode, args));
}

/**
 * A helper named for clipping by global norm (`clipByGlobalNorm`, `withGlobalNormClipping`); a
 * bare `globalNorm(grads)` only measures. Made once: a regular expression literal is a new
 * object each time it is evaluated.
 */
const GLOBAL_NORM = /clip\w*global_?norm|global_?norm\w*clip/i;

/** Calls that clip gradients, by name: tf.clipByValue, clipByNorm, and global-norm helpers. */
export function recordClippingCall(ctx: Extraction, name: string, callNode: ts.Node): void {
  // In the loss a gradient call runs, a clip bounds a value of the forward pass (PPO's probability
  // ratio, predictions before a log): the gradients do not exist yet.
  if (ctx.gradientClosures > 0) return;
  let kind: ClippingEvidenceIR['kind'] | undefined;
  if (name === 'clipByValue') kind = 'clipByValue';
  else if (name === 'clipByNorm') kind = 'clipByNorm';
  else if (GLOBAL_NORM.test(name)) kind = 'globalNorm';
  if (!kind) return;
  const evidence: ClippingEvidenceIR = { kind, span: ctx.spanOf(callNode) };
  // Known by its name only, the helper may clip in place: its copy counts only when kept by name.
  recordClipping(ctx, evidence, ctx.module.isMain ? evidence.span : undefined, true);
}

/**
 * Clipping evidence of the running code. `site`: the call in the analysed file that clips; when its
 * input stays a name the clip's result is not assigned back to (`const { clipped } =
 * clipGlobalNorm(grads)`), applying that name (`applyGradients(grads)`) drops the evidence.
 */
export function recordClipping(ctx: Extraction, evidence: ClippingEvidenceIR, site: Span | undefined, resultKept = false): void {
  ctx.frame.clipping.push(evidence);
  const leftUnclipped = site && inputLeftUnclipped(ctx.module.sourceFile, site, resultKept);
  if (leftUnclipped) ctx.clippedCopies.set(evidence, leftUnclipped);
}

/** `opt.applyGradients = ...`: every update of this optimizer (fit included) goes through the wrapper. */
export function recordOptimizerWrapped(ctx: Extraction, optimizer: OptimizerValue, node: ts.Node): void {
  const callSpan = ctx.callSpans[ctx.callSpans.length - 1];
  optimizer.clipping.push({ kind: 'wrappedApplyGradients', span: callSpan ?? ctx.spanOf(node) });
  ctx.wrappedOptimizers++;
}

function attach(state: ModelState, frame: TrainingFrame): void {
  const target = canonical(state);
  if (!target.registered && !target.aliasOf) return;
  const own = ownStep(state, frame);
  const used = own?.optimizer ?? frame.optimizers.find(({ value }) => value.holders?.some((holder) => onlyModelOf(holder) === state)) ?? frame.optimizers[0];
  const othersClipping = clippingOfOtherSteps(frame, own);
  for (const training of trainingTargets(state)) attachTo(training, frame, used, othersClipping);
}

/**
 * The step of the frame that trains `state` (TrainingFrame.minimized): the one whose loss used it
 * first, else one whose loss used it at all. Without one, the optimizer is one kept beside it as
 * the only model of an object (a tower's `this.net` and `this.optimizer`), else the frame's first.
 */
function ownStep(state: ModelState, frame: TrainingFrame): GradientStep | undefined {
  const steps = frame.minimized;
  return steps && (steps.find(({ models }) => models[0] === state) ?? steps.find(({ models }) => models.includes(state)));
}

/** Clips that bound the updates of the frame's other steps (an actor's clipped gradients), not this model's. */
function clippingOfOtherSteps(frame: TrainingFrame, own: GradientStep | undefined): ReadonlySet<ClippingEvidenceIR> | undefined {
  const others = frame.minimized?.filter((step) => step !== own && step.clipping && step.clipping.length > 0);
  if (!others || others.length === 0) return undefined;
  const clipping = new Set(others.flatMap((step) => step.clipping!));
  for (const evidence of own?.clipping ?? []) clipping.delete(evidence);
  return clipping;
}

/** The one model an object keeps as a member, if it keeps exactly one. */
function onlyModelOf(holder: ObjectValue): ModelState | undefined {
  let only: ModelState | undefined;
  let count = 0;
  holder.props.forEach(({ value }) => {
    if (hasTag(value, 'model') && value.state !== only) {
      only = value.state;
      count++;
    }
  });
  return count === 1 ? only : undefined;
}

function attachTo(training: TrainingState, frame: TrainingFrame, used: TrainingFrame['optimizers'][number] | undefined, othersClipping?: ReadonlySet<ClippingEvidenceIR>): void {
  for (const call of frame.calls) pushUnique(training.calls, call);
  for (const evidence of frame.clipping) if (!othersClipping?.has(evidence)) pushUnique(training.clipping, evidence);
  if (used && !training.optimizer) {
    const ir = { ...used.value.ir };
    if (used.useSpan.start !== ir.span.start || used.useSpan.end !== ir.span.end) ir.useSpan = used.useSpan;
    training.optimizer = ir;
  }
  for (const { value } of frame.optimizers) for (const evidence of value.clipping) pushUnique(training.clipping, evidence);
}

/** At the end of an invocation: attach its training to the models it used, or hand it to the caller. */
export function resolveFrame(frame: TrainingFrame, parent: TrainingFrame): void {
  for (const model of frame.touched) touch(parent, model);
  if (frame.calls.length > 0 && frame.touched.length > 0) {
    for (const model of trainedBy(frame, frame.touched)) attach(model, frame);
    return;
  }
  // Most frames have nothing to hand on: a spread of an empty list still allocates.
  if (frame.calls.length > 0) parent.calls.push(...frame.calls);
  if (frame.clipping.length > 0) parent.clipping.push(...frame.clipping);
  if (frame.optimizers.length > 0) parent.optimizers.push(...frame.optimizers);
  if (frame.minimized) (parent.minimized ??= []).push(...frame.minimized);
  // Gradients a helper computed (`return tf.variableGrads(f)`) are applied by its caller.
  if (frame.pendingGradients) parent.pendingGradients = { models: frame.pendingGradients.models, clippingBefore: parent.clipping.length - frame.clipping.length + frame.pendingGradients.clippingBefore };
  if (frame.lossModels) noteLossModels(parent, frame.lossModels);
  if (frame.compile && !parent.compile) parent.compile = frame.compile;
}

/**
 * At the end of a root walk: training nobody could attribute goes to the models used there, else
 * to the one model without training of its own (a file with one model and a custom loop), leaving
 * out those whose every build is only looked at (a preview only predicted): nothing can hand one
 * of them to the trainer.
 */
export function finishRootFrame(ctx: Extraction, frame: TrainingFrame): void {
  if (frame.calls.length === 0 && frame.optimizers.length === 0) return;
  const targets = frame.touched.length > 0 ? trainedBy(frame, frame.touched) : theOneUntrainedModel(ctx);
  if (targets.length === 0) ctx.detachedFrames.push(frame);
  for (const model of targets) attach(model, frame);
}

/** The file's one model without training of its own that something may train; none when several may (a guess). */
function theOneUntrainedModel(ctx: Extraction): ModelState[] {
  const untrained = ctx.models.filter((model) => model.training.calls.length === 0 && !model.training.optimizer);
  const trainable = untrained.filter((model) => whyEveryBuildIsLeftUntrained(ctx.module.sourceFile, [model, ...(model.rebuilds ?? [])]) === undefined);
  return trainable.length === 1 ? trainable : [];
}

/**
 * FileIR.detachedTraining: each frame no model took (its calls go with the first optimizer it
 * used, as `attach` does), then the optimizers created in the file that no setup or model has.
 * A frame without an optimizer created in this file is left out: `x.minimize(f, [a])` on an
 * unknown `x` may be another library's, and other files' optimizers are theirs to report.
 */
export function detachedTraining(ctx: Extraction, modelOptimizers: readonly (OptimizerIR | undefined)[]): TrainingIR[] {
  if (ctx.createdOptimizers.length === 0 && ctx.detachedFrames.length === 0) return [];
  const created = new OptimizerMap<true>();
  // Only detached frames ask which optimizers were created here (most files have none).
  if (ctx.detachedFrames.length > 0) for (const value of ctx.createdOptimizers) created.setIfAbsent(value.ir, true);
  const claimed = new OptimizerMap<true>();
  for (const optimizer of modelOptimizers) if (optimizer) claimed.setIfAbsent(optimizer, true);
  const setups = new OptimizerMap<TrainingIR>();
  const add = (optimizer: OptimizerIR, calls: TrainingCallIR[], clipping: ClippingEvidenceIR[]): TrainingIR | undefined => {
    if (claimed.has(optimizer)) return undefined;
    const setup = setups.get(optimizer) ?? setups.setIfAbsent(optimizer, { optimizer, calls: [], clipping: [] });
    for (const call of calls) pushUnique(setup.calls, call);
    for (const evidence of clipping) pushUnique(setup.clipping, evidence);
    return setup;
  };
  const seen = new OptimizerMap<true>();
  for (const frame of ctx.detachedFrames) {
    // A compile's optimizer is tfjs's, created in the file or not (the string `'adam'`).
    const used = frame.optimizers.filter(({ value }, index) => created.has(value.ir) || (index === 0 && frame.compile !== undefined));
    used.forEach((use, index) => {
      seen.setIfAbsent(use.value.ir, true);
      const setup = add(usedOptimizerIR(use), index === 0 ? frame.calls : [], [...frame.clipping, ...use.value.clipping]);
      if (setup && index === 0 && frame.compile && !setup.compile) setup.compile = frame.compile;
    });
  }
  for (const value of ctx.createdOptimizers) if (!seen.has(value.ir)) add(value.ir, [], value.clipping);
  return [...setups.values()];
}

function usedOptimizerIR(used: TrainingFrame['optimizers'][number]): OptimizerIR {
  const ir = { ...used.value.ir };
  if (used.useSpan.start !== ir.span.start || used.useSpan.end !== ir.span.end) ir.useSpan = used.useSpan;
  return ir;
}
