/**
 * One IR layer -> the tfjs layer(s) that compute it, configured as written (units, activation,
 * initializers with their arguments, ...) and seeded. A kernel layer's activation is split off
 * into its own tfjs activation layer: the same function (tfjs Dense/Conv apply the activation
 * after the kernel product and bias), but its input, the pre-activation, becomes observable.
 */
import * as tf from '@tensorflow/tfjs';
import type { InitializerIR, LayerIR } from '../ir';
import { ACTIVATION_TRAPS, isTfjsActivation, type ActivationName } from '../tfjs/activations';
import {
  DEFAULT_BIAS_INITIALIZER,
  DEFAULT_RECURRENT_INITIALIZER,
  defaultKernelInitializerName,
  effectiveActivation,
  isConvKind,
  isRecurrentKind,
} from '../tfjs/layers';
import { UPSAMPLING_DEFAULT_SIZE } from '../tfjs/shapes';
import { initializerProblem, layersInitializer } from './initializers';
import { deriveSeed, SeedRole } from './seeds';
import { NearestUpSampling2D } from './upSampling';

type Layer = tf.layers.Layer;

export interface BuiltLayer {
  /** Computes the layer; undefined passes its single input through unchanged. */
  body?: Layer;
  /** A kernel layer's activation, split off so that the pre-activation can be observed. */
  activation?: Layer;
  /** What was assumed for this layer, in plain words. */
  notes: string[];
}

/** tfjs pooling factories, built with the written poolSize, strides and padding. */
const POOLING_FACTORIES = [
  'maxPooling1d', 'maxPooling2d', 'maxPooling3d', 'averagePooling1d', 'averagePooling2d', 'averagePooling3d',
  'maxPool1d', 'maxPool2d', 'avgPool1d', 'avgPool2d', 'avgPool3d', 'avgPooling1d', 'avgPooling2d', 'avgPooling3d',
  'globalAveragePooling1d', 'globalAveragePooling2d', 'globalMaxPooling1d', 'globalMaxPooling2d',
  'globalMaxPool1d', 'globalMaxPool2d', 'globalAvgPool1d', 'globalAvgPool2d',
] as const;

const INPUT_SHAPE_PROPS = ['inputShape', 'batchInputShape', 'shape', 'batchShape'];

/** Config properties whose values the IR does not carry: tfjs defaults stand in for them. */
const UNMODELLED_PROPS = ['depthMultiplier'];

function validActivation(layer: LayerIR, name: string, problems: string[]): ActivationName | undefined {
  if (isTfjsActivation(name)) return name;
  const trap = ACTIVATION_TRAPS[name];
  problems.push(`${layer.name}: ${trap ? trap.note : `'${name}' is not a tfjs activation`} (tfjs throws at runtime)`);
  return undefined;
}

/** The seeded tfjs initializer for one weight of a layer, or undefined after recording why not. */
function initializerFor(
  layer: LayerIR,
  written: InitializerIR | undefined,
  fallback: string,
  role: number,
  seed: number,
  problems: string[],
) {
  const init = written ?? fallback;
  const problem = initializerProblem(init, `${layer.name}: initializer`);
  if (problem) {
    problems.push(problem);
    return undefined;
  }
  return layersInitializer(init, deriveSeed(seed, layer.index, role));
}

function requireUnits(layer: LayerIR, problems: string[]): number | undefined {
  // An unresolved `units` is already reported as such.
  if (layer.units === undefined && !layer.unresolved.includes('units')) problems.push(`${layer.name}: the number of units/filters is unknown`);
  return layer.units;
}

/** A per-axis size as a tfjs config value: a single number means the same size along every axis. */
function asConfigSize(sizes: number[]): number | number[] {
  return sizes.length === 1 || sizes.every((s) => s === sizes[0]) ? sizes[0] : sizes;
}

/** strides, padding, dilationRate and a channelsFirst dataFormat as written (absent ones keep tfjs's defaults). */
function windowConfig(layer: LayerIR): { strides?: number; padding?: 'valid' | 'same'; dilationRate?: number; dataFormat?: 'channelsFirst' } {
  const config: Record<string, unknown> = {};
  if (layer.dataFormat) config.dataFormat = layer.dataFormat;
  if (layer.strides) config.strides = asConfigSize(layer.strides);
  // Any other string is passed on for tfjs to reject (and say so) as it would for the user.
  if (layer.padding !== undefined) config.padding = layer.padding;
  if (layer.dilationRate) config.dilationRate = asConfigSize(layer.dilationRate);
  return config;
}

/**
 * The window config of a convolution as tfjs can run and train it: padding 'causal', which tfjs
 * does not implement (the layer throws when it runs), is simulated as 'same', which keeps the
 * length and the fan-in; a dilation above 1, whose gradient tfjs cannot take, as 1, which keeps
 * the fan-in. tfjs-api-trap reports both; a note says what was simulated.
 */
function runnableWindowConfig(layer: LayerIR, notes: string[]): ReturnType<typeof windowConfig> {
  const config = windowConfig(layer);
  if (layer.padding === 'causal') {
    config.padding = 'same';
    notes.push(`${layer.name}: padding 'causal' is not implemented in tfjs; simulated as 'same' (the same length and fan-in)`);
  }
  if (layer.dilationRate?.some((rate) => rate > 1)) {
    delete config.dilationRate;
    notes.push(`${layer.name}: tfjs cannot take the gradient of dilationRate ${asConfigSize(layer.dilationRate)}; simulated with dilationRate 1 (the same fan-in)`);
  }
  return config;
}

function requireKernelSize(layer: LayerIR, problems: string[]): number | undefined {
  if (!layer.kernelSize || layer.kernelSize.length === 0) {
    problems.push(`${layer.name}: kernelSize is unknown`);
    return undefined;
  }
  return asConfigSize(layer.kernelSize) as number;
}

function kernelLayer(layer: LayerIR, seed: number, problems: string[], notes: string[]): Layer | undefined {
  // A depthwise convolution has no filters: its output keeps the input's channels.
  const units = layer.kind === 'depthwiseConv2d' ? undefined : requireUnits(layer, problems);
  const kernelInitializer = initializerFor(layer, layer.kernelInitializer, defaultKernelInitializerName(layer.kind), SeedRole.kernel, seed, problems);
  const biasInitializer = initializerFor(layer, layer.biasInitializer, DEFAULT_BIAS_INITIALIZER, SeedRole.bias, seed, problems);
  if (!kernelInitializer || !biasInitializer) return undefined;
  const useBias = layer.useBias ?? true;
  if (layer.kind === 'depthwiseConv2d') {
    const kernelSize = requireKernelSize(layer, problems);
    return kernelSize === undefined ? undefined : tf.layers.depthwiseConv2d({ kernelSize, useBias, depthwiseInitializer: kernelInitializer, biasInitializer, ...runnableWindowConfig(layer, notes) });
  }
  if (units === undefined) return undefined;
  if (layer.kind === 'dense') return tf.layers.dense({ units, useBias, kernelInitializer, biasInitializer });

  const kernelSize = requireKernelSize(layer, problems);
  if (kernelSize === undefined) return undefined;
  const window = runnableWindowConfig(layer, notes);
  const conv = { filters: units, kernelSize, useBias, kernelInitializer, biasInitializer, ...window };
  switch (layer.kind) {
    case 'conv1d': return tf.layers.conv1d(conv);
    case 'conv2d': return tf.layers.conv2d(conv);
    case 'conv3d': return tf.layers.conv3d(conv);
    case 'conv2dTranspose': return tf.layers.conv2dTranspose(conv);
    case 'separableConv2d':
      // tfjs 4.22 initializes the pointwise kernel with depthwiseInitializer too (pointwiseInitializer is never read).
      return tf.layers.separableConv2d({ filters: units, kernelSize, useBias, depthwiseInitializer: kernelInitializer, biasInitializer, ...window });
    default:
      problems.push(`${layer.name}: ${layer.kind} is not a kernel layer`);
      return undefined;
  }
}

function recurrentLayer(layer: LayerIR, seed: number, problems: string[], returnState: boolean): Layer | undefined {
  const units = requireUnits(layer, problems);
  const activation = validActivation(layer, effectiveActivation(layer), problems);
  const recurrentActivation = layer.recurrentActivation === undefined ? undefined : validActivation(layer, layer.recurrentActivation, problems);
  const kernelInitializer = initializerFor(layer, layer.kernelInitializer, defaultKernelInitializerName(layer.kind), SeedRole.kernel, seed, problems);
  const recurrentInitializer = initializerFor(layer, layer.recurrentInitializer, DEFAULT_RECURRENT_INITIALIZER, SeedRole.recurrent, seed, problems);
  const biasInitializer = initializerFor(layer, layer.biasInitializer, DEFAULT_BIAS_INITIALIZER, SeedRole.bias, seed, problems);
  if (units === undefined || !activation || !kernelInitializer || !recurrentInitializer || !biasInitializer) return undefined;
  if (layer.recurrentActivation !== undefined && !recurrentActivation) return undefined;
  const config = {
    units, activation, useBias: layer.useBias ?? true, returnSequences: layer.returnSequences ?? false, returnState,
    kernelInitializer, recurrentInitializer, biasInitializer,
  };
  if (layer.kind === 'simpleRNN') return tf.layers.simpleRNN(config);
  const gates = recurrentActivation ? { recurrentActivation } : {};
  return layer.kind === 'lstm' ? tf.layers.lstm({ ...config, ...gates }) : tf.layers.gru({ ...config, ...gates });
}

function poolingLayer(layer: LayerIR, problems: string[]): Layer | undefined {
  const factory = layer.factory.split('.').pop() ?? '';
  if (!(POOLING_FACTORIES as readonly string[]).includes(factory)) {
    problems.push(`${layer.name}: unknown pooling layer '${layer.factory}'`);
    return undefined;
  }
  const make = (tf.layers as unknown as Record<string, (config: object) => Layer>)[factory];
  const config: Record<string, unknown> = { ...windowConfig(layer) };
  if (layer.poolSize) config.poolSize = asConfigSize(layer.poolSize);
  return make(config);
}

function upSamplingLayer(layer: LayerIR): Layer {
  const size = (layer.size ?? UPSAMPLING_DEFAULT_SIZE).slice(0, 2) as [number, number];
  const interpolation = layer.interpolation ?? 'nearest';
  // tfjs's nearest upsampling has a wrong gradient on the CPU backend for batches > 1 (upSampling.ts).
  if (interpolation === 'nearest') return new NearestUpSampling2D(size);
  return tf.layers.upSampling2d({ size, interpolation: interpolation as 'bilinear' });
}

/** The layer without wrappers and without a kernel layer's activation. */
function coreLayer(layer: LayerIR, seed: number, problems: string[], notes: string[], returnState: boolean): Layer | undefined {
  if (isConvKind(layer.kind) || layer.kind === 'dense') return kernelLayer(layer, seed, problems, notes);
  if (isRecurrentKind(layer.kind)) return recurrentLayer(layer, seed, problems, returnState);
  switch (layer.kind) {
    case 'input':
      return undefined;
    case 'embedding': {
      const units = requireUnits(layer, problems);
      if (layer.inputDim === undefined) problems.push(`${layer.name}: inputDim is unknown`);
      const embeddingsInitializer = initializerFor(layer, layer.kernelInitializer, defaultKernelInitializerName(layer.kind), SeedRole.kernel, seed, problems);
      if (units === undefined || layer.inputDim === undefined || !embeddingsInitializer) return undefined;
      return tf.layers.embedding({ inputDim: layer.inputDim, outputDim: units, embeddingsInitializer });
    }
    case 'batchNormalization': return tf.layers.batchNormalization({});
    case 'layerNormalization': return tf.layers.layerNormalization({});
    case 'dropout':
      if (layer.rate === undefined) {
        problems.push(`${layer.name}: dropout rate is unknown`);
        return undefined;
      }
      return tf.layers.dropout({ rate: layer.rate, seed: deriveSeed(seed, layer.index, SeedRole.dropout) });
    case 'activation': {
      const activation = validActivation(layer, effectiveActivation(layer), problems);
      return activation && tf.layers.activation({ activation });
    }
    case 'leakyReLU': return tf.layers.leakyReLU(layer.alpha === undefined ? {} : { alpha: layer.alpha });
    case 'elu': return tf.layers.elu(layer.alpha === undefined ? {} : { alpha: layer.alpha });
    case 'prelu': return tf.layers.prelu({});
    case 'reLU': return tf.layers.reLU({});
    case 'softmax': return tf.layers.softmax({});
    case 'add': return tf.layers.add({});
    case 'concatenate': return tf.layers.concatenate({});
    case 'multiply': return tf.layers.multiply({});
    case 'average': return tf.layers.average({});
    case 'flatten': return tf.layers.flatten(layer.dataFormat ? { dataFormat: layer.dataFormat } : {});
    case 'pooling': return poolingLayer(layer, problems);
    case 'upSampling': return upSamplingLayer(layer);
    case 'reshape':
      if (layer.factory.split('.').pop() === 'reshape' && layer.targetShape) return tf.layers.reshape({ targetShape: layer.targetShape });
      if (layer.factory.split('.').pop() === 'permute' && layer.permuteDims) return tf.layers.permute({ dims: layer.permuteDims });
      problems.push(`${layer.name}: ${layer.factory}'s output shape is not known statically`);
      return undefined;
    case 'opaque':
      if (layer.inputs.length > 1) {
        problems.push(`${layer.name}: '${layer.factory}' is not understood and merges several inputs`);
      } else {
        notes.push(`${layer.name}: '${layer.factory}' is not understood; simulated as an identity layer`);
      }
      return undefined;
    default:
      problems.push(`${layer.name}: layer kind '${layer.kind}' is not simulated`);
      return undefined;
  }
}

function wrap(layer: LayerIR, inner: Layer): Layer {
  if (layer.wrapper === 'bidirectional') return tf.layers.bidirectional({ layer: inner as Parameters<typeof tf.layers.bidirectional>[0]['layer'] });
  if (layer.wrapper === 'timeDistributed') return tf.layers.timeDistributed({ layer: inner });
  return inner;
}

/**
 * Builds the tfjs layers of one IR layer; on failure records why in `problems` and returns undefined.
 * `returnState`: a recurrent layer whose states start another one also returns them (tfjs's
 * returnState: [output, ...states]).
 */
export function buildLayer(layer: LayerIR, seed: number, problems: string[], returnState = false): BuiltLayer | undefined {
  const notes: string[] = [];
  const before = problems.length;
  for (const prop of layer.unresolved) {
    // An unknown input shape is the network's business (it may assume one and say so).
    if (!INPUT_SHAPE_PROPS.includes(prop)) problems.push(`${layer.name}: '${prop}' could not be resolved statically`);
  }
  for (const prop of UNMODELLED_PROPS) {
    if (layer.props[prop]) notes.push(`${layer.name}: '${prop}' as written is not modelled; the tfjs default is used`);
  }
  const splitActivation = (layer.kind === 'dense' || isConvKind(layer.kind)) && effectiveActivation(layer) !== 'linear';
  const activationName = splitActivation ? validActivation(layer, effectiveActivation(layer), problems) : undefined;
  let inner: Layer | undefined;
  try {
    inner = coreLayer(layer, seed, problems, notes, returnState);
  } catch (error) {
    // tfjs validates configs in its constructors (e.g. elu rejects alpha != 1): say what it said.
    problems.push(`${layer.name}: tfjs rejects the config: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (problems.length > before) return undefined;
  return {
    body: inner && wrap(layer, inner),
    activation: activationName && tf.layers.activation({ activation: activationName }),
    notes,
  };
}
