/** Layers without weights that reshape, drop or pool: their mean-field forward and backward maps. */
import type { LayerIR } from '../ir';
import { UPSAMPLING_DEFAULT_SIZE, permuteOutput, reshapeOutput } from '../tfjs/shapes';
import { TupleMemo } from './exactMemo';
import { maxMoments, monotoneActivation, type MaxMoments } from './maxMoments';
import { expectNormal } from './quadrature';
import { correlation, currentSource, featuresOf, positionsOf, type ElementwiseSource, type Signal } from './signal';
import { identityStep, toInput, type LayerStep, type StepContext } from './step';
import { outputLengths, poolWindow, windowMap } from './windowGeometry';

/**
 * Inverted dropout in training mode (the probe runs with training: true, as for batch
 * statistics): kept entries are scaled by 1/(1-p) with independent masks per sample, so
 * q → q/(1-p), the cross moment is unchanged (c → c(1-p)), and δ is masked and scaled alike.
 */
export function dropoutStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const written = layer.rate;
  const rate = written !== undefined && written >= 0 && written < 1 ? written : context.unknown(layer, 'dropoutRate');
  if (!(rate > 0 && rate < 1)) return identityStep(input);
  const keep = 1 - rate;
  return {
    output: { ...input, q: input.q / keep, c: input.c * keep, spread: (input.spread ?? 0) * keep * keep },
    backward: (g) => toInput({ delta: g.delta / keep, c: g.c * keep }),
    report: {},
  };
}

/**
 * Flatten keeps every value; δ's tracking part (Gradient.tracking) follows the flat vectors' pair
 * correlations, not the per-position ones below, so it is dropped.
 */
export function flattenStep(input: Signal): LayerStep {
  const size = input.shape.some((s) => s === null) ? null : input.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
  return {
    output: { ...input, shape: [size] },
    backward: (g) => toInput({ ...g, tracking: 0 }),
    report: {},
  };
}

/**
 * reshape to its targetShape, permute to its dims (values unchanged; what a later layer takes as
 * its features changes); without a readable target, treated as flatten.
 */
export function reshapeStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const target = layer.permuteDims ? permuteOutput(input.shape, layer.permuteDims) : layer.targetShape && reshapeOutput(input.shape, layer.targetShape);
  if (!target) {
    context.assume(layer, `${layer.factory}'s output shape is not read; treated as flatten (statistics unchanged)`);
    return flattenStep(input);
  }
  return { output: { ...input, shape: target }, backward: (g) => toInput({ ...g, tracking: 0 }), report: {} };
}

/**
 * upSampling2d repeats every value size[0]·size[1] times (nearest) or interpolates between
 * neighbours (bilinear, taken as nearest: the same values at the grid points); backward, each
 * input sums the δ of its copies, which reach the loss through different downstream weights.
 */
export function upSamplingStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const size = layer.size ?? [...UPSAMPLING_DEFAULT_SIZE];
  if (layer.interpolation !== undefined && layer.interpolation !== 'nearest') {
    context.assume(layer, `'${layer.interpolation}' interpolation taken as nearest (same statistics at the grid points)`);
  }
  const copies = size[0] * (size[1] ?? size[0]);
  const shape = input.shape.map((d, i) => (i < 2 && d !== null && input.shape.length === 3 ? d * (size[i] ?? size[0]) : d));
  return {
    output: { ...input, shape },
    backward: (g) => toInput({ delta: g.delta * copies, c: g.c }),
    report: {},
  };
}

/**
 * Pooling over windows of P positions (tfjs defaults: poolSize 2, strides poolSize, 'valid';
 * global pooling: every position). Positions of one sample are taken to be as correlated as two
 * samples are (both start uncorrelated at the N(0,1) input and go through the same maps).
 * Average: q → q(1 + (P-1)c)/P, the cross-sample moment q·c is kept; δ → δ/P to each of the
 * windows' inputs. Max: the moments of the window's max (maxMoments.ts), δ routed to the argmax.
 */
export function poolingStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const pooling = layer.pooling ?? { mode: /max/i.test(layer.factory) ? 'max' : 'average', global: /global/i.test(layer.factory) };
  const spatial = input.shape.slice(0, -1);
  const map = pooling.global
    ? { out: [] as (number | null)[], tapsPerOutput: positionsOf(input.shape), readsPerInput: 1 }
    : windowMap(spatial, poolWindow(layer, spatial.length, context));
  const shape = [...outputLengths(layer, map), featuresOf(input)];
  const window = map.tapsPerOutput;
  // Outputs per input position: each output takes its δ to one input (max) or spreads it (average).
  const outputsPerInput = map.readsPerInput / map.tapsPerOutput;
  if (pooling.mode === 'max') return maxPoolingStep(layer, input, shape, window, outputsPerInput, context);
  // A negative c (centred signals, e.g. after layerNormalization) says two samples differ; it
  // does not make one sample's positions cancel, so they are taken as independent then.
  const q = (input.q * (1 + (window - 1) * Math.max(input.c, 0))) / window;
  // Two input positions share a window's δ with probability about (P - 1)/(positions - 1).
  const positions = positionsOf(input.shape);
  const shared = positions > 1 ? Math.min(1, (window - 1) / (positions - 1)) : 0;
  return {
    output: { ...input, q, c: correlation(input.q * input.c, q), shape },
    backward: (g) => ({
      inputs: [{ delta: (g.delta * map.readsPerInput) / (window * window), c: g.c, positionC: shared + (1 - shared) * (g.positionC ?? 0) }],
    }),
    report: {},
  };
}

const IDENTITY = { phi: (z: number) => z, dphi: () => 1 };

/**
 * The window moments are grids of thousands of φ evaluations, and pure: memoized on their exact
 * arguments, since every prediction of a model (robust scenarios, the next keystroke) asks again.
 */
const gaussianMaxMemo = new TupleMemo<MaxMoments>();
const activationMaxMemo = new TupleMemo<{ moments: MaxMoments; slopeRatio: number } | undefined>();

/** Max of `window` exchangeable Gaussians of this mean, variance and correlation. */
function gaussianMax(window: number, mean: number, variance: number, rho: number): MaxMoments {
  if (!(variance > 0)) return { mean, meanSquare: mean * mean, derivativeMeanSquare: 1 };
  const centred = gaussianMaxMemo.get([window, variance, rho], () => maxMoments(window, variance, rho, IDENTITY));
  return { mean: mean + centred.mean, meanSquare: mean * mean + 2 * mean * centred.mean + centred.meanSquare, derivativeMeanSquare: 1 };
}

/**
 * Max of a window of a monotone activation's outputs, and the ratio of φ'² at the max (where the
 * max routes δ) to φ'² at a typical position (what the activation's backward multiplied by);
 * undefined when the activation is not monotone.
 */
function activationMax(window: number, source: ElementwiseSource): { moments: MaxMoments; slopeRatio: number } | undefined {
  const { activation: name, alpha, pre } = source;
  return activationMaxMemo.get([name, alpha, window, pre.q, pre.c], () => {
    const activation = monotoneActivation(name, alpha);
    if (!activation) return undefined;
    const moments = maxMoments(window, pre.q, pre.c, activation);
    const typical = expectNormal((z) => activation.dphi(z) ** 2, pre.q);
    return { moments, slopeRatio: typical > 0 ? moments.derivativeMeanSquare / typical : 1 };
  });
}

function maxPoolingStep(layer: LayerIR, input: Signal, shape: Signal['shape'], window: number, outputsPerInput: number, context: StepContext): LayerStep {
  const source = currentSource(input);
  const ofActivation = source && activationMax(window, source);
  // Centred cross-sample correlation of the input, kept by the max.
  const variance = Math.max(input.q - input.mean * input.mean, 0);
  const centred = variance > 0 ? (input.q * input.c - input.mean * input.mean) / variance : 0;
  let moments: MaxMoments;
  let slopeRatio = 1;
  if (ofActivation) {
    moments = ofActivation.moments;
    slopeRatio = ofActivation.slopeRatio;
  } else {
    context.assume(layer, 'max pooling of a tensor that is not a monotone activation of a Gaussian: its values taken as Gaussian');
    moments = gaussianMax(window, input.mean, variance, centred);
  }
  const q = moments.meanSquare;
  const outVariance = Math.max(q - moments.mean * moments.mean, 0);
  const cross = moments.mean * moments.mean + centred * outVariance;
  return {
    output: { q, c: correlation(cross, q), mean: moments.mean, shape, spread: input.spread, batchDof: input.batchDof, elementwise: undefined },
    backward: (g) => toInput({ delta: g.delta * outputsPerInput * slopeRatio, c: g.c }),
    report: {},
  };
}

/** A layer the engine does not model: passed through unchanged, and said so. */
export function opaqueStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  context.assume(layer, `'${layer.factory}' is not modelled; assumed to pass signal and gradient through unchanged (no gradient verdict is taken across it)`);
  // A custom layer's computeOutputShape says how many axes it keeps (a pooling over the words
  // keeps the features) and how wide it is: what reads it has that fan-in.
  const rank = layer.outputRank === undefined ? undefined : layer.outputRank - 1;
  const keepsFeatures = layer.outputLastAxis === 'last' || layer.outputLastAxis === input.shape.length;
  const kept = rank !== undefined && rank > 0 && rank < input.shape.length ? input.shape.slice(input.shape.length - rank) : undefined;
  const shape = !kept ? input.shape : keepsFeatures ? kept : [...kept.slice(0, -1), null];
  // tf.layers.dot of feature vectors (a two-tower cosine) gives one number per example; of
  // sequences, a matrix whose last axis is the other input's length, not known here.
  const width = layer.outputSize ?? (layer.factory === 'dot' ? (shape.length === 1 ? 1 : null) : undefined);
  if (shape.length === 0) return identityStep(input);
  if (width === undefined) return shape === input.shape ? identityStep(input) : identityStep({ ...input, shape, elementwise: undefined });
  return identityStep({ ...input, shape: [...shape.slice(0, -1), width], elementwise: undefined });
}
