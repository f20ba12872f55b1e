/**
 * The synthetic teacher task of `npm run repair-check`, fitted to the model's output and loss as
 * written: the empirical engine's random tanh teacher (randomTeacher; for a recurrent model the
 * time-invariant sequenceTeacher, for a convolutional one the translation-invariant spatialTeacher) maps the model's inputs to
 * one score per output unit, and those scores become the targets (regression), the argmax class
 * as one-hot labels (a softmax or categorical loss) or one 0/1 label per unit (a sigmoid or binary
 * loss). Each output of a multi-output model gets its own labels and its own loss, and the loss
 * trained is their sum, as tfjs computes it. The model is trained with its own losses; the task
 * metric (accuracy, R²; the mean over outputs) is scored on each fresh batch before its update, so
 * losses of different functions can still be compared.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossIR, ModelIR } from '../../server/src/engine/ir';
import { randomTeacher, type TrainingTask, type TrainingTaskFactory } from '../../server/src/engine/empirical';
import { lossExpectation } from '../../server/src/engine/tfjs/losses';
import { lossesOfOutput, outputHeadAt } from '../../server/src/engine/rules/outputLossMismatch';
import { isRecurrentKind } from '../../server/src/engine/tfjs/layers';
import { sequenceTeacher } from './sequenceTeacher';
import { readsThroughConvolution, spatialTeacher } from './spatialTeacher';

export type TaskKind = 'regression' | 'multiclass' | 'binary';

type LossFunction = (labels: tf.Tensor, predictions: tf.Tensor) => tf.Scalar;

interface ReadLoss {
  name: string;
  fn: LossFunction;
  /** Whether the loss applies softmax/sigmoid itself (a 0/1 decision then sits at 0, not 0.5). */
  logits: boolean;
}

const MEAN_ABSOLUTE = new Set(['meanAbsoluteError', 'mae', 'MAE', 'losses.absoluteDifference', 'metrics.meanAbsoluteError']);
const SPARSE_CATEGORICAL = new Set(['sparseCategoricalCrossentropy', 'metrics.sparseCategoricalCrossentropy']);
const mean = (t: tf.Tensor) => tf.mean(t) as tf.Scalar;

/** The loss that trains output `position`: its own entry of a loss list or dict, or the one loss of every output. */
function lossAt(model: ModelIR, position: number): LossIR | undefined {
  return lossesOfOutput(model, position)[0];
}

/** The loss of output `position`, as tfjs computes it; meanSquaredError when the code's loss is not read. */
export function readLoss(model: ModelIR, position = 0): ReadLoss {
  const loss = lossAt(model, position);
  const name = loss?.name ?? '(no loss read: meanSquaredError)';
  if (loss && SPARSE_CATEGORICAL.has(loss.name)) {
    // tfjs one-hot encodes the integer labels and applies categoricalCrossentropy: the same values.
    return { name, fn: (y, p) => mean(tf.metrics.categoricalCrossentropy(y, p)), logits: false };
  }
  if (loss && MEAN_ABSOLUTE.has(loss.name)) return { name, fn: (y, p) => tf.losses.absoluteDifference(y, p) as tf.Scalar, logits: false };
  switch (loss && lossExpectation(loss)) {
    case 'normalizedProbabilities': return { name, fn: (y, p) => mean(tf.metrics.categoricalCrossentropy(y, p)), logits: false };
    case 'unitProbabilities':
      return loss?.name === 'losses.logLoss'
        ? { name, fn: (y, p) => tf.losses.logLoss(y, p) as tf.Scalar, logits: false }
        : { name, fn: (y, p) => mean(tf.metrics.binaryCrossentropy(y, p)), logits: false };
    case 'softmaxLogits': return { name, fn: (y, p) => tf.losses.softmaxCrossEntropy(y, p) as tf.Scalar, logits: true };
    case 'sigmoidLogits': return { name, fn: (y, p) => tf.losses.sigmoidCrossEntropy(y, p) as tf.Scalar, logits: true };
    default: return { name, fn: (y, p) => tf.losses.meanSquaredError(y, p) as tf.Scalar, logits: false };
  }
}

/** What the labels of output `position` are, from the model as written (its fixed version is scored on the same labels). */
export function taskKindOf(model: ModelIR, position = 0): TaskKind {
  const loss = lossAt(model, position);
  const head = outputHeadAt(model, position);
  const oneUnit = head?.units === 1;
  if (loss && SPARSE_CATEGORICAL.has(loss.name)) return 'multiclass';
  switch (loss && lossExpectation(loss)) {
    case 'normalizedProbabilities':
    case 'softmaxLogits':
      return oneUnit ? 'binary' : 'multiclass';
    case 'unitProbabilities':
      return head?.activation === 'softmax' && !oneUnit ? 'multiclass' : 'binary';
    case 'sigmoidLogits':
      return 'binary';
    default:
      if (head?.activation === 'softmax') return oneUnit ? 'binary' : 'multiclass';
      if (head?.activation === 'sigmoid') return 'binary';
      return 'regression';
  }
}

/** The labels of every output of the model as written. */
export function taskKindsOf(model: ModelIR): TaskKind[] {
  return model.outputs.map((_, position) => taskKindOf(model, position));
}

/** Per output, the loss and the output activation it is applied to: a fix that changes either changes what the loss means. */
export function objectivesOf(model: ModelIR): string[] {
  return model.outputs.map((_, position) => {
    const activation = outputHeadAt(model, position)?.activation;
    const { name } = readLoss(model, position);
    return activation ? `${name} on ${activation}` : name;
  });
}

export function objectiveOf(model: ModelIR): string {
  return objectivesOf(model).join(', ');
}

export function metricName(kind: TaskKind): 'accuracy' | 'R²' {
  return kind === 'regression' ? 'R²' : 'accuracy';
}

export function describeTask(kind: TaskKind): string {
  switch (kind) {
    case 'regression': return "targets = the teacher's outputs";
    case 'multiclass': return "one-hot labels of the teacher's highest output";
    case 'binary': return "0/1 labels: teacher output > 0, per unit";
  }
}

function labels(kind: TaskKind, scores: tf.Tensor): tf.Tensor {
  if (kind === 'regression') return scores;
  if (kind === 'binary') return tf.cast(tf.greater(scores, 0), 'float32');
  const classes = scores.shape[scores.shape.length - 1];
  return tf.cast(tf.oneHot(tf.argMax(scores, -1) as tf.Tensor1D, classes), 'float32');
}

function score(kind: TaskKind, y: tf.Tensor, p: tf.Tensor, threshold: number): tf.Scalar {
  if (kind === 'multiclass') return mean(tf.cast(tf.equal(tf.argMax(y, -1), tf.argMax(p, -1)), 'float32'));
  if (kind === 'binary') return mean(tf.cast(tf.equal(y, tf.cast(tf.greater(p, threshold), 'float32')), 'float32'));
  const residual = tf.sum(tf.square(tf.sub(y, p)));
  const spread = tf.sum(tf.square(tf.sub(y, tf.mean(y))));
  return tf.sub(1, tf.div(residual, spread)) as tf.Scalar;
}

/** A model with a recurrent layer learns the time-invariant sequence teacher (sequenceTeacher.ts). */
export function isRecurrentModel(model: ModelIR): boolean {
  return model.layers.some((layer) => isRecurrentKind(layer.kind));
}

const meanOverOutputs = (parts: tf.Scalar[]) => (parts.length === 1 ? parts[0] : (tf.div(tf.addN(parts), parts.length) as tf.Scalar));

/**
 * The task of one model with the labels `kinds` (one per output): its own losses (summed over
 * outputs, as tfjs does) and 0/1 thresholds; the metric is the mean over the `scored` outputs.
 */
export function taskFactory(kinds: readonly TaskKind[], model: ModelIR, scored: readonly number[] = kinds.map((_, i) => i)): TrainingTaskFactory {
  const outputs = kinds.map((kind, position) => {
    const loss = readLoss(model, position);
    const activation = outputHeadAt(model, position)?.activation;
    return { kind, loss, threshold: activation === 'sigmoid' || activation === 'softmax' || !loss.logits ? 0.5 : 0 };
  });
  const recurrent = isRecurrentModel(model);
  return (network, seed): TrainingTask => {
    const spatial = !recurrent && readsThroughConvolution(model, network);
    const teacher = (recurrent ? sequenceTeacher : spatial ? spatialTeacher : randomTeacher)(network, seed);
    return {
      targets: (xs) => tf.tidy(() => teacher.targets(xs).map((scores, i) => labels(outputs[i].kind, scores))),
      loss: (predictions, targets) => tf.tidy(() => tf.addN(predictions.map((p, i) => outputs[i].loss.fn(targets[i], p))) as tf.Scalar),
      metric: (predictions, targets) => tf.tidy(() => meanOverOutputs(scored.map((i) => score(outputs[i].kind, targets[i], predictions[i], outputs[i].threshold)))),
      description: `task: ${kinds.map(describeTask).join('; ')} (random tanh teacher${recurrent ? ' of the running sum over time' : spatial ? ' of convolutional features summed over positions' : ''}, fresh N(0,1) batches), loss ${outputs.map((o) => o.loss.name).join(' + ')}`,
      dispose: () => tf.dispose(teacher.weights),
    };
  };
}
