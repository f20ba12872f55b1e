/** The layers that have a kernel gradient, in order: the x axis of the gradient and pre-activation charts. */
import type { FlowPrediction, LayerFlow } from '../../server/src/engine/flow/prediction';
import type { ModelIR } from '../../server/src/engine/ir';

export interface KernelLayer {
  /** Position among the kernel layers (the chart's x). */
  ordinal: number;
  name: string;
  flow: LayerFlow;
}

export function kernelLayers(ir: ModelIR, flow: FlowPrediction): KernelLayer[] {
  return flow.layers
    .filter((layer) => layer.hasKernel)
    .map((layer, ordinal) => ({ ordinal, name: ir.layers[layer.layerIndex]?.name ?? `layer ${layer.layerIndex}`, flow: layer }));
}
