/**
 * high-learning-rate: the optimizer's learning rate is above its threshold (UMLAUT flags > 0.01
 * for adaptive optimizers; sgd/momentum/adagrad get 0.1). It needs no model: optimizers no model
 * of the file owns are checked too, as hints.
 * sgd and momentum step by lr × gradient: their rate fails against the model's curvature, at twice
 * the stable rate 2/λ (sharpnessBound.ts); none below it, a hint between, or without a bound.
 * Adaptive optimizers (adam, adamax, rmsprop, adagrad) step ~lr per weight whatever the gradient:
 * measured with real tfjs (scripts/repair/adaptiveRateEvidence.ts), their high rates fail only
 * where lr × fan-in is large, so below that (or with no model to read the fan-in from) the
 * finding is a hint and lowering the rate is not the preferred fix.
 */
import { learningRateFixEdits } from '../fixes/learningRate';
import type { RelatedInfo } from '../findings';
import type { FileIR, Span, TrainingIR } from '../ir';
import type { Settings } from '../settings';
import { CONVENTIONAL_LEARNING_RATE } from '../tfjs/optimizers';
import { FAILING_MULTIPLE, isAdaptive, isCurvatureJudged, learningRateExcess, optimizerRateExcess, type AdaptiveStep, type LearningRateExcess, type StableStep } from './evidence';
import { approx, approxRate, NO_AUTOMATIC_FIX, rateText } from './format';
import { setupRelated } from './modelFacts';
import { placeOnly, type Rule, type RuleFinding } from './rule';

export const messages = {
  high: (optimizer: string, rate: number, threshold: number, conventional: number) =>
    `Learning rate ${rateText(rate)} of ${optimizer} is above ${threshold} (gradientDoctor.thresholds.learningRate.${optimizer}): steps this large make training diverge (NaN loss); the conventional ${optimizer} rate is ${conventional}.`,
  adaptiveFails: (optimizer: string, rate: number, threshold: number, conventional: number, step: AdaptiveStep) =>
    `Learning rate ${rateText(rate)} of ${optimizer} is above ${threshold} (gradientDoctor.thresholds.learningRate.${optimizer}): ${optimizer} moves every weight by ~${rateText(rate)} per step whatever the gradient, so a unit of ${step.layer.name} (fan-in ${step.fanIn}) can shift by ~${approx(step.shift)} per step, at or above ${step.limit} (gradientDoctor.thresholds.adaptiveRateShift.${optimizer}), where ${optimizer} was measured to stall (the loss stays far above the conventional rate's); the conventional ${optimizer} rate is ${conventional}.`,
  adaptiveMild: (optimizer: string, rate: number, threshold: number, conventional: number, step: AdaptiveStep) =>
    `Learning rate ${rateText(rate)} of ${optimizer} is above ${threshold} (gradientDoctor.thresholds.learningRate.${optimizer}), but ${optimizer} moves every weight by ~${rateText(rate)} per step whatever the gradient, and the largest fan-in here (${step.layer.name}, ${step.fanIn}) lets a unit shift by ~${approx(step.shift)} per step, below the ${step.limit} where ${optimizer} was measured to stall (gradientDoctor.thresholds.adaptiveRateShift.${optimizer}): it should train, if less smoothly than at the conventional rate ${conventional}.`,
  beyondStable: (optimizer: string, rate: number, conventional: number, step: StableStep) =>
    `Learning rate ${rateText(rate)} of ${optimizer} is ${approx(step.multiple)}× the largest stable rate of this model, ${approxRate(step.limit)}: ${stableBasis(step)}; at ${FAILING_MULTIPLE}× the limit or more, steps overshoot the sharpest direction further every time and training diverges or stalls. The conventional ${optimizer} rate is ${conventional}.`,
  nearStable: (optimizer: string, rate: number, step: StableStep) =>
    `Learning rate ${rateText(rate)} of ${optimizer} is above the largest stable rate of this model, ${approxRate(step.limit)} (${approx(step.multiple)}×): ${stableBasis(step)}; the first steps overshoot and the loss may spike before the network settles in a flatter region, below ${approxRate(step.limit)} it trains smoothly.`,
  curvatureUnknown: (optimizer: string, rate: number, threshold: number, conventional: number) =>
    `Learning rate ${rateText(rate)} of ${optimizer} is above ${threshold} (gradientDoctor.thresholds.learningRate.${optimizer}): whether steps this large diverge depends on the loss's curvature, which the engine bounds only for a model with one dense output and a loss it reads, not here; the conventional ${optimizer} rate is ${conventional}.`,
  adaptiveUnknown: (optimizer: string, rate: number, threshold: number, conventional: number, limit: number) =>
    `Learning rate ${rateText(rate)} of ${optimizer} is above ${threshold} (gradientDoctor.thresholds.learningRate.${optimizer}): ${optimizer} moves every weight by ~${rateText(rate)} per step whatever the gradient, which stalls training where that times a layer's fan-in reaches ${limit} (gradientDoctor.thresholds.adaptiveRateShift.${optimizer}); the model it trains is not known here. The conventional ${optimizer} rate is ${conventional}.`,
  reassigned: ` ${NO_AUTOMATIC_FIX} by editing this rate: the code also assigns the optimizer's learningRate while training (a schedule), so lower the rates the schedule assigns too (its peak).`,
  assignedAtStart: ` ${NO_AUTOMATIC_FIX} by editing the rate the optimizer is created with: the code assigns learningRate before the first training step (in a fit's callback or at the top of the training loop), so that rate never trains; lower the rates the schedule assigns (its peak).`,
  scheduled: (rate: number, createdWith: number | undefined) =>
    ` ${rateText(rate)} is the highest rate the code assigns to the optimizer's learningRate while training${createdWith === undefined ? '' : `; it is created with ${rateText(createdWith)}`}.`,
};

/** Where the stable rate comes from, in numbers (sharpnessBound.ts). */
function stableBasis({ sharpness, momentum }: StableStep): string {
  const { layer, inputs, meanActivation, reluLayersCounted, lambda } = sharpness;
  const means = meanActivation > 0 ? `${inputs} inputs of mean activation ~${approx(meanActivation)}` : 'counting its bias alone';
  const before = reluLayersCounted === 0 ? '' : ` and of the ${reluLayersCounted === 1 ? 'relu layer' : `${reluLayersCounted} relu layers`} before it`;
  const rule = momentum === undefined ? '2/λ' : `2(1 + momentum ${momentum})/λ`;
  return `the loss's curvature along the weights of ${layer.name} (${means})${before} is at least λ ~${approx(lambda)} at initialization, and gradient descent is stable below ${rule}`;
}

export const highLearningRate: Rule = {
  meta: {
    id: 'high-learning-rate',
    description: 'The learning rate is above the threshold of its optimizer.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check(context) {
    const { text, file, model, settings } = context;
    // Only sgd, momentum and a rate above its threshold read the flow (curvature, fan-ins): other models are not re-checked across unknown sizes.
    const optimizer = model.training?.optimizer;
    if (!optimizer || (!isCurvatureJudged(optimizer.name) && !optimizerRateExcess(optimizer, settings))) return [];
    const excess = learningRateExcess(model, context.flow, settings);
    if (!excess) return [];
    if (context.placesOnly) return [placeOnly('high-learning-rate', spanOf(excess), !excess.fails)];
    return highRate(text, file, model.training, excess, settings);
  },
  checkTraining({ text, file, training, settings }) {
    return highRate(text, file, training, optimizerRateExcess(training.optimizer, settings), settings);
  },
};

function messageOf(excess: LearningRateExcess, settings: Settings): string {
  const { optimizer, rate, threshold, adaptiveStep, stableStep } = excess;
  const conventional = CONVENTIONAL_LEARNING_RATE[optimizer.name];
  if (stableStep) return excess.fails ? messages.beyondStable(optimizer.name, rate, conventional, stableStep) : messages.nearStable(optimizer.name, rate, stableStep);
  if (adaptiveStep) return (excess.fails ? messages.adaptiveFails : messages.adaptiveMild)(optimizer.name, rate, threshold, conventional, adaptiveStep);
  if (isCurvatureJudged(optimizer.name)) return messages.curvatureUnknown(optimizer.name, rate, threshold, conventional);
  if (!excess.fails && isAdaptive(optimizer.name, settings)) {
    return messages.adaptiveUnknown(optimizer.name, rate, threshold, conventional, settings.thresholds.adaptiveRateShift[optimizer.name]);
  }
  return messages.high(optimizer.name, rate, threshold, conventional);
}

/** The learning rate as written, else the optimizer's call. */
function spanOf({ optimizer }: LearningRateExcess): Span {
  return optimizer.lrSpan ?? optimizer.span;
}

function evidenceRelated({ adaptiveStep, stableStep }: LearningRateExcess): RelatedInfo[] {
  if (adaptiveStep) return [{ span: adaptiveStep.layer.span, message: `largest fan-in: ${adaptiveStep.fanIn}` }];
  if (stableStep) return [{ span: stableStep.sharpness.layer.span, message: `curvature along its weights: λ ≥ ~${approx(stableStep.sharpness.lambda)}` }];
  return [];
}

/**
 * Where the rate's literal is, when the optimizer reads it from elsewhere (a constant, a config
 * field, an entry of a grid of rates): the place the fix edits, which the finding's line does not show.
 */
function writtenRateRelated(excess: LearningRateExcess, edit: Span | undefined): RelatedInfo[] {
  const at = spanOf(excess);
  if (!edit || (edit.start >= at.start && edit.end <= at.end)) return [];
  return [{ span: { start: edit.start, end: edit.end }, message: `the learning rate ${rateText(excess.rate)} is written here` }];
}

/** A rate that a schedule reaches while training (OptimizerIR.scheduledPeak), said and shown where it is assigned. */
function scheduledNote({ optimizer }: LearningRateExcess): string {
  const peak = optimizer.scheduledPeak;
  return peak && optimizer.learningRate !== undefined ? messages.scheduled(optimizer.learningRate, peak.createdUnused ? undefined : peak.createdWith) : '';
}

function scheduledRelated({ optimizer, rate }: LearningRateExcess): RelatedInfo[] {
  return optimizer.scheduledPeak ? [{ span: optimizer.scheduledPeak.span, message: `the learning rate ${rateText(rate)} is assigned here` }] : [];
}

function highRate(text: string, file: FileIR, training: TrainingIR | undefined, excess: LearningRateExcess | undefined, settings: Settings): RuleFinding[] {
  if (!excess) return [];
  const { optimizer } = excess;
  const fix = learningRateFixEdits(text, file, optimizer, excess.stableStep?.limit);
  return [
    {
      rule: 'high-learning-rate',
      message: messageOf(excess, settings) + scheduledNote(excess) + (fix?.reassigned ? messages.reassigned : optimizer.scheduledPeak?.createdUnused ? messages.assignedAtStart : ''),
      span: spanOf(excess),
      related: [...setupRelated(training), ...evidenceRelated(excess), ...scheduledRelated(excess), ...writtenRateRelated(excess, fix?.edits[0])],
      // A schedule that assigns learningRate while training overrides the edited rate after the first step: no preferred fix.
      fixes: fix ? [{ title: fix.title, preferred: excess.fails && !fix.reassigned, edits: fix.edits }] : [],
      ...(excess.fails ? {} : { soft: true }),
    },
  ];
}
