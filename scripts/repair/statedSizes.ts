/**
 * Sizes the code does not state (a width read from a config object, an input shape given at fit
 * time), filled with the nominal value of the engine's plausible range (flow/unknowns.ts) so the
 * model can be trained rather than skipped. Each filled value is returned in words, for the table.
 * The original and the fixed model get the same values: the fixes never change a size.
 */
import type { LayerIR, ModelIR } from '../../server/src/engine/ir';
import { isKnownSize, PLAUSIBLE } from '../../server/src/engine/flow/unknowns';
import { hasKernel, isConvKind, isRecurrentKind } from '../../server/src/engine/tfjs/layers';
import { nominalInputDimension } from '../../server/src/engine/empirical/network';

/** The size props a stated value replaces (the layer's `unresolved` entries for them go too). */
const SIZE_PROPS = ['units', 'filters', 'outputDim', 'inputDim', 'inputLength', 'kernelSize', 'inputShape', 'batchInputShape', 'rate'];

export interface StatedModel {
  model: ModelIR;
  /** "units of dense_2 = 128", one per filled value. */
  stated: string[];
}

function needsUnits(layer: LayerIR): boolean {
  return (hasKernel(layer.kind) && layer.kind !== 'depthwiseConv2d') || isRecurrentKind(layer.kind);
}

/** The layer that reads a root's input: the root itself, or an input layer's first consumer. */
function readerOf(model: ModelIR, layer: LayerIR): LayerIR | undefined {
  return layer.kind === 'input' ? model.layers.find((l) => l.inputs.includes(layer.index)) : layer;
}

/**
 * Input shape of a root layer. Unwritten: a sequence of time steps for recurrent layers and
 * embeddings, a feature vector for dense ones. Written with null sizes (read from a tensor at run
 * time): each takes the value the empirical engine builds (nominalInputDimension), said in the
 * words of the layer that reads it. A dense layer's null features stay for the engine to build square.
 */
function statedInputShape(model: ModelIR, layer: LayerIR, written: (number | null)[] | undefined, say: (what: string, value: number) => number): (number | null)[] | undefined {
  const reader = readerOf(model, layer);
  if (!written) {
    if (layer.kind === 'embedding') return [say(`time steps of ${layer.name}`, PLAUSIBLE.timeSteps.nominal)];
    if (reader && isRecurrentKind(reader.kind)) return [say(`time steps of ${layer.name}`, PLAUSIBLE.timeSteps.nominal), say(`input size of ${layer.name}`, PLAUSIBLE.inputFeatures.nominal)];
    if (layer.kind === 'dense') return [say(`input size of ${layer.name}`, PLAUSIBLE.inputFeatures.nominal)];
    return undefined;
  }
  const conv = reader !== undefined && isConvKind(reader.kind);
  const last = written.length - 1;
  return written.map((dim, axis) => {
    if (dim !== null || (axis === last && layer.kind === 'dense')) return dim;
    const { size } = nominalInputDimension(axis, written.length);
    if (conv) return say(axis === last ? `channels of the input of ${reader.name}` : `side ${axis + 1} of the input of ${reader.name}`, size);
    return say(axis === last ? `input size of ${layer.name}` : `time steps of ${layer.name}`, size);
  });
}

export function withStatedSizes(model: ModelIR): StatedModel {
  const stated: string[] = [];
  const firstRoot = model.layers.findIndex((l) => l.inputs.length === 0);
  const layers = model.layers.map((layer) => {
    const say = (what: string, value: number) => {
      stated.push(`${what} = ${value}`);
      return value;
    };
    const copy: LayerIR = { ...layer, unresolved: layer.unresolved.filter((p) => !SIZE_PROPS.includes(p)) };
    if (needsUnits(layer) || layer.kind === 'embedding') {
      if (!isKnownSize(layer.units)) copy.units = say(`${layer.kind === 'embedding' ? 'outputDim' : isConvKind(layer.kind) ? 'filters' : 'units'} of ${layer.name}`, PLAUSIBLE.units.nominal);
    }
    if (layer.kind === 'embedding' && !isKnownSize(layer.inputDim)) copy.inputDim = say(`vocabulary (inputDim) of ${layer.name}`, PLAUSIBLE.vocabulary.nominal);
    if (isConvKind(layer.kind) && (!layer.kernelSize || layer.kernelSize.length === 0)) copy.kernelSize = [say(`kernel size of ${layer.name}`, PLAUSIBLE.kernelSize.nominal)];
    if (layer.kind === 'dropout' && layer.rate === undefined) copy.rate = say(`dropout rate of ${layer.name}`, PLAUSIBLE.dropoutRate.nominal);
    if (layer.inputs.length === 0) {
      const written = layer.inputShape ?? (layer.index === firstRoot ? model.inputShape : undefined);
      const shape = statedInputShape(model, layer, written, say);
      if (shape) copy.inputShape = shape;
    }
    return copy;
  });
  return { model: { ...model, layers }, stated };
}
