/**
 * vanishing-gradient: the first kernel layer's predicted ‖∇W‖ is a tiny fraction of the last
 * one's (AUTOTRAINER: ratio <= 1e-3), or tiny in absolute terms (<= 1e-4) under the standard probe.
 */
import type { Finding, Fix, RelatedInfo, TextEdit } from '../findings';
import type { LayerIR } from '../ir';
import type { KernelPath } from '../flow/paths';
import type { FlowPrediction } from '../flow/prediction';
import { activationSwapEdits } from '../fixes/activationSwap';
import { uniqueEdits } from '../fixes/edits';
import { matchedInitializerEdits } from '../fixes/initializer';
import { insertLayerAfterEdits } from '../fixes/insertLayer';
import { effectiveActivation, isRecurrentKind } from '../tfjs/layers';
import { approx, approxPow10, listNames } from './format';
import { distinctBySpan, flowAt, hiddenKernelLayers, initializerLabel, isSaturating, pathLabel, propertyValueSpan, trainingRelated, weightScaleRatio } from './modelFacts';
import type { ModelContext, Rule } from './rule';

/** Below half the critical weight scale a layer shrinks the signal noticeably at every step. */
const SMALL_SCALE_RATIO = 0.5;

export const messages = {
  ratio: (first: string, last: string, log10Ratio: number, threshold: number, path = '') =>
    `Vanishing gradients${path}: ‖∇W‖ at ${first} is ~${approxPow10(log10Ratio)} of the last layer's (${last}; threshold ${approx(threshold)})`,
  absolute: (first: string, log10Norm: number, threshold: number, path = '') =>
    `Vanishing gradients${path}: ‖∇W‖ at ${first} is ~${approxPow10(log10Norm)} under the standard probe (threshold ${approx(threshold)})`,
  saturating: (names: string[], activations: string[]) =>
    `the ${activations.join('/')} derivatives of ${listNames(names)} shrink the backward signal at every layer`,
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
 * kernel and the loss, so a path cut by an opaque layer gives no absolute verdict.
 */
function vanishingPath(flow: FlowPrediction, ratioThreshold: number, absoluteThreshold: number): VanishingVerdict | undefined {
  let worst: VanishingVerdict | undefined;
  let worstValue = Infinity;
  for (const path of flow.paths) {
    const ratioFires = path.firstKernel !== path.lastKernel && path.log10Ratio <= Math.log10(ratioThreshold);
    const firstNorm = flowAt(flow, path.firstKernel)?.log10GradNorm;
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

/** Hidden layers of the path doing the damage: saturating activations, or weights well below critical scale. */
function damagingLayers(context: ModelContext, path: KernelPath): { saturating: LayerIR[]; smallScale: LayerIR[] } {
  // Recurrent layers (long-simple-rnn's business) and embeddings (a lookup, not a product) excluded.
  const onPath = new Set(path.kernels);
  const hidden = hiddenKernelLayers(context.model).filter(
    (layer) => onPath.has(layer.index) && !isRecurrentKind(layer.kind) && layer.kind !== 'embedding' && (layer.placement.kind !== 'core' || layer.kernelInitializer),
  );
  const saturating = hidden.filter((layer) => isSaturating(effectiveActivation(layer)));
  const smallScale = hidden.filter((layer) => {
    if (isSaturating(effectiveActivation(layer))) return false;
    const ratio = weightScaleRatio(layer, context.flow);
    return ratio !== undefined && ratio <= SMALL_SCALE_RATIO;
  });
  return { saturating, smallScale };
}

function fixes(context: ModelContext, saturating: LayerIR[], smallScale: LayerIR[]): Fix[] {
  const { text, file, flow } = context;
  const fixList: Fix[] = [];
  const initializerEdits = (layers: LayerIR[]): TextEdit[] | undefined => {
    const edits: TextEdit[] = [];
    for (const layer of layers) {
      const layerEdits = matchedInitializerEdits(text, file, layer, flowAt(flow, layer.index)?.fanIn);
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
  const normalized = distinctBySpan([...saturating, ...smallScale]);
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
    const verdict = vanishingPath(flow, vanishingRatio, vanishingAbsolute);
    if (!verdict) return [];
    const { path, ratioFires, absoluteFires } = verdict;
    const first = model.layers[path.firstKernel];
    const last = model.layers[path.lastKernel];
    const firstNorm = flowAt(flow, first.index)?.log10GradNorm;
    const label = pathLabel(model, flow, path);

    const { saturating, smallScale } = damagingLayers(context, path);
    const parts: string[] = [];
    if (ratioFires) parts.push(messages.ratio(first.name, last.name, path.log10Ratio, vanishingRatio, label));
    else parts.push(messages.absolute(first.name, firstNorm!, vanishingAbsolute, label));
    if (ratioFires && absoluteFires) parts.push(`and ~${approxPow10(firstNorm!)} in absolute terms (threshold ${approx(vanishingAbsolute)})`);
    const causes: string[] = [];
    if (saturating.length) {
      const activations = [...new Set(saturating.map(effectiveActivation))];
      causes.push(messages.saturating(saturating.map((layer) => layer.name), activations));
    }
    if (smallScale.length) {
      const ratios = smallScale.map((layer) => weightScaleRatio(layer, flow) ?? 1);
      const initializers = [...new Set(smallScale.map(initializerLabel))].join('/');
      causes.push(messages.smallScale(smallScale.map((layer) => layer.name), initializers, ratios));
    }
    const message = `${parts.join(' ')}${causes.length ? `: ${causes.join('; ')}` : ''}.`;

    const culprit = saturating[0] ?? smallScale[0];
    const span = culprit
      ? saturating.length ? propertyValueSpan(culprit, 'activation') : propertyValueSpan(culprit, 'kernelInitializer')
      : first.span;
    const related: RelatedInfo[] = [];
    for (const layer of distinctBySpan([...saturating, ...smallScale]).slice(1)) {
      related.push({ span: layer.span, message: `${layer.name} also shrinks the gradient` });
    }
    const lastNorm = flowAt(flow, last.index)?.log10GradNorm;
    related.push({ span: last.span, message: `last kernel layer ${last.name}${lastNorm !== undefined ? `: ‖∇W‖ ~${approxPow10(lastNorm)}` : ''}` });
    if (first !== culprit) related.push({ span: first.span, message: `first kernel layer ${first.name}${firstNorm !== undefined ? `: ‖∇W‖ ~${approxPow10(firstNorm)}` : ''}` });
    related.push(...trainingRelated(model));
    const finding: Omit<Finding, 'severity'> = { rule: 'vanishing-gradient', message, span, related, fixes: fixes(context, saturating, smallScale) };
    return [finding];
  },
};
