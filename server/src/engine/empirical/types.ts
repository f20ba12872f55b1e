/**
 * Result and option types of the empirical engine: gradient flow measured on the real tfjs model
 * (DESIGN section 7), and the short training preview of the panel (DESIGN section 8).
 */
import type * as tf from '@tensorflow/tfjs';
import type { FlowPrediction, LayerFlow } from '../flow/prediction';
import type { Network } from './network';

/** Something that can cancel a run: an AbortSignal, or any object with the same flag. */
export interface CancellationSignal {
  readonly aborted: boolean;
}

export interface SimulationOptions {
  /** Samples per batch (DESIGN section 7: 64). */
  batch?: number;
  /** Independent weight draws; the result reports mean and sd over them. */
  seeds?: number;
  /** First seed; seed k of a run is firstSeed + k. Same seeds, same numbers. */
  firstSeed?: number;
  /** Checked between seeds: a stale run stops with SimulationCancelledError. */
  signal?: CancellationSignal;
}

/** One layer as measured: LayerFlow's fields hold the means over seeds. */
export interface EmpiricalLayerFlow extends LayerFlow {
  /** Sample sd over seeds of log10 ‖∇W‖ (0 for a single seed). */
  log10GradNormSd?: number;
  /** log10 ‖∇W‖ of every seed, in seed order (for the panel's spread points). */
  log10GradNormBySeed?: number[];
}

export interface EmpiricalFlow extends FlowPrediction {
  engine: 'empirical';
  layers: EmpiricalLayerFlow[];
  /** Sample sd over seeds of log10(‖∇W_first‖/‖∇W_last‖). */
  log10RatioSd?: number;
  batch: number;
  seeds: number;
  /** Loss of each seed's forward pass (about 1 + the output's mean square for N(0,1) targets). */
  lossBySeed: number[];
}

export interface TrainingPreviewOptions {
  /** Optimizer steps (default 50). */
  steps?: number;
  batch?: number;
  seed?: number;
  signal?: CancellationSignal;
  /** What the model learns; default: meanSquaredError to a random tanh teacher (trainingPreview.ts). */
  task?: TrainingTaskFactory;
  /** Global-norm clipping threshold of the code, when read from it (else ASSUMED_CLIP_NORM). */
  clipNorm?: number;
}

/** Targets and loss of a training preview, built once per run for the built network. */
export interface TrainingTask {
  /** Targets for a batch of model inputs (one tensor per model output). */
  targets(xs: tf.Tensor[]): tf.Tensor[];
  loss(predictions: tf.Tensor[], targets: tf.Tensor[]): tf.Scalar;
  /** A task score on the batch before the update (accuracy, R²), comparable across losses. */
  metric?(predictions: tf.Tensor[], targets: tf.Tensor[]): tf.Scalar;
  description: string;
  dispose(): void;
}

export type TrainingTaskFactory = (network: Network, seed: number) => TrainingTask;

export interface TrainingStep {
  step: number;
  /** The task's loss on the step's batch, before the update (meanSquaredError by default). */
  loss: number;
  /** TrainingTask.metric on the same batch, when the task has one. */
  metric?: number;
  /** Global (all trainable weights) norm of the gradient the update used. */
  gradNorm: number;
}

export interface TrainingPreview {
  /** The optimizer that was run, and whether it came from the code or was assumed. */
  optimizer: { name: string; learningRate: number; source: 'model' | 'assumed' };
  steps: TrainingStep[];
  /** Why the preview says training fails: a NaN/Inf loss or gradient, or a loss that grew more than 10x. */
  divergence?: 'nonFinite' | 'lossGrowth';
  /** What the preview assumed, in plain words. */
  assumptions: string[];
}

/** The model cannot be built in tfjs as written (an unknown size, an activation tfjs rejects, ...). */
export class UnsupportedModelError extends Error {
  constructor(readonly reasons: string[]) {
    super(`cannot build the model in tfjs: ${reasons.join('; ')}`);
    this.name = 'UnsupportedModelError';
  }
}

/** A run stopped because its signal was aborted (the model changed, the panel closed). */
export class SimulationCancelledError extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'SimulationCancelledError';
  }
}
