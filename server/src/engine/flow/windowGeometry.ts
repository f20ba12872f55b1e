/**
 * Sliding windows (convolution kernels, pooling windows) over the spatial axes, as tfjs computes
 * them (tfjs/shapes.ts): the output sizes, and how many in-range (output, tap) links there are.
 * The mean-field steps need two averages of those links: taps per output position (the effective
 * fan-in of a convolution: 'same' padding reads zeros at the border) and reads per input position
 * (how many outputs a value feeds: about kernel / stride, which is what δ sums over backward).
 * A transposed convolution has the same links seen from the other side (output = input·stride +
 * tap − pad).
 */
import type { LayerIR } from '../ir';
import { convOutputLength, deconvOutputLength, padBefore, paddingOf, POOL_DEFAULT_SIZE, type Padding } from '../tfjs/shapes';
import type { StepContext } from './step';
import { isKnownSize } from './unknowns';

export interface Window {
  kernel: number[];
  strides: number[];
  dilation: number[];
  padding: Padding;
  transposed: boolean;
}

export interface WindowMap {
  /** Output spatial sizes (null where the input size is unknown). */
  out: (number | null)[];
  /** Average in-range taps per output position, multiplied over the axes. */
  tapsPerOutput: number;
  /** Average (output, tap) links per input position, multiplied over the axes. */
  readsPerInput: number;
}

/**
 * How many `from` positions in [0, fromCount) land inside [0, toCount) when mapped to
 * from·stride + offset: counted in closed form, since sizes written in real code (or typed by
 * accident: 1e20) can be far too long to walk.
 */
function positionsInRange(fromCount: number, toCount: number, stride: number, offset: number): number {
  const first = Math.max(0, Math.ceil(-offset / stride));
  const last = Math.min(fromCount - 1, Math.floor((toCount - 1 - offset) / stride));
  return Math.max(0, last - first + 1);
}

function axisLinks(input: number, output: number, kernel: number, stride: number, dilation: number, padding: Padding, transposed: boolean): number {
  let links = 0;
  if (transposed) {
    // conv2dTranspose is the gradient of a convolution from `output` to `input` positions.
    const pad = padBefore(output, input, kernel, padding, stride);
    for (let t = 0; t < kernel; t++) links += positionsInRange(input, output, stride, t - pad);
    return links;
  }
  const pad = padBefore(input, output, kernel, padding, stride, dilation);
  for (let t = 0; t < kernel; t++) links += positionsInRange(output, input, stride, t * dilation - pad);
  return links;
}

/** Border effects are counted tap by tap up to this kernel length (no real kernel comes near). */
const MAX_TAPS_COUNTED = 100_000;

export function windowMap(spatialIn: (number | null)[], window: Window): WindowMap {
  let tapsPerOutput = 1;
  let readsPerInput = 1;
  const out = spatialIn.map((size, axis) => {
    const [kernel, stride, dilation] = [window.kernel[axis], window.strides[axis], window.dilation[axis]];
    const length = window.transposed
      ? deconvOutputLength(size, kernel, window.padding, stride)
      : convOutputLength(size, kernel, window.padding, stride, dilation);
    if (size === null || length === null || length < 1 || kernel > MAX_TAPS_COUNTED) {
      // Unknown (or empty) length, or an absurd kernel: an interior position.
      tapsPerOutput *= window.transposed ? kernel / stride : kernel;
      readsPerInput *= window.transposed ? kernel : kernel / stride;
      return length === null ? null : Math.max(length, 0);
    }
    const links = axisLinks(size, length, kernel, stride, dilation, window.padding, window.transposed);
    tapsPerOutput *= links / length;
    readsPerInput *= links / size;
    return length;
  });
  return { out, tapsPerOutput, readsPerInput };
}

/** A per-axis size as written (one number means every axis), else the default. */
function perAxis(written: number[] | undefined, rank: number, fallback: number): number[] {
  // A loop, not Array.from with a closure: every convolution and pooling layer of every prediction asks.
  const sizes: number[] = [];
  for (let i = 0; i < rank; i++) sizes.push(written?.[i] ?? written?.[0] ?? fallback);
  return sizes;
}

function paddingFor(layer: LayerIR, context: StepContext): Padding {
  const padding = paddingOf(layer.padding);
  if (padding) return padding;
  // Keras's causal padding keeps the length, as 'same' does; tfjs accepts it and throws when the layer runs.
  if (layer.padding === 'causal') {
    context.assume(layer, "padding 'causal' is not implemented in tfjs (the layer throws when it runs); 'same' assumed (the same length and fan-in)");
    return 'same';
  }
  context.assume(layer, `padding '${layer.padding}' is not 'valid' or 'same' (tfjs 4.22 rejects it); 'valid' assumed`);
  return 'valid';
}

/** The window of a convolution layer with `rank` spatial axes. */
export function convWindow(layer: LayerIR, rank: number, context: StepContext): Window {
  const written = layer.kernelSize?.length && layer.kernelSize.every(isKnownSize) ? layer.kernelSize : undefined;
  return {
    kernel: written ? perAxis(written, rank, 1) : perAxis(undefined, rank, context.unknown(layer, 'kernelSize')),
    strides: perAxis(layer.strides, rank, 1),
    dilation: perAxis(layer.dilationRate, rank, 1),
    padding: paddingFor(layer, context),
    transposed: layer.kind === 'conv2dTranspose',
  };
}

/** The window of a (non-global) pooling layer: tfjs's poolSize defaults to 2, strides to poolSize. */
export function poolWindow(layer: LayerIR, rank: number, context: StepContext): Window {
  const kernel = perAxis(layer.poolSize, rank, POOL_DEFAULT_SIZE);
  return { kernel, strides: layer.strides ? perAxis(layer.strides, rank, 1) : kernel, dilation: kernel.map(() => 1), padding: paddingFor(layer, context), transposed: false };
}

/** The window with one more axis in front that it does not slide along (kernel, stride and dilation 1). */
export function withUnitLeadingAxis(window: Window): Window {
  return { ...window, kernel: [1, ...window.kernel], strides: [1, ...window.strides], dilation: [1, ...window.dilation] };
}

/** Window properties that decide output lengths; kernelSize has its own unknown (unknowns.ts). */
const LENGTH_DECIDING = ['strides', 'padding', 'dilationRate', 'poolSize', 'dataFormat'];

/**
 * The output lengths of `map`, or unknown (null) on every axis when the code leaves a property
 * that decides them unread: the window statistics still take tfjs's defaults, but no length (a
 * recurrent layer's time steps downstream) may rest on them.
 */
export function outputLengths(layer: LayerIR, map: WindowMap): (number | null)[] {
  return layer.unresolved.some((key) => LENGTH_DECIDING.includes(key)) ? map.out.map(() => null) : map.out;
}
