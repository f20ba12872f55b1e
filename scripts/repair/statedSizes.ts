/**
 * Sizes the code does not state (a width read from a config object, an input shape given at fit
 * time), filled with the nominal value of the engine's plausible range (flow/unknowns.ts) so the
 * model can be trained rather than skipped. Each filled value is returned in words, for the table.
 * The original and the fixed model get the same values: the fixes never change a size.
 */
import type { LayerIR, ModelIR } from '../../server/src/engine/ir';
import { isKnownSize, PLAUSIBLE } from '../../server/src/engine/flow/unknowns';
import { hasKernel, isConvKind, isRecurrentKind } from '../../server/src/engine/tfjs/layers';

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

/** Whether a root layer reads sequences. */
function readsSequences(model: ModelIR, layer: LayerIR): boolean {
  const reader = readerOf(model, layer);
  return reader !== undefined && (isRecurrentKind(reader.kind) || reader.kind === 'embedding');
}

/**
 * An image or sequence read by a convolution with null sizes (\`[height, width, channels]\` read
 * from a tensor at run time): each null side takes the nominal time steps, the channels the
 * nominal input size (what the analytic flow assumed). The empirical engine's 1 for a null
 * dimension leaves no room for a 3-wide valid convolution.
 */
function statedConvInput(layer: LayerIR, written: (number | null)[], say: (what: string, value: number) => number): (number | null)[] {
  const last = written.length - 1;
  return written.map((dim, axis) => {
    if (dim !== null) return dim;
    return axis === last
      ? say(`channels of the input of ${layer.name}`, PLAUSIBLE.inputFeatures.nominal)
      : say(`side ${axis + 1} of the input of ${layer.name}`, PLAUSIBLE.timeSteps.nominal);
  });
}

/** Input shape of a root layer: a sequence of time steps for recurrent layers, a feature vector otherwise. */
function statedInputShape(model: ModelIR, layer: LayerIR, written: (number | null)[] | undefined, say: (what: string, value: number) => number): (number | null)[] | undefined {
  const sequences = readsSequences(model, layer);
  if (!written) {
    if (layer.kind === 'embedding') return [say(`time steps of ${layer.name}`, PLAUSIBLE.timeSteps.nominal)];
    if (sequences) return [say(`time steps of ${layer.name}`, PLAUSIBLE.timeSteps.nominal), say(`input size of ${layer.name}`, PLAUSIBLE.inputFeatures.nominal)];
    if (layer.kind === 'dense') return [say(`input size of ${layer.name}`, PLAUSIBLE.inputFeatures.nominal)];
    return undefined;
  }
  // A null time dimension would otherwise be built as 1 step, where no recurrent gradient can explode.
  if (sequences && written[0] === null) return [say(`time steps of ${layer.name}`, PLAUSIBLE.timeSteps.nominal), ...written.slice(1)];
  const reader = readerOf(model, layer);
  if (reader && isConvKind(reader.kind) && written.includes(null)) return statedConvInput(reader, written, say);
  return written;
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
