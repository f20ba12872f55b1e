/**
 * Gaussian moments of an activation, the ingredients of the mean-field maps (Poole et al. 2016,
 * length and correlation maps; Schoenholz et al. 2017, backpropagation): for z ~ N(0, q) and pairs with correlation c,
 *   E[φ(z)²], E[φ'(z)²], E[φ(u)φ(v)], E[φ'(u)φ'(v)].
 * Piecewise-linear activations (relu, leakyReLU, linear) use the arc-cosine kernel closed forms
 * (Cho & Saul 2009, arc-cosine kernels of degree n = 0 and n = 1); everything else uses Gauss-Hermite quadrature.
 */
import { scalarActivation } from './activationFunctions';
import { memoizeExact1, memoizeExact2, memoizeExactRecord } from './exactMemo';
import { expectBivariate, expectNormal } from './quadrature';

export interface ActivationMoments {
  /** E[φ(z)], z ~ N(0, q). */
  mean(q: number): number;
  /** E[φ'(z)] = E[z φ(z)]/q (Stein's lemma). */
  meanSlope(q: number): number;
  /** E[φ(z)²], z ~ N(0, q). */
  meanSquare(q: number): number;
  /** E[φ'(z)²]. */
  derivativeMeanSquare(q: number): number;
  /** E[z φ'(z)]/q: the slope of φ' along z (0 for odd φ such as tanh, whose φ' is even). */
  derivativeSlope(q: number): number;
  /** E[φ(u)φ(v)], (u, v) ~ N(0, q[[1, c], [c, 1]]). */
  crossMoment(q: number, c: number): number;
  /** E[φ'(u)φ'(v)]. */
  derivativeCrossMoment(q: number, c: number): number;
  /**
   * meanSquare(q), crossMoment(q, c), derivativeMeanSquare(q) and derivativeCrossMoment(q, c),
   * written to out[at...] in that order (TRANSFER_SIZE numbers): the forward and backward maps of
   * a pre-activation need all four, and every layer and time step asks.
   */
  transfer(q: number, c: number, out: Float64Array, at: number): void;
}

/** Where ActivationMoments.transfer writes each moment, from `at`. */
export const TRANSFER_MEAN_SQUARE = 0;
export const TRANSFER_CROSS = 1;
export const TRANSFER_DERIVATIVE_MEAN_SQUARE = 2;
export const TRANSFER_DERIVATIVE_CROSS = 3;
export const TRANSFER_SIZE = 4;

/** ActivationMoments.transfer from the four moments. */
function writeTransfer(moments: Omit<ActivationMoments, 'transfer'>, q: number, c: number, out: Float64Array, at: number): void {
  out[at + TRANSFER_MEAN_SQUARE] = moments.meanSquare(q);
  out[at + TRANSFER_CROSS] = moments.crossMoment(q, c);
  out[at + TRANSFER_DERIVATIVE_MEAN_SQUARE] = moments.derivativeMeanSquare(q);
  out[at + TRANSFER_DERIVATIVE_CROSS] = moments.derivativeCrossMoment(q, c);
}

const clampCorrelation = (c: number) => Math.min(1, Math.max(-1, c));

/**
 * φ(z) = a·z for z < 0, z for z > 0 (relu: a = 0, linear: a = 1). With φ = a·z + (1 - a)·relu(z),
 * E[u·relu(v)] = q·c/2 (by the symmetry (u, v) → (-u, -v)), and the arc-cosine kernels
 *   E[relu(u) relu(v)] = q/(2π)·(√(1-c²) + (π - arccos c)·c)       (Cho & Saul 2009, n = 1)
 *   E[1(u>0) 1(v>0)]  = (π - arccos c)/(2π)                        (Cho & Saul 2009, n = 0).
 */
export function piecewiseLinearMoments(a: number): ActivationMoments {
  const b = 1 - a;
  const reluCross = (q: number, c: number) =>
    (q / (2 * Math.PI)) * (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c);
  const stepCross = (c: number) => (Math.PI - Math.acos(c)) / (2 * Math.PI);
  const moments: ActivationMoments = {
    mean: (q) => b * Math.sqrt(q / (2 * Math.PI)),
    meanSlope: () => a + b / 2,
    meanSquare: (q) => (a * a + a * b + (b * b) / 2) * q,
    derivativeMeanSquare: () => a * a + a * b + (b * b) / 2,
    // φ' = a + b·1(z > 0): E[z·1(z > 0)] = sqrt(q/(2π)).
    derivativeSlope: (q) => (q > 0 ? b / Math.sqrt(2 * Math.PI * q) : 0),
    crossMoment: (q, c) => {
      const r = clampCorrelation(c);
      return a * a * q * r + a * b * q * r + b * b * reluCross(q, r);
    },
    derivativeCrossMoment: (_q, c) => a * a + a * b + b * b * stepCross(clampCorrelation(c)),
    // Closed forms: computed, not memoized.
    transfer: (q, c, out, at) => writeTransfer(moments, q, c, out, at),
  };
  return moments;
}

/**
 * Whether φ and φ' are each odd or even: then their cross moments E[φ(u)φ(v)] are unchanged by
 * (u, v) → (-u, -v), and quadrature sums half the plane (quadrature.ts, expectBivariate).
 */
interface Parity {
  phi: boolean;
  dphi: boolean;
}

/**
 * Quadrature for every moment, each memoized on its exact arguments (exactMemo.ts); `transfer`
 * keeps its four numbers per exact (q, c) as well, so that a hit is one lookup instead of four.
 */
function quadratureMoments(phi: (z: number) => number, dphi: (z: number) => number, parity: Parity): ActivationMoments {
  const moments = {
    mean: memoizeExact1((q) => expectNormal(phi, q)),
    meanSlope: memoizeExact1((q) => expectNormal(dphi, q)),
    meanSquare: memoizeExact1((q) => expectNormal((z) => phi(z) ** 2, q)),
    derivativeMeanSquare: memoizeExact1((q) => expectNormal((z) => dphi(z) ** 2, q)),
    derivativeSlope: memoizeExact1((q) => (q > 0 ? expectNormal((z) => z * dphi(z), q) / q : 0)),
    crossMoment: memoizeExact2((q, c) => expectBivariate(phi, phi, q, clampCorrelation(c), parity.phi)),
    derivativeCrossMoment: memoizeExact2((q, c) => expectBivariate(dphi, dphi, q, clampCorrelation(c), parity.dphi)),
  };
  return { ...moments, transfer: memoizeExactRecord(TRANSFER_SIZE, (q, c, out, at) => writeTransfer(moments, q, c, out, at)) };
}

const MAX_SHARED = 256;

/**
 * One moments object per (kind, name, alpha), so that its memos serve every layer and model.
 * Looked up by name, then alpha (no key string is built: every activation of every layer asks).
 * Bounded, since alpha comes from user code; alpha -0 is not shared with 0 (see exactMemo.ts).
 */
class SharedMoments {
  private byName = new Map<string, Map<number | undefined, ActivationMoments | undefined>>();
  private size = 0;

  constructor(private readonly build: (name: string, alpha?: number) => ActivationMoments | undefined) {}

  get(name: string, alpha: number | undefined): ActivationMoments | undefined {
    if (alpha === 0 && 1 / alpha < 0) return this.build(name, alpha);
    let byAlpha = this.byName.get(name);
    if (byAlpha) {
      // One lookup when known (undefined is also an answer: names that are no element-wise activation).
      const known = byAlpha.get(alpha);
      if (known !== undefined || byAlpha.has(alpha)) return known;
    }
    const moments = this.build(name, alpha);
    if (this.size >= MAX_SHARED) {
      this.byName.clear();
      this.size = 0;
      byAlpha = undefined;
    }
    if (!byAlpha) {
      byAlpha = new Map();
      this.byName.set(name, byAlpha);
    }
    byAlpha.set(alpha, moments);
    this.size++;
    return moments;
  }
}

const activationShared = new SharedMoments(buildActivationMoments);
const alignedShared = new SharedMoments(buildAlignedMoments);

/**
 * Moments for a tfjs activation name (`alpha` for the leakyReLU and elu layers); undefined for
 * names that are not element-wise (softmax) or not activations at all.
 */
export function activationMoments(name: string, alpha?: number): ActivationMoments | undefined {
  return activationShared.get(name, alpha);
}

function buildActivationMoments(name: string, alpha?: number): ActivationMoments | undefined {
  if (name === 'linear') return piecewiseLinearMoments(1);
  if (name === 'relu') return piecewiseLinearMoments(0);
  if (name === 'leakyReLU') return piecewiseLinearMoments(alpha ?? 0.3);
  const scalar = scalarActivation(name, alpha);
  return scalar ? quadratureMoments(scalar.phi, scalar.dphi, { phi: scalar.odd === true, dphi: scalar.evenSlope === true }) : undefined;
}

/**
 * Moments of h = φ'·φ, the shape the output-aligned part of the backward signal takes at a
 * pre-activation (see activationStep.ts). For φ with slopes (a, 1), h has slopes (a², 1); else
 * quadrature, with h' = φ'² + φφ'' taken by Stein's lemma (E[h'] = E[z h(z)]/q) so that φ'' is
 * never needed.
 */
export function alignedMoments(name: string, alpha?: number): ActivationMoments | undefined {
  return alignedShared.get(name, alpha);
}

function buildAlignedMoments(name: string, alpha?: number): ActivationMoments | undefined {
  if (name === 'linear') return piecewiseLinearMoments(1);
  if (name === 'relu') return piecewiseLinearMoments(0);
  if (name === 'leakyReLU') return piecewiseLinearMoments((alpha ?? 0.3) ** 2);
  const scalar = scalarActivation(name, alpha);
  if (!scalar) return undefined;
  const h = (z: number) => scalar.dphi(z) * scalar.phi(z);
  // φ odd makes φ' even and h = φ'·φ odd.
  const moments = quadratureMoments(h, h, { phi: scalar.odd === true, dphi: scalar.odd === true });
  const meanSlope = memoizeExact1((q) => (q > 0 ? expectNormal((z) => z * h(z), q) / q : expectNormal((z) => scalar.dphi(z) ** 2, 0)));
  return { ...moments, meanSlope };
}
