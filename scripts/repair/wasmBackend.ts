/**
 * `npm run repair-check` trains on tfjs's WebAssembly backend: the same tfjs ops and gradients,
 * computed by XNNPACK with SIMD, 5-9x faster per step than the pure-JS CPU backend on this
 * check's dense and recurrent models, which is what lets most sick cases train their full
 * budget in one run. The wasm backend of tfjs 4.22 registers fewer kernels than the CPU backend (no
 * Conv2DBackpropFilter, so no convolution can train on it alone). Conv2DBackpropFilter gets a wasm
 * implementation here; every other kernel it lacks is bridged to the CPU backend's own: the inputs
 * are copied to the CPU backend, the CPU kernel runs, and its outputs are copied back. The engine
 * (webview, CLI `simulate`) keeps the CPU backend; only the repair-check process switches.
 */
import * as tf from '@tensorflow/tfjs';

interface CopyingBackend {
  readSync(dataId: object): tf.backend_util.BackendValues;
}
interface CpuBackend extends CopyingBackend {
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.backend_util.BackendValues): tf.TensorInfo;
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}
interface WasmBackend extends CopyingBackend {
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: tf.backend_util.BackendValues): tf.TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

function bridgeToCpu(kernel: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: kernel.kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackend;
      const cpu = tf.findBackend('cpu') as unknown as CpuBackend;
      const copied: tf.NamedTensorInfoMap = {};
      const cpuTensors = new Map<object, tf.TensorInfo>();
      for (const [name, input] of Object.entries(inputs)) {
        if (!input) continue;
        copied[name] = cpu.makeTensorInfo(input.shape, input.dtype, wasm.readSync(input.dataId));
        cpuTensors.set(copied[name].dataId, copied[name]);
      }
      const result = kernel.kernelFunc({ inputs: copied, backend: cpu as unknown as tf.KernelBackend, attrs });
      const outputs = Array.isArray(result) ? result : [result];
      const back = outputs.map((out) => wasm.makeOutput(out.shape, out.dtype, undefined, cpu.readSync(out.dataId)));
      for (const out of outputs) cpuTensors.set(out.dataId, out);
      for (const info of cpuTensors.values()) cpu.disposeIntermediateTensorInfo(info);
      return Array.isArray(result) ? back : back[0];
    },
  };
}

/**
 * Conv2DBackpropFilter (the kernel gradient of every conv2d) on wasm: the input patches laid out
 * as rows (im2col, in JS: one copy per patch value) times dy, by wasm's own BatchMatMul. The CPU
 * backend's kernel does the same multiply-adds in a JS loop, and with it bridged a conv net spent
 * most of its step there (a 26-minute case). Channels-last only, like every conv the engine builds.
 */
function conv2dBackpropFilter(): tf.KernelConfig {
  const bridged = bridgeToCpu(tf.getKernel(tf.Conv2DBackpropFilter, 'cpu')!);
  return {
    kernelName: tf.Conv2DBackpropFilter,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
      if (dataFormat === 'NCHW') return bridged.kernelFunc(args);
      const wasm = backend as unknown as WasmBackend;
      const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
      const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
      const rows = batchSize * outHeight * outWidth;
      const patch = filterHeight * filterWidth * inChannels;
      const xs = wasm.readSync(x.dataId) as Float32Array;
      const columns = new Float32Array(rows * patch);
      for (let b = 0, row = 0; b < batchSize; b++) {
        for (let oh = 0; oh < outHeight; oh++) {
          for (let ow = 0; ow < outWidth; ow++, row++) {
            for (let fh = 0; fh < filterHeight; fh++) {
              const ih = oh * strideHeight + fh - info.padInfo.top;
              if (ih < 0 || ih >= inHeight) continue;
              for (let fw = 0; fw < filterWidth; fw++) {
                const iw = ow * strideWidth + fw - info.padInfo.left;
                if (iw < 0 || iw >= inWidth) continue;
                const from = ((b * inHeight + ih) * inWidth + iw) * inChannels;
                columns.set(xs.subarray(from, from + inChannels), row * patch + (fh * filterWidth + fw) * inChannels);
              }
            }
          }
        }
      }
      const a = wasm.makeOutput([1, rows, patch], 'float32', undefined, columns);
      const d = wasm.makeOutput([1, rows, outChannels], 'float32', undefined, wasm.readSync(dy.dataId));
      const matMul = tf.getKernel(tf.BatchMatMul, 'wasm')!;
      const product = matMul.kernelFunc({ inputs: { a, b: d }, backend, attrs: { transposeA: true, transposeB: false } as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
      const filter = wasm.makeOutput(filterShape, 'float32', undefined, wasm.readSync(product.dataId));
      for (const temporary of [a, d, product]) wasm.disposeData(temporary.dataId, true);
      return filter;
    },
  };
}

/**
 * Makes wasm the backend, every CPU kernel the wasm backend lacks provided (call after any
 * replacement of a CPU kernel, which the bridge then runs). Returns the provided kernels' names.
 * The package is imported here, not at the top: importing it registers wasm as the preferred
 * backend of every later tf.ready() in the process.
 */
export async function useWasmBackend(): Promise<string[]> {
  await import('@tensorflow/tfjs-backend-wasm');
  const onWasm = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
  const lacking = tf.getKernelsForBackend('cpu').filter((k) => !onWasm.has(k.kernelName));
  for (const kernel of lacking) tf.registerKernel(kernel.kernelName === tf.Conv2DBackpropFilter ? conv2dBackpropFilter() : bridgeToCpu(kernel));
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
  await tf.ready();
  return lacking.map((k) => k.kernelName);
}
