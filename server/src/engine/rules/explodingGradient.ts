/**
 * exploding-gradient: the first layer's predicted ‖∇W‖ is far above the last one's (AUTOTRAINER:
 * ratio >= 70), or pre-activations grow with depth without bound (the norms stay level while
 * both the forward signal and the backward one blow up), or the prediction overflows.
 */
import { ruleDocUrl, type Fix, type RelatedInfo, type TextEdit } from '../findings';
import type { LayerIR } from '../ir';
import { editsConflict, uniqueEdits } from '../fixes/edits';
import { matchedInitializerEdits } from '../fixes/initializer';
import { wrapOptimizerWithClippingEdits } from '../fixes/clipping';
import { learningRateFixEdits } from '../fixes/learningRate';
import { effectiveActivation } from '../tfjs/layers';
import { appliedActivation } from './appliedActivation';
import { approx, approxPow10, listNames, NO_AUTOMATIC_FIX } from './format';
import type { ExplosionEvidence } from './evidence';
import { explosionOf, healthyClipNorm, type ExplosionCause } from './explosionCause';
import { distinctBySpan, flowAt, initializerFanIn, initializerLabel, pathLabel, propertyValueSpan, trainingRelated } from './modelFacts';
import { placeOnly, type ModelContext, type Rule } from './rule';

export const messages = {
  ratio: (first: string, last: string, log10Ratio: number, threshold: number, path = '') =>
    `Exploding gradients${path}: ‖∇W‖ at ${first} is ~${approxPow10(log10Ratio)}× the last layer's (${last}; threshold ${approx(threshold)})`,
  growth: (from: string, to: string, fromStd: number, toStd: number, factor: number, threshold: number, path = '') =>
    `Exploding activations and gradients${path}: pre-activation sd grows from ~${approx(fromStd)} at ${from} to ~${approx(toStd)} at ${to} (×${approx(factor)}; threshold ${approx(threshold)})`,
  overflow: (layer: string) => `Exploding gradients: the predicted gradient overflows at ${layer}`,
  cause: (names: string[], initializer: string, ratio: number) =>
    `${listNames(names)} ${names.length === 1 ? 'is' : 'are'} initialized (${initializer}) at ~${approx(ratio)}× the critical weight variance of ${names.length === 1 ? 'its' : 'their'} activation`,
  normalizationCause: (count: number) =>
    `the cause is normalization: the batch statistics of the ${count} batchNormalization layer${count === 1 ? '' : 's'} between them add their own gradient at every layer, so a plain normalized stack explodes toward the input at initialization (Yang et al. 2019)`,
  depthCause: (kernels: number) => `no layer is initialized too large: the growth comes from the product of ${kernels} layer Jacobians (depth)`,
  noAutomaticFix: (normalization: boolean) =>
    `${NO_AUTOMATIC_FIX}: ${normalization ? 'matched initializers are already in place, and ' : ''}clipping and a lower learning rate only bound the steps (offered as mitigations); the structural fix is residual blocks (see ${DOC_ANCHOR}).`,
};

const DOC_ANCHOR = `${ruleDocUrl('exploding-gradient')}#deep-normalized-stacks`;

function causeText(cause: ExplosionCause, oversized: LayerIR[], ratio: number): string {
  if (cause.kind === 'initScale') return messages.cause(oversized.map((layer) => layer.name), [...new Set(oversized.map(initializerLabel))].join('/'), ratio);
  if (cause.kind === 'normalization') return messages.normalizationCause(cause.layers.length);
  return messages.depthCause(cause.kernels);
}

function headline(evidence: ExplosionEvidence, first: LayerIR, last: LayerIR, threshold: number, path: string): string {
  if (evidence.overflow) return messages.overflow(evidence.overflow.name);
  if (evidence.log10Ratio !== undefined) return messages.ratio(first.name, last.name, evidence.log10Ratio, threshold, path);
  const growth = evidence.growth!;
  return messages.growth(growth.from.name, growth.to.name, growth.fromStd, growth.toStd, growth.factor, threshold, path);
}

function fixes(context: ModelContext, oversized: LayerIR[]): Fix[] {
  const { text, file, flow, model } = context;
  const fixList: Fix[] = [];
  const initEdits: TextEdit[] = [];
  for (const layer of oversized) {
    const edits = matchedInitializerEdits(text, file, layer, initializerFanIn(model, flow, layer), appliedActivation(model, layer, true));
    if (!edits) {
      initEdits.length = 0;
      break;
    }
    // An initializer written once for layers of different activations (a defaults object spread
    // into every layer) takes the first layer's match: one site cannot hold two initializers.
    initEdits.push(...edits.filter((edit) => !initEdits.some((kept) => editsConflict(kept, edit))));
  }
  if (initEdits.length) fixList.push({ title: 'Use the initializer matched to each activation', preferred: true, edits: uniqueEdits(initEdits) });
  const optimizer = model.training?.optimizer;
  if (optimizer && !model.training?.clipping.length) {
    const clipNorm = healthyClipNorm(model, flow);
    const clipEdits = clipNorm !== undefined ? wrapOptimizerWithClippingEdits(text, file, optimizer, clipNorm) : undefined;
    if (clipEdits) fixList.push({ title: `Clip gradients by global norm ${clipNorm}, twice the predicted gradient norm (withGradientClipping)`, preferred: false, edits: clipEdits });
  }
  if (optimizer) {
    const lrEdits = learningRateFixEdits(text, file, optimizer);
    if (lrEdits) fixList.push({ title: lrEdits.title, preferred: false, edits: lrEdits.edits });
  }
  return fixList;
}

export const explodingGradient: Rule = {
  meta: {
    id: 'exploding-gradient',
    description: 'The predicted gradient grows toward the input, or activations and gradients grow without bound with depth.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check(context) {
    const { model, flow, settings } = context;
    const explosion = explosionOf(model, flow, settings);
    if (!explosion) return [];
    // An overflow alone has no path: the model's kernel layers frame it.
    const { evidence, kernels, cause } = explosion;
    const first = kernels[0];
    const last = kernels[kernels.length - 1];
    if (!first || !last) return [];
    const { layers: oversized, ratio } = explosion.oversized;
    const culprit = oversized[0];
    const span = culprit ? propertyValueSpan(culprit, 'kernelInitializer') : (evidence.overflow ?? first).span;
    if (context.placesOnly) return [placeOnly('exploding-gradient', span)];
    const label = evidence.path ? pathLabel(model, flow, evidence.path) : '';
    let message = `${headline(evidence, first, last, settings.thresholds.explodingRatio, label)}: ${causeText(cause, oversized, ratio)}.`;
    const fixList = fixes(context, oversized);
    if (!fixList.some((fix) => fix.preferred)) message += ` ${messages.noAutomaticFix(cause.kind === 'normalization')}`;
    const related: RelatedInfo[] = distinctBySpan(oversized)
      .slice(1)
      .map((layer) => ({ span: propertyValueSpan(layer, 'kernelInitializer'), message: `${layer.name} (${effectiveActivation(layer)}) is initialized too large as well` }));
    const firstNorm = flowAt(flow, first.index)?.log10GradNorm;
    const lastNorm = flowAt(flow, last.index)?.log10GradNorm;
    if (culprit !== first) related.push({ span: first.span, message: `first kernel layer ${first.name}${firstNorm !== undefined ? `: ‖∇W‖ ~${approxPow10(firstNorm)}` : ''}` });
    related.push({ span: last.span, message: `last kernel layer ${last.name}${lastNorm !== undefined ? `: ‖∇W‖ ~${approxPow10(lastNorm)}` : ''}` });
    related.push(...trainingRelated(model));
    if (cause.kind === 'normalization') related.push({ span: cause.layers[0].span, message: `${cause.layers.length} batchNormalization layers on this path` });
    return [{ rule: 'exploding-gradient', message, span, related, fixes: fixList }];
  },
};
