/**
 * dense and convolution layers: z = x W + b, then the activation (DESIGN section 5):
 *   forward   q_z = n_in v q_x + σ_b²,   q_z c_z = n_in v q_x c_x + σ_b²   (Poole et al. 2016)
 *   backward  Δ_x = n_out v Δ_z                                          (Schoenholz et al. 2017)
 *             + (n_out v k)² q_x for the part k·z of δ_z aligned with z (see `Gradient.aligned`)
 * with v = E[w²] of the tfjs initializer (section 4) and, for convolutions, tfjs's fans that
 * include the receptive field. A convolution's n_in and n_out are the average links of its window
 * (strides, padding, dilation, transposed: windowGeometry.ts); each output position is a further
 * row of the kernel gradient.
 */
import type { LayerIR } from '../ir';
import { CORE_API, fansOfShape, initializerMoments, scaleUnresolved, secondMoment } from '../tfjs/initializers';
import { defaultKernelInitializerName, DEFAULT_BIAS_INITIALIZER, effectiveActivation, isConvKind } from '../tfjs/layers';
import { applyActivation, type ActivationTransfer } from './activationStep';
import { kernelGradSquared, rowSpread, type KernelRows } from './kernelGradient';
import { correlation, featuresOf, positionsOf, withFeatures, type Gradient, type Signal } from './signal';
import type { LayerStep, StepBackward, StepContext } from './step';
import { isKnownSize } from './unknowns';
import { convWindow, outputLengths, withUnitLeadingAxis, windowMap } from './windowGeometry';

const SPATIAL_RANK: Partial<Record<LayerIR['kind'], number>> = {
  conv1d: 1, conv2d: 2, conv3d: 3, conv2dTranspose: 2, depthwiseConv2d: 2, separableConv2d: 2,
};

/** Features the kernel reads. */
function inputFeatures(layer: LayerIR, input: Signal, context: StepContext): number {
  const features = featuresOf(input);
  return isKnownSize(features) ? features : context.unknown(layer, 'inputFeatures');
}

/**
 * A convolution's window over the input (windowGeometry.ts): output spatial shape, receptive
 * field, and the average links per output (effective fan-in: 'same' padding reads zeros at the
 * border, a transposed convolution of stride s reads about kernel / s inputs) and per input
 * (how many outputs each input value feeds, what δ sums over backward).
 */
function convGeometry(layer: LayerIR, input: Signal, context: StepContext) {
  const frameWindow = convWindow(layer, SPATIAL_RANK[layer.kind] ?? 1, context);
  // timeDistributed: the time axis is one more axis the kernel does not slide along.
  const window = layer.wrapper === 'timeDistributed' ? withUnitLeadingAxis(frameWindow) : frameWindow;
  if (layer.kind === 'depthwiseConv2d' || layer.kind === 'separableConv2d') {
    context.assume(layer, `${layer.kind} approximated as a conv2d with the same kernel size`);
  }
  const map = windowMap(input.shape.slice(0, -1), window);
  let receptiveField = 1;
  for (const size of window.kernel) receptiveField *= size;
  return { out: outputLengths(layer, map), tapsPerOutput: map.tapsPerOutput, readsPerInput: map.readsPerInput, receptiveField, transposed: window.transposed };
}

/**
 * Whether the step reads `layer`'s kernel scale as an unknown (the code computes it where the
 * engine cannot read it): only dense and convolution kernels, this step's; the recurrent and
 * embedding steps still take an unresolved scale at tfjs's default, and say so.
 */
export function kernelScaleIsUnknown(layer: LayerIR): boolean {
  return (layer.kind === 'dense' || isConvKind(layer.kind)) && scaleUnresolved(layer.kernelInitializer);
}

export function kernelStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const features = inputFeatures(layer, input, context);
  // A depthwise convolution keeps its channels (tfjs depthMultiplier defaults to 1).
  const units = layer.kind === 'depthwiseConv2d' ? features : isKnownSize(layer.units) ? layer.units : context.unknown(layer, 'units');
  const conv = isConvKind(layer.kind);
  const geometry = conv ? convGeometry(layer, input, context) : undefined;
  const receptiveField = geometry?.receptiveField ?? 1;
  // tfjs stores a transposed kernel as [kernel..., filters, inputChannels], so its initializer's fans are swapped.
  const kernelShape = !geometry ? [features, units] : geometry.transposed ? [receptiveField, units, features] : [receptiveField, features, units];
  const fans = fansOfShape(kernelShape);
  // Inputs each output reads, and outputs each input feeds (equal to the fans for dense layers).
  const fanIn = features * (geometry?.tapsPerOutput ?? 1);
  const readsPerInput = geometry?.readsPerInput ?? 1;

  const weights = initializerMoments(
    layer.kernelInitializer ?? defaultKernelInitializerName(layer.kind),
    kernelShape,
    layer.placement.kind === 'core' ? CORE_API : undefined,
  );
  // An index loop: for-of over the shared frozen empty list (initializers.ts) allocates an iterator per kernel layer.
  for (let i = 0; i < weights.notes.length; i++) context.assume(layer, weights.notes[i]);
  const unknownScale = kernelScaleIsUnknown(layer);
  const v = unknownScale ? context.unknown(layer, 'weightScale') / Math.max(1, fans.fanIn) : secondMoment(weights);
  const biasSquare = layer.useBias === false ? 0
    : secondMoment(initializerMoments(layer.biasInitializer ?? DEFAULT_BIAS_INITIALIZER, [units]));

  const outShape = geometry ? geometry.out : withFeatures(input.shape, units);
  if (geometry) outShape.push(units);
  const weightPart = fanIn * v * input.q;
  const q = weightPart + biasSquare;
  const c = q > 0 ? (weightPart * input.c + biasSquare) / q : 0;
  // ρ_z = ρ_x scaled by the weight part of q_z, plus the noise of averaging over `units` outputs
  // (each pair's z·z' is a sum of units products with variance (1 + ρ²) v² |x|²|x'|²).
  const carried = q > 0 ? weightPart / q : 0;
  const spread = carried * carried * rowSpread(input, fanIn) + (1 + c ** 2) / units;
  const positions = positionsOf(outShape);
  const rowCount = context.batch * positions;
  // Per-feature batch variances of z have about (N-1)/(1 + (N-1)/n_in) degrees of freedom
  // (the spread of a Wishart spectrum of N-1 centred rows seen through n_in random weights).
  const batchDof = (rowCount - 1) / (1 + (rowCount - 1) / fanIn);
  const preActivation: Signal = { q, c, mean: 0, shape: outShape, spread, batchDof, elementwise: undefined };

  // The output keeps preActivation's batchDof (applyActivation carries it over).
  const activation = applyActivation(layer, effectiveActivation(layer), preActivation, context, undefined, fans);
  if (unknownScale) activation.report.weightVariance = v;
  return new KernelLayerStep(activation, input, units, fanIn, readsPerInput, v, q, conv, context.batch, positions);
}

/**
 * A kernel layer's step: one object per layer, its backward a method (no closure and context).
 * It is also the kernel's rows (batch × output positions) for kernelGradSquared.
 */
class KernelLayerStep implements LayerStep, KernelRows {
  readonly output: Signal;
  readonly report: LayerStep['report'];

  constructor(
    private readonly activation: ActivationTransfer,
    private readonly input: Signal,
    private readonly units: number,
    private readonly fanIn: number,
    private readonly readsPerInput: number,
    /** E[w²] of the kernel, and q of the pre-activation. */
    private readonly v: number,
    private readonly q: number,
    private readonly conv: boolean,
    readonly batch: number,
    readonly positions: number,
  ) {
    this.output = activation.output;
    this.report = activation.report;
  }

  backward(g: Gradient): StepBackward {
    const { input, units, fanIn, v, conv } = this;
    const atPre = this.activation.backward(g);
    // Wᵀ applied to the part of δ_z aligned with z = W x gives back a part aligned with x:
    // E[w g(w·x)] = v x E[g'] (Stein's lemma), on top of the independent part n_out v Δ_z.
    const back = units * this.readsPerInput * v;
    const alpha = atPre.aligned ?? 0;
    // Tracking parts, relative to x: the carried τ_z and the fluctuation (W Wᵀ - n_out v) of the
    // aligned part, whose pair Gram follows x's: τ_x = n_out v · n_in v · (τ_z + α²). Derived for
    // one row per sample; convolutions (rows at several positions) do not model it.
    const trackingAtZ = conv ? 0 : (atPre.tracking ?? 0) + alpha * alpha;
    const aligned = back * alpha;
    const delta = back * atPre.delta + aligned * aligned * input.q;
    const cross = back * atPre.delta * atPre.c + aligned * aligned * input.q * input.c;
    const result = KERNEL_BACKWARD;
    result.kernelGradSquared = kernelGradSquared(fanIn, units, this, input, atPre, (conv ? alpha * alpha : trackingAtZ) * units * v, alpha * alpha * this.q, (atPre.positionAligned ?? 0) * units * v);
    const atInput = result.inputs[0];
    atInput.delta = delta;
    atInput.c = correlation(cross, delta);
    atInput.aligned = aligned;
    atInput.tracking = back * fanIn * v * trackingAtZ;
    // Each input position sums its outputs' δ through independent weights per tap: the
    // position correlation of δ is kept.
    atInput.positionC = atPre.positionC;
    // δ_z's part b_k·z, one b per sample and filter, comes back as Σ_k b_k W_k W_kᵀ x ≈ v·x·Σ_k b_k
    // per tap: a part along x, still shared by the positions, whose b sums n_out independent b_k.
    const perTap = v * this.readsPerInput;
    atInput.positionAligned = atPre.positionAligned ? atPre.positionAligned * units * perTap * perTap : undefined;
    return result;
  }
}

/** Every kernel step's backward result, rewritten per call (read at once by the backward pass, see StepBackward). */
const KERNEL_BACKWARD: StepBackward & { inputs: [Gradient] } = {
  inputs: [{ delta: 0, c: 0, aligned: 0, tracking: 0, positionC: undefined, positionAligned: undefined }],
  kernelGradSquared: 0,
};
