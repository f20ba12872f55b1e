/**
 * A short training run of the model as built from the IR, with its own optimizer and learning
 * rate, on a synthetic teacher-student regression: a fixed random network (the teacher) maps
 * N(0,1) inputs to targets the model learns to fit. A healthy model's loss falls; an unstable
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
import { UnsupportedModelError, type TrainingPreview, type TrainingPreviewOptions, type TrainingStep } from './types';

export const DEFAULT_TRAINING_STEPS = 50;
/** A loss that ends above this multiple of its start counts as diverging. */
export const LOSS_GROWTH_FACTOR = 10;
const TEACHER_HIDDEN_UNITS = 32;

interface Teacher {
  weights: tf.Tensor[];
  targets(xs: tf.Tensor[]): tf.Tensor[];
}

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** y = tanh(x W1) W2 on the flattened inputs (embedding ids scaled to [0, 1)), reshaped to the outputs. */
function makeTeacher(network: Network, seed: number): Teacher {
  const inSize = network.inputs.reduce((a, input) => a + size(input.shape), 0);
  const outSizes = network.outputShapes.map(size);
  const outSize = outSizes.reduce((a, b) => a + b, 0);
  const w1 = tf.randomNormal([inSize, TEACHER_HIDDEN_UNITS], 0, 1 / Math.sqrt(inSize), 'float32', deriveSeed(seed, SeedRole.teacher, 1));
  const w2 = tf.randomNormal([TEACHER_HIDDEN_UNITS, outSize], 0, 1 / Math.sqrt(TEACHER_HIDDEN_UNITS), 'float32', deriveSeed(seed, SeedRole.teacher, 2));
  return {
    weights: [w1, w2],
    targets: (xs) => tf.tidy(() => {
      const rows = xs[0].shape[0];
      const flat = xs.map((x, k) => {
        const idCount = network.inputs[k].idCount;
        const asFloat = idCount === undefined ? x : tf.div(tf.cast(x, 'float32'), idCount);
        return tf.reshape(asFloat, [x.shape[0], -1]);
      });
      const y = tf.matMul(tf.tanh(tf.matMul(flat.length === 1 ? flat[0] : tf.concat(flat, 1), w1)), w2);
      const parts = outSizes.length === 1 ? [y] : tf.split(y, outSizes, 1);
      return parts.map((part, k) => tf.reshape(part, [rows, ...network.outputShapes[k]]));
    }),
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
async function trainStep(network: Network, model: ModelIR, optimizer: tf.Optimizer, teacher: Teacher, batch: number, seed: number): Promise<[number, number]> {
  const xs = randomInputs(network, batch, seed);
  const ys = teacher.targets(xs);
  const { value, grads } = optimizer.computeGradients(() => mseLoss(forward(network, xs, model.outputs, true).outputs, ys), network.trainable);
  const gradNorm = tf.tidy(() => frobeniusNorm(Object.values(grads)));
  const applied = clipsByGlobalNorm(model)
    ? tf.tidy(() => {
        const scale = tf.div(ASSUMED_CLIP_NORM, tf.maximum(gradNorm, ASSUMED_CLIP_NORM));
        return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)]));
      })
    : grads;
  optimizer.applyGradients(applied);
  const summary = tf.stack([value, gradNorm]);
  tf.dispose([...xs, ...ys, value, gradNorm, ...Object.values(grads), ...Object.values(applied)]);
  const [loss, norm] = await summary.data();
  summary.dispose();
  return [loss, norm];
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
  const teacher = makeTeacher(network, seed);
  const chosen = chooseOptimizer(model.training?.optimizer);
  const assumptions = [...network.assumptions, ...chosen.assumptions, 'task: fit a fixed random tanh network (teacher) on fresh N(0,1) batches'];
  if (clipsByGlobalNorm(model)) assumptions.push(`gradients clipped to a global norm of ${ASSUMED_CLIP_NORM}, as the code clips (its threshold is not read)`);
  const otherClipping = (model.training?.clipping ?? []).filter((c) => c.kind === 'clipByValue' || c.kind === 'clipByNorm');
  if (otherClipping.length > 0) assumptions.push(`${otherClipping.map((c) => c.kind).join(', ')} in the code is not reproduced`);
  const record: TrainingStep[] = [];
  let divergence: TrainingPreview['divergence'];
  try {
    for (let step = 0; step < steps; step++) {
      throwIfCancelled(options.signal);
      const [loss, gradNorm] = await trainStep(network, model, chosen.optimizer, teacher, batch, deriveSeed(seed, SeedRole.input, step));
      record.push({ step, loss, gradNorm });
      if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
        divergence = 'nonFinite';
        break;
      }
      await yieldToHost();
    }
  } finally {
    disposeNetwork(network);
    tf.dispose(teacher.weights);
    chosen.optimizer.dispose();
  }
  if (!divergence && record[record.length - 1].loss > LOSS_GROWTH_FACTOR * record[0].loss) divergence = 'lossGrowth';
  return { optimizer: chosen.description, steps: record, divergence, assumptions };
}
