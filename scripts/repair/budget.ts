/**
 * How many steps both runs of a case train: one rule for every case. An adaptive optimizer
 * (adam, rmsprop, ...) moves each weight by about the learning rate η per step, and sgd's
 * gradient flow advances by η per step, so η × steps is the training time the run gets. A fixed
 * 200 steps gives adam at 0.001 a time of 0.2 (a weight moves by at most ~0.2, less than its own
 * initial scale), and a fix that lowers the rate (0.1 -> 0.001) 100x less time than the original.
 * Both runs get steps = ⌈1/η⌉ for the smaller of their two rates, at least MIN_STEPS and at most
 * MAX_STEPS (the cost of a step on the pure-JS CPU backend). The minimum is the step count adam at
 * its default 0.001 gets, so an sgd case (0.01-0.05) trains as long as an adam one: at the issue's
 * 200 steps the relu fixes of sgd nets had barely started (a 12-layer net at sgd 0.01: accuracy
 * 0.52 after 200 steps, 0.79 after 1000; its sigmoid original 0.24 both times).
 */
import type { ModelIR } from '../../server/src/engine/ir';
import { FALLBACK_OPTIMIZER } from '../../server/src/engine/empirical/optimizer';

export const MIN_STEPS = 1000;
export const MAX_STEPS = 2000;

/** The learning rate the training preview uses for `model` (chooseOptimizer's fallback when unread). */
export function learningRateOf(model: ModelIR): number {
  const optimizer = model.training?.optimizer;
  const known = optimizer && optimizer.name !== 'unknown' && optimizer.learningRateSource !== 'object' ? optimizer.learningRate : undefined;
  return known ?? FALLBACK_OPTIMIZER.learningRate;
}

/** Steps for a case whose two runs train at `rates`: η × steps = 1 for the smaller rate, within [MIN_STEPS, MAX_STEPS]. */
export function stepsFor(...rates: number[]): number {
  const positive = rates.filter((rate) => Number.isFinite(rate) && rate > 0);
  if (positive.length === 0) return MIN_STEPS;
  return Math.min(MAX_STEPS, Math.max(MIN_STEPS, Math.ceil(1 / Math.min(...positive))));
}
