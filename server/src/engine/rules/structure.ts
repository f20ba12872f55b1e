/** Structural facts the deep-without-* hints share: weight layers, normalization, skip connections. */
import type { LayerIR, ModelIR } from '../ir';
import { hasKernel } from '../tfjs/layers';

export function weightLayers(model: ModelIR): LayerIR[] {
  return model.layers.filter((layer) => hasKernel(layer.kind) && layer.kind !== 'embedding');
}

export function hasNormalization(model: ModelIR): boolean {
  return model.layers.some((layer) => layer.kind === 'batchNormalization' || layer.kind === 'layerNormalization');
}

/** Merge layers are how tfjs models write residual and skip connections. */
export function hasSkipConnection(model: ModelIR): boolean {
  return model.layers.some((layer) => ['add', 'concatenate', 'multiply', 'average'].includes(layer.kind));
}
