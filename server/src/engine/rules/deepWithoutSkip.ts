/**
 * deep-without-skip (hint): a very deep plain stack. Without residual connections (He et al.
 * 2016) the gradient must pass through every layer's Jacobian; `tf.layers.add` gives it an
 * identity path. No automatic fix: restructuring into residual blocks is a design decision.
 */
import { ruleDocUrl } from '../findings';
import { depthRelated, hasSkipConnection, weightLayers } from './structure';
import type { Rule } from './rule';

export const messages = {
  deep: (model: string, count: number, threshold: number) =>
    `${model} stacks ${count} weight layers (threshold ${threshold}) without a skip connection: every gradient passes through all ${count} layer Jacobians. Residual blocks (functional API, tf.layers.add) give it an identity path; see ${ruleDocUrl('deep-without-skip')}.`,
};

export const deepWithoutSkip: Rule = {
  meta: {
    id: 'deep-without-skip',
    description: 'A very deep stack of weight layers has no residual or skip connection.',
    defaultSeverity: 'hint',
    type: 'hint',
  },
  check({ model, settings }) {
    const threshold = settings.thresholds.deepWithoutSkipLayers;
    if (model.layers.length < threshold) return []; // too few layers of any kind: no list to build
    const layers = weightLayers(model);
    if (layers.length < threshold || hasSkipConnection(model)) return [];
    return [
      {
        rule: 'deep-without-skip',
        message: messages.deep(model.name, layers.length, threshold),
        span: model.nameSpan,
        related: depthRelated(model, layers),
        fixes: [],
      },
    ];
  },
};
