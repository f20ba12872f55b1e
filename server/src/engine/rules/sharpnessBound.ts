/**
 * How large a step plain gradient descent can take on this model: the loss's sharpest curvature λ
 * at initialization. Gradient descent on a direction of curvature λ is stable only below a rate of
 * 2/λ, with momentum β below 2(1 + β)/λ; above it the loss first spikes, and wide networks may
 * settle into a flatter region (the catapult phase, Lewkowycz et al. 2020) while at twice the
 * limit they diverge or stall.
 *
 * The Gauss-Newton curvature H = c·E_x[J(x)ᵀJ(x)] (c the loss's curvature in one output) has
 * λ ≥ c·|E_x[∇θ f(x)]|² (its Rayleigh quotient along the mean gradient, by Jensen). For the output
 * layer that square is the squared norm of its mean input: 1 for the bias, plus Σ m_i² over the
 * inputs' means m_i. For a relu unit that is its cross-sample moment E[h(x)h(x')], which
 * grows with depth: two inputs' pre-activations grow more alike at every relu layer (the
 * arc-cosine kernel's correlation map, Cho & Saul 2009), from 0 for independent inputs, so a deep
 * relu stack feeds its output nearly constant, large activations. Measured with real tfjs on the
 * realistic corpus's sgd and momentum models and three deep relu stacks (finite-difference power
 * iteration at initialization), the estimate with the hidden relu layers' share (hiddenShare) stayed
 * below the whole model's λ in all fourteen, by 1.03-2.6x (5x for a tanh stack: means of 0).
 */
import type { LayerIR, LossIR, ModelIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import { hasKernel } from '../tfjs/layers';
import { lossExpectation } from '../tfjs/losses';
import { appliedActivation } from './appliedActivation';
import { flowAt } from './modelFacts';
import { outputHead } from './outputLossMismatch';

export interface SharpnessBound {
  /** The output's kernel layer, whose weights the bound reads. */
  layer: LayerIR;
  /** Its fan-in: the inputs whose mean activation counts. */
  inputs: number;
  /** The root mean square of their means at initialization (0 where no lower bound is known, e.g. tanh). */
  meanActivation: number;
  /** The loss's curvature in one output value, averaged as tfjs averages the loss. */
  lossCurvature: number;
  /** Hidden relu layers whose mean gradient the bound counts too (hiddenShare). */
  reluLayersCounted: number;
  /** The lower bound on the sharpest curvature λ. */
  lambda: number;
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Layers between the last hidden kernel layer and the output layer that keep the mean of its activations. */
const MEAN_PRESERVING: ReadonlySet<string> = new Set(['dropout', 'flatten', 'reshape', 'activation', 'reLU', 'leakyReLU']);

/** Layers between two dense relu layers that leave the earlier one's activation as the one applied (appliedActivation reads it). */
const ACTIVATION_OF_BEFORE: ReadonlySet<string> = new Set(['dropout', 'activation', 'reLU']);

/** A relu pre-activation's variance under He initialization from unit-variance inputs. */
const HE_PRE_ACTIVATION_VARIANCE = 2;

/** How alike two inputs' relu activations are, E[h(x)h(x')] / E[h²], for pre-activations of correlation ρ (Cho & Saul 2009). */
function reluCorrelation(rho: number): number {
  return (Math.sqrt(1 - rho * rho) + (Math.PI - Math.acos(rho)) * rho) / Math.PI;
}

/**
 * A relu pre-activation's variance, read at most at He scale: oversized weights are another rule's
 * finding (large-init-scale), and the bound and the rate fix hold once those are fixed.
 */
function heScaleVariance(sd: number): number {
  return Math.min(sd * sd, HE_PRE_ACTIVATION_VARIANCE);
}

/** Two inputs' pre-activation correlation at the `depth`-th relu layer in a row (0 at the first: independent inputs). */
function preActivationCorrelation(depth: number): number {
  let rho = 0;
  for (let i = 1; i < depth; i++) rho = reluCorrelation(rho);
  return rho;
}

/** E[h(x)h(x')] of a relu unit, the mean over units of its mean's square, for pre-activations of variance q and correlation ρ. */
function reluMeanSquare(q: number, rho: number): number {
  return (q / 2) * reluCorrelation(rho);
}

/**
 * The mean over units of m_i² (m_i a unit's mean activation over inputs) for pre-activations of
 * sd `sd`, or a lower bound on it (0 when none is known). `reluDepth`: how many relu layers in a
 * row end with this one; the first sees independent inputs (correlation 0).
 */
function meanSquare(name: string, alpha: number | undefined, sd: number, reluDepth: number): number {
  switch (name) {
    case 'relu':
      return reluMeanSquare(heScaleVariance(sd), preActivationCorrelation(reluDepth));
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

/** Dense relu layers in a row that end with `layer`, the earliest first (just `layer` when the one before it is anything else). */
function reluChain(model: ModelIR, layer: LayerIR): LayerIR[] {
  const chain = [layer];
  for (let current = layer; ; ) {
    const before = inputThrough(model, current, ACTIVATION_OF_BEFORE);
    if (!before || before.kind !== 'dense' || appliedActivation(model, before, true).name !== 'relu') return chain;
    chain.unshift(before);
    current = before;
  }
}

/** P(u > 0 and v > 0) / P(u > 0) for pre-activations of correlation ρ: how alike two inputs' relu gates are. */
function gateCorrelation(rho: number): number {
  return (Math.PI - Math.acos(rho)) / Math.PI;
}

/**
 * The hidden relu layers' share of |E_x ∇θ f|², relative to the loss's curvature: for layer l,
 * its mean gradient's square, G_l·ρ_δ (bias) times 1 + n·c of its inputs (weights), where G_l is the
 * backward energy reaching it (q_out/q_l, at most 1: read at He scale) and ρ_δ how alike two
 * inputs' gradients there are (the product of the gate correlations above it). The weights' term
 * treats δ and the inputs' means as uncorrelated across inputs; measured against real tfjs it
 * stays below the whole model's curvature (this file's header).
 */
function hiddenShare(chain: readonly LayerIR[], flow: FlowPrediction, outputVariance: number, inputCount: (layer: LayerIR) => number | undefined): number | undefined {
  const variances: number[] = [];
  for (const layer of chain) {
    const sd = flowAt(flow, layer.index)?.preActivationStd;
    if (sd === undefined || !Number.isFinite(sd) || !(sd > 0)) return undefined;
    variances.push(heScaleVariance(sd));
  }
  const rhos = chain.map((_, l) => preActivationCorrelation(l + 1));
  let share = 0;
  let gradientAlike = 1;
  for (let l = chain.length - 1; l >= 0; l--) {
    gradientAlike *= gateCorrelation(rhos[l]);
    const energy = Math.min(1, outputVariance / variances[l]);
    const fanIn = inputCount(chain[l]);
    if (fanIn === undefined) return undefined;
    const inputMeanSquare = l === 0 ? 0 : reluMeanSquare(variances[l - 1], rhos[l - 1]);
    share += energy * gradientAlike * (1 + fanIn * inputMeanSquare);
  }
  return share;
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
  const current = inputThrough(model, layer, MEAN_PRESERVING);
  return current && hasKernel(current.kind) ? current : undefined;
}

/** The layer that feeds `layer`'s single input, past single-input layers of the `passing` kinds. */
function inputThrough(model: ModelIR, layer: LayerIR, passing: ReadonlySet<string>): LayerIR | undefined {
  let current = layer.inputs.length === 1 ? model.layers[layer.inputs[0]] : undefined;
  while (current && passing.has(current.kind) && current.inputs.length === 1) current = model.layers[current.inputs[0]];
  return current;
}

/**
 * The bound for a model with one dense output trained by one loss the engine reads; undefined
 * when any part is not known (then the learning rate has no model-based verdict).
 */
export function sharpnessBound(model: ModelIR, flow: FlowPrediction): SharpnessBound | undefined {
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
  const chain = hidden?.kind === 'dense' && applied?.name === 'relu' ? reluChain(model, hidden) : [];
  const square = hidden && applied && sd !== undefined && Number.isFinite(sd) ? meanSquare(applied.name, applied.alpha, sd, Math.max(1, chain.length)) : 0;
  const bias = layer.useBias === false ? 0 : 1;
  const outputSd = layerFlow?.preActivationStd;
  const fanInOf = (kernel: LayerIR) => finite(flowAt(flow, kernel.index)?.fanIn);
  const hiddenTerm = chain.length && outputSd !== undefined && Number.isFinite(outputSd) ? hiddenShare(chain, flow, outputSd * outputSd, fanInOf) : undefined;
  return {
    layer, inputs, meanActivation: Math.sqrt(square), lossCurvature: curvature,
    reluLayersCounted: hiddenTerm === undefined ? 0 : chain.length,
    lambda: curvature * (bias + inputs * square + (hiddenTerm ?? 0)),
  };
}
