/**
 * missing-gradient-clipping: a model at risk of a single huge update (recurrent layers, predicted
 * explosion, or a high learning rate) trains without any gradient clipping. tfjs clips nothing by
 * itself (DESIGN section 4); the fix wraps the optimizer with a global-norm clipping helper.
 * Without a model (an optimizer no model of the file owns) only the high learning rate can be known.
 */
import type { RelatedInfo } from '../findings';
import type { FileIR, OptimizerIR, TrainingIR } from '../ir';
import { wrapOptimizerWithClippingEdits, CLIPPING_HELPER_NAME, DEFAULT_CLIP_NORM } from '../fixes/clipping';
import { isRecurrentLayer } from '../tfjs/layers';
import { approx, approxPow10, approxRate, listNames, NO_AUTOMATIC_FIX, rateText } from './format';
import { learningRateExcess, optimizerRateExcess, type LearningRateExcess } from './evidence';
import { explosionOf, healthyClipNorm } from './explosionCause';
import { distinctBySpan, setupRelated } from './modelFacts';
import { placeOnly, type Rule, type RuleFinding } from './rule';

export const messages = {
  missing: (optimizer: string, reasons: string[]) =>
    `No gradient clipping while training with ${optimizer}, yet ${reasons.join('; ')}: one oversized update can turn the weights into NaN.`,
  recurrent: (names: string[]) => `${listNames(names)} ${names.length === 1 ? 'is' : 'are'} recurrent (gradients through time can explode)`,
  exploding: (detail: string) => `the gradient is predicted to explode (${detail})`,
  highRate: (rate: number, threshold: number) => `the learning rate ${rateText(rate)} is above ${threshold}`,
  beyondStable: (rate: number, limit: number) => `the learning rate ${rateText(rate)} is above this model's largest stable rate ${approxRate(limit)}`,
  insured: (optimizer: string, reasons: string[]) =>
    `No gradient clipping while training with ${optimizer}; ${reasons.join('; ')}, but no explosion is predicted: clipping would be insurance against a rare oversized update, not a fix (its documentation gives the measurements).`,
  onlyMitigates: () =>
    ` ${NO_AUTOMATIC_FIX} here: the explosion is structural (see exploding-gradient), and clipping, offered as a mitigation, only bounds its steps.`,
  cannotWrap: (why: string) =>
    ` ${NO_AUTOMATIC_FIX} here: ${why}; clip where the optimizer is made, by wrapping its applyGradients to rescale the gradients to a global norm (the rule's documentation shows how).`,
};

/** Why the clipping helper cannot wrap this optimizer in this file (wrapOptimizerWithClippingEdits gave no edits). */
function whyNotWrapped(file: FileIR, optimizer: OptimizerIR): string {
  if (optimizer.foreign) return 'the optimizer is made in another file';
  if (!file.tfjs && !file.globalTf) return 'tfjs is not imported at the top of this file (a bundle\'s module, a `tf` parameter or `await import`), where the clipping helper would go';
  return 'the optimizer is neither a tf.train call nor a compile string the helper can wrap';
}

export const missingGradientClipping: Rule = {
  meta: {
    id: 'missing-gradient-clipping',
    description: 'A recurrent, exploding or high-learning-rate model trains without gradient clipping.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check({ text, file, model, flow, settings, placesOnly }) {
    const training = model.training;
    const optimizer = unclippedOptimizer(training);
    if (!training || !optimizer) return [];
    const reasons: string[] = [];
    const related: RelatedInfo[] = [];
    const recurrent = model.layers.filter(isRecurrentLayer);
    if (recurrent.length) {
      reasons.push(messages.recurrent(recurrent.map((layer) => layer.name)));
      for (const layer of distinctBySpan(recurrent)) related.push({ span: layer.span, message: `recurrent layer ${layer.name}` });
    }
    const explosion = explosionOf(model, flow, settings);
    // Clipping only bounds the steps of a structural explosion (normalization, depth): never the preferred fix for it.
    const clippingOnlyMitigates = explosion !== undefined && !recurrent.length && explosion.cause.kind !== 'initScale';
    if (explosion) {
      const { evidence } = explosion;
      const detail = evidence.overflow
        ? `overflow at ${evidence.overflow.name}`
        : evidence.log10Ratio !== undefined
          ? `first/last ‖∇W‖ ~${approxPow10(evidence.log10Ratio)}`
          : `pre-activation sd ×${approx(evidence.growth!.factor)} from ${evidence.growth!.from.name} to ${evidence.growth!.to.name}`;
      reasons.push(messages.exploding(detail));
    }
    const excess = learningRateExcess(model, flow, settings);
    const onlyMildRate = !recurrent.length && !explosion && excess !== undefined && !excess.fails;
    // Recurrence is a risk, not a prediction: a warning needs a predicted explosion or a failing rate beside it.
    const onlyRecurrent = recurrent.length > 0 && !explosion && (excess === undefined || !excess.fails);
    addRateReason(excess, reasons, related);
    // The healthy norm may take a second flow prediction: only for a model that gets the finding.
    if (!reasons.length) return [];
    const soft = onlyMildRate || onlyRecurrent;
    if (placesOnly) return [placeOnly('missing-gradient-clipping', optimizer.span, soft)];
    const clipNorm = healthyClipNorm(model, flow) ?? DEFAULT_CLIP_NORM;
    return unclippedFinding(text, file, training, optimizer, reasons, related, { clipNorm, preferred: !(clippingOnlyMitigates && !excess), soft, insurance: onlyRecurrent });
  },
  checkTraining({ text, file, training, settings }) {
    const optimizer = unclippedOptimizer(training);
    if (!optimizer) return [];
    const reasons: string[] = [];
    const related: RelatedInfo[] = [];
    const excess = optimizerRateExcess(optimizer, settings);
    addRateReason(excess, reasons, related);
    return unclippedFinding(text, file, training, optimizer, reasons, related, { clipNorm: DEFAULT_CLIP_NORM, preferred: true, soft: excess !== undefined && !excess.fails });
  },
};

/** The optimizer of training without clipping evidence; an optimizer we cannot see (a parameter, another module) may well be clipped elsewhere. */
function unclippedOptimizer(training: TrainingIR | undefined): OptimizerIR | undefined {
  const optimizer = training?.optimizer;
  return training && optimizer && optimizer.form !== 'unknown' && training.clipping.length === 0 ? optimizer : undefined;
}

function addRateReason(excess: LearningRateExcess | undefined, reasons: string[], related: RelatedInfo[]): void {
  if (!excess) return;
  reasons.push(excess.stableStep ? messages.beyondStable(excess.rate, excess.stableStep.limit) : messages.highRate(excess.rate, excess.threshold));
  if (excess.optimizer.lrSpan) related.push({ span: excess.optimizer.lrSpan, message: `learning rate ${rateText(excess.rate)}` });
}

/**
 * The finding with its clipping fix at `clipNorm` (the model's own scale; 1 only without a model
 * to predict); not preferred when clipping would only mitigate a structural explosion. Soft (a
 * hint, its fix not preferred) when its only reasons are recurrent layers or an adaptive rate not
 * measured to fail.
 */
function unclippedFinding(
  text: string,
  file: FileIR,
  training: TrainingIR,
  optimizer: OptimizerIR,
  reasons: string[],
  related: RelatedInfo[],
  clipping: { clipNorm: number; preferred: boolean; soft: boolean; insurance?: boolean },
): RuleFinding[] {
  if (!reasons.length) return [];
  related.push(...setupRelated(training));
  const { clipNorm, soft } = clipping;
  const preferred = clipping.preferred && !soft;
  const edits = wrapOptimizerWithClippingEdits(text, file, optimizer, clipNorm);
  return [
    {
      rule: 'missing-gradient-clipping',
      message: clipping.insurance
        ? messages.insured(optimizer.name, reasons)
        : messages.missing(optimizer.name, reasons) + (!clipping.preferred ? messages.onlyMitigates() : edits ? '' : messages.cannotWrap(whyNotWrapped(file, optimizer))),
      span: optimizer.span,
      related,
      fixes: edits
        ? [{ title: `Clip gradients to global norm ${clipNorm} (wrap the optimizer with ${CLIPPING_HELPER_NAME})`, preferred, edits }]
        : [],
      ...(soft ? { soft } : {}),
    },
  ];
}
