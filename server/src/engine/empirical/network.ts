/**
 * The model of a ModelIR, built in tfjs: every IR layer becomes the tfjs layer(s) of layerFactory,
 * wired along the IR's `inputs` and built on symbolic inputs of the model's input shape (which
 * creates the seeded weights and checks every shape, as tf.model() would). Forward passes then run
 * eagerly, layer by layer, so the pre-activations stay observable.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerIR, ModelIR } from '../ir';
import { PLAUSIBLE } from '../flow/unknowns';
import { effectiveActivation, hasKernel, isRecurrentKind } from '../tfjs/layers';
import { coreApiWeight } from './initializers';
import { buildLayer, type BuiltLayer } from './layerFactory';
import { deriveSeed, SeedRole } from './seeds';
import { UnsupportedModelError } from './types';

/**
 * The size built for an input dimension written as null (or not known statically): the analytic
 * engine's nominal value, so the two engines describe the same model. The last axis holds the
 * features (channels of an image); every other axis is a time step or an image side, where a
 * size of 1 would leave no room for a recurrence to explode or a 3-wide valid convolution to fit.
 */
export function nominalInputDimension(axis: number, rank: number): { size: number; noun: string } {
  return axis === rank - 1
    ? { size: PLAUSIBLE.inputFeatures.nominal, noun: 'features (channels)' }
    : { size: PLAUSIBLE.timeSteps.nominal, noun: 'time steps (side)' };
}

/** Which sigmoid/tanh/relu a layer applies, for the saturated and dead fractions. */
export type Nonlinearity = 'saturating' | 'rectifier';

export interface NetworkNode extends BuiltLayer {
  layer: LayerIR;
  /** Index into Network.inputs when the layer is fed by a model input. */
  root?: number;
  /** The weights whose gradient is reported as dLoss/dKernel (several for bidirectional or separable layers). */
  kernels: tf.Variable[];
  nonlinearity?: Nonlinearity;
  /** A recurrent layer started from other layers' states (initialState): those layers' indices. */
  initialStateFrom?: number[];
}

export interface NetworkInput {
  /** Shape without the batch dimension. */
  shape: number[];
  /** Integer ids in [0, idCount) for embeddings; N(0,1) floats otherwise. */
  idCount?: number;
}

export interface Network {
  nodes: NetworkNode[];
  inputs: NetworkInput[];
  /** Shapes of the model outputs (ModelIR.outputs order), without the batch dimension. */
  outputShapes: number[][];
  /** Every trainable weight, for the training preview. */
  trainable: tf.Variable[];
  assumptions: string[];
}

const KERNEL_WEIGHT_NAMES = new Set(['kernel', 'depthwise_kernel', 'pointwise_kernel', 'embeddings']);

function nonlinearityOf(layer: LayerIR, built: BuiltLayer): Nonlinearity | undefined {
  let name: string | undefined;
  if (built.activation || layer.kind === 'activation') name = effectiveActivation(layer);
  else if (layer.kind === 'reLU') name = 'relu';
  if (name === 'sigmoid' || name === 'tanh') return 'saturating';
  if (name === 'relu' || name === 'relu6') return 'rectifier';
  return undefined;
}

function resolveInputShape(shape: (number | null)[], layer: LayerIR, assumptions: string[]): number[] {
  return shape.map((dim, axis) => {
    if (dim !== null) return dim;
    const { size, noun } = nominalInputDimension(axis, shape.length);
    assumptions.push(`${layer.name}: input dimension ${axis + 1} of ${shape.length}, ${noun}, is null or not known statically; ${size} assumed (the analytic engine's nominal value)`);
    return size;
  });
}

/** The model input feeding a root layer (a layer with no IR inputs). */
function rootInput(model: ModelIR, layer: LayerIR, problems: string[], assumptions: string[]): NetworkInput | undefined {
  let written = layer.inputShape ?? (layer.index === model.layers.findIndex((l) => l.inputs.length === 0) ? model.inputShape : undefined);
  if (layer.kind === 'dense' && layer.units !== undefined && (!written || written[written.length - 1] === null)) {
    // A dense layer of unknown input size (no shape, or a feature size not known statically) is assumed square.
    assumptions.push(`${layer.name}: input size unknown; assumed ${layer.units} features`);
    written = [...(written?.slice(0, -1) ?? []), layer.units];
  }
  if (!written) {
    problems.push(`${layer.name}: the input shape is unknown (write inputShape on the first layer)`);
    return undefined;
  }
  const consumers = [layer, ...model.layers.filter((l) => l.inputs.includes(layer.index))];
  const embedding = consumers.find((l) => l.kind === 'embedding');
  return { shape: resolveInputShape(written, layer, assumptions), idCount: embedding?.inputDim };
}

function applyLayer(layer: tf.layers.Layer, inputs: tf.SymbolicTensor[]): tf.SymbolicTensor {
  return layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor;
}

/**
 * The recurrent layers fed beyond their first input: the extraction adds the layers an
 * `initialState` comes from as further inputs (a seq2seq decoder started from its encoder).
 */
function initialStateFrom(layer: LayerIR): number[] | undefined {
  return isRecurrentKind(layer.kind) && layer.inputs.length > 1 ? layer.inputs.slice(1) : undefined;
}

/**
 * Layers whose states start another recurrent layer. An unwrapped recurrent one is built with
 * returnState, so an lstm's h and c both pass on (the IR names the layer, not each state).
 */
function stateSources(model: ModelIR): Set<number> {
  const sources = model.layers.flatMap((layer) => initialStateFrom(layer) ?? []);
  return new Set(sources.filter((i) => isRecurrentKind(model.layers[i].kind) && !model.layers[i].wrapper));
}

/** What a node's body computed: its output and, for a layer built with returnState, its states. */
interface Applied<T> {
  output: T;
  states?: T[];
}

/**
 * Applies a node's body to its feeds, symbolically or eagerly: a layer started from other layers'
 * states gets them as initialState (each source's states, or its output when it has none).
 */
function applyBody<T extends tf.Tensor | tf.SymbolicTensor>(node: NetworkNode, feeds: T[], statesOf: (index: number) => T[], kwargs: Record<string, unknown>): Applied<T> {
  const body = node.body!;
  const inputs = (feeds.length === 1 || node.initialStateFrom ? feeds[0] : feeds) as tf.Tensor | tf.Tensor[];
  const result = body.apply(inputs, node.initialStateFrom ? { ...kwargs, initialState: node.initialStateFrom.flatMap(statesOf) } : kwargs);
  return Array.isArray(result) ? { output: result[0] as T, states: result.slice(1) as T[] } : { output: result as T };
}

/** Overwrites a core-API layer's weights with draws using tfjs-core's defaults (see coreApiWeight). */
function drawCoreApiWeights(node: NetworkNode, seed: number): void {
  const { layer, body } = node;
  if (layer.placement.kind !== 'core' || !body) return;
  for (const weight of body.trainableWeights) {
    const last = weight.originalName.split('/').pop();
    const init = last === 'kernel' ? layer.kernelInitializer : last === 'bias' ? layer.biasInitializer : undefined;
    if (!init) continue;
    const role = last === 'kernel' ? SeedRole.kernel : SeedRole.bias;
    const value = coreApiWeight(init, weight.shape as number[], deriveSeed(seed, layer.index, role));
    weight.write(value);
    value.dispose();
  }
}

export function disposeNetwork(network: Pick<Network, 'nodes'>): void {
  for (const node of network.nodes) {
    for (const layer of [node.body, node.activation]) {
      for (const weight of layer?.weights ?? []) weight.dispose();
    }
  }
}

/** Builds the model with weights drawn from `seed`; throws UnsupportedModelError saying why it cannot. */
export function buildNetwork(model: ModelIR, seed: number): Network {
  const problems: string[] = [];
  const assumptions: string[] = [];
  const nodes: NetworkNode[] = [];
  const inputs: NetworkInput[] = [];
  const symbolic: tf.SymbolicTensor[] = [];
  const symbolicStates: (tf.SymbolicTensor[] | undefined)[] = [];
  const returningState = stateSources(model);
  if (model.outputs.length === 0) problems.push('the model has no output layer');
  for (const layer of model.layers) {
    const built = buildLayer(layer, seed, problems, returningState.has(layer.index));
    if (!built) continue;
    const startedFrom = initialStateFrom(layer);
    const node: NetworkNode = { ...built, layer, kernels: [], nonlinearity: nonlinearityOf(layer, built), ...(startedFrom ? { initialStateFrom: startedFrom } : {}) };
    nodes.push(node);
    assumptions.push(...built.notes);
    if (problems.length > 0) continue; // keep collecting reasons, but wiring needs every layer before
    let feeds: tf.SymbolicTensor[];
    if (layer.inputs.length === 0) {
      const input = rootInput(model, layer, problems, assumptions);
      if (!input) continue;
      node.root = inputs.push(input) - 1;
      feeds = [tf.input({ shape: input.shape, dtype: input.idCount === undefined ? 'float32' : 'int32' })];
    } else {
      feeds = layer.inputs.map((i) => symbolic[i]);
    }
    try {
      const applied: Applied<tf.SymbolicTensor> = node.body ? applyBody(node, feeds, (i) => symbolicStates[i] ?? [symbolic[i]], {}) : { output: feeds[0] };
      symbolic[layer.index] = node.activation ? applyLayer(node.activation, [applied.output]) : applied.output;
      symbolicStates[layer.index] = applied.states;
    } catch (error) {
      problems.push(`${layer.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) {
    disposeNetwork({ nodes });
    throw new UnsupportedModelError(problems);
  }
  for (const node of nodes) {
    drawCoreApiWeights(node, seed);
    if (!hasKernel(node.layer.kind) || !node.body) continue;
    node.kernels = node.body.trainableWeights
      .filter((w) => KERNEL_WEIGHT_NAMES.has(w.originalName.split('/').pop() ?? ''))
      .map((w) => w.read() as tf.Variable);
  }
  const outputShapes = model.outputs.map((i) => (symbolic[i].shape.slice(1) as number[]));
  const trainable = nodes.flatMap((n) => n.body?.trainableWeights.map((w) => w.read() as tf.Variable) ?? []);
  return { nodes, inputs, outputShapes, trainable, assumptions };
}

/** What one forward pass produced, per node (in Network.nodes order). */
export interface ForwardPass {
  outputs: tf.Tensor[];
  /** Pre-activation of kernel layers, output of other layers: what preActivationStd describes. */
  observed: tf.Tensor[];
  /** The input of the node's sigmoid/tanh/relu, when it has one. */
  nonlinearityInput: (tf.Tensor | undefined)[];
}

/** Runs the model eagerly; `training` selects batch statistics for normalization and live dropout. */
export function forward(network: Network, xs: tf.Tensor[], outputs: number[], training: boolean): ForwardPass {
  const values: tf.Tensor[] = [];
  const states: (tf.Tensor[] | undefined)[] = [];
  const observed: tf.Tensor[] = [];
  const nonlinearityInput: (tf.Tensor | undefined)[] = [];
  for (const node of network.nodes) {
    const feeds = node.root !== undefined ? [xs[node.root]] : node.layer.inputs.map((i) => values[i]);
    const applied: Applied<tf.Tensor> = node.body ? applyBody(node, feeds, (i) => states[i] ?? [values[i]], { training }) : { output: feeds[0] };
    states[node.layer.index] = applied.states;
    const z = applied.output;
    const out = node.activation ? (node.activation.apply(z) as tf.Tensor) : z;
    values[node.layer.index] = out;
    observed.push(z);
    nonlinearityInput.push(node.nonlinearity === undefined ? undefined : node.activation ? z : feeds[0]);
  }
  return { outputs: outputs.map((i) => values[i]), observed, nonlinearityInput };
}

/** meanSquaredError summed over the model's outputs, as tfjs sums the losses of a multi-output model. */
export function mseLoss(predictions: tf.Tensor[], targets: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.addN(predictions.map((p, i) => tf.losses.meanSquaredError(targets[i], p))) as tf.Scalar);
}

/** A seeded batch for every model input: N(0,1), or uniform integer ids for embeddings. */
export function randomInputs(network: Network, batch: number, seed: number): tf.Tensor[] {
  return network.inputs.map((input, k) => {
    const shape = [batch, ...input.shape];
    const inputSeed = deriveSeed(seed, SeedRole.input, k);
    if (input.idCount === undefined) return tf.randomNormal(shape, 0, 1, 'float32', inputSeed);
    return tf.randomUniform(shape, 0, input.idCount, 'int32', inputSeed);
  });
}

/** N(0,1) targets of the output shapes (DESIGN section 7). */
export function randomTargets(network: Network, batch: number, seed: number): tf.Tensor[] {
  return network.outputShapes.map((shape, k) => tf.randomNormal([batch, ...shape], 0, 1, 'float32', deriveSeed(seed, SeedRole.target, k)));
}
