/**
 * The core API: weights made with `tf.variable(tf.randomNormal([in, out], mean, sd))` (or an
 * initializer's `.apply(shape)`), used by `tf.matMul`/`dot`/`conv2d` and activated with
 * `tf.sigmoid(x)`/`x.relu()`. Each matMul/conv becomes a synthesized 'dense'/'conv' layer with
 * placement 'core'; its kernelInitializer points at the random call, with the spans of its
 * positional arguments so a fix can rescale the sd.
 */
import ts from 'typescript';
import type { InitializerIR, LayerKind } from '../ir';
import type { Arg } from './calls';
import { buildOf } from './callSites';
import { useModel, type Extraction } from './context';
import { batchNormInput, statisticStep } from './coreNormalization';
import { cloneInitializer } from './initializerValues';
import { OPAQUE_MEANING, newProto } from './layerCalls';
import { newModelState } from './models';
import { ACTIVATION_OPS } from '../tfjs/activations';
import { isRecurrentKind } from '../tfjs/layers';
import { UNKNOWN, asShape, hasTag, inputShapeOf, type GraphNode, type LayerProto, type LayerValue, type ModelState, type TensorValue, type Value, type VariableValue } from './values';

// TypeScript exports its API through getters: read what the hot paths use once.
const { isPropertyAccessExpression } = ts;

/** Positional parameters (after the shape) and defaults of tfjs random tensor ops. */
const RANDOM_OPS: Record<string, { params: string[]; defaults: number[] }> = {
  randomNormal: { params: ['mean', 'stddev'], defaults: [0, 1] },
  truncatedNormal: { params: ['mean', 'stddev'], defaults: [0, 1] },
  randomUniform: { params: ['minval', 'maxval'], defaults: [0, 1] },
  randomStandardNormal: { params: [], defaults: [] },
  zeros: { params: [], defaults: [] },
  ones: { params: [], defaults: [] },
};

const LEAKY_OPS = new Set(['leakyRelu', 'prelu']);

export function isRandomOp(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(RANDOM_OPS, name);
}

export function isActivationOp(name: string): boolean {
  return ACTIVATION_OPS.has(name) || LEAKY_OPS.has(name);
}

/** `tf.randomNormal([in, out], mean, sd)`: a tensor remembering how it was drawn (defaults filled in). */
export function createRandomTensor(ctx: Extraction, callNode: ts.Node, op: string, args: Arg[]): TensorValue {
  const spec = RANDOM_OPS[op];
  const init: InitializerIR = { name: op, args: {}, argSpans: {}, span: ctx.spanOf(callNode), form: 'call', unresolved: [] };
  if (args[0]?.node && ctx.inMainFile) init.argSpans.shape = ctx.spanOf(args[0].node);
  spec.params.forEach((param, i) => {
    const arg = args[i + 1];
    if (!arg) {
      init.args[param] = spec.defaults[i];
      return;
    }
    if (arg.node && ctx.inMainFile) init.argSpans[param] = ctx.spanOf(arg.node);
    if (typeof arg.value === 'number') init.args[param] = arg.value;
    else init.unresolved.push(param);
  });
  return { tag: 'tensor', init, shape: drawnShape(init, args[0]?.value) };
}

/**
 * The shape of a weight drawn by `init`. A draw whose spread is known (`randomNormal([inDim,
 * hidden], 0, 0.2)`, hidden not known) keeps each dimension known or not on its own, so its fan-in
 * stays known. One whose spread is not known either (a He scale from a fan-in the data decides)
 * has a shape only when it is whole: with both open, every spread would be possible.
 */
export function drawnShape(init: InitializerIR, shape: Value): (number | null)[] | undefined {
  return init.unresolved.length === 0 ? inputShapeOf(shape)?.dims : asShape(shape);
}

export function createVariable(ctx: Extraction, args: Arg[]): Value {
  const initial = args[0]?.value;
  // `tf.variable(x, false)`: state no optimizer updates (k-means centroids moved with assign, a
  // running statistic), not a weight; it stays the tensor it was made from.
  if (args[1]?.value === false) return hasTag(initial, 'tensor') ? { tag: 'tensor', shape: initial.shape } : UNKNOWN;
  // A weight is what a core API model is made of: a loop that creates weights is not idle (loops.ts).
  ctx.effects++;
  if (hasTag(initial, 'tensor')) return { tag: 'variable', shape: initial.shape, init: initial.init };
  return { tag: 'variable' };
}

/**
 * `this.addWeight(name, shape, dtype, initializer, regularizer, trainable)` in a custom layer's
 * build(): tfjs applies the initializer to the shape and makes a variable of it, as
 * `tf.variable(initializer.apply(shape))` does; an untrainable one (`trainable` false) no optimizer
 * updates. A dimension read from an unknown input shape stays open.
 */
export function addLayerWeight(ctx: Extraction, args: Arg[]): Value {
  const dims = args[1]?.value;
  const shape = hasTag(dims, 'array') ? dims.items.map((dim) => (typeof dim === 'number' ? dim : null)) : undefined;
  const initializer = args[3]?.value;
  const drawn: TensorValue = hasTag(initializer, 'initializer') ? { tag: 'tensor', shape, init: { ...cloneInitializer(initializer.ir), objectRequired: true } } : { tag: 'tensor', shape };
  return createVariable(ctx, [{ value: drawn }, { value: args[5]?.value === false ? false : undefined }]);
}

/**
 * `tf.matMul(a, b, transposeA, transposeB)`, `tf.dot(a, b)`: a dense layer when one operand is a
 * 2-D weight. On the right (`x·W`) a weight is [in, out]; on the left (`W·x`, rows times columns)
 * it is [out, in]; transposed, the other way round (`matMul(u, itemVecs, false, true)` scores a
 * user against every item: in is the rank, out the items).
 */
export function coreMatMul(ctx: Extraction, callNode: ts.Node, a: Value, b: Value, transposeA = false, transposeB = false): Value {
  const weight = weightOf(b, 2) ?? weightOf(a, 2);
  // A graph convolution's `matMul(adjacency, h)`: the last axis is still h's units, as yet unactivated.
  if (!weight && !coreNodeOf(a) && coreNodeOf(b)) return b;
  // Two activations multiplied (attention's queries by keys): the last axis is no layer's units.
  if (!weight) return passThrough(a, 'matMul');
  const input = weight === b ? a : b;
  const rowsIn = weight === b ? !transposeB : transposeA;
  const shape = weight.shape as (number | null)[];
  const [inputs, units] = rowsIn ? [shape[0], shape[1]] : [shape[1], shape[0]];
  const node = coreNode(ctx, callNode, 'dense', 'matMul', weight, input);
  if (typeof units === 'number') node.proto.ir.units = units;
  if (node.inputs.length === 0 && typeof inputs === 'number') node.proto.ir.inputShape = [inputs];
  return { tag: 'tensor', node, preActivation: true };
}

/** `tf.conv2d(x, filter, ...)` / `tf.conv1d`: a conv layer from the filter's shape [k..., in, out]. */
export function coreConv(ctx: Extraction, callNode: ts.Node, op: 'conv1d' | 'conv2d', input: Value, filter: Value): Value {
  const dims = op === 'conv1d' ? 3 : 4;
  const weight = weightOf(filter, dims);
  if (!weight) return passThrough(input, op);
  const shape = weight.shape as (number | null)[];
  const node = coreNode(ctx, callNode, op, op, weight, input);
  const kernel = shape.slice(0, dims - 2);
  if (kernel.every((d) => typeof d === 'number')) node.proto.ir.kernelSize = kernel as number[];
  const out = shape[dims - 1];
  if (typeof out === 'number') node.proto.ir.units = out;
  // A first layer's input channels are the filter's (its sides stay open): the fan-in is the filter's.
  const channels = shape[dims - 2];
  if (node.inputs.length === 0 && typeof channels === 'number') node.proto.ir.inputShape = [...new Array<null>(dims - 2).fill(null), channels];
  return { tag: 'tensor', node, preActivation: true };
}

/** `tf.sigmoid(x)`, `x.relu()`: the activation of the core layer that produced x. */
export function coreActivation(ctx: Extraction, callNode: ts.CallExpression, op: string, input: Value, args: Arg[]): Value {
  if (!hasTag(input, 'tensor') || !input.node || input.node.placement !== 'core') return passThrough(input);
  // Attention weights: `tf.softmax(tf.reshape(scores, [batch, steps]))` normalizes over time steps, not over the layer's units.
  if (op === 'softmax' && input.axesMoved) return passThrough(input, 'softmax');
  const nameNode = isPropertyAccessExpression(callNode.expression) ? callNode.expression.name : callNode.expression;
  if (LEAKY_OPS.has(op)) {
    const proto = newProto(ctx, callNode, op, 'leakyReLU');
    const alpha = args[0]?.value;
    // tf.leakyRelu(x, alpha = 0.2) differs from the layer's default 0.3: always write it down.
    if (op === 'leakyRelu') proto.ir.alpha = typeof alpha === 'number' ? alpha : alpha === undefined ? 0.2 : undefined;
    if (op === 'prelu') proto.ir.kind = 'prelu';
    return coreTensor(layerAfter(ctx, proto, [input.node]), input.axesMoved);
  }
  const ir = input.node.proto.ir;
  if (input.preActivation && ir.activation === undefined) {
    ir.activation = op;
    ir.props.activation = { span: ctx.spanOf(callNode), valueSpan: ctx.spanOf(nameNode) };
    return { tag: 'tensor', node: input.node };
  }
  const proto = newProto(ctx, callNode, op, 'activation');
  proto.ir.activation = op;
  proto.ir.props.activation = { span: ctx.spanOf(callNode), valueSpan: ctx.spanOf(nameNode) };
  return coreTensor(layerAfter(ctx, proto, [input.node]), input.axesMoved);
}

/**
 * An op on statistics of a core tensor (coreNormalization.ts): the statistic, or the normalization
 * layer it completes (a layerNormalization without gain and offset); undefined for other ops.
 */
export function coreNormalization(ctx: Extraction, callNode: ts.Node, op: string, a: Value, b: Value | undefined): Value | undefined {
  const step = statisticStep(op, a, b);
  if (!step) return undefined;
  return 'normalizes' in step ? normalizationNode(ctx, callNode, step.normalizes) : step.value;
}

/** `tf.batchNorm(x, mean, variance, ...)` with x's own moments: a normalization layer on x. */
export function coreBatchNorm(ctx: Extraction, callNode: ts.Node, input: Value, mean: Value, variance: Value): Value | undefined {
  const normalized = batchNormInput(input, mean, variance);
  return normalized ? normalizationNode(ctx, callNode, normalized) : undefined;
}

function normalizationNode(ctx: Extraction, callNode: ts.Node, input: GraphNode): TensorValue {
  const proto = newProto(ctx, callNode, 'moments', 'layerNormalization');
  proto.ir.notes.push('normalization written with tf.moments: read as a layerNormalization without its gain and offset');
  return { tag: 'tensor', node: layerAfter(ctx, proto, [input]) };
}

/** A layer of the core-API model of `inputs` (one model's nodes), applied to them. */
function layerAfter(ctx: Extraction, proto: LayerProto, inputs: GraphNode[]): GraphNode {
  const owner = inputs[0].owner as ModelState;
  const node: GraphNode = { seq: ctx.nextSeq(), proto, inputs, placement: 'core', owner, notes: [...ctx.conditions] };
  addNode(ctx, owner, node);
  return node;
}

/** The output of `node`, marked when an op since a layer may have moved the axes (an activation keeps the mark). */
function coreTensor(node: GraphNode, axesMoved: boolean | undefined): TensorValue {
  return axesMoved ? { tag: 'tensor', node, axesMoved: true } : { tag: 'tensor', node };
}

/** Tensor methods that build core-API layers even on a receiver the interpreter does not know. */
export function isTensorMethod(name: string): boolean {
  return name === 'matMul' || name === 'dot' || isActivationOp(name);
}

/** Methods on tensors: activations, matMul, bias adds; other ops keep the chain. */
export function callTensorMethod(ctx: Extraction, callNode: ts.CallExpression, receiver: Value, name: string, args: Arg[]): Value {
  const normalizing = coreNormalization(ctx, callNode, name, receiver, args[0]?.value);
  if (normalizing) return normalizing;
  if (isActivationOp(name)) return coreActivation(ctx, callNode, name, receiver, args);
  if (name === 'matMul') return coreMatMul(ctx, callNode, receiver, args[0]?.value, args[1]?.value === true, args[2]?.value === true);
  if (name === 'dot') return coreMatMul(ctx, callNode, receiver, args[0]?.value);
  const merged = isMergeOp(name) ? coreMerge(ctx, callNode, name, receiver, args[0]?.value) : undefined;
  if (merged) return merged;
  if (name === 'add' && hasTag(receiver, 'tensor')) return receiver;
  // A custom layer's `this.kernel.read()`: the weight's value.
  if (name === 'read' && hasTag(receiver, 'variable')) return receiver;
  // `tf.randomNormal([in, out]).variable()`: the same variable as tf.variable(...) makes.
  if (name === 'variable' && hasTag(receiver, 'tensor') && !receiver.node) return createVariable(ctx, [{ value: receiver }]);
  return passThrough(receiver, name);
}

/** `tf.add(h, b)`: adding a bias keeps the layer's pre-activation. */
export function coreAdd(a: Value, b: Value): Value {
  if (hasTag(a, 'tensor') && a.node) return a;
  if (hasTag(b, 'tensor') && b.node) return b;
  return passThrough(a, 'add');
}

/** Ops that act on each element or broadcast along the same axes: the last axis is still the layer's units. */
const KEEPS_AXES = new Set([
  'add', 'sub', 'mul', 'div', 'neg', 'abs', 'square', 'sqrt', 'rsqrt', 'exp', 'log', 'log1p', 'pow', 'maximum', 'minimum',
  'clipByValue', 'cast', 'dropout', 'reciprocal', 'sign', 'round', 'floor', 'ceil', 'clone', 'squaredDifference', 'divNoNan',
]);

/**
 * Any other op `op` on a core tensor: the chain of layers continues through it. An op not known
 * to keep the axes marks the result (TensorValue.axesMoved).
 */
export function passThrough(value: Value, op?: string): Value {
  if (hasTag(value, 'tensor') && value.node) {
    return coreTensor(value.node, value.axesMoved || (op !== undefined && !KEEPS_AXES.has(op)));
  }
  if (hasTag(value, 'variable') && value.shape && op !== undefined && KEEPS_AXES.has(op)) return { tag: 'variable', shape: value.shape, source: value.source ?? value };
  return hasTag(value, 'tensor') || hasTag(value, 'variable') ? { tag: 'tensor' } : UNKNOWN;
}

/**
 * A trainable weight of `dims` dimensions: a variable. A plain tensor (`tf.randomNormal([22, 1])`
 * multiplied into the inputs) is no weight of a model: no optimizer can update it, and such code
 * is most often a synthetic teacher that makes labels.
 */
function weightOf(value: Value, dims: number): VariableValue | undefined {
  return hasTag(value, 'variable') && value.shape?.length === dims ? value : undefined;
}

/** The core-API layer that produced `value`, if it is a core tensor. */
function coreNodeOf(value: Value): GraphNode | undefined {
  return hasTag(value, 'tensor') && value.node?.placement === 'core' ? value.node : undefined;
}

/** The model each weight was last applied in: a weight applied again in the same model is shared. */
const appliedIn = new WeakMap<VariableValue, ModelState>();

function coreNode(ctx: Extraction, callNode: ts.Node, kind: LayerKind, factory: string, weight: VariableValue, input: Value): GraphNode {
  const inputNode = coreNodeOf(input);
  const owner = inputNode?.owner ?? rootOwner(ctx, callNode, input);
  // A training loop runs the forward pass every step: once its builds are past those kept, a step builds nothing new.
  if (!owner.discarded) ctx.effects++;
  // A recurrence unrolled by hand (`h = tanh(x_t·Wxh + h·Whh)` over the steps) applies one weight
  // at every step: its gradient is the sum over the steps, not a layer's of a deep stack, so the
  // copies after the first cut the gradient paths (no verdict is taken across them).
  const variable = weight.source ?? weight;
  const shared = appliedIn.get(variable) === owner;
  appliedIn.set(variable, owner);
  const proto = newProto(ctx, callNode, factory, shared ? 'opaque' : kind);
  if (shared) proto.ir.notes.push(`a weight applied again in the same model (a recurrence unrolled by hand): its gradient sums over the steps, so ${OPAQUE_MEANING}`);
  if (weight.init) {
    proto.ir.kernelInitializer = cloneInitializer(weight.init);
    proto.ir.props.kernelInitializer = { span: weight.init.span, valueSpan: weight.init.span };
  } else {
    proto.ir.unresolved.push('kernelInitializer');
    proto.ir.notes.push(
      weight.source
        ? 'the weights are computed element-wise from a variable (a sampled or masked kernel): their scale is unknown'
        : 'the weights are not drawn by a random or initializer call in this file: their scale is unknown',
    );
  }
  const node: GraphNode = { seq: ctx.nextSeq(), proto, inputs: inputNode ? [inputNode] : [], placement: 'core', owner, notes: [...ctx.conditions] };
  if (!inputNode && hasTag(input, 'tensor') && input.node) node.rootInput = input.node;
  addNode(ctx, owner, node);
  return node;
}

/** The model of a first layer on `input`: the one this call already began on that input, else a new one. */
function rootOwner(ctx: Extraction, callNode: ts.Node, input: Value): ModelState {
  const roots = (ctx.frame.coreRoots ??= new Map());
  // A custom layer's input reshaped for each of its projections (queries, keys, values) is one input.
  const key = hasTag(input, 'tensor') && input.node ? input.node : input;
  const begun = roots.get(key);
  if (begun) return begun;
  const owner = newCoreModel(ctx, callNode);
  roots.set(key, owner);
  return owner;
}

/**
 * `tf.mul(value, gate)`, `tf.add(x, f(x))`, `a.sub(b)`: two branches of one core model joined
 * element-wise, a merge layer (a gated unit's product, a residual sum) with both as inputs. A
 * bias or a constant added to one branch (no layer made it) keeps that branch.
 */
export function coreMerge(ctx: Extraction, callNode: ts.Node, op: string, a: Value, b: Value): Value | undefined {
  if (!hasTag(a, 'tensor') || !hasTag(b, 'tensor') || !a.node || !b.node) return undefined;
  // A custom layer's residual `tf.add(x, f(x))`, x the symbolic input its core ops began on and
  // f(x) of the same units (a product with attention weights, reshaped and softmaxed, is no layer's).
  if (op === 'add') {
    if (a.node.placement !== 'core' && b.node.placement === 'core' && !b.axesMoved && beganOn(b.node.owner as ModelState, a.node)) return coreMergeNode(ctx, callNode, op, b.node, a.node, undefined);
    if (b.node.placement !== 'core' && a.node.placement === 'core' && !a.axesMoved && beganOn(a.node.owner as ModelState, b.node)) return coreMergeNode(ctx, callNode, op, a.node, b.node, undefined);
  }
  if (a.node.placement !== 'core' || b.node.placement !== 'core') return undefined;
  if (a.node === b.node || a.node.owner !== b.node.owner) return undefined;
  return coreMergeNode(ctx, callNode, op, a.node, b.node, a.axesMoved || b.axesMoved);
}

/** Whether a first layer of the core-API model `owner` was applied to the symbolic tensor of `input`. */
function beganOn(owner: ModelState, input: GraphNode): boolean {
  return owner.coreNodes.some((node) => node.rootInput === input);
}

function coreMergeNode(ctx: Extraction, callNode: ts.Node, op: string, first: GraphNode, second: GraphNode, axesMoved: true | undefined): TensorValue {
  return coreTensor(layerAfter(ctx, newProto(ctx, callNode, op, op === 'mul' ? 'multiply' : 'add'), [first, second]), axesMoved);
}

/**
 * `tf.concat([a, b], axis)` / `tf.stack(...)` of core tensors: taps of one tensor side by side (a
 * causal convolution unfolded by hand, `concat([slice(x, 0), slice(x, d)])`) keep its chain, and
 * branches of one core model join as a concatenate layer. A list without a core tensor, or with
 * tensors of several models, is what it was: no chain.
 */
export function coreConcat(ctx: Extraction, callNode: ts.Node, op: string, items: Value): Value | undefined {
  if (!hasTag(items, 'array')) return undefined;
  const nodes = new Set<GraphNode>();
  let axesMoved = op !== 'concat';
  for (const item of items.items) {
    if (!hasTag(item, 'tensor') || item.node?.placement !== 'core') continue;
    nodes.add(item.node);
    axesMoved ||= item.axesMoved === true;
  }
  const [first] = nodes;
  if (!first || [...nodes].some((node) => node.owner !== first.owner)) return undefined;
  if (nodes.size === 1) return coreTensor(first, axesMoved);
  return coreTensor(layerAfter(ctx, newProto(ctx, callNode, op, 'concatenate'), [...nodes]), axesMoved);
}

/** The element-wise ops that join two branches as coreMerge reads them. */
export function isMergeOp(name: string): boolean {
  return name === 'add' || name === 'sub' || name === 'mul';
}

/**
 * A tfjs layer called on concrete tensors, as a custom training loop does (\`lstm.apply(xs)\` in a
 * predict function, no tf.model): a layer of that code's core-API model, as its ops would be.
 */
export function applyLayerEagerly(ctx: Extraction, callNode: ts.Node, layer: LayerValue, input: Value): TensorValue {
  const inputNode = coreNodeOf(input);
  const owner = inputNode?.owner ?? newCoreModel(ctx, callNode);
  if (!owner.discarded) ctx.effects++;
  let node: GraphNode | undefined;
  for (const applied of [layer, ...(layer.stacked ?? [])]) {
    const inputs = node ? [node] : inputNode ? [inputNode] : [];
    node = { seq: ctx.nextSeq(), proto: applied.proto, inputs, placement: 'core', layer: applied, owner, notes: [...ctx.conditions] };
    addNode(ctx, owner, node);
  }
  return { tag: 'tensor', node };
}

/**
 * Whether a layer applied to `input` runs eagerly: on a core-API tensor or on a tensor of data
 * (`tf.zeros([1, 256])`, a batch sliced from the data: no graph node, which every symbolic tensor
 * has), or a recurrent layer on a value not known to be a symbolic tensor.
 */
export function runsEagerly(layer: LayerValue, input: Value): boolean {
  if (hasTag(input, 'tensor')) return input.node ? input.node.placement === 'core' : true;
  return isRecurrentKind(layer.proto.ir.kind) && hasTag(input, 'unknown');
}

function addNode(ctx: Extraction, owner: ModelState, node: GraphNode): void {
  owner.coreNodes.push(node);
  useModel(ctx, buildOf(owner));
}

function newCoreModel(ctx: Extraction, callNode: ts.Node): ModelState {
  const fn = ctx.currentFunctionValue;
  const named = fn?.name && fn.nameSpan && fn.module.isMain ? { name: fn.name, span: fn.nameSpan } : undefined;
  const state = newModelState(ctx, 'core', callNode, named);
  if (fn && fn.module.isMain) state.span = { start: fn.node.getStart(fn.module.sourceFile), end: fn.node.end };
  state.createdWithin = new Set(ctx.callStack.map((running) => running.node));
  return state;
}
