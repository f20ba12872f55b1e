/**
 * The mean-field state the analytic engine carries along each tensor of the model under the
 * probe of DESIGN section 7 (x, y ~ N(0,1), batch 64, meanSquaredError).
 *
 * Forward, per tensor: q = E[a²] per entry and sample, and the cross-sample correlation
 * c = E[a_b a_b'] / q for two different samples b ≠ b' (Poole et al. 2016, the length map q and correlation map c).
 * Backward, per tensor: Δ = E[δ²] for δ = dLoss/da, and its cross-sample correlation
 * (Schoenholz et al. 2017, mean-field backpropagation, under its gradient-independence assumption).
 */

/** Samples per probe batch (DESIGN section 7). */
export const PROBE_BATCH = 64;

/**
 * Steps write every field, in this order, undefined where absent (or spread a signal that does):
 * all signals then share one hidden class, so the steps' reads of them stay monomorphic, and
 * `elementwise` needs no property store added after the object is made.
 */
export interface Signal {
  /** E[a²]. */
  q: number;
  /** Cross-sample correlation of the entries. */
  c: number;
  /** E[a] (non-zero after relu, sigmoid, ...); layerNormalization subtracts it. */
  mean: number;
  /**
   * Variance over sample pairs of the correlation of their feature vectors (at one position): c is
   * its mean, this its finite-width spread (1/n for n independent features). Used by
   * kernelGradient.ts; steps that do not change it keep it.
   */
  spread?: number;
  /** Shape without the batch axis; null for an unknown size. */
  shape: (number | null)[];
  /**
   * Degrees of freedom of a per-feature batch variance of this tensor (batchNormalization's
   * Jensen correction, see normalizationSteps.ts); set by kernel layers.
   */
  batchDof?: number;
  /**
   * When the tensor is an activation φ of a Gaussian pre-activation (q, c): what max pooling needs
   * (maxMoments.ts). `q` and `mean` of the activation's output are kept to check that no step
   * changed the values since (a step that rescales or masks them makes this stale).
   */
  elementwise?: ElementwiseSource;
}

export interface ElementwiseSource {
  activation: string;
  alpha?: number;
  /** The Gaussian pre-activation (its q and c). */
  pre: Signal;
  q: number;
  mean: number;
}

/** The tensor's elementwise source, when its values are still those the activation produced. */
export function currentSource(signal: Signal): ElementwiseSource | undefined {
  const source = signal.elementwise;
  return source && source.q === signal.q && source.mean === signal.mean ? source : undefined;
}

export interface Gradient {
  /** Δ = E[δ²] (everything, including the aligned part). */
  delta: number;
  /** Cross-sample correlation of δ. */
  c: number;
  /**
   * k such that δ contains k·a, a multiple of the tensor's own forward value a. The loss gradient
   * 2(ŷ - y)/(Bm) has one, and the kernel steps carry it back (Stein's lemma, kernelStep.ts).
   * Steps that do not model it drop it (treating all of δ as independent of the forward pass).
   */
  aligned?: number;
  /**
   * τ such that, for a pair of samples whose forward correlation ρ deviates from the mean c, the
   * pair's δ cross moment deviates by τ·q·(ρ - c): the part of δ that is a random linear function
   * of the forward signal (W Wᵀ's fluctuation acting on the aligned part). Only the pairwise spread
   * (Signal.spread) makes it visible, in kernel gradients (kernelGradient.ts).
   */
  tracking?: number;
  /**
   * Correlation of δ between two positions of one sample (and, times c, of two samples). Average
   * pooling gives every position of a window the same δ; kernel layers and activations carry it
   * back; steps that do not model it drop it (positions then independent).
   */
  positionC?: number;
  /**
   * E[b²] for the part b·z of δ at a pre-activation z whose coefficient b is shared by every
   * position of a sample and random across samples and features: a δ shared across positions
   * (positionC) crossing φ' keeps φ'(z)'s slope along z (E[z φ'(z)]/q; relu's 1/sqrt(2πq)). A
   * kernel's gradient sums x_p·b z_p = b x_p x_pᵀ W coherently over the positions p, so it grows
   * with the positions, not their square root (kernelGradient.ts). Kernel steps carry it back
   * along their input, activations along z; other steps drop it.
   */
  positionAligned?: number;
}

export const ZERO_GRADIENT: Gradient = { delta: 0, c: 0 };

/** Last axis: the features a kernel sees. */
export function featuresOf(signal: Signal): number | null {
  return signal.shape.length === 0 ? null : signal.shape[signal.shape.length - 1];
}

/** `shape` with its feature axis (the last) set to `size`; [size] for a shape without axes. */
export function withFeatures(shape: Signal['shape'], size: number): Signal['shape'] {
  if (shape.length === 0) return [size];
  // A copy of exactly its length (slice + push would grow a fresh array's store for one more entry).
  const out = shape.slice();
  out[out.length - 1] = size;
  return out;
}

/** Product of the non-feature axes of a shape (time steps, spatial positions); unknown sizes count as 1. */
export function positionsOf(shape: Signal['shape']): number {
  let product = 1;
  for (let i = 0; i < shape.length - 1; i++) product *= shape[i] ?? 1;
  return product;
}

/** Correlation from a cross moment, 0 when the tensor is identically zero. */
export function correlation(cross: number, meanSquare: number): number {
  if (!(meanSquare > 0)) return 0;
  return Math.max(-1, Math.min(1, cross / meanSquare));
}

/**
 * The gradient of a tensor used by several layers is the sum of their contributions; under the
 * gradient-independence assumption the paths are uncorrelated, so mean squares add. These are the
 * sums for every layer of a model, accumulated as contributions arrive (one array for the
 * model rather than a list of parts per layer).
 */
const SLOTS = 7;

export class GradientSums {
  /** Per layer: Σ Δ, Σ Δ·c, Σ aligned, Σ tracking, Σ Δ·positionC, Σ aligned², Σ positionAligned. */
  private readonly sums: number[];

  constructor(private readonly layerCount: number) {
    // A plain array: a Float64Array of more than a few entries is allocated outside the JS heap,
    // which costs far more than the sums themselves for the models of a file.
    this.sums = new Array<number>(SLOTS * layerCount).fill(0);
  }

  /** Adds a contribution to the gradient at layer `index`'s output; indices outside the model are ignored. */
  add(index: number, part: Gradient): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.layerCount) return;
    const at = SLOTS * index;
    this.sums[at] += part.delta;
    this.sums[at + 1] += part.delta * part.c;
    this.sums[at + 2] += part.aligned ?? 0;
    this.sums[at + 3] += part.tracking ?? 0;
    this.sums[at + 4] += part.delta * (part.positionC ?? 0);
    this.sums[at + 5] += (part.aligned ?? 0) ** 2;
    this.sums[at + 6] += part.positionAligned ?? 0;
  }

  /** What `at` answers with, rewritten by every call (the backward pass reads a step's result at once, see StepBackward). */
  private readonly current: Gradient = { delta: 0, c: 0, aligned: 0, tracking: 0, positionC: undefined, positionAligned: undefined };

  /**
   * The summed gradient at layer `index`'s output (zero when nothing arrived). Parts aligned with
   * the tensor (of mean square `q`) are one vector whatever path they came by, so they add
   * coherently: (Σ k)² q, not Σ k² q.
   */
  at(index: number, q = 0): Gradient {
    const at = SLOTS * index;
    const aligned = this.sums[at + 2];
    const delta = Math.max(this.sums[at] + q * (aligned * aligned - this.sums[at + 5]), 0);
    const sum = this.current;
    sum.delta = delta;
    sum.c = correlation(this.sums[at + 1], delta);
    sum.aligned = aligned;
    sum.tracking = this.sums[at + 3];
    sum.positionC = this.sums[at + 4] !== 0 ? correlation(this.sums[at + 4], delta) : undefined;
    // Independent b's of several paths add in mean square.
    sum.positionAligned = this.sums[at + 6] || undefined;
    return sum;
  }
}
