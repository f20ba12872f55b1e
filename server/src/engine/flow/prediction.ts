/** The result of a gradient-flow engine for one model (analytic prediction or empirical measurement). */
import type { KernelPath } from './paths';
import type { Unknown } from './unknowns';

export interface LayerFlow {
  /** Index into ModelIR.layers. */
  layerIndex: number;
  /** Whether the layer has a kernel whose gradient is reported. */
  hasKernel: boolean;
  /** log10 of the Frobenius norm of dLoss/dKernel (DESIGN section 7), for kernel layers. */
  log10GradNorm?: number;
  /** sd of the layer's pre-activations (kernel layers) or outputs. */
  preActivationStd?: number;
  /** Fraction of sigmoid/tanh pre-activations beyond |5|. */
  saturatedFraction?: number;
  /** Fraction of relu pre-activations at or below 0. */
  deadFraction?: number;
  /** log10 of the factor by which the backward signal's mean square changes across this layer. */
  log10BackwardGain?: number;
  /** E[w²] of the kernel where its initializer's scale is an unknown (flow/unknowns.ts 'weightScale'): the value this prediction used. */
  weightVariance?: number;
  /** Kernel fans as tfjs computes them (conv: × receptive field), when the sizes are known. */
  fanIn?: number;
  fanOut?: number;
  /** Time steps a recurrent layer runs over, when its input's time axis has a size (from the code, or from a substituted unknown upstream). */
  timeSteps?: number;
}

export interface FlowPrediction {
  layers: LayerFlow[];
  /** The readable input-to-output paths with kernel layers, the one with most kernels first (paths.ts). */
  paths: KernelPath[];
  /** Index (into ModelIR.layers) of the first and last kernel layers of the first path, when any. */
  firstKernel?: number;
  lastKernel?: number;
  /** log10(‖∇W_first‖ / ‖∇W_last‖). */
  log10Ratio?: number;
  /** What the engine assumed (opaque layers, unresolved sizes, ...), in plain words. */
  assumptions: string[];
  /**
   * The values the code does not say that this prediction used (analytic engine; empty when the
   * model is fully known). Every number above may depend on them.
   */
  unknowns?: Unknown[];
}
