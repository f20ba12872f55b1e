/**
 * How large a step plain gradient descent can take on this model: the loss's sharpest curvature λ
 * at initialization. Gradient descent on a direction of curvature λ is stable only below a rate of
 * 2/λ, with momentum β below 2(1 + β)/λ; above it the loss first spikes, and wide networks may
 * settle into a flatter region (the catapult phase, Lewkowycz et al. 2020) while at twice the
 * limit they diverge or stall.
 *
 * The output layer's weights alone give a lower bound on λ (the Gauss-Newton curvature is positive
 * semi-definite, so its top eigenvalue is at least that of any diagonal block). That block is the
 * loss's curvature in the output times the second-moment matrix of the output layer's inputs,
 * whose top eigenvalue is at least the squared norm of their mean: 1 for the bias, plus Σ m_i²
 * over the inputs' means m_i. For a relu unit that is its cross-sample moment E[h(x)h(x')], which
 * grows with depth: two inputs' pre-activations grow more alike at every relu layer (the
 * arc-cosine kernel's correlation map, Cho & Saul 2009), from 0 for independent inputs, so a deep
 * relu stack feeds its output nearly constant, large activations. Measured with real tfjs on the
 * realistic corpus's sgd and momentum models (finite-difference power iteration), this bound was
 * within 10 % of the output block's exact top eigenvalue and within 1.1-4.7x of the whole model's.
 */
import type { LayerIR, LossIR, ModelIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import { hasKernel } from '../tfjs/layers';
import { lossExpectation } from '../tfjs/losses';
import { appliedActivation } from './appliedActivation';
import { flowAt } from './modelFacts';
import { outputHead } from './outputLossMismatch';

export interface ReadoutSharpness {
  /** The output's kernel layer, whose weights the bound reads. */
  layer: LayerIR;
  /** Its fan-in: the inputs whose mean activation counts. */
  inputs: number;
  /** The root mean square of their means at initialization (0 where no lower bound is known, e.g. tanh). */
  meanActivation: number;
  /** The loss's curvature in one output value, averaged as tfjs averages the loss. */
  lossCurvature: number;
  /** The lower bound on the sharpest curvature λ. */
  lambda: number;
}

/** Layers between the last hidden kernel layer and the output layer that keep the mean of its activations. */
const MEAN_PRESERVING: ReadonlySet<string> = new Set(['dropout', 'flatten', 'reshape', 'activation', 'reLU', 'leakyReLU']);

/** A relu pre-activation's variance under He initialization from unit-variance inputs. */
const HE_PRE_ACTIVATION_VARIANCE = 2;

/** How alike two inputs' relu activations are, E[h(x)h(x')] / E[h²], for pre-activations of correlation ρ (Cho & Saul 2009). */
function reluCorrelation(rho: number): number {
  return (Math.sqrt(1 - rho * rho) + (Math.PI - Math.acos(rho)) * rho) / Math.PI;
}

/**
 * The mean over units of m_i² (m_i a unit's mean activation over inputs) for pre-activations of
 * sd `sd`, or a lower bound on it (0 when none is known). `reluDepth`: how many relu layers in a
 * row end with this one; the first sees independent inputs (correlation 0).
 */
function meanSquare(name: string, alpha: number | undefined, sd: number, reluDepth: number): number {
  switch (name) {
    case 'relu': {
      let rho = 0;
      for (let i = 1; i < reluDepth; i++) rho = reluCorrelation(rho);
      // Oversized weights are another rule's finding (large-init-scale): read at He scale, the bound and the rate fix hold once those are fixed.
      const q = Math.min(sd * sd, HE_PRE_ACTIVATION_VARIANCE);
      return (q / 2) * reluCorrelation(rho);
    }
    case 'leakyReLU':
      return ((1 - (alpha ?? 0.3)) * (sd / Math.sqrt(2 * Math.PI))) ** 2;
    case 'sigmoid':
    case 'hardSigmoid':
      return 0.25;
    case 'softplus':
      return Math.LN2 ** 2; // softplus is convex: E[softplus(z)] >= softplus(0).
    default:
      return 0;
  }
}

/** Dense relu layers in a row that end with `layer` (1 when the one before it is anything else). */
function reluDepth(model: ModelIR, layer: LayerIR): number {
  let depth = 1;
  for (let current = layer; ; depth++) {
    let before = current.inputs.length === 1 ? model.layers[current.inputs[0]] : undefined;
    while (before && (before.kind === 'dropout' || before.kind === 'activation' || before.kind === 'reLU') && before.inputs.length === 1) before = model.layers[before.inputs[0]];
    if (!before || before.kind !== 'dense' || appliedActivation(model, before, true).name !== 'relu') return depth;
    current = before;
  }
}

/**
 * The curvature of the loss in one output value at initialization, per output unit as tfjs
 * averages it: squared error 2/n (times σ′(0)² = 1/16 through a sigmoid), binary crossentropy on a
 * sigmoid σ′(0) = 1/4 per unit over n, softmax crossentropy the 1/K of a uniform softmax.
 */
function lossCurvature(loss: LossIR, activation: string, units: number): number | undefined {
  const expectation = loss.name === 'sparseCategoricalCrossentropy' ? 'normalizedProbabilities' : lossExpectation(loss);
  if (expectation === 'squaredError') return activation === 'linear' ? 2 / units : activation === 'sigmoid' ? 1 / (8 * units) : undefined;
  if (expectation === 'unitProbabilities') return activation === 'sigmoid' ? 1 / (4 * units) : undefined;
  if (expectation === 'sigmoidLogits') return activation === 'linear' ? 1 / (4 * units) : undefined;
  if (expectation === 'normalizedProbabilities') return activation === 'softmax' ? 1 / units : undefined;
  if (expectation === 'softmaxLogits') return activation === 'linear' ? 1 / units : undefined;
  return undefined;
}

/** The kernel layer whose activations reach `layer`'s input unchanged in mean, if any. */
function feedingKernel(model: ModelIR, layer: LayerIR): LayerIR | undefined {
  let current = layer.inputs.length === 1 ? model.layers[layer.inputs[0]] : undefined;
  while (current && MEAN_PRESERVING.has(current.kind) && current.inputs.length === 1) current = model.layers[current.inputs[0]];
  return current && hasKernel(current.kind) ? current : undefined;
}

/**
 * The bound for a model with one dense output trained by one loss the engine reads; undefined
 * when any part is not known (then the learning rate has no model-based verdict).
 */
export function readoutSharpness(model: ModelIR, flow: FlowPrediction): ReadoutSharpness | undefined {
  const head = outputHead(model);
  const losses = model.training?.losses ?? [];
  if (!head || losses.length !== 1) return undefined;
  const layer = head.layer.kind === 'dense' ? head.layer : head.layer.inputs.length === 1 ? model.layers[head.layer.inputs[0]] : undefined;
  if (!layer || layer.kind !== 'dense' || layer.unresolved.includes('units')) return undefined;
  const layerFlow = flowAt(flow, layer.index);
  const inputs = layerFlow?.fanIn;
  const units = layerFlow?.fanOut;
  if (inputs === undefined || units === undefined || !Number.isFinite(inputs) || !Number.isFinite(units)) return undefined;
  const curvature = lossCurvature(losses[0], head.activation, units);
  if (curvature === undefined) return undefined;
  const hidden = feedingKernel(model, layer);
  const sd = hidden ? flowAt(flow, hidden.index)?.preActivationStd : undefined;
  const applied = hidden && appliedActivation(model, hidden, true);
  const square = hidden && applied && sd !== undefined && Number.isFinite(sd) ? meanSquare(applied.name, applied.alpha, sd, hidden.kind === 'dense' ? reluDepth(model, hidden) : 1) : 0;
  const bias = layer.useBias === false ? 0 : 1;
  return { layer, inputs, meanActivation: Math.sqrt(square), lossCurvature: curvature, lambda: curvature * (bias + inputs * square) };
}
