/**
 * dense and convolution layers: z = x W + b, then the activation (DESIGN section 5):
 *   forward   q_z = n_in v q_x + σ_b²,   q_z c_z = n_in v q_x c_x + σ_b²   (Poole et al. 2016)
 *   backward  Δ_x = n_out v Δ_z                                          (Schoenholz et al. 2017)
 *             + (n_out v k)² q_x for the part k·z of δ_z aligned with z (see `Gradient.aligned`)
 * with v = E[w²] of the tfjs initializer (section 4) and, for convolutions, tfjs's fans that
 * include the receptive field. Convolutions are taken with stride 1 and tfjs's default 'valid'
 * padding; each output position is a further row of the kernel gradient.
 */
import type { LayerIR } from '../ir';
import { initializerMoments, secondMoment } from '../tfjs/initializers';
import { defaultKernelInitializerName, DEFAULT_BIAS_INITIALIZER, effectiveActivation, isConvKind } from '../tfjs/layers';
import { applyActivation } from './activationStep';
import { kernelGradSquared, rowSpread } from './kernelGradient';
import { correlation, featuresOf, positionsOf, type Signal } from './signal';
import type { LayerStep, StepContext } from './step';
import { isKnownSize } from './unknowns';

const SPATIAL_RANK: Partial<Record<LayerIR['kind'], number>> = {
  conv1d: 1, conv2d: 2, conv3d: 3, conv2dTranspose: 2, depthwiseConv2d: 2, separableConv2d: 2,
};

/** Features the kernel reads. */
function inputFeatures(layer: LayerIR, input: Signal, context: StepContext): number {
  const features = featuresOf(input);
  return isKnownSize(features) ? features : context.unknown(layer, 'inputFeatures');
}

/** Output spatial shape of a stride-1 'valid' convolution, and the receptive field. */
function convGeometry(layer: LayerIR, input: Signal, context: StepContext) {
  const rank = SPATIAL_RANK[layer.kind] ?? 1;
  const written = layer.kernelSize?.every(isKnownSize) ? layer.kernelSize : [];
  const unknownSize = written.length === 0 ? context.unknown(layer, 'kernelSize') : undefined;
  const kernel = Array.from({ length: rank }, (_, i) => written[i] ?? written[0] ?? unknownSize ?? 1);
  if (layer.props.strides || layer.props.padding || layer.props.dilationRate) {
    context.assume(layer, 'strides/padding/dilation are not modelled; assumed stride 1, padding valid');
  }
  if (layer.kind === 'depthwiseConv2d' || layer.kind === 'separableConv2d' || layer.kind === 'conv2dTranspose') {
    context.assume(layer, `${layer.kind} approximated as a conv2d with the same kernel size`);
  }
  const spatialIn = input.shape.slice(0, -1);
  const spatialOut = spatialIn.map((size, i) => (size === null ? null : Math.max(1, size - (kernel[i] ?? 1) + 1)));
  const receptiveField = kernel.reduce((a, b) => a * b, 1);
  return { receptiveField, spatialOut };
}

export function kernelStep(layer: LayerIR, input: Signal, context: StepContext): LayerStep {
  const features = inputFeatures(layer, input, context);
  // A depthwise convolution keeps its channels (tfjs depthMultiplier defaults to 1).
  const units = layer.kind === 'depthwiseConv2d' ? features : isKnownSize(layer.units) ? layer.units : context.unknown(layer, 'units');
  const conv = isConvKind(layer.kind);
  const geometry = conv ? convGeometry(layer, input, context) : undefined;
  const receptiveField = geometry?.receptiveField ?? 1;
  const kernelShape = conv ? [receptiveField, features, units] : [features, units];
  const fanIn = features * receptiveField;
  const fanOut = units * receptiveField;

  const weights = initializerMoments(layer.kernelInitializer ?? defaultKernelInitializerName(layer.kind), kernelShape, {
    coreApi: layer.placement.kind === 'core',
  });
  for (const note of weights.notes) context.assume(layer, note);
  const v = secondMoment(weights);
  const biasSquare = layer.useBias === false ? 0
    : secondMoment(initializerMoments(layer.biasInitializer ?? DEFAULT_BIAS_INITIALIZER, [units]));

  const outShape = geometry ? geometry.spatialOut : input.shape.slice(0, -1);
  outShape.push(units);
  const weightPart = fanIn * v * input.q;
  const q = weightPart + biasSquare;
  const c = q > 0 ? (weightPart * input.c + biasSquare) / q : 0;
  // ρ_z = ρ_x scaled by the weight part of q_z, plus the noise of averaging over `units` outputs
  // (each pair's z·z' is a sum of units products with variance (1 + ρ²) v² |x|²|x'|²).
  const carried = q > 0 ? weightPart / q : 0;
  const spread = carried * carried * rowSpread(input, fanIn) + (1 + c ** 2) / units;
  const rows = { batch: context.batch, positions: positionsOf(outShape) };
  const rowCount = rows.batch * rows.positions;
  // Per-feature batch variances of z have about (N-1)/(1 + (N-1)/n_in) degrees of freedom
  // (the spread of a Wishart spectrum of N-1 centred rows seen through n_in random weights).
  const batchDof = (rowCount - 1) / (1 + (rowCount - 1) / fanIn);
  const preActivation: Signal = { q, c, mean: 0, shape: outShape, spread, batchDof };

  // The output keeps preActivation's batchDof (applyActivation carries it over).
  const activation = applyActivation(layer, effectiveActivation(layer), preActivation, context);
  // Each input position feeds receptiveField outputs; with valid padding fewer outputs exist.
  const positionRatio = rows.positions / Math.max(1, positionsOf(input.shape));
  const report = activation.report;
  report.fanIn = fanIn;
  report.fanOut = fanOut;
  return {
    output: activation.output,
    backward: (g) => {
      const atPre = activation.backward(g);
      // Wᵀ applied to the part of δ_z aligned with z = W x gives back a part aligned with x:
      // E[w g(w·x)] = v x E[g'] (Stein's lemma), on top of the independent part n_out v Δ_z.
      const back = fanOut * v * positionRatio;
      const alpha = atPre.aligned ?? 0;
      // Tracking parts, relative to x: the carried τ_z and the fluctuation (W Wᵀ - n_out v) of the
      // aligned part, whose pair Gram follows x's: τ_x = n_out v · n_in v · (τ_z + α²). Derived for
      // one row per sample; convolutions (rows at several positions) do not model it.
      const trackingAtZ = conv ? 0 : (atPre.tracking ?? 0) + alpha * alpha;
      const aligned = back * alpha;
      const delta = back * atPre.delta + aligned * aligned * input.q;
      const cross = back * atPre.delta * atPre.c + aligned * aligned * input.q * input.c;
      return {
        inputs: [{ delta, c: correlation(cross, delta), aligned, tracking: back * fanIn * v * trackingAtZ }],
        kernelGradSquared: kernelGradSquared(fanIn, units, rows, input, atPre, (conv ? alpha * alpha : trackingAtZ) * units * v, alpha * alpha * q),
      };
    },
    report,
  };
}
