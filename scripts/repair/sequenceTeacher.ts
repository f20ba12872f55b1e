/**
 * The teacher of `npm run repair-check` for recurrent models. The feed-forward teacher
 * (randomTeacher) is a tanh network over the flattened sequence: a different random weight for
 * every time step, which a recurrent layer (one weight shared by all steps) can only fit by
 * counting steps; neither a simpleRNN nor an LSTM learns it (loss ratios 0.95-1.03 in 200 steps).
 * This teacher is time-invariant and needs memory: it reads the running sum of the inputs over
 * the time steps, scaled by 1/sqrt(steps so far) so it stays N(0,1), and maps it through a fixed
 * random tanh network. Every step counts as much as the last, so the first of 120 steps must be
 * carried through 119 updates: what long-range recurrent training is about (the adding task of
 * Hochreiter & Schmidhuber 1997, on the model's own input sizes).
 */
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../../server/src/engine/empirical/network';
import { sizeOf, tanhHead, type Teacher } from '../../server/src/engine/empirical';
import { deriveSeed, SeedRole } from '../../server/src/engine/empirical/seeds';

/** Each id is read through the teacher's own fixed N(0,1) table of this many dimensions. */
const ID_DIMENSIONS = 8;

/** An input as [time steps, features per step]: ids [T], sequences [T, F], anything else one step. */
function stepsAndFeatures(shape: number[], ids: boolean): [number, number] {
  if (ids) return [shape[0] ?? 1, ID_DIMENSIONS * sizeOf(shape.slice(1))];
  return shape.length >= 2 ? [shape[0], sizeOf(shape.slice(1))] : [1, sizeOf(shape)];
}

/** Σ_{s≤t} x_s / sqrt(t + 1) along the time axis of [batch, T, F]. */
function runningSummary(x: tf.Tensor3D): tf.Tensor3D {
  const steps = x.shape[1];
  const scale = tf.reshape(tf.rsqrt(tf.range(1, steps + 1)), [1, steps, 1]);
  return tf.mul(tf.cumsum(x, 1), scale) as tf.Tensor3D;
}

/**
 * y = tanh(z W1) W2 with z the inputs' summaries, concatenated. An output with one row per time
 * step of an input (a seq2seq decoder's) gets a target per step: that input is read up to the
 * step, every other input whole, so the target at step t uses nothing the model sees later.
 */
export function sequenceTeacher(network: Network, seed: number): Teacher {
  const shapes = network.inputs.map((input) => stepsAndFeatures(input.shape, input.idCount !== undefined));
  const tables = network.inputs.map((input, k) => (input.idCount === undefined ? undefined : tf.randomNormal([input.idCount, ID_DIMENSIONS], 0, 1, 'float32', deriveSeed(seed, SeedRole.teacher, 10 + k))));
  const zSize = shapes.reduce((a, [, features]) => a + features, 0);
  const perStep = network.outputShapes.map((shape) => (shape.length >= 2 && shapes.some(([steps]) => steps === shape[0] && steps > 1) ? shape[0] : undefined));
  const unitSizes = network.outputShapes.map((shape, k) => sizeOf(perStep[k] === undefined ? shape : shape.slice(1)));
  const head = tanhHead(zSize, unitSizes, seed, 1);
  const weights = [...head.weights, ...tables.filter((t): t is tf.Tensor => t !== undefined)];
  return {
    weights,
    targets: (xs) => tf.tidy(() => {
      const rows = xs[0].shape[0];
      const summaries = xs.map((x, k) => {
        const [steps, features] = shapes[k];
        const table = tables[k];
        const values = table ? tf.gather(table, tf.reshape(x, [-1])) : x;
        return runningSummary(tf.reshape(values, [rows, steps, features]) as tf.Tensor3D);
      });
      /** z at step t of a sequence of `length` steps (or the whole sequence when undefined). */
      const zAt = (length?: number) => tf.concat(summaries.map((s, k) => {
        const [steps, features] = shapes[k];
        if (length !== undefined && steps === length) return s;
        const whole = tf.slice(s, [0, steps - 1, 0], [rows, 1, features]);
        return length === undefined ? tf.reshape(whole, [rows, features]) : tf.tile(whole, [1, length, 1]);
      }), -1);
      return network.outputShapes.map((shape, k) => {
        const scores = head.scores(tf.reshape(zAt(perStep[k]), [-1, zSize]));
        return tf.reshape(scores[k], [rows, ...shape]);
      });
    }),
  };
}
