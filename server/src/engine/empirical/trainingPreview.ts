/**
 * A short training run of the model as built from the IR, with its own optimizer and learning
 * rate, on a synthetic teacher-student regression: a fixed random network (the teacher) maps
 * N(0,1) inputs to targets the model learns to fit (or another TrainingTask the caller gives, e.g.
 * labels and the model's own loss). A healthy model's loss falls; an unstable
 * setup shows NaN or a loss that grows. One fresh batch per step, loss and global gradient norm
 * recorded, stopping at the first NaN/Inf.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelIR } from '../ir';
import { buildNetwork, disposeNetwork, forward, mseLoss, randomInputs, type Network } from './network';
import { frobeniusNorm } from './norm';
import { chooseOptimizer } from './optimizer';
import { readyTfjs, throwIfCancelled, yieldToHost } from './runtime';
import { deriveSeed, SeedRole } from './seeds';
import { UnsupportedModelError, type TrainingPreview, type TrainingPreviewOptions, type TrainingStep, type TrainingTask } from './types';

export const DEFAULT_TRAINING_STEPS = 50;
/** A loss that ends above this multiple of its start counts as diverging. */
export const LOSS_GROWTH_FACTOR = 10;
const TEACHER_HIDDEN_UNITS = 32;

export interface Teacher {
  weights: tf.Tensor[];
  /** The teacher's outputs for a batch, one tensor per model output, of its shape. */
  targets(xs: tf.Tensor[]): tf.Tensor[];
}

/** The number of values in a tensor of this shape. */
export function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The fixed random network at the end of every teacher: scores = tanh(z W1) W2, one slice per output. */
export interface TanhHead {
  weights: tf.Tensor[];
  /** [rows, features] -> one [rows, outSizes[k]] tensor per output. */
  scores(z: tf.Tensor): tf.Tensor[];
}

/** W1 and W2 drawn N(0, 1/fan-in) from the teacher seeds `stream` and `stream + 1`. */
export function tanhHead(inSize: number, outSizes: number[], seed: number, stream: number): TanhHead {
  const w1 = tf.randomNormal([inSize, TEACHER_HIDDEN_UNITS], 0, 1 / Math.sqrt(inSize), 'float32', deriveSeed(seed, SeedRole.teacher, stream));
  const w2 = tf.randomNormal([TEACHER_HIDDEN_UNITS, outSizes.reduce((a, b) => a + b, 0)], 0, 1 / Math.sqrt(TEACHER_HIDDEN_UNITS), 'float32', deriveSeed(seed, SeedRole.teacher, stream + 1));
  return {
    weights: [w1, w2],
    scores: (z) => {
      const y = tf.matMul(tf.tanh(tf.matMul(z as tf.Tensor2D, w1)), w2);
      return outSizes.length === 1 ? [y] : tf.split(y, outSizes, 1);
    },
  };
}

/** y = tanh(x W1) W2 on the flattened inputs (embedding ids scaled to [0, 1)), reshaped to the outputs. */
export function randomTeacher(network: Network, seed: number): Teacher {
  const inSize = network.inputs.reduce((a, input) => a + sizeOf(input.shape), 0);
  const head = tanhHead(inSize, network.outputShapes.map(sizeOf), seed, 1);
  return {
    weights: head.weights,
    targets: (xs) => tf.tidy(() => {
      const rows = xs[0].shape[0];
      const flat = xs.map((x, k) => {
        const idCount = network.inputs[k].idCount;
        const asFloat = idCount === undefined ? x : tf.div(tf.cast(x, 'float32'), idCount);
        return tf.reshape(asFloat, [x.shape[0], -1]);
      });
      const parts = head.scores(flat.length === 1 ? flat[0] : tf.concat(flat, 1));
      return parts.map((part, k) => tf.reshape(part, [rows, ...network.outputShapes[k]]));
    }),
  };
}

/** The default task: fit the random teacher's outputs by meanSquaredError. */
function teacherRegression(network: Network, seed: number): TrainingTask {
  const teacher = randomTeacher(network, seed);
  return {
    targets: teacher.targets,
    loss: mseLoss,
    description: 'task: fit a fixed random tanh network (teacher) on fresh N(0,1) batches',
    dispose: () => tf.dispose(teacher.weights),
  };
}

/**
 * Global-norm clipping found in the code (a wrapped applyGradients or a global-norm helper) is
 * reproduced; its threshold is not in the IR, so the inserted helper's default is assumed.
 */
export const ASSUMED_CLIP_NORM = 1;

function clipsByGlobalNorm(model: ModelIR): boolean {
  return (model.training?.clipping ?? []).some((c) => c.kind === 'wrappedApplyGradients' || c.kind === 'globalNorm');
}

/** One optimizer step; returns the loss before the update and the global gradient norm before clipping. */
async function trainStep(network: Network, model: ModelIR, optimizer: tf.Optimizer, task: TrainingTask, clipNorm: number | undefined, batch: number, seed: number): Promise<TrainingStep> {
  const xs = randomInputs(network, batch, seed);
  const ys = task.targets(xs);
  let metric: tf.Scalar | undefined;
  const { value, grads } = optimizer.computeGradients(() => {
    const predictions = forward(network, xs, model.outputs, true).outputs;
    // Scored on the same forward pass, so batchNormalization sees the same batch statistics.
    if (task.metric) metric = tf.keep(tf.tidy(() => task.metric!(predictions, ys)));
    return task.loss(predictions, ys);
  }, network.trainable);
  const gradNorm = tf.tidy(() => frobeniusNorm(Object.values(grads)));
  const applied = clipNorm !== undefined
    ? tf.tidy(() => {
        const scale = tf.div(clipNorm, tf.maximum(gradNorm, clipNorm));
        return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)]));
      })
    : grads;
  optimizer.applyGradients(applied);
  const summary = tf.stack(metric ? [value, gradNorm, metric] : [value, gradNorm]);
  tf.dispose([...xs, ...ys, value, gradNorm, ...Object.values(grads), ...Object.values(applied), ...(metric ? [metric] : [])]);
  const [loss, norm, score] = await summary.data();
  summary.dispose();
  return { step: 0, loss, gradNorm: norm, ...(metric ? { metric: score } : {}) };
}

/**
 * Trains a fresh copy of `model` for `steps` steps. Throws UnsupportedModelError when tfjs cannot
 * build it, SimulationCancelledError when `signal` aborts (checked between steps).
 */
export async function trainingPreview(model: ModelIR, options: TrainingPreviewOptions = {}): Promise<TrainingPreview> {
  const steps = options.steps ?? DEFAULT_TRAINING_STEPS;
  const batch = options.batch ?? 64;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
  await readyTfjs();

  const network = buildNetwork(model, seed);
  if (network.trainable.length === 0) {
    disposeNetwork(network);
    throw new UnsupportedModelError(['the model has no trainable weights']);
  }
  const task = (options.task ?? teacherRegression)(network, seed);
  const chosen = chooseOptimizer(model.training?.optimizer);
  const assumptions = [...network.assumptions, ...chosen.assumptions, task.description];
  const clipNorm = clipsByGlobalNorm(model) ? options.clipNorm ?? ASSUMED_CLIP_NORM : undefined;
  if (clipNorm !== undefined && options.clipNorm === undefined) assumptions.push(`gradients clipped to a global norm of ${ASSUMED_CLIP_NORM}, as the code clips (its threshold is not read)`);
  const otherClipping = (model.training?.clipping ?? []).filter((c) => c.kind === 'clipByValue' || c.kind === 'clipByNorm');
  if (otherClipping.length > 0) assumptions.push(`${otherClipping.map((c) => c.kind).join(', ')} in the code is not reproduced`);
  const record: TrainingStep[] = [];
  let divergence: TrainingPreview['divergence'];
  try {
    for (let step = 0; step < steps; step++) {
      throwIfCancelled(options.signal);
      const done = { ...(await trainStep(network, model, chosen.optimizer, task, clipNorm, batch, deriveSeed(seed, SeedRole.input, step))), step };
      record.push(done);
      if (!Number.isFinite(done.loss) || !Number.isFinite(done.gradNorm)) {
        divergence = 'nonFinite';
        break;
      }
      await yieldToHost();
    }
  } finally {
    disposeNetwork(network);
    task.dispose();
    chosen.optimizer.dispose();
  }
  if (!divergence && record[record.length - 1].loss > LOSS_GROWTH_FACTOR * record[0].loss) divergence = 'lossGrowth';
  return { optimizer: chosen.description, steps: record, divergence, assumptions };
}
