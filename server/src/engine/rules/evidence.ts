/**
 * Conditions several rules share: is the model predicted to explode, is the learning rate high.
 * missing-gradient-clipping fires on the same evidence as exploding-gradient and
 * high-learning-rate, so the definitions live here once.
 */
import type { LayerIR, ModelIR, OptimizerIR } from '../ir';
import { feedsOpaque, type KernelPath } from '../flow/paths';
import type { FlowPrediction } from '../flow/prediction';
import type { Settings } from '../settings';
import { behindOpaque, flowAt, kernelLayers } from './modelFacts';
import { initializerMoments } from '../tfjs/initializers';
import { isNormalization } from '../tfjs/layers';
import { sharpnessBound, type SharpnessBound } from './sharpnessBound';
import { exceeds, reaches } from './thresholdCompare';

export interface ExplosionEvidence {
  /** The path the ratio or growth was found on (its first and last kernel layers are compared). */
  path?: KernelPath;
  /** log10(‖∇W_first‖ / ‖∇W_last‖) when at or above the threshold. */
  log10Ratio?: number;
  /** Pre-activation sd growing from `from` to `to` by `factor` (at or above the threshold). */
  growth?: { from: LayerIR; to: LayerIR; fromStd: number; toStd: number; factor: number };
  /** The prediction overflowed (NaN or infinite gradient norms). */
  overflow?: LayerIR;
}

/**
 * What the flow says about explosion: an overflow anywhere, else the path with the largest
 * first/last ratio at or above the threshold, else the one whose pre-activations grow the most.
 */
export function explosionEvidence(model: ModelIR, flow: FlowPrediction, settings: Settings): ExplosionEvidence | undefined {
  const threshold = settings.thresholds.explodingRatio;
  let overflow: LayerIR | undefined;
  let besideOpaque: boolean[] | undefined;
  for (const layer of kernelLayers(model)) {
    const layerFlow = flowAt(flow, layer.index);
    if (isFiniteOrUnknown(layerFlow?.log10GradNorm) && isFiniteOrUnknown(layerFlow?.preActivationStd)) continue;
    // A value that overflows where the signal or the gradient went through an opaque layer rests on
    // the assumption that the layer passes them unchanged (its output shape too): no verdict.
    besideOpaque ??= connectedToOpaque(model);
    if (besideOpaque[layer.index]) continue;
    overflow = layer;
    break;
  }
  const log10Threshold = Math.log10(threshold);
  let ratioPath: KernelPath | undefined;
  let growthPath: KernelPath | undefined;
  let growth: ExplosionEvidence['growth'];
  for (const path of flow.paths) {
    if (path.log10Ratio >= log10Threshold && (!ratioPath || path.log10Ratio > ratioPath.log10Ratio)) ratioPath = path;
    const pathGrowth = growthOnPath(model, flow, path, threshold);
    if (pathGrowth && (!growth || pathGrowth.factor > growth.factor)) {
      growth = pathGrowth;
      growthPath = path;
    }
  }
  if (!ratioPath && !growth && !overflow) return undefined;
  const evidence: ExplosionEvidence = {};
  if (overflow) evidence.overflow = overflow;
  if (ratioPath) evidence.log10Ratio = ratioPath.log10Ratio;
  const path = ratioPath ?? growthPath;
  if (path) evidence.path = path;
  if (growth && path === growthPath) evidence.growth = growth;
  return evidence;
}

/**
 * Layers that an opaque layer feeds, directly or not (their signal went through it), or that feed
 * one (their gradient came back through it). Layers are in topological order.
 */
function connectedToOpaque(model: ModelIR): boolean[] {
  const behind = behindOpaque(model);
  const upstream = feedsOpaque(model);
  return model.layers.map((layer) => layer.kind === 'opaque' || behind[layer.index] || upstream[layer.index]);
}

/**
 * The largest growth of pre-activation sd from a kernel layer of the path to a later one. A
 * normalization layer sets the scale anew (a layerNormalization after a small-init residual branch
 * is no growth), and so does a merge with a branch of another input (a small text branch added to
 * a wide tabular one: the sum's scale is the other branch's, and the gradient back into this path
 * is not amplified by it); growth is measured from the first kernel after the last such layer. A
 * residual sum, whose other input comes from this path's own source, does grow.
 */
function growthOnPath(model: ModelIR, flow: FlowPrediction, path: KernelPath, threshold: number): ExplosionEvidence['growth'] {
  let base: { layer: LayerIR; std: number } | undefined;
  let normalized = true;
  let growth: ExplosionEvidence['growth'];
  let fromSource: boolean[] | undefined;
  // Kernels are listed in path order: the next one to meet, not a search per layer.
  let nextKernel = 0;
  for (const index of path.layers) {
    const layer = model.layers[index];
    if (isNormalization(layer)) normalized = true;
    if (layer.inputs.length > 1) {
      fromSource ??= reachableFrom(model, path.layers[0]);
      if (layer.inputs.some((input) => !fromSource![input])) normalized = true;
    }
    if (index !== path.kernels[nextKernel]) continue;
    nextKernel++;
    const std = spreadAbout(layer, flowAt(flow, index)?.preActivationStd);
    if (std === undefined || !Number.isFinite(std)) continue;
    if (normalized || !base) {
      normalized = false;
      base = std > 0 ? { layer, std } : undefined;
      continue;
    }
    const factor = std / base.std;
    if (factor >= threshold && (!growth || factor > growth.factor)) growth = { from: base.layer, to: layer, fromStd: base.std, toStd: std, factor };
  }
  return growth;
}

/**
 * A kernel layer's pre-activation sd without the offset its own bias adds: a rating head whose
 * bias starts at the mean rating (3.6) shifts every output by 3.6, which the flow's root mean
 * square counts, but amplifies no signal and no gradient.
 */
function spreadAbout(layer: LayerIR, rootMeanSquare: number | undefined): number | undefined {
  if (rootMeanSquare === undefined || layer.useBias === false || !layer.biasInitializer) return rootMeanSquare;
  const offset = initializerMoments(layer.biasInitializer, [1]).mean;
  return Math.sqrt(Math.max(rootMeanSquare * rootMeanSquare - offset * offset, 0));
}

/** For each layer, whether it depends on layer `source` (it or one of its inputs does). */
function reachableFrom(model: ModelIR, source: number): boolean[] {
  const reached = model.layers.map((layer) => layer.index === source);
  // Layers are in topological order: each input comes before its consumers.
  for (const layer of model.layers) if (!reached[layer.index] && layer.inputs.some((input) => reached[input])) reached[layer.index] = true;
  return reached;
}

function isFiniteOrUnknown(value: number | undefined): boolean {
  return value === undefined || Number.isFinite(value);
}

export interface LearningRateExcess {
  optimizer: OptimizerIR & { name: keyof Settings['thresholds']['learningRate'] };
  rate: number;
  threshold: number;
  /**
   * Whether the rate makes training fail. Always for adadelta; for sgd and momentum only at twice
   * the model's stable rate (stableStep); for the adaptive optimizers only where learning rate ×
   * the largest kernel fan-in reaches the measured limit (adaptiveStep). Never without a model.
   */
  fails: boolean;
  /** Adaptive optimizers with a model: the layer of the largest fan-in and the step it allows. */
  adaptiveStep?: AdaptiveStep;
  /** sgd and momentum with a model whose curvature the engine bounds: the largest stable rate. */
  stableStep?: StableStep;
}

export interface StableStep {
  sharpness: SharpnessBound;
  /** The momentum coefficient the limit assumes: as written, else 1 (the most lenient limit). */
  momentum?: number;
  /** 2/λ for sgd, 2(1 + momentum)/λ with momentum. */
  limit: number;
  /** rate / limit; at FAILING_MULTIPLE of the limit training diverges or stalls. */
  multiple: number;
}

/** At twice the stable rate, beyond the catapult range where wide networks can still settle. */
export const FAILING_MULTIPLE = 2;

export interface AdaptiveStep {
  layer: LayerIR;
  fanIn: number;
  /** learning rate × fanIn: how far one step can move a unit's pre-activation (inputs of size ~1). */
  shift: number;
  /** The setting it is compared with (thresholds.adaptiveRateShift). */
  limit: number;
}

type AdaptiveOptimizer = keyof Settings['thresholds']['adaptiveRateShift'];

/** adam, adamax, rmsprop and adagrad: the optimizers with a measured step limit (thresholds.adaptiveRateShift). */
export function isAdaptive(name: string, settings: Settings): name is AdaptiveOptimizer {
  return Object.prototype.hasOwnProperty.call(settings.thresholds.adaptiveRateShift, name);
}

function hasLearningRateThreshold(optimizer: OptimizerIR): optimizer is LearningRateExcess['optimizer'] {
  return optimizer.name !== 'unknown';
}

/**
 * The optimizer's learning rate when it is too high for the model: for sgd and momentum against
 * the model's curvature (stableStepExcess), whatever the threshold; otherwise above the
 * per-optimizer threshold, judged by the model's fan-ins (withAdaptiveStep).
 */
export function learningRateExcess(model: ModelIR, flow: FlowPrediction, settings: Settings): LearningRateExcess | undefined {
  const optimizer = model.training?.optimizer;
  const judged = optimizer && stableStepExcess(optimizer, model, flow, settings);
  if (judged !== undefined && judged !== UNBOUNDED) return judged === BELOW_LIMIT ? undefined : judged;
  const excess = optimizerRateExcess(optimizer, settings);
  return excess && withAdaptiveStep(excess, model, flow, settings);
}

const UNBOUNDED = 'unbounded';
const BELOW_LIMIT = 'below the stable rate';

/**
 * sgd and momentum step by lr × gradient, so whether a rate fails depends on the loss's curvature:
 * above the stable rate 2/λ a finding, a failing one at FAILING_MULTIPLE of it, none below it,
 * even above the threshold (sgd at 0.3-0.5 trains many small models well) and a warning below it
 * where the curvature is large (a deep relu stack). UNBOUNDED where the engine cannot bound the
 * curvature (several outputs, a loss it does not read): then the threshold decides, as a hint.
 */
function stableStepExcess(optimizer: OptimizerIR, model: ModelIR, flow: FlowPrediction, settings: Settings): LearningRateExcess | typeof UNBOUNDED | typeof BELOW_LIMIT | undefined {
  const { name } = optimizer;
  if (!isCurvatureJudged(name)) return undefined;
  const rate = knownRate(optimizer);
  if (rate === undefined) return undefined;
  const sharpness = sharpnessBound(model, flow);
  if (!sharpness || !(sharpness.lambda > 0)) return UNBOUNDED;
  const momentum = name === 'momentum' ? (optimizer.momentum ?? 1) : undefined;
  const limit = (2 * (1 + (momentum ?? 0))) / sharpness.lambda;
  const multiple = rate / limit;
  if (multiple < 1) return BELOW_LIMIT;
  return {
    optimizer: optimizer as LearningRateExcess['optimizer'],
    rate,
    threshold: settings.thresholds.learningRate[name],
    fails: multiple >= FAILING_MULTIPLE,
    stableStep: { sharpness, ...(momentum === undefined ? {} : { momentum }), limit, multiple },
  };
}

/**
 * An adaptive optimizer's step is ~lr per weight whatever the gradient, so whether its rate fails
 * depends on how many weights feed a unit: the largest kernel fan-in the flow knows decides
 * (the limit per optimizer was measured: scripts/repair/adaptiveRateEvidence.ts).
 */
export function withAdaptiveStep(excess: LearningRateExcess, model: ModelIR, flow: FlowPrediction, settings: Settings): LearningRateExcess {
  if (!isAdaptive(excess.optimizer.name, settings)) return excess;
  let widest: { layer: LayerIR; fanIn: number } | undefined;
  for (const layer of kernelLayers(model)) {
    // An embedding row is looked up, not summed over its vocabulary: one step shifts it by ~lr.
    if (layer.kind === 'embedding') continue;
    const fanIn = flowAt(flow, layer.index)?.fanIn;
    if (fanIn !== undefined && Number.isFinite(fanIn) && (!widest || fanIn > widest.fanIn)) widest = { layer, fanIn };
  }
  if (!widest) return excess;
  const limit = settings.thresholds.adaptiveRateShift[excess.optimizer.name];
  const shift = excess.rate * widest.fanIn;
  return { ...excess, fails: reaches(shift, limit), adaptiveStep: { ...widest, shift, limit } };
}

/** learningRateExcess of an optimizer without a model (FileIR.detachedTraining): no fan-in to judge an adaptive rate by. */
export function optimizerRateExcess(optimizer: OptimizerIR | undefined, settings: Settings): LearningRateExcess | undefined {
  if (!optimizer || !hasLearningRateThreshold(optimizer)) return undefined;
  const rate = knownRate(optimizer);
  const threshold = settings.thresholds.learningRate[optimizer.name];
  if (rate === undefined || !exceeds(rate, threshold)) return undefined;
  return { optimizer, rate, threshold, fails: !isAdaptive(optimizer.name, settings) && !isCurvatureJudged(optimizer.name) };
}

/** The learning rate in effect when it is written or tfjs's default; undefined when not known statically. */
function knownRate(optimizer: OptimizerIR): number | undefined {
  return optimizer.learningRateSource === 'explicit' || optimizer.learningRateSource === 'default' ? optimizer.learningRate : undefined;
}

/** sgd and momentum: a high rate fails only against the model's curvature (stableStepExcess); without it, a hint. */
export function isCurvatureJudged(name: string): name is 'sgd' | 'momentum' {
  return name === 'sgd' || name === 'momentum';
}
