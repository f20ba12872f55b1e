/**
 * high-learning-rate: the optimizer's learning rate is above its threshold (UMLAUT flags > 0.01
 * for adaptive optimizers; sgd/momentum/adagrad get 0.1). Steps that large diverge to NaN.
 */
import { learningRateFixEdits } from '../fixes/learningRate';
import { CONVENTIONAL_LEARNING_RATE } from '../tfjs/optimizers';
import { learningRateExcess } from './evidence';
import { trainingRelated } from './modelFacts';
import type { Rule } from './rule';

export const messages = {
  high: (optimizer: string, rate: number, threshold: number, conventional: number) =>
    `Learning rate ${rate} of ${optimizer} is above ${threshold} (gradientDoctor.thresholds.learningRate.${optimizer}): steps this large make training diverge (NaN loss); the conventional ${optimizer} rate is ${conventional}.`,
};

export const highLearningRate: Rule = {
  meta: {
    id: 'high-learning-rate',
    description: 'The learning rate is above the threshold of its optimizer.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check({ text, file, model, settings }) {
    const excess = learningRateExcess(model, settings);
    if (!excess) return [];
    const { optimizer, rate, threshold } = excess;
    const fix = learningRateFixEdits(text, file, optimizer);
    return [
      {
        rule: 'high-learning-rate',
        message: messages.high(optimizer.name, rate, threshold, CONVENTIONAL_LEARNING_RATE[optimizer.name]),
        span: optimizer.lrSpan ?? optimizer.span,
        related: trainingRelated(model),
        fixes: fix ? [{ title: fix.title, preferred: true, edits: fix.edits }] : [],
      },
    ];
  },
};
