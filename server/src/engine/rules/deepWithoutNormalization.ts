/**
 * deep-without-normalization (hint): many weight layers and no normalization layer. Nothing
 * re-centres the activations, so any mismatch of initialization compounds with depth.
 */
import type { Fix, TextEdit } from '../findings';
import type { LayerIR } from '../ir';
import { uniqueEdits } from '../fixes/edits';
import { insertLayerAfterEdits } from '../fixes/insertLayer';
import { distinctBySpan } from './modelFacts';
import { depthRelated, hasNormalization, weightLayers } from './structure';
import type { ModelContext, Rule } from './rule';

export const messages = {
  deep: (model: string, count: number, threshold: number) =>
    `${model} stacks ${count} weight layers (threshold ${threshold}) without any normalization layer: scale errors compound with depth. Consider layerNormalization or batchNormalization between them (note: batchNormalization after every layer of a deep plain stack makes gradients grow toward the input at initialization).`,
};

/** `hidden`: the weight layers that are not outputs, one per source span. */
function insertionFix(context: ModelContext, hidden: readonly LayerIR[], factory: 'layerNormalization' | 'batchNormalization'): Fix | undefined {
  const { text, file } = context;
  const edits: TextEdit[] = [];
  for (const layer of hidden) {
    const layerEdits = insertLayerAfterEdits(text, file, layer, factory);
    if (!layerEdits) return undefined;
    edits.push(...layerEdits);
  }
  return edits.length ? { title: `Insert ${factory} after each hidden weight layer`, preferred: false, edits: uniqueEdits(edits) } : undefined;
}

export const deepWithoutNormalization: Rule = {
  meta: {
    id: 'deep-without-normalization',
    description: 'A deep stack of weight layers has no normalization layer.',
    defaultSeverity: 'hint',
    type: 'hint',
  },
  check(context) {
    const { model, settings } = context;
    const threshold = settings.thresholds.deepWithoutNormalizationLayers;
    if (model.layers.length < threshold) return []; // too few layers of any kind: no list to build
    const layers = weightLayers(model);
    if (layers.length < threshold || hasNormalization(model)) return [];
    const hidden = distinctBySpan(layers.filter((layer) => !model.outputs.includes(layer.index)));
    const fixes = [insertionFix(context, hidden, 'layerNormalization'), insertionFix(context, hidden, 'batchNormalization')].filter((fix): fix is Fix => fix !== undefined);
    return [
      {
        rule: 'deep-without-normalization',
        message: messages.deep(model.name, layers.length, threshold),
        span: model.nameSpan,
        related: depthRelated(model, layers),
        fixes,
      },
    ];
  },
};
