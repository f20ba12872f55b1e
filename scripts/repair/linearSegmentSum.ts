/**
 * The tfjs CPU backend computes UnsortedSegmentSum (the gradient of tf.gather, hence of every
 * embedding) with one masked full-tensor sum per segment: O(vocabulary × batch × length × dim)
 * per step, minutes per step for a 12,000-word embedding. This scatter-add gives the same sums in
 * one pass, so `npm run repair-check` can train embedding models as written instead of skipping
 * them. Registered only in the repair-check process; the engine keeps tfjs's own kernels.
 */
import * as tf from '@tensorflow/tfjs';

interface CpuBackend {
  data: { get(dataId: object): { values: ArrayLike<number> } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/**
 * out[s, ...rest] = sum of x[i, ...rest] over every id position i with ids[i] = s; `ids` has the
 * shape of x's leading `idsRank` dimensions. Ids outside [0, numSegments) are dropped, as in tfjs.
 */
export function segmentSum(x: ArrayLike<number>, xShape: number[], ids: ArrayLike<number>, idsRank: number, numSegments: number): { values: Float32Array; shape: number[] } {
  const rest = xShape.slice(idsRank);
  const inner = rest.reduce((a, b) => a * b, 1);
  const values = new Float32Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const segment = ids[i];
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * inner;
    const to = segment * inner;
    for (let k = 0; k < inner; k++) values[to + k] += x[from + k];
  }
  return { values, shape: [numSegments, ...rest] };
}

/** Replaces the CPU backend's UnsortedSegmentSum with segmentSum (idempotent). */
export function useLinearSegmentSum(): void {
  const current = tf.getKernel(tf.UnsortedSegmentSum, 'cpu');
  if (current?.kernelFunc.name === 'linearUnsortedSegmentSum') return;
  if (current) tf.unregisterKernel(tf.UnsortedSegmentSum, 'cpu');
  tf.registerKernel({
    kernelName: tf.UnsortedSegmentSum,
    backendName: 'cpu',
    kernelFunc: function linearUnsortedSegmentSum({ inputs, backend, attrs }) {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const cpu = backend as unknown as CpuBackend;
      const { numSegments } = attrs as unknown as { numSegments: number };
      const { values, shape } = segmentSum(cpu.data.get(x.dataId).values, x.shape, cpu.data.get(segmentIds.dataId).values, segmentIds.shape.length, numSegments);
      return cpu.makeTensorInfo(shape, x.dtype, values);
    },
  });
}
