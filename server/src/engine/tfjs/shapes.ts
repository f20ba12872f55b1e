/**
 * Output sizes as tfjs 4.22 computes them, and which input index each output tap reads, checked
 * against tfjs-layers/src/utils/conv_utils.ts (convOutputLength, deconvLength), the layers'
 * computeOutputShape (convolutional.ts, pooling.ts, core.ts Reshape) and tfjs-core's
 * conv_util.ts (getPadAndOutInfo: 'same' pads floor(total / 2) before, the rest after).
 * A null size (unknown, e.g. a sequence length) stays null.
 */

export type Padding = 'valid' | 'same';

/** The padding tfjs uses for a written value: undefined is tfjs's default 'valid'. */
export function paddingOf(written: string | undefined): Padding | undefined {
  if (written === undefined || written === 'valid') return 'valid';
  if (written === 'same') return 'same';
  return undefined; // 'causal' throws in tfjs 4.22 conv layers; anything else is rejected
}

/** tfjs convOutputLength: 'same' keeps the length, 'valid' drops the dilated kernel's overhang; then ceil by the stride. */
export function convOutputLength(input: number | null, kernel: number, padding: Padding, stride: number, dilation = 1): number | null {
  if (input === null) return null;
  const dilatedKernel = kernel + (kernel - 1) * (dilation - 1);
  const length = padding === 'same' ? input : input - dilatedKernel + 1;
  return Math.floor((length + stride - 1) / stride);
}

/** tfjs deconvLength (conv2dTranspose): 'valid' is input·stride + max(kernel − stride, 0), 'same' input·stride. */
export function deconvOutputLength(input: number | null, kernel: number, padding: Padding, stride: number): number | null {
  if (input === null) return null;
  return padding === 'valid' ? input * stride + Math.max(kernel - stride, 0) : input * stride;
}

/**
 * Zeros tfjs-core pads before the input for a convolution from `input` to `output` positions
 * ('same': floor of half the total; 'valid': none).
 */
export function padBefore(input: number, output: number, kernel: number, padding: Padding, stride: number, dilation = 1): number {
  if (padding === 'valid') return 0;
  const dilatedKernel = kernel + (kernel - 1) * (dilation - 1);
  return Math.floor(Math.max(0, (output - 1) * stride + dilatedKernel - input) / 2);
}

/**
 * Reshape's output shape: the target with its one -1 resolved from the input size (null when the
 * input size is unknown), or undefined when the target does not fit the input (tfjs throws).
 */
export function reshapeOutput(input: (number | null)[], target: number[]): (number | null)[] | undefined {
  const free = target.filter((d) => d === -1).length;
  if (free > 1 || target.some((d) => d !== -1 && !(Number.isInteger(d) && d > 0))) return undefined;
  const known = input.every((d) => d !== null);
  const inputSize = input.reduce<number>((a, b) => a * (b ?? 1), 1);
  const fixed = target.reduce((a, b) => (b === -1 ? a : a * b), 1);
  if (free === 0) return !known || inputSize === fixed ? [...target] : undefined;
  if (!known) return target.map((d) => (d === -1 ? null : d));
  if (inputSize % fixed !== 0) return undefined;
  return target.map((d) => (d === -1 ? inputSize / fixed : d));
}

/** permute's output: axis i is the input's axis dims[i] (1-based); undefined unless dims permutes every axis. */
export function permuteOutput(input: (number | null)[], dims: number[]): (number | null)[] | undefined {
  const isPermutation = dims.length === input.length && [...dims].sort((a, b) => a - b).every((d, i) => d === i + 1);
  return isPermutation ? dims.map((d) => input[d - 1]) : undefined;
}

/** upSampling2d's default size. */
export const UPSAMPLING_DEFAULT_SIZE = [2, 2] as const;
/** Pooling windows default to 2 per spatial axis, strides to the window. */
export const POOL_DEFAULT_SIZE = 2;
