/**
 * high-learning-rate: the optimizer's learning rate is above its threshold (UMLAUT flags > 0.01
 * for adaptive optimizers; sgd/momentum/adagrad get 0.1). Steps that large diverge to NaN. It
 * needs no model: optimizers no model of the file owns are checked too.
 */
import type { Finding } from '../findings';
import { learningRateFixEdits } from '../fixes/learningRate';
import type { FileIR, TrainingIR } from '../ir';
import type { Settings } from '../settings';
import { CONVENTIONAL_LEARNING_RATE } from '../tfjs/optimizers';
import { optimizerRateExcess } from './evidence';
import { setupRelated } from './modelFacts';
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
    return highRate(text, file, model.training, settings);
  },
  checkTraining({ text, file, training, settings }) {
    return highRate(text, file, training, settings);
  },
};

function highRate(text: string, file: FileIR, training: TrainingIR | undefined, settings: Settings): Omit<Finding, 'severity'>[] {
  const excess = optimizerRateExcess(training?.optimizer, settings);
  if (!excess) return [];
  const { optimizer, rate, threshold } = excess;
  const fix = learningRateFixEdits(text, file, optimizer);
  return [
    {
      rule: 'high-learning-rate',
      message: messages.high(optimizer.name, rate, threshold, CONVENTIONAL_LEARNING_RATE[optimizer.name]),
      span: optimizer.lrSpan ?? optimizer.span,
      related: setupRelated(training),
      fixes: fix ? [{ title: fix.title, preferred: true, edits: fix.edits }] : [],
    },
  ];
}
