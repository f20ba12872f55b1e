/**
 * Moments of the maximum of a pooling window. For a monotone non-decreasing activation φ,
 * max_i φ(z_i) = φ(max_i z_i), so a max-pooled relu (tanh, sigmoid, ...) output is φ of the max of
 * the P pre-activations of the window. Those are exchangeable Gaussians N(0, q) with pairwise
 * correlation ρ: z_i = √q (√ρ g + √(1-ρ) e_i), so max z = √q (√ρ g + √(1-ρ) E), E the max of P
 * independent standard normals, whose density is P φ(e) Φ(e)^(P-1) (an order statistic).
 * E[f(max z)] is then a 2-D integral: Gauss-Hermite over g, a fine grid over E.
 *
 * The max routes δ to its argmax, where φ' is evaluated at the max, not at a typical z: for relu
 * the slope is 1 unless the whole window is negative (probability 2^-P when ρ = 0), against 1/2
 * for a typical position. `derivativeMeanSquare` is E[φ'(max z)²].
 */
import { erfc, scalarActivation, type ScalarActivation } from './activationFunctions';
import { gaussHermite } from './quadrature';

/** Activations tfjs computes element-wise that never decrease (max commutes with them). */
const MONOTONE = new Set(['linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softplus', 'softsign', 'leakyReLU']);

export function isMonotoneActivation(name: string, alpha?: number): boolean {
  return MONOTONE.has(name) && !(name === 'leakyReLU' && (alpha ?? 0) < 0);
}

export interface MaxMoments {
  mean: number;
  meanSquare: number;
  derivativeMeanSquare: number;
}

const GRID_LOW = -5;
const GRID_HIGH = 7;
const GRID_POINTS = 480;
const OUTER_NODES = 32;

const normalPdf = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

const normalCdf = (z: number) => 0.5 * erfc(-z / Math.SQRT2);

interface Distribution {
  nodes: Float64Array;
  weights: Float64Array;
}

/** Distributions by window size: every max-pooling layer of a model, and every prediction, asks again. */
const distributions = new Map<number, Distribution>();
const MAX_DISTRIBUTIONS = 64;

/** Nodes and weights of the max of `count` independent standard normals (weights sum to 1). */
function maxDistribution(count: number): Distribution {
  const known = distributions.get(count);
  if (known) return known;
  // Midpoint rule: an activation's kink at 0 falls between nodes.
  const step = (GRID_HIGH - GRID_LOW) / GRID_POINTS;
  const nodes = new Float64Array(GRID_POINTS);
  const weights = new Float64Array(GRID_POINTS);
  let total = 0;
  for (let k = 0; k < GRID_POINTS; k++) {
    const e = GRID_LOW + (k + 0.5) * step;
    const w = count * normalPdf(e) * normalCdf(e) ** (count - 1);
    nodes[k] = e;
    weights[k] = w;
    total += w;
  }
  for (let k = 0; k < GRID_POINTS; k++) weights[k] /= total;
  if (distributions.size >= MAX_DISTRIBUTIONS) distributions.clear();
  const distribution = { nodes, weights };
  distributions.set(count, distribution);
  return distribution;
}

/**
 * E[φ(M)], E[φ(M)²], E[φ'(M)²] for M the max of `count` exchangeable N(0, q) variables with
 * pairwise correlation `rho` (clamped to [0, 1]).
 */
export function maxMoments(count: number, q: number, rho: number, activation: ScalarActivation): MaxMoments {
  const sd = Math.sqrt(Math.max(q, 0));
  const shared = Math.sqrt(Math.min(1, Math.max(0, rho)));
  const own = Math.sqrt(1 - shared * shared);
  const outer = gaussHermite(OUTER_NODES);
  const inner = maxDistribution(Math.max(1, Math.round(count)));
  let mean = 0;
  let meanSquare = 0;
  let derivativeMeanSquare = 0;
  for (let i = 0; i < outer.nodes.length; i++) {
    for (let j = 0; j < inner.nodes.length; j++) {
      const w = outer.weights[i] * inner.weights[j];
      if (w === 0) continue;
      const m = sd * (shared * outer.nodes[i] + own * inner.nodes[j]);
      const value = activation.phi(m);
      const slope = activation.dphi(m);
      mean += w * value;
      meanSquare += w * value * value;
      derivativeMeanSquare += w * slope * slope;
    }
  }
  return { mean, meanSquare, derivativeMeanSquare };
}

/** The scalar activation for max pooling, when `name` is monotone. */
export function monotoneActivation(name: string, alpha?: number): ScalarActivation | undefined {
  return isMonotoneActivation(name, alpha) ? scalarActivation(name, alpha) : undefined;
}
