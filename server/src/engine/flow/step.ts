/** The contract between the engine's driver (analytic.ts) and the per-kind layer steps. */
import type { LayerIR } from '../ir';
import type { LayerFlow } from './prediction';
import { ZERO_GRADIENT, type Gradient, type Signal } from './signal';
import type { UnknownKind } from './unknowns';

export interface StepContext {
  /** Probe batch size. */
  batch: number;
  /** Records a plain-words assumption about this layer (collected into FlowPrediction.assumptions). */
  assume(layer: LayerIR, text: string): void;
  /**
   * A value of this layer the code leaves unknown (unknowns.ts): the prediction's substituted or
   * nominal value, recorded in FlowPrediction.unknowns. Never guess a fallback in a step instead.
   */
  unknown(layer: LayerIR, kind: UnknownKind): number;
  /** Throws FlowOutOfTime when the prediction's deadline has passed (deadline.ts); call it between costly iterations. */
  checkDeadline(): void;
}

/**
 * The backward pass reads a step's result, and the gradient it handed the step, before it asks
 * anything else: both may be objects the step (or GradientSums) rewrites on its next call, so
 * that the backward pass allocates nothing per layer. A step never keeps them.
 */
export interface StepBackward {
  /** Gradient at each of the layer's inputs, in the order of `LayerIR.inputs`. */
  inputs: Gradient[];
  /** E‖dLoss/dKernel‖²_F, for layers with a kernel. */
  kernelGradSquared?: number;
}

export interface LayerStep {
  output: Signal;
  /** From the gradient at the layer's output to the gradients at its inputs. */
  backward(output: Gradient): StepBackward;
  /** Forward facts for the layer's LayerFlow (pre-activation sd, fans, ...). */
  report: Partial<LayerFlow>;
}

/** The result of steps with one input, rewritten per call (read at once, see StepBackward). */
const ONE_INPUT: StepBackward & { inputs: [Gradient] } = { inputs: [ZERO_GRADIENT] };

/** A step's backward result when its only input gets `gradient`. */
export function toInput(gradient: Gradient): StepBackward {
  ONE_INPUT.inputs[0] = gradient;
  return ONE_INPUT;
}

const passThrough = (g: Gradient): StepBackward => toInput(g);

/** A step that changes nothing (identity in both directions). */
export function identityStep(input: Signal, report: Partial<LayerFlow> = {}): LayerStep {
  return { output: input, backward: passThrough, report };
}
