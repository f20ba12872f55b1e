/**
 * Why a predicted explosion happens and how far clipping should go, shared by exploding-gradient
 * and missing-gradient-clipping.
 *
 * - Init scale: kernels initialized well above the critical variance (a matched initializer fixes it).
 * - Normalization: a plain deep stack with batchNormalization between its layers explodes toward
 *   the input at initialization even with matched initializers: the batch statistics' own
 *   gradient multiplies the backward signal at every normalization layer (Yang et al. 2019, "A
 *   mean field theory of batch normalization"). No initializer fixes it; residual blocks do.
 * - Depth: anything else that grows over the product of many layer Jacobians.
 */
import type { LayerIR, ModelIR } from '../ir';
import type { KernelPath } from '../flow/paths';
import type { FlowPrediction } from '../flow/prediction';
import { kernelGradNorms } from '../flow/analytic';
import { DEFAULT_CLIP_NORM } from '../fixes/clipping';
import { matchedInitializer } from '../fixes/initializer';
import type { Settings } from '../settings';
import { appliedActivation } from './appliedActivation';
import { crossentropyScale } from './crossentropyScale';
import { explosionEvidence, type ExplosionEvidence } from './evidence';
import { flowAt, kernelLayers, pathKernelLayers, weightScaleRatio } from './modelFacts';
import { isNormalization } from '../tfjs/layers';

export type ExplosionCause = { kind: 'initScale' } | { kind: 'normalization'; layers: LayerIR[] } | { kind: 'depth'; kernels: number };

/** batchNormalization layers between the path's first and last kernel layers (sources are in topological order). */
function normalizationOnPath(model: ModelIR, path: KernelPath | undefined): LayerIR[] {
  const from = path ? path.firstKernel : 0;
  const to = path ? path.lastKernel : model.layers.length - 1;
  return model.layers.filter((layer) => layer.kind === 'batchNormalization' && layer.index > from && layer.index < to);
}

/** At twice the critical weight scale a layer grows the signal noticeably at every step. */
const LARGE_SCALE_RATIO = 2;

/** The layers a normalization layer reads as they are: it rescales their output, whatever their kernel's scale. */
function normalizedOutputs(model: ModelIR): Set<number> {
  const read = new Set<number>();
  for (const layer of model.layers) if (isNormalization(layer)) for (const input of layer.inputs) read.add(input);
  return read;
}

/**
 * Kernel layers (embeddings aside) initialized at least twice the critical variance, and the
 * largest ratio. A kernel a normalization layer reads right after (Keras's dense, batchNormalization,
 * reLU blocks) is none: its scale is normalized away, and a matched initializer changes nothing.
 */
export function oversizedLayers(model: ModelIR, kernels: readonly LayerIR[], flow: FlowPrediction): { layers: LayerIR[]; ratio: number } {
  const layers: LayerIR[] = [];
  let ratio = -Infinity;
  const normalized = normalizedOutputs(model);
  for (const layer of kernels) {
    if (layer.kind === 'embedding' || normalized.has(layer.index)) continue;
    const layerRatio = weightScaleRatio(model, layer, flow);
    if (layerRatio === undefined || !(layerRatio >= LARGE_SCALE_RATIO)) continue;
    layers.push(layer);
    ratio = Math.max(ratio, layerRatio);
  }
  return { layers, ratio };
}

/** A predicted explosion as exploding-gradient and missing-gradient-clipping both read it. */
export interface Explosion {
  evidence: ExplosionEvidence;
  /** The kernel layers of the evidence's path; the model's when an overflow has no path. */
  kernels: readonly LayerIR[];
  /** Kernel layers among them initialized at least twice the critical variance, and the largest ratio. */
  oversized: { layers: LayerIR[]; ratio: number };
  cause: ExplosionCause;
}

/**
 * The model's predicted explosion, if any. Both rules ask for every prediction, one right after
 * the other: the last answer is kept (a WeakMap per prediction cost more than it saved).
 */
export function explosionOf(model: ModelIR, flow: FlowPrediction, settings: Settings): Explosion | undefined {
  const threshold = settings.thresholds.explodingRatio;
  if (last.flow === flow && last.model === model && last.threshold === threshold) return last.explosion;
  const evidence = explosionEvidence(model, flow, settings);
  let explosion: Explosion | undefined;
  if (evidence) {
    const kernels = evidence.path ? pathKernelLayers(model, evidence.path) : kernelLayers(model);
    const oversized = oversizedLayers(model, kernels, flow);
    explosion = { evidence, kernels, oversized, cause: explosionCause(model, evidence.path, oversized.layers) };
  }
  last = { model, flow, threshold, explosion };
  return explosion;
}

let last: { model?: ModelIR; flow?: FlowPrediction; threshold?: number; explosion?: Explosion } = {};

export function explosionCause(model: ModelIR, path: KernelPath | undefined, oversized: readonly LayerIR[]): ExplosionCause {
  if (oversized.length > 0) return { kind: 'initScale' };
  const normalization = normalizationOnPath(model, path);
  if (normalization.length > 0) return { kind: 'normalization', layers: normalization };
  return { kind: 'depth', kernels: path ? path.kernels.length : kernelLayers(model).length };
}

/** Clipping engages above this multiple of the model's own predicted gradient norm. */
const CLIP_MARGIN = 2;

/**
 * The clipping threshold for this model: twice its predicted healthy global gradient norm under
 * its own loss (the standard probe's, moved by the crossentropy offset for a softmax classifier:
 * under the probe's MSE through softmax a 10-class model's norms read 30-1000x below those measured
 * at its first training step), rounded up to one significant digit. Healthy: oversized initializers are
 * replaced by the matched ones and the flow predicted again, and each kernel layer's ‖∇W‖ is
 * capped at the last kernel layer's (the end an explosion toward the input leaves alone), so a
 * healthy model gets twice its own norm and an exploding one the norm it would have without the
 * explosion; never below 1. Clipping there engages on spikes and leaves ordinary steps alone; a fixed norm of 1
 * can sit far below the model's scale and shrink every step (issue 16: a 12-layer model's final
 * loss ~15× worse, a deep normalized stack stopped learning). Undefined without finite norms.
 */
export function healthyClipNorm(model: ModelIR, flow: FlowPrediction): number | undefined {
  // exploding-gradient and missing-gradient-clipping both ask, for the same prediction of a model.
  if (clipNorms.has(flow)) return clipNorms.get(flow);
  const oversized = oversizedLayers(model, kernelLayers(model), flow).layers;
  const lossOffset = crossentropyScale(model, flow, oversized.length > 0 ? MATCHED_LOGIT_MEAN_SQUARE : undefined)?.log10Offset ?? 0;
  let norm: number | undefined;
  if (oversized.length > 0) {
    // Only the kernel norms of the re-initialized model are read: no full prediction.
    const matched = kernelGradNorms(withMatchedInitializers(model, oversized));
    norm = clipNormOf(model, (layerIndex) => matched[layerIndex], lossOffset);
  } else {
    norm = clipNormOf(model, (layerIndex) => flowAt(flow, layerIndex)?.log10GradNorm, lossOffset);
  }
  clipNorms.set(flow, norm);
  return norm;
}

/** healthyClipNorm per flow prediction: each prediction belongs to one model IR. */
const clipNorms = new WeakMap<FlowPrediction, number | undefined>();

/** The model as it would be with each oversized kernel re-initialized to its activation's matched initializer. */
function withMatchedInitializers(model: ModelIR, oversized: readonly LayerIR[]): ModelIR {
  const replaced = new Set(oversized.map((layer) => layer.index));
  const layers = model.layers.map((layer) => {
    if (!replaced.has(layer.index)) return layer;
    const name = matchedInitializer(appliedActivation(model, layer, true).name);
    return { ...layer, kernelInitializer: { name, args: {}, argSpans: {}, span: layer.span, form: 'string' as const, unresolved: [] } };
  });
  return { ...model, layers };
}

/** Logits of kernels with matched initializers have about unit variance. */
const MATCHED_LOGIT_MEAN_SQUARE = 1;

/**
 * From log10 ‖∇W‖ of each kernel layer under the probe (the re-initialized model has the same
 * kernel layers), moved by `lossOffset` decades to the model's own loss.
 */
function clipNormOf(model: ModelIR, log10NormAt: (layerIndex: number) => number | undefined, lossOffset: number): number | undefined {
  const norms: number[] = [];
  for (const layer of kernelLayers(model)) {
    const log10Norm = log10NormAt(layer.index);
    if (log10Norm !== undefined && Number.isFinite(log10Norm)) norms.push(log10Norm + lossOffset);
  }
  if (norms.length === 0) return undefined;
  const cap = norms[norms.length - 1];
  const squares = norms.reduce((sum, log10Norm) => sum + Math.pow(10, 2 * Math.min(log10Norm, cap)), 0);
  const norm = CLIP_MARGIN * Math.sqrt(squares);
  if (!(norm > 0) || !Number.isFinite(norm)) return undefined;
  const magnitude = Math.pow(10, Math.floor(Math.log10(norm)));
  // The probe's absolute scale is least certain for small norms (recurrent models predict ~1e-3):
  // never below the conventional 1, so the threshold only ever rises to a model's larger scale.
  return Math.max(DEFAULT_CLIP_NORM, Number((Math.ceil(norm / magnitude) * magnitude).toPrecision(1)));
}
