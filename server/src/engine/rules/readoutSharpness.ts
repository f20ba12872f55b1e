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
 * whose top eigenvalue is at least the squared norm of their mean: 1 for the bias, plus n·m² for n
 * inputs of mean activation m (Cauchy-Schwarz over the units). Measured with real tfjs on the
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
  /** Their mean activation at initialization (0 where no lower bound is known, e.g. tanh). */
  meanActivation: number;
  /** The loss's curvature in one output value, averaged as tfjs averages the loss. */
  lossCurvature: number;
  /** The lower bound on the sharpest curvature λ. */
  lambda: number;
}

/** Layers between the last hidden kernel layer and the output layer that keep the mean of its activations. */
const MEAN_PRESERVING: ReadonlySet<string> = new Set(['dropout', 'flatten', 'reshape', 'activation', 'reLU', 'leakyReLU']);

/** E[φ(z)] for z ~ N(0, s²), or a lower bound on it (0 when none is known). */
function meanActivation(name: string, alpha: number | undefined, sd: number): number {
  switch (name) {
    case 'relu':
      return sd / Math.sqrt(2 * Math.PI);
    case 'leakyReLU':
      return (1 - (alpha ?? 0.3)) * (sd / Math.sqrt(2 * Math.PI));
    case 'sigmoid':
    case 'hardSigmoid':
      return 0.5;
    case 'softplus':
      return Math.LN2; // softplus is convex: E[softplus(z)] >= softplus(0).
    default:
      return 0;
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
  const mean = applied && sd !== undefined && Number.isFinite(sd) ? meanActivation(applied.name, applied.alpha, sd) : 0;
  const bias = layer.useBias === false ? 0 : 1;
  return { layer, inputs, meanActivation: mean, lossCurvature: curvature, lambda: curvature * (bias + inputs * mean * mean) };
}
