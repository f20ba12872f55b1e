/** The model's own optimizer, as tfjs would construct it from the code (DESIGN section 4). */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerIR } from '../ir';
import type { TrainingPreview } from './types';

/** What the preview runs when the code names no optimizer the engine can reproduce. */
export const FALLBACK_OPTIMIZER = { name: 'adam', learningRate: 0.001 } as const;
/** tf.train.momentum requires a momentum: this one when the code's is not a number the IR read. */
export const ASSUMED_MOMENTUM = 0.9;

export interface ChosenOptimizer {
  optimizer: tf.Optimizer;
  description: TrainingPreview['optimizer'];
  assumptions: string[];
}

function construct(name: string, lr: number, momentum = ASSUMED_MOMENTUM): tf.Optimizer {
  switch (name) {
    case 'sgd': return tf.train.sgd(lr);
    case 'momentum': return tf.train.momentum(lr, momentum);
    case 'adam': return tf.train.adam(lr);
    case 'adamax': return tf.train.adamax(lr);
    case 'adagrad': return tf.train.adagrad(lr);
    case 'adadelta': return tf.train.adadelta(lr);
    case 'rmsprop': return tf.train.rmsprop(lr);
    default: throw new Error(`no tfjs optimizer '${name}'`);
  }
}

export function chooseOptimizer(ir: OptimizerIR | undefined): ChosenOptimizer {
  const assumptions: string[] = [];
  if (ir && ir.name !== 'unknown') {
    if (ir.learningRateSource === 'object') {
      // tf.train.x({learningRate}) makes the object itself the learning rate: updates are NaN.
      assumptions.push(`the learning rate is an object, which tfjs uses as NaN: training produces NaN`);
      return { optimizer: construct(ir.name, NaN), description: { name: ir.name, learningRate: NaN, source: 'model' }, assumptions };
    }
    if (ir.learningRate !== undefined) {
      if (ir.name === 'momentum' && ir.momentum === undefined) assumptions.push(`momentum ${ASSUMED_MOMENTUM} assumed`);
      return { optimizer: construct(ir.name, ir.learningRate, ir.momentum), description: { name: ir.name, learningRate: ir.learningRate, source: 'model' }, assumptions };
    }
    assumptions.push(`the learning rate of ${ir.name} is not known statically`);
  } else {
    assumptions.push(ir ? 'the optimizer is not known statically' : 'the code sets no optimizer');
  }
  const { name, learningRate } = FALLBACK_OPTIMIZER;
  assumptions.push(`the preview uses ${name}(${learningRate})`);
  return { optimizer: construct(name, learningRate), description: { name, learningRate, source: 'assumed' }, assumptions };
}
