/** Facts about a model that several rules read: its kernel layers, the flow at a layer, where it trains. */
import type { RelatedInfo } from '../findings';
import type { LayerIR, ModelIR, Span, TrainingCallKind, TrainingIR } from '../ir';
import type { KernelPath } from '../flow/paths';
import type { FlowPrediction, LayerFlow } from '../flow/prediction';
import { criticalGain, kernelWeightVariance } from '../tfjs/initializers';
import type { FanIn } from '../fixes/initializer';
import { defaultKernelInitializerName, hasKernel } from '../tfjs/layers';
import { appliedActivation } from './appliedActivation';

/** Activations whose derivative vanishes away from 0 (sigmoid' <= 1/4, tanh' <= 1). */
export const SATURATING_ACTIVATIONS: readonly string[] = ['sigmoid', 'tanh', 'hardSigmoid', 'softsign'];

const SATURATING = new Set(SATURATING_ACTIVATIONS);

export function isSaturating(activation: string): boolean {
  return SATURATING.has(activation);
}

export function flowAt(flow: FlowPrediction, layerIndex: number): LayerFlow | undefined {
  // Engines list one entry per layer in order; the search is the fallback (models can have
  // thousands of layers, and rules look layers up in loops).
  const direct = flow.layers[layerIndex];
  if (direct?.layerIndex === layerIndex) return direct;
  return flow.layers.find((entry) => entry.layerIndex === layerIndex);
}

/**
 * Per layer index, whether its input went through an opaque layer (a custom layer the engine
 * cannot read, a weight applied again): the flow passes the signal through such a layer
 * unchanged, so the scale it predicts behind it is an assumption (a custom InstanceNorm resets it).
 */
export function behindOpaque(model: ModelIR): boolean[] {
  const behind = model.layers.map(() => false);
  for (const layer of model.layers) behind[layer.index] = layer.inputs.some((input) => behind[input] || model.layers[input].kind === 'opaque');
  return behind;
}

/** The last model's kernel layers: every rule asks for them, on every prediction of the model. */
const lastKernels: { layers?: readonly LayerIR[]; kernels: readonly LayerIR[] } = { kernels: [] };

export function kernelLayers(model: ModelIR): readonly LayerIR[] {
  if (lastKernels.layers !== model.layers) {
    lastKernels.layers = model.layers;
    lastKernels.kernels = model.layers.filter((layer) => hasKernel(layer.kind));
  }
  return lastKernels.kernels;
}

/**
 * The fan-in an initializer fix of `layer` is computed for: 'varies' when the same initializer
 * text also draws kernels of other fan-ins (a loop over `[sizes[i], sizes[i + 1]]`).
 */
export function initializerFanIn(model: ModelIR, flow: FlowPrediction, layer: LayerIR): FanIn {
  const fanIn = flowAt(flow, layer.index)?.fanIn;
  const span = layer.kernelInitializer?.span;
  if (fanIn === undefined || !span) return fanIn;
  for (const other of kernelLayers(model)) {
    const otherSpan = other.kernelInitializer?.span;
    if (other === layer || otherSpan?.start !== span.start || otherSpan.end !== span.end) continue;
    const otherFanIn = flowAt(flow, other.index)?.fanIn;
    if (otherFanIn !== undefined && otherFanIn !== fanIn) return 'varies';
  }
  return fanIn;
}

/** Kernel layers that are not outputs of the model or of a model inlined in it: the ones whose activation a fix may change. */
export function hiddenKernelLayers(model: ModelIR): LayerIR[] {
  return kernelLayers(model).filter((layer) => !model.outputs.includes(layer.index) && !layer.nestedOutputOf);
}

/** The kernel layers of a path, in order. */
export function pathKernelLayers(model: ModelIR, path: KernelPath): LayerIR[] {
  return path.kernels.map((index) => model.layers[index]);
}

/**
 * ` on the path from input_1 to realness` when the model has more than one path or the path is
 * cut by an opaque layer; nothing for a plain chain, whose first and last layers say it all.
 */
export function pathLabel(model: ModelIR, flow: FlowPrediction, path: KernelPath): string {
  if (flow.paths.length <= 1 && !path.cut) return '';
  const from = model.layers[path.from].name;
  const to = model.layers[path.to].name;
  const cut = path.cut ? ' (an opaque layer bounds it: no ratio is taken across it)' : '';
  return ` on the path from ${from} to ${to}${cut}`;
}

/** E[w²] of a kernel layer's weights as the prediction took them (an unknown scale at its substituted value). */
export function kernelVariance(layer: LayerIR, layerFlow: LayerFlow, fanIn: number, fanOut: number): number {
  return layerFlow.weightVariance ?? kernelWeightVariance(layer, fanIn, fanOut);
}

/**
 * The layer's kernel variance × fan-in over the critical gain of the activation its
 * pre-activations go through (appliedActivation: its own, or an activation layer's after it):
 * 1 is the edge of chaos; above 1 the signal grows layer after layer, below it shrinks. Undefined
 * when the fans are unknown.
 */
export function weightScaleRatio(model: ModelIR, layer: LayerIR, flow: FlowPrediction): number | undefined {
  const layerFlow = flowAt(flow, layer.index);
  if (!layerFlow?.fanIn || !layerFlow.fanOut) return undefined;
  const variance = kernelVariance(layer, layerFlow, layerFlow.fanIn, layerFlow.fanOut);
  const { name, alpha } = appliedActivation(model, layer, true);
  return (variance * layerFlow.fanIn) / criticalGain(name, alpha);
}

/**
 * A set of source spans, compared by offsets (no key string per span). Rules make one per model
 * and most never add anything, so the map is made on the first add.
 */
export class SpanSet {
  private endsByStart: Map<number, number[]> | undefined;

  /** Adds `span`; false when a span with the same offsets is already in the set. */
  add(span: Span): boolean {
    this.endsByStart ??= new Map();
    const ends = this.endsByStart.get(span.start);
    if (!ends) {
      this.endsByStart.set(span.start, [span.end]);
      return true;
    }
    if (ends.includes(span.end)) return false;
    ends.push(span.end);
    return true;
  }
}

/** One representative per source span: layers added in a loop share their call and properties. */
export function distinctBySpan<T extends { span: Span }>(items: readonly T[]): T[] {
  const seen = new SpanSet();
  return items.filter((item) => seen.add(item.span));
}

/** The most precise span for a layer's property: its value when written, else the layer call. */
export function propertyValueSpan(layer: LayerIR, key: string): Span {
  return layer.props[key]?.valueSpan ?? layer.span;
}

const TRAINING_STEP_CALLS: readonly TrainingCallKind[] = ['fit', 'fitDataset', 'trainOnBatch', 'minimize', 'applyGradients'];

/** Related information: where the model trains (fit/minimize...) and where its optimizer is used. */
export function trainingRelated(model: ModelIR): RelatedInfo[] {
  return setupRelated(model.training);
}

/** Where the optimizer is used and where training happens, for a model's or a detached setup's training. */
export function setupRelated(training: TrainingIR | undefined): RelatedInfo[] {
  const related: RelatedInfo[] = [];
  if (!training) return related;
  const optimizer = training.optimizer;
  if (optimizer?.useSpan) related.push({ span: optimizer.useSpan, message: `optimizer ${optimizer.name} is used here` });
  for (const call of training.calls) {
    if (TRAINING_STEP_CALLS.includes(call.kind)) related.push({ span: call.span, message: `training happens here (${call.kind})` });
  }
  return related;
}

export function layerRelated(layer: LayerIR, message: string): RelatedInfo {
  return { span: layer.span, message };
}

/** `heNormal`, or `glorotNormal by default` when none is written. */
export function initializerLabel(layer: LayerIR): string {
  return layer.kernelInitializer?.name ?? `${defaultKernelInitializerName(layer.kind)} by default`;
}

export type ConstantKind = 'zero' | 'nonzero';

/** Whether an initializer is constant, and whether that constant is 0; undefined for random ones. */
export function constantKind(layer: LayerIR, init = layer.kernelInitializer): ConstantKind | undefined {
  if (!init) return undefined;
  const name = init.name.toLowerCase();
  if (name === 'zeros') return 'zero';
  if (name === 'ones') return 'nonzero';
  // The string 'constant' throws in tfjs (tfjs-api-trap); only tf.initializers.constant({value}) counts.
  if (name === 'constant' && init.form === 'call' && typeof init.args.value === 'number') return init.args.value === 0 ? 'zero' : 'nonzero';
  return undefined;
}

/** Whether the layer's weights train: not where `trainable: false` is written on it. */
export function isTrainable(text: string, layer: LayerIR): boolean {
  const prop = layer.props.trainable;
  return !prop || text.slice(prop.valueSpan.start, prop.valueSpan.end).trim() !== 'false';
}
