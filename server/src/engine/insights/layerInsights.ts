/**
 * The numbers behind a layer's verdict, read from the analysis that already ran (IR + analytic
 * flow): fan-in, initializer variance × fan-in against the activation's critical gain, the spread
 * of what enters the activation or normalization, saturated and dead fractions, ‖∇W‖ and its band.
 * Inlay hints and hover cards are both made from these; nothing here predicts anything anew.
 */
import type { ModelAnalysis } from '../analyze';
import type { LayerFlow } from '../flow/prediction';
import type { LayerIR, LayerKind } from '../ir';
import { appliedActivation } from '../rules/appliedActivation';
import { flowAt, weightScaleRatio } from '../rules/modelFacts';
import { criticalGain } from '../tfjs/initializers';
import { effectiveActivation, hasKernel, isNormalization } from '../tfjs/layers';
import { gradientBand, type GradientBand, type GradientBandLimits } from './gradientBands';

export interface WeightScale {
  /** E[w²] × fan-in of the kernel as initialized. */
  varianceTimesFanIn: number;
  /** The activation's critical gain (edge of chaos). */
  criticalGain: number;
  /** varianceTimesFanIn / criticalGain: 1 keeps the signal's scale through depth. */
  ratio: number;
}

export interface LayerInsight {
  layer: LayerIR;
  /** The variant of the definition the layer was analysed in ("when rnnType is 'lstm'"), when it is one of several. */
  variant?: string;
  flow?: LayerFlow;
  /** The activation the layer applies (kernel and activation layers), tfjs default included. */
  activation?: string;
  fanIn?: number;
  weightScale?: WeightScale;
  /** sd of the kernel layer's pre-activations. */
  preActivationStd?: number;
  /** sd of the signal entering an activation or normalization layer, when known. */
  inputStd?: number;
  /** sd of a non-kernel layer's output. */
  outputStd?: number;
  saturatedFraction?: number;
  deadFraction?: number;
  log10GradNorm?: number;
  band?: GradientBand;
}

/** Layer kinds that are an activation of their own (tf.layers.activation, leakyReLU, ...). */
const ACTIVATION_LAYER_NAMES: Partial<Record<LayerKind, string>> = { leakyReLU: 'leakyReLU', elu: 'elu', prelu: 'prelu', reLU: 'relu', softmax: 'softmax' };

export function isActivationLayer(layer: LayerIR): boolean {
  return layer.kind === 'activation' || ACTIVATION_LAYER_NAMES[layer.kind] !== undefined;
}


export function layerInsight(analysis: ModelAnalysis, layer: LayerIR, limits: GradientBandLimits): LayerInsight {
  const flow = flowAt(analysis.flow, layer.index);
  const insight: LayerInsight = { layer, flow, ...(analysis.model.variant && { variant: analysis.model.variant.label }) };
  if (hasKernel(layer.kind)) {
    insight.activation = effectiveActivation(layer);
    insight.fanIn = flow?.fanIn;
    insight.preActivationStd = finite(flow?.preActivationStd);
    const ratio = layer.kind === 'embedding' ? undefined : weightScaleRatio(analysis.model, layer, analysis.flow);
    if (ratio !== undefined && Number.isFinite(ratio)) {
      // The gain the ratio is taken against: of the activation the pre-activations go through.
      const applied = appliedActivation(analysis.model, layer, true);
      const gain = criticalGain(applied.name, applied.alpha);
      insight.weightScale = { varianceTimesFanIn: ratio * gain, criticalGain: gain, ratio };
    }
    insight.log10GradNorm = finite(flow?.log10GradNorm);
    if (insight.log10GradNorm !== undefined) insight.band = gradientBand(insight.log10GradNorm, limits);
  } else if (isActivationLayer(layer) || isNormalization(layer)) {
    if (isActivationLayer(layer)) insight.activation = ACTIVATION_LAYER_NAMES[layer.kind] ?? effectiveActivation(layer);
    insight.inputStd = inputStd(analysis, layer);
    insight.outputStd = finite(flow?.preActivationStd);
  }
  insight.saturatedFraction = finite(flow?.saturatedFraction);
  insight.deadFraction = finite(flow?.deadFraction);
  return insight;
}

/**
 * The sd of what enters a layer: the model input (N(0,1) under the probe) for a first layer, a
 * non-kernel layer's output sd, or a kernel layer's pre-activation sd when it applies no
 * activation (otherwise its output spread is not in the flow, and the value stays unknown).
 */
function inputStd(analysis: ModelAnalysis, layer: LayerIR): number | undefined {
  if (layer.inputs.length === 0) return 1;
  if (layer.inputs.length > 1) return undefined;
  const source = analysis.model.layers[layer.inputs[0]];
  if (!source) return undefined;
  if (hasKernel(source.kind) && effectiveActivation(source) !== 'linear') return undefined;
  return finite(flowAt(analysis.flow, source.index)?.preActivationStd);
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
