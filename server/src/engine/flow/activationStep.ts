/**
 * An activation applied to a pre-activation tensor: the mean-field forward map
 *   q' = E[φ(z)²],  q'c' = E[φ(z_b)φ(z_b')]                      (Poole et al. 2016, length/correlation maps)
 * and the backward map, under gradient independence,
 *   Δ_z = Δ_a E[φ'(z)²],  Δ_z c_z = Δ_a c_a E[φ'(z_b)φ'(z_b')]   (Schoenholz et al. 2017, backpropagation).
 * softmax is not element-wise: it is linearised around its uniform output (see `softmaxStep`).
 */
import type { LayerIR } from '../ir';
import { ACTIVATION_TRAPS } from '../tfjs/activations';
import type { Fans } from '../tfjs/initializers';
import { erfc } from './activationFunctions';
import {
  activationMoments,
  alignedMoments,
  piecewiseLinearMoments,
  TRANSFER_CROSS,
  TRANSFER_DERIVATIVE_CROSS,
  TRANSFER_DERIVATIVE_MEAN_SQUARE,
  TRANSFER_MEAN_SQUARE,
  TRANSFER_SIZE,
  type ActivationMoments,
} from './activationMoments';
import type { LayerFlow } from './prediction';
import { correlation, featuresOf, type Gradient, type Signal } from './signal';
import { softmaxBackwardDelta, softmaxSecondMoment } from './softmaxLinearisation';
import type { StepContext } from './step';

export interface ActivationTransfer {
  output: Signal;
  backward(output: Gradient): Gradient;
  report: Partial<LayerFlow>;
}

/** DeepDiagnosis's saturation threshold on |z| (DESIGN section 6). */
const SATURATION_THRESHOLD = 5;

/**
 * The forward facts, with the kernel's fans when the activation follows a kernel. Each case is one
 * literal: a report grown property by property reallocates its property store.
 */
function forwardReport(name: string, pre: Signal, fans: Fans | undefined): Partial<LayerFlow> {
  const sd = Math.sqrt(pre.q);
  if (name === 'sigmoid' || name === 'tanh') {
    const saturatedFraction = sd > 0 ? erfc(SATURATION_THRESHOLD / (Math.SQRT2 * sd)) : 0;
    return fans ? { preActivationStd: sd, saturatedFraction, fanIn: fans.fanIn, fanOut: fans.fanOut } : { preActivationStd: sd, saturatedFraction };
  }
  if (name === 'relu') {
    // Pre-activations are zero-mean (zero-mean weights), so half of them sit at or below 0.
    const deadFraction = sd > 0 ? 0.5 : 1;
    return fans ? { preActivationStd: sd, deadFraction, fanIn: fans.fanIn, fanOut: fans.fanOut } : { preActivationStd: sd, deadFraction };
  }
  return fans ? { preActivationStd: sd, fanIn: fans.fanIn, fanOut: fans.fanOut } : { preActivationStd: sd };
}

/**
 * The output of φ from the pre-activation's moments `atPre` (ActivationMoments.transfer). The
 * pairwise-correlation spread crosses φ by the slope of the correlation map,
 * d/dc E[φ(u)φ(v)] = q E[φ'(u)φ'(v)] (Poole et al. 2016's χ_c before normalization).
 */
function elementwise(moments: ActivationMoments, pre: Signal, atPre: Float64Array, name: string, alpha: number | undefined): ActivationTransfer['output'] {
  const q = atPre[TRANSFER_MEAN_SQUARE];
  const slope = q > 0 ? (pre.q * atPre[TRANSFER_DERIVATIVE_CROSS]) / q : 0;
  const mean = moments.mean(pre.q);
  return {
    q,
    c: correlation(atPre[TRANSFER_CROSS], q),
    mean,
    shape: pre.shape,
    spread: slope * slope * (pre.spread ?? 0),
    batchDof: pre.batchDof,
    elementwise: { activation: name, alpha, pre, q, mean },
  };
}

/** softmax over m classes, linearised around its uniform output (softmaxLinearisation.ts). */
function softmaxStep(layer: LayerIR, pre: Signal, context: StepContext, fans: Fans | undefined): ActivationTransfer {
  const classes = featuresOf(pre) ?? 1;
  if (pre.q > 1) context.assume(layer, `softmax linearised around uniform output although its logit sd is ${Math.sqrt(pre.q).toFixed(2)} (> 1)`);
  const q = softmaxSecondMoment(classes, pre.q);
  const cross = softmaxSecondMoment(classes, pre.q * pre.c);
  return {
    output: { q, c: correlation(cross, q), mean: 1 / classes, shape: pre.shape, spread: pre.spread, batchDof: pre.batchDof, elementwise: undefined },
    backward: (g) => ({ delta: softmaxBackwardDelta(classes, g.delta), c: g.c }),
    report: forwardReport('softmax', pre, fans),
  };
}

/**
 * Applies activation `name` (a tfjs activation string, or 'leakyReLU' with `alpha`) to `pre`;
 * `fans` are those of the kernel it follows, for the report. Names tfjs rejects are treated as
 * linear, with the assumption stated.
 */
export function applyActivation(
  layer: LayerIR,
  name: string,
  pre: Signal,
  context: StepContext,
  alpha?: number,
  fans?: Fans,
): ActivationTransfer {
  if (name === 'softmax') return softmaxStep(layer, pre, context, fans);
  let moments = activationMoments(name, alpha);
  // tfjs throws on the string (tfjs-api-trap): predicted as its fix makes it, so the other findings
  // are those that stay once it is fixed, not those of a linear layer nobody wrote.
  const fixed = moments ? undefined : ACTIVATION_TRAPS[name]?.fixed;
  if (fixed) {
    context.assume(layer, `activation '${name}' is not a tfjs activation (tfjs throws when the layer is constructed); predicted as the ${fixed.name}${fixed.alpha === undefined ? '' : ` (alpha ${fixed.alpha})`} its fix gives`);
    return applyActivation(layer, fixed.name, pre, context, fixed.alpha, fans);
  }
  if (!moments) {
    context.assume(layer, `activation '${name}' is not a tfjs activation (tfjs throws at runtime); treated as linear`);
    moments = piecewiseLinearMoments(1);
  }
  moments.transfer(pre.q, pre.c, PRE_MOMENTS, 0);
  const derivativeSquare = PRE_MOMENTS[TRANSFER_DERIVATIVE_MEAN_SQUARE];
  const derivativeCross = PRE_MOMENTS[TRANSFER_DERIVATIVE_CROSS];
  const output = elementwise(moments, pre, PRE_MOMENTS, name, alpha);
  const aligned = alignedMoments(name, alpha) ?? piecewiseLinearMoments(1);
  return new ElementwiseTransfer(output, forwardReport(name, pre, fans), pre, aligned, derivativeSquare, derivativeCross, moments);
}

/** The pre-activation's moments (ActivationMoments.transfer) as applyActivation reads them: rewritten per call, read at once. */
const PRE_MOMENTS = new Float64Array(TRANSFER_SIZE);

/** An element-wise activation's transfer: one object per layer, its backward a method (no closure and context). */
class ElementwiseTransfer implements ActivationTransfer {
  constructor(
    readonly output: Signal,
    readonly report: Partial<LayerFlow>,
    private readonly pre: Signal,
    /** Moments of h = φ'φ (alignedMoments). */
    private readonly aligned: ActivationMoments,
    /** E[φ'(z)²] and E[φ'(u)φ'(v)] at the pre-activation. */
    private readonly derivativeSquare: number,
    private readonly derivativeCross: number,
    private readonly moments: ActivationMoments,
  ) {}

  /**
   * δ_a = k·a + R: R crosses φ' by the independence maps above; the aligned part becomes
   * k·h(z), h = φ'φ, exactly, which is again aligned with z by k·E[h'] (Stein's lemma).
   */
  backward(g: Gradient): Gradient {
    const { output, pre, aligned, derivativeSquare, derivativeCross } = this;
    const k = g.aligned ?? 0;
    // A pair's δ_a deviation τ q_a (ρ_a - c_a) crosses φ' (factor E[φ'φ']) while ρ_a - c_a =
    // (q_z E[φ'φ']/q_a)(ρ_z - c_z): τ_z = τ_a E[φ'φ']².
    const tracking = (g.tracking ?? 0) * derivativeCross * derivativeCross;
    const restDelta = Math.max(g.delta - k * k * output.q, 0);
    const restCross = g.delta * g.c - k * k * output.q * output.c;
    // Positions are as correlated as samples, so δ's position correlation crosses φ' alike.
    const positionC = g.positionC === undefined || !(derivativeSquare > 0) ? undefined : (g.positionC * derivativeCross) / derivativeSquare;
    const result = ELEMENTWISE_BACKWARD;
    result.tracking = tracking;
    result.positionC = positionC;
    // The shared-δ part crossing φ' picks up φ''s slope along z; a shared b·a already in δ_a (an
    // activation layer above) becomes b·h(z), aligned with z by E[h'] as k·a does below.
    const sharedSlope = g.positionC ? g.positionC * restDelta * this.moments.derivativeSlope(pre.q) ** 2 : 0;
    const carriedShared = g.positionAligned ? g.positionAligned * aligned.meanSlope(pre.q) ** 2 : 0;
    result.positionAligned = sharedSlope + carriedShared || undefined;
    if (k === 0) {
      result.delta = restDelta * derivativeSquare;
      result.c = correlation(restCross * derivativeCross, restDelta * derivativeSquare);
      result.aligned = undefined;
      return result;
    }
    const delta = restDelta * derivativeSquare + k * k * aligned.meanSquare(pre.q);
    const cross = restCross * derivativeCross + k * k * aligned.crossMoment(pre.q, pre.c);
    result.delta = delta;
    result.c = correlation(cross, delta);
    result.aligned = k * aligned.meanSlope(pre.q);
    return result;
  }
}

/** Every element-wise activation's backward result, rewritten per call (read at once, see StepBackward). */
const ELEMENTWISE_BACKWARD: Gradient = { delta: 0, c: 0, aligned: undefined, tracking: 0, positionC: undefined, positionAligned: undefined };
