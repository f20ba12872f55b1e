/**
 * missing-gradient-clipping: a model at risk of a single huge update (recurrent layers, predicted
 * explosion, or a high learning rate) trains without any gradient clipping. tfjs clips nothing by
 * itself (DESIGN section 4); the fix wraps the optimizer with a global-norm clipping helper.
 */
import type { RelatedInfo } from '../findings';
import { wrapOptimizerWithClippingEdits, CLIPPING_HELPER_NAME, DEFAULT_CLIP_NORM } from '../fixes/clipping';
import { isRecurrentKind } from '../tfjs/layers';
import { approx, approxPow10, listNames } from './format';
import { explosionEvidence, learningRateExcess } from './evidence';
import { distinctBySpan, trainingRelated } from './modelFacts';
import type { Rule } from './rule';

export const messages = {
  missing: (optimizer: string, reasons: string[]) =>
    `No gradient clipping while training with ${optimizer}, yet ${reasons.join('; ')}: one oversized update can turn the weights into NaN.`,
  recurrent: (names: string[]) => `${listNames(names)} ${names.length === 1 ? 'is' : 'are'} recurrent (gradients through time can explode)`,
  exploding: (detail: string) => `the gradient is predicted to explode (${detail})`,
  highRate: (rate: number, threshold: number) => `the learning rate ${rate} is above ${threshold}`,
};

export const missingGradientClipping: Rule = {
  meta: {
    id: 'missing-gradient-clipping',
    description: 'A recurrent, exploding or high-learning-rate model trains without gradient clipping.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check({ text, file, model, flow, settings }) {
    const training = model.training;
    const optimizer = training?.optimizer;
    // An optimizer we cannot see (a parameter, another module) may well be clipped elsewhere.
    if (!training || !optimizer || optimizer.form === 'unknown' || training.clipping.length > 0) return [];
    const reasons: string[] = [];
    const related: RelatedInfo[] = [];
    const recurrent = model.layers.filter((layer) => isRecurrentKind(layer.kind));
    if (recurrent.length) {
      reasons.push(messages.recurrent(recurrent.map((layer) => layer.name)));
      for (const layer of distinctBySpan(recurrent)) related.push({ span: layer.span, message: `recurrent layer ${layer.name}` });
    }
    const explosion = explosionEvidence(model, flow, settings);
    if (explosion) {
      const detail = explosion.overflow
        ? `overflow at ${explosion.overflow.name}`
        : explosion.log10Ratio !== undefined
          ? `first/last ‖∇W‖ ~${approxPow10(explosion.log10Ratio)}`
          : `pre-activation sd ×${approx(explosion.growth!.factor)} from ${explosion.growth!.from.name} to ${explosion.growth!.to.name}`;
      reasons.push(messages.exploding(detail));
    }
    const excess = learningRateExcess(model, settings);
    if (excess) {
      reasons.push(messages.highRate(excess.rate, excess.threshold));
      if (excess.optimizer.lrSpan) related.push({ span: excess.optimizer.lrSpan, message: `learning rate ${excess.rate}` });
    }
    if (!reasons.length) return [];
    related.push(...trainingRelated(model));
    const edits = wrapOptimizerWithClippingEdits(text, file, optimizer);
    return [
      {
        rule: 'missing-gradient-clipping',
        message: messages.missing(optimizer.name, reasons),
        span: optimizer.span,
        related,
        fixes: edits
          ? [{ title: `Clip gradients to global norm ${DEFAULT_CLIP_NORM} (wrap the optimizer with ${CLIPPING_HELPER_NAME})`, preferred: true, edits }]
          : [],
      },
    ];
  },
};
