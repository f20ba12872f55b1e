/**
 * `npm run repair-check` trains on tfjs's WebAssembly backend: the same tfjs ops and gradients,
 * computed by XNNPACK with SIMD, 5-9x faster per step than the pure-JS CPU backend on this
 * check's dense and recurrent models, which is what lets every sick case train its full budget
 * in one run. The wasm backend of tfjs 4.22 registers fewer kernels than the CPU backend (no
 * Conv2DBackpropFilter, so no convolution can train on it alone); each kernel it lacks is bridged
 * to the CPU backend's own implementation: the inputs are copied to the CPU backend, the CPU
 * kernel runs, and its outputs are copied back. The engine (webview, CLI `simulate`) keeps the
 * CPU backend; only the repair-check process switches.
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
 * Makes wasm the backend, every CPU kernel the wasm backend lacks bridged to the CPU one (call
 * after any replacement of a CPU kernel, which the bridge then runs). Returns the bridged names.
 * The package is imported here, not at the top: importing it registers wasm as the preferred
 * backend of every later tf.ready() in the process.
 */
export async function useWasmBackend(): Promise<string[]> {
  await import('@tensorflow/tfjs-backend-wasm');
  const onWasm = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
  const bridged = tf.getKernelsForBackend('cpu').filter((k) => !onWasm.has(k.kernelName));
  for (const kernel of bridged) tf.registerKernel(bridgeToCpu(kernel));
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
  await tf.ready();
  return bridged.map((k) => k.kernelName);
}
