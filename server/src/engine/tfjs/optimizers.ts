/** Optimizer facts from tfjs 4.22 (DESIGN section 4). */
import type { OptimizerName } from '../ir';

/** Learning rate of each optimizer when named by a string in `model.compile`. */
export const COMPILE_STRING_LEARNING_RATE: Record<Exclude<OptimizerName, 'unknown'>, number> = {
  sgd: 0.01,
  momentum: 0.01,
  adam: 0.001,
  rmsprop: 0.001,
  adagrad: 0.01,
  adadelta: 1.0,
  adamax: 0.002,
};

/** Default of the positional learning-rate parameter of `tf.train.x(...)`; undefined = required. */
export const FACTORY_DEFAULT_LEARNING_RATE: Record<Exclude<OptimizerName, 'unknown'>, number | undefined> = {
  sgd: undefined,
  momentum: undefined,
  adagrad: undefined,
  rmsprop: undefined,
  adam: 0.001,
  adadelta: 0.001,
  adamax: 0.002,
};

/**
 * Whether the optimizer steps with its rate as a tensor made when it is created or
 * `setLearningRate()` is called (tfjs-core sgd_optimizer.ts; MomentumOptimizer extends it), so
 * assigning `learningRate` changes nothing; adam, adagrad, adadelta, adamax and rmsprop read the
 * field at every step, and have no setLearningRate.
 */
export function keepsRateInTensor(name: OptimizerName): boolean {
  return name === 'sgd' || name === 'momentum';
}

/**
 * The optimizer classes tfjs exports (`new tf.AdamOptimizer(lr, beta1, beta2)`): each constructor
 * takes the learning rate first, as the tf.train factory does, but with no default.
 */
export const OPTIMIZER_CLASSES: Record<string, Exclude<OptimizerName, 'unknown'>> = {
  SGDOptimizer: 'sgd',
  MomentumOptimizer: 'momentum',
  AdamOptimizer: 'adam',
  AdamaxOptimizer: 'adamax',
  AdagradOptimizer: 'adagrad',
  AdadeltaOptimizer: 'adadelta',
  RMSPropOptimizer: 'rmsprop',
};

/** The conventional learning rate a fix proposes: the rate tfjs itself picks for the optimizer's name. */
export const CONVENTIONAL_LEARNING_RATE = COMPILE_STRING_LEARNING_RATE;

export function isOptimizerName(name: string): name is Exclude<OptimizerName, 'unknown'> {
  return Object.prototype.hasOwnProperty.call(COMPILE_STRING_LEARNING_RATE, name);
}
