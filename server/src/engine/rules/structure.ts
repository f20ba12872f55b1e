/** Structural facts the deep-without-* hints share: weight layers, normalization, skip connections. */
import type { RelatedInfo } from '../findings';
import type { LayerIR, LayerKind, ModelIR } from '../ir';
import { hasKernel, isNormalization } from '../tfjs/layers';
import { trainingRelated } from './modelFacts';

export function weightLayers(model: ModelIR): LayerIR[] {
  return model.layers.filter((layer) => hasKernel(layer.kind) && layer.kind !== 'embedding');
}

export function hasNormalization(model: ModelIR): boolean {
  return model.layers.some(isNormalization);
}

/** Merge layers are how tfjs models write residual and skip connections. */
const MERGE_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>(['add', 'concatenate', 'multiply', 'average']);

export function hasSkipConnection(model: ModelIR): boolean {
  return model.layers.some((layer) => MERGE_KINDS.has(layer.kind));
}

/** What a deep-without-* hint points at: the ends of the weight stack and where training happens. */
export function depthRelated(model: ModelIR, layers: readonly LayerIR[]): RelatedInfo[] {
  const first = layers[0];
  const last = layers[layers.length - 1];
  return [
    { span: first.span, message: `first weight layer ${first.name}` },
    { span: last.span, message: `last weight layer ${last.name}` },
    ...trainingRelated(model),
  ];
}
