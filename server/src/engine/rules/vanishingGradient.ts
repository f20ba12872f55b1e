/**
 * vanishing-gradient: the first kernel layer's predicted ‖∇W‖ is a tiny fraction of the last
 * one's (AUTOTRAINER: ratio <= 1e-3), or tiny in absolute terms (<= 1e-4) under the standard probe.
 */
import { ruleDocUrl, type Fix, type RelatedInfo, type TextEdit } from '../findings';
import type { LayerIR } from '../ir';
import type { KernelPath } from '../flow/paths';
import type { FlowPrediction } from '../flow/prediction';
import { activationSwapEdits, type ActivationSite } from '../fixes/activationSwap';
import { uniqueEdits } from '../fixes/edits';
import { matchedInitializerEdits } from '../fixes/initializer';
import { insertLayerAfterEdits } from '../fixes/insertLayer';
import { effectiveActivation, isRecurrentKind } from '../tfjs/layers';
import { appliedActivation } from './appliedActivation';
import { approx, approxPow10, listNames, NO_AUTOMATIC_FIX } from './format';
import { ADAM_DEFAULT_EPSILON, adamStep } from './adamEpsilon';
import { hasNormalization } from './structure';
import { distinctBySpan, flowAt, hiddenKernelLayers, initializerFanIn, initializerLabel, isSaturating, kernelLayers, pathLabel, propertyValueSpan, trainingRelated, weightScaleRatio } from './modelFacts';
import { crossentropyScale, lossScaleUnknown } from './crossentropyScale';
import { placeOnly, type ModelContext, type Rule, type RuleFinding } from './rule';
import { lossLabel } from '../tfjs/losses';

/** Per-weight gradients at least 10 ε: adam steps at ≥ 90% of the learning rate and the ratio barely matters (a hint). */
const ADAM_RESCUES = 10 / 11;
/** Below 1% of the learning rate the layers do not learn in any realistic budget. */
const ADAM_SLOW = 0.01;

const PROBE_SCALE = 'under the standard probe';

/** Below half the critical weight scale a layer shrinks the signal noticeably at every step. */
const SMALL_SCALE_RATIO = 0.5;

export const messages = {
  ratio: (first: string, last: string, log10Ratio: number, threshold: number, path = '') =>
    `Vanishing gradients${path}: ‖∇W‖ at ${first} is ~${approxPow10(log10Ratio)} of the last layer's (${last}; threshold ${approx(threshold)})`,
  absolute: (first: string, log10Norm: number, threshold: number, path = '', scale = PROBE_SCALE) =>
    `Vanishing gradients${path}: ‖∇W‖ at ${first} is ~${approxPow10(log10Norm)} ${scale} (threshold ${approx(threshold)})`,
  saturating: (names: string[], activations: string[]) =>
    `the ${activations.join('/')} derivatives of ${listNames(names)} shrink the backward signal at every layer`,
  depth: (kernels: number) => `no saturating activation or small initializer is to blame: the gradient shrinks over the product of ${kernels} layer Jacobians (depth)`,
  adam: (optimizer: string, layer: string, perWeight: number, fraction: number) =>
    `With ${optimizer}, each weight steps by lr·g/(|g| + ε): ${layer}'s per-weight gradient ~${approx(perWeight)} against ε = ${ADAM_DEFAULT_EPSILON} gives steps of ~${approx(fraction * 100)}% of the learning rate` +
    (fraction >= ADAM_RESCUES
      ? `, so ${optimizer} compensates (expect slower early layers, not stalled ones).`
      : fraction >= 0.5
        ? ` (${optimizer} partly compensates: the early layers learn at roughly half speed or better).`
        : fraction >= ADAM_SLOW
          ? ' (slow learning).'
          : ' (those layers effectively do not learn).'),
  deepAfterFix: (kernels: number, offered: boolean) =>
    `At ${kernels} weight layers without normalization, relu + heUniform is necessary but not always sufficient (measured: a 25-layer plain relu net with He init learned in 2 of 3 seeds and went NaN in the third); ${offered ? 'the fix with layerNormalization is offered too' : 'add normalization as well'}.`,
  noAutomaticFix: () => `${NO_AUTOMATIC_FIX}: no layer on this path has an activation or initializer a fix can change (see ${ruleDocUrl('vanishing-gradient')}).`,
  smallScale: (names: string[], initializer: string, ratios: number[]) =>
    `${listNames(names)} ${names.length === 1 ? 'is' : 'are'} initialized (${initializer}) ${new Set(ratios.map(approx)).size > 1 ? 'down to' : 'at'} ~${approx(Math.min(...ratios))}× the critical weight variance of ${names.length === 1 ? 'its' : 'their'} activation`,
};

interface VanishingVerdict {
  path: KernelPath;
  ratioFires: boolean;
  absoluteFires: boolean;
}

/**
 * The path whose gradient vanishes worst: the lowest first/last ratio at or below the threshold,
 * else the smallest first-layer norm. The absolute norm rests on every layer between the first
 * kernel and the loss, so a path cut by an opaque layer gives no absolute verdict. `normAt` gives a
 * kernel's log10 ‖∇W‖ under the model's own loss where that is known (crossentropyScale.ts).
 */
function vanishingPath(flow: FlowPrediction, ratioThreshold: number, absoluteThreshold: number, normAt: (index: number) => number | undefined): VanishingVerdict | undefined {
  let worst: VanishingVerdict | undefined;
  let worstValue = Infinity;
  for (const path of flow.paths) {
    const ratioFires = path.firstKernel !== path.lastKernel && path.log10Ratio <= Math.log10(ratioThreshold);
    const firstNorm = normAt(path.firstKernel);
    const absoluteFires = !path.cut && firstNorm !== undefined && firstNorm <= Math.log10(absoluteThreshold);
    if (!ratioFires && !absoluteFires) continue;
    // A ratio verdict ranks before an absolute one; then the smaller value is worse.
    const value = ratioFires ? path.log10Ratio : (firstNorm as number);
    if (!worst || (ratioFires !== worst.ratioFires ? ratioFires : value < worstValue)) {
      worst = { path, ratioFires, absoluteFires };
      worstValue = value;
    }
  }
  return worst;
}

/**
 * Hidden layers of the path doing the damage: saturating activations (where they are written: on
 * the kernel layer or on an activation layer after it), or weights well below critical scale.
 */
function damagingLayers(context: ModelContext, path: KernelPath): { saturating: ActivationSite[]; smallScale: LayerIR[] } {
  const { model } = context;
  // Recurrent layers (long-simple-rnn's business) and embeddings (a lookup, not a product) excluded.
  const onPath = new Set(path.kernels);
  const hidden = hiddenKernelLayers(model).filter(
    (layer) => onPath.has(layer.index) && !isRecurrentKind(layer.kind) && layer.kind !== 'embedding' && (layer.placement.kind !== 'core' || layer.kernelInitializer),
  );
  const saturating: ActivationSite[] = [];
  const smallScale: LayerIR[] = [];
  for (const layer of hidden) {
    const applied = appliedActivation(model, layer);
    // An activation layer that is the model's output is the output activation, not a hidden one.
    if (model.outputs.includes(applied.writtenOn.index)) continue;
    if (isSaturating(applied.name)) saturating.push({ kernel: layer, writtenOn: applied.writtenOn });
    else {
      const ratio = weightScaleRatio(model, layer, context.flow);
      if (ratio !== undefined && ratio <= SMALL_SCALE_RATIO) smallScale.push(layer);
    }
  }
  return { saturating, smallScale };
}

function fixes(context: ModelContext, saturating: ActivationSite[], smallScale: LayerIR[]): Fix[] {
  const { text, file, flow } = context;
  const fixList: Fix[] = [];
  const initializerEdits = (layers: LayerIR[]): TextEdit[] | undefined => {
    const edits: TextEdit[] = [];
    for (const layer of layers) {
      const layerEdits = matchedInitializerEdits(text, file, layer, initializerFanIn(context.model, flow, layer), appliedActivation(context.model, layer, true));
      if (!layerEdits) return undefined;
      edits.push(...layerEdits);
    }
    return edits;
  };
  const reluEdits = saturating.length ? activationSwapEdits(text, file, saturating, 'relu', 'heUniform') : [];
  const smallEdits = initializerEdits(smallScale);
  if (reluEdits && smallEdits && reluEdits.length + smallEdits.length > 0) {
    const title = saturating.length ? 'Use relu + heUniform in the hidden layers' : 'Use the initializer matched to the activation';
    fixList.push({ title, preferred: true, edits: uniqueEdits([...reluEdits, ...smallEdits]) });
  }
  if (saturating.length) {
    const seluEdits = activationSwapEdits(text, file, saturating, 'selu', 'leCunNormal');
    if (seluEdits) fixList.push({ title: 'Use selu + leCunNormal in the hidden layers', preferred: false, edits: seluEdits });
  }
  const normalized = distinctBySpan([...saturating.map((site) => site.writtenOn), ...smallScale]);
  const normalizationEdits: TextEdit[] = [];
  for (const layer of normalized) {
    const edits = insertLayerAfterEdits(text, file, layer, 'batchNormalization');
    if (!edits) return fixList;
    normalizationEdits.push(...edits);
  }
  if (normalizationEdits.length) {
    fixList.push({ title: 'Insert batchNormalization after the affected layers', preferred: false, edits: uniqueEdits(normalizationEdits) });
  }
  return fixList;
}

/** relu + heUniform and a layerNormalization after each changed layer, for stacks too deep for init alone. */
function reluWithNormalizationFix(context: ModelContext, saturating: ActivationSite[]): Fix | undefined {
  const { text, file } = context;
  const swap = activationSwapEdits(text, file, saturating, 'relu', 'heUniform');
  if (!swap) return undefined;
  const inserts: TextEdit[] = [];
  for (const layer of distinctBySpan(saturating.map((site) => site.writtenOn))) {
    const edits = insertLayerAfterEdits(text, file, layer, 'layerNormalization');
    if (!edits) return undefined;
    inserts.push(...edits);
  }
  return { title: 'Use relu + heUniform with layerNormalization after each changed layer', preferred: false, edits: uniqueEdits([...swap, ...inserts]) };
}

export const vanishingGradient: Rule = {
  meta: {
    id: 'vanishing-gradient',
    description: 'The predicted gradient of the first layers is a vanishing fraction of the last layer\'s, or vanishing in absolute terms.',
    defaultSeverity: 'warning',
    type: 'problem',
  },
  check(context) {
    const { model, flow, settings } = context;
    const { vanishingRatio, vanishingAbsolute } = settings.thresholds;
    // The absolute threshold is about training gradients: read under the model's own loss where the probe's differs by a known factor.
    const ownLoss = crossentropyScale(model, flow);
    const log10Scale = ownLoss?.log10Offset ?? 0;
    const normAt = (index: number): number | undefined => {
      const norm = flowAt(flow, index)?.log10GradNorm;
      return norm === undefined ? undefined : norm + log10Scale;
    };
    const verdict = vanishingPath(flow, vanishingRatio, vanishingAbsolute, lossScaleUnknown(model) ? () => undefined : normAt);
    if (!verdict) return [];
    const { path, ratioFires, absoluteFires } = verdict;
    const first = model.layers[path.firstKernel];
    const last = model.layers[path.lastKernel];
    const firstNorm = normAt(first.index);
    const label = pathLabel(model, flow, path);

    const { saturating, smallScale } = damagingLayers(context, path);
    const saturatingLayers = saturating.map((site) => site.writtenOn);
    const culprit = saturatingLayers[0] ?? smallScale[0];
    const span = culprit
      ? saturating.length ? propertyValueSpan(culprit, 'activation') : propertyValueSpan(culprit, 'kernelInitializer')
      : first.span;
    const adam = adamStep(model, flowAt(flow, first.index));
    const soft = adam !== undefined && adam.stepFraction >= ADAM_RESCUES;
    // Softness is part of where a rule fires: a warning under some sizes and a hint under others is not robust.
    if (context.placesOnly) return [placeOnly('vanishing-gradient', span, soft)];
    const scale = !ownLoss ? PROBE_SCALE
      : ownLoss.loss ? `with its ${lossLabel(ownLoss.loss)} loss`
      : ownLoss.onLogits ? 'even with crossentropy on its logits, the loss most favourable to it (no loss seen)'
      : 'with crossentropy on its softmax output (no loss seen)';
    const parts: string[] = [];
    if (ratioFires) parts.push(messages.ratio(first.name, last.name, path.log10Ratio, vanishingRatio, label));
    else parts.push(messages.absolute(first.name, firstNorm!, vanishingAbsolute, label, scale));
    if (ratioFires && absoluteFires) parts.push(`and ~${approxPow10(firstNorm!)} in absolute terms${ownLoss ? ` ${scale}` : ''} (threshold ${approx(vanishingAbsolute)})`);
    const causes: string[] = [];
    if (saturating.length) {
      const activations = [...new Set(saturatingLayers.map(effectiveActivation))];
      causes.push(messages.saturating(saturatingLayers.map((layer) => layer.name), activations));
    }
    if (smallScale.length) {
      const ratios = smallScale.map((layer) => weightScaleRatio(model, layer, flow) ?? 1);
      const initializers = [...new Set(smallScale.map(initializerLabel))].join('/');
      causes.push(messages.smallScale(smallScale.map((layer) => layer.name), initializers, ratios));
    }
    if (!causes.length) causes.push(messages.depth(path.kernels.length));
    let message = `${parts.join(' ')}: ${causes.join('; ')}.`;
    const fixList = fixes(context, saturating, smallScale);
    const deep = !hasNormalization(model) && kernelLayers(model).length >= settings.thresholds.deepWithoutSkipLayers;
    if (deep && saturating.length) {
      const withNormalization = reluWithNormalizationFix(context, saturating);
      if (withNormalization) fixList.push(withNormalization);
      message += ` ${messages.deepAfterFix(kernelLayers(model).length, withNormalization !== undefined)}`;
    }
    if (!fixList.some((fix) => fix.preferred)) message += ` ${messages.noAutomaticFix()}`;
    if (adam) message += ` ${messages.adam(adam.optimizer, first.name, adam.perWeightGradient, adam.stepFraction)}`;

    const related: RelatedInfo[] = [];
    for (const layer of distinctBySpan([...saturatingLayers, ...smallScale]).slice(1)) {
      related.push({ span: layer.span, message: `${layer.name} also shrinks the gradient` });
    }
    const lastNorm = normAt(last.index);
    related.push({ span: last.span, message: `last kernel layer ${last.name}${lastNorm !== undefined ? `: ‖∇W‖ ~${approxPow10(lastNorm)}` : ''}` });
    if (first !== culprit) related.push({ span: first.span, message: `first kernel layer ${first.name}${firstNorm !== undefined ? `: ‖∇W‖ ~${approxPow10(firstNorm)}` : ''}` });
    related.push(...trainingRelated(model));
    const finding: RuleFinding = { rule: 'vanishing-gradient', message, span, related, fixes: fixList, ...(soft ? { soft } : {}) };
    return [finding];
  },
};
