import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../../../scripts/repair/wasmBackend';

/** Gradients of a small conv net's loss with respect to its weights, on the current backend. */
function convGradients(): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(Array.from({ length: 2 * 7 * 7 * 3 }, (_, i) => Math.sin(i)), [2, 7, 7, 3]);
    const kernel = tf.variable(tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i) / 4), [3, 3, 3, 4]));
    const dense = tf.variable(tf.tensor2d(Array.from({ length: 3 * 3 * 4 }, (_, i) => Math.sin(i * 0.7) / 6), [36, 1]));
    const { grads } = tf.variableGrads(() => {
      const conv = tf.conv2d(x, kernel, 2, 'valid').sigmoid();
      return tf.matMul(conv.reshape([2, 36]), dense).square().mean() as tf.Scalar;
    }, [kernel, dense]);
    const values = [kernel, dense].map((v) => grads[v.name].dataSync() as Float32Array);
    kernel.dispose();
    dense.dispose();
    return values;
  });
}

describe('repair-check on the wasm backend', function () {
  this.timeout(30000);
  // The rest of the suite, like the engine, runs on the CPU backend.
  after(async () => {
    await tf.setBackend('cpu');
  });

  it('bridges the kernels wasm lacks to the CPU backend: a conv net gets the CPU gradients', async () => {
    await tf.setBackend('cpu');
    const onCpu = convGradients();
    const bridged = await useWasmBackend();
    assert.equal(tf.getBackend(), 'wasm');
    assert.ok(bridged.includes('Conv2DBackpropFilter'), bridged.join(', '));
    const onWasm = convGradients();
    for (const [w, cpu] of onCpu.entries()) {
      assert.equal(onWasm[w].length, cpu.length);
      const scale = Math.max(...cpu.map(Math.abs));
      assert.ok(scale > 0);
      for (let i = 0; i < cpu.length; i++) assert.ok(Math.abs(onWasm[w][i] - cpu[i]) <= 1e-5 * scale, `weight ${w}[${i}]: ${onWasm[w][i]} vs ${cpu[i]}`);
    }
  });
});
