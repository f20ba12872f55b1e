/**
 * The input-to-output paths along which gradient ratios mean something (DESIGN 3a, "models are
 * graphs"). A ratio compares the first and last kernel layers of one path: two sibling heads, or
 * the branches of two different inputs, are never compared as if one fed the other. An opaque
 * layer (extraction could not see inside it) cuts a path into readable segments: the engine only
 * assumed it passes the signal through, so no ratio is taken across it.
 */
import type { ModelIR } from '../ir';
import { isNormalization } from '../tfjs/layers';
import type { LayerFlow } from './prediction';
import { soleConsumer } from '../layerConsumers';

export interface KernelPath {
  /** First and last layer of the readable segment (indices into ModelIR.layers). */
  from: number;
  to: number;
  /** First and last kernel layers with a gradient norm on the segment. */
  firstKernel: number;
  lastKernel: number;
  /** log10(‖∇W_first‖ / ‖∇W_last‖). */
  log10Ratio: number;
  /** Kernel layers with a gradient norm on the segment, in order. */
  kernels: number[];
  /** Every layer of the segment, in order. */
  layers: number[];
  /** The segment is only part of its input-to-output path: an opaque layer lies before or after it. */
  cut: boolean;
}

/** Beyond this many graph inputs only the longest path to each output is followed (cost bound). */
const MAX_SOURCES = 32;

/**
 * For each graph input and each output it reaches, the longest path between them, split at opaque
 * layers; segments with the same first and last kernel layer are listed once, longest first.
 */
export function kernelPaths(model: ModelIR, flows: readonly LayerFlow[]): KernelPath[] {
  const layers = model.layers;
  if (layers.length === 0) return [];
  const outputs = model.outputs.length > 0 ? model.outputs : [layers.length - 1];
  const sources: number[] = [];
  for (const layer of layers) if (layer.inputs.length === 0) sources.push(layer.index);
  const starts: (number | undefined)[] = sources.length <= MAX_SOURCES ? sources : [undefined];
  // A single path (most models): its segments are disjoint, none to merge.
  if (starts.length === 1 && outputs.length === 1) {
    const path = tracePath(longestPredecessors(model, starts[0]), outputs[0], starts[0]);
    return path ? readableSegments(model, flows, path, feedsOpaque(model)).sort(longestFirst) : [];
  }
  // By first and last kernel layer, as a number (no key string per segment).
  const found = new Map<number, KernelPath>();
  const feeds = feedsOpaque(model);
  for (const source of starts) {
    const predecessor = longestPredecessors(model, source);
    for (const output of outputs) {
      const path = tracePath(predecessor, output, source);
      if (!path) continue;
      for (const segment of readableSegments(model, flows, path, feeds)) {
        const key = segment.firstKernel * layers.length + segment.lastKernel;
        const known = found.get(key);
        if (!known || known.to - known.from < segment.to - segment.from) found.set(key, segment);
      }
    }
  }
  return toDominantHeads([...found.values()], new Set(outputs)).sort(longestFirst);
}

/**
 * Of the segments from one first kernel to several outputs (a multi-task model), the one to the
 * output whose last kernel has the largest gradient: the first kernel's gradient is the sum of
 * what every head sends back, so the head that dominates it sets the scale, and the ratio to that
 * head is the backward factor along the shared layers. A ratio to a head with a smaller loss
 * scale (a classification head's crossentropy beside a regression head's MSE) measured the gap
 * between the losses, not growth. Segments that end before an opaque layer stay as they are.
 */
function toDominantHeads(segments: KernelPath[], outputs: ReadonlySet<number>): KernelPath[] {
  const toOutput = new Map<number, KernelPath>();
  const kept: KernelPath[] = [];
  for (const segment of segments) {
    if (!outputs.has(segment.to)) {
      kept.push(segment);
      continue;
    }
    const rival = toOutput.get(segment.firstKernel);
    // One first kernel: the larger last-kernel gradient is the smaller ratio.
    if (!rival || segment.log10Ratio < rival.log10Ratio) toOutput.set(segment.firstKernel, segment);
  }
  return [...kept, ...toOutput.values()];
}

/**
 * Whether path[from..to-1] is a plain chain: each of its layers feeds only the next, so every
 * gradient reaching it comes through path[to] (a residual stream that also feeds an add is no such chain).
 */
function soleRoute(model: ModelIR, path: number[], from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (soleConsumer(model, model.layers[path[at]])?.index !== path[at + 1]) return false;
  return true;
}

/** For each layer, whether an opaque layer depends on it: part of its gradient comes back through what the engine only assumed. */
export function feedsOpaque(model: ModelIR): boolean[] {
  const layers = model.layers;
  const feeds = layers.map(() => false);
  // Layers are in topological order: each consumer comes after its inputs.
  for (let i = layers.length - 1; i >= 0; i--) {
    if (layers[i].kind === 'opaque' || feeds[i]) for (const input of layers[i].inputs) feeds[input] = true;
  }
  return feeds;
}

function longestFirst(a: KernelPath, b: KernelPath): number {
  return b.kernels.length - a.kernels.length || a.from - b.from;
}

/** A layer's longest-path predecessor when the path starts at the layer itself. */
const START = -1;

/**
 * For each layer reachable from `source` (from any layer when undefined), by index, the input
 * through which the longest path arrives (START for a source); undefined for the layers it does
 * not reach. Layers are in topological order (extraction guarantees it). Arrays by layer index,
 * not Maps: every prediction of every model walks this.
 */
function longestPredecessors(model: ModelIR, source: number | undefined): (number | undefined)[] {
  const length: (number | undefined)[] = new Array(model.layers.length);
  const predecessor: (number | undefined)[] = new Array(model.layers.length);
  for (const layer of model.layers) {
    if (layer.inputs.length === 0) {
      if (source === undefined || layer.index === source) {
        length[layer.index] = 1;
        predecessor[layer.index] = START;
      }
      continue;
    }
    let best: number | undefined;
    for (const input of layer.inputs) {
      const inputLength = length[input];
      if (inputLength !== undefined && (best === undefined || inputLength > (length[best] as number))) best = input;
    }
    if (best === undefined) continue;
    length[layer.index] = (length[best] as number) + 1;
    predecessor[layer.index] = best;
  }
  return predecessor;
}

function tracePath(predecessor: readonly (number | undefined)[], output: number, source: number | undefined): number[] | undefined {
  if (predecessor[output] === undefined) return undefined;
  const path: number[] = [];
  for (let at = output; at !== START; at = predecessor[at] as number) path.push(at);
  path.reverse();
  return source === undefined || path[0] === source ? path : undefined;
}

/**
 * Where a segment's kernels are read from. After an opaque layer the signal comes out of it as
 * assumed (unchanged), and a normalization later on sets the scale anew for what follows it only:
 * a kernel before that normalization reads the assumed scale and the kernels after it do not, so
 * no ratio between them stands (an attention output projection after an unmodelled dot-product).
 * Without a normalization the assumed factor scales every kernel's input alike.
 */
function afterAssumedScale(model: ModelIR, path: readonly number[], start: number, end: number): number {
  if (start === 0) return start;
  for (let at = start; at < end; at++) if (isNormalization(model.layers[path[at]])) return at + 1;
  return start;
}

function readableSegments(model: ModelIR, flows: readonly LayerFlow[], path: number[], feeds: readonly boolean[]): KernelPath[] {
  const segments: KernelPath[] = [];
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && model.layers[path[i]].kind !== 'opaque') continue;
    // The segment is path[start..i-1], read in place.
    const kernels: number[] = [];
    let firstKernelAt = -1;
    for (let at = afterAssumedScale(model, path, start, i); at < i; at++) {
      const index = path[at];
      if (!flows[index]?.hasKernel || flows[index].log10GradNorm === undefined || model.layers[index].frozen) continue;
      if (kernels.length === 0) firstKernelAt = at;
      kernels.push(index);
    }
    // Before an opaque layer the gradient arrives through it, as assumed: the ratio stands only if
    // it arrives at every kernel that way alone, so that the assumed factor cancels. Likewise a
    // first kernel that also feeds an opaque layer off the path (a two-tower matcher's image layer
    // feeding a custom normalisation and a category head) sums a gradient that came back through
    // the assumption with this path's: no ratio to a last kernel that does not.
    const firstKernel = kernels[0];
    const lastKernel = kernels[kernels.length - 1];
    if (kernels.length > 0 && (i === path.length || soleRoute(model, path, firstKernelAt, i)) && (!feeds[firstKernel] || feeds[lastKernel])) {
      const log10Ratio = (flows[firstKernel].log10GradNorm as number) - (flows[lastKernel].log10GradNorm as number);
      const cut = start > 0 || i < path.length;
      segments.push({ from: path[start], to: path[i - 1], firstKernel, lastKernel, log10Ratio, kernels, layers: path.slice(start, i), cut });
    }
    start = i + 1;
  }
  return segments;
}
