import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { useWasmBackend } from '../../../scripts/repair/wasmBackend';

interface Conv {
  stride: number;
  pad: 'valid' | 'same';
  /** Output height and width for a 7x7 input and a 3x3 kernel. */
  out: number;
}

/** Gradients of a small conv net's loss with respect to its weights, on the current backend. */
function convGradients({ stride, pad, out }: Conv): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(Array.from({ length: 2 * 7 * 7 * 3 }, (_, i) => Math.sin(i)), [2, 7, 7, 3]);
    const kernel = tf.variable(tf.tensor4d(Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i) / 4), [3, 3, 3, 4]));
    const features = out * out * 4;
    const dense = tf.variable(tf.tensor2d(Array.from({ length: features }, (_, i) => Math.sin(i * 0.7) / 6), [features, 1]));
    const { grads } = tf.variableGrads(() => {
      const conv = tf.conv2d(x, kernel, stride, pad).sigmoid();
      return tf.matMul(conv.reshape([2, features]), dense).square().mean() as tf.Scalar;
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

  it('gives a conv net the CPU backend gradients, with the kernels wasm lacks (Conv2DBackpropFilter) provided', async () => {
    const convs: Conv[] = [{ stride: 2, pad: 'valid', out: 3 }, { stride: 1, pad: 'same', out: 7 }];
    await tf.setBackend('cpu');
    const onCpu = convs.map(convGradients);
    const provided = await useWasmBackend();
    assert.equal(tf.getBackend(), 'wasm');
    assert.ok(provided.includes('Conv2DBackpropFilter'), provided.join(', '));
    const onWasm = convs.map(convGradients);
    for (const [c, conv] of convs.entries()) {
      for (const [w, cpu] of onCpu[c].entries()) {
        assert.equal(onWasm[c][w].length, cpu.length);
        const scale = Math.max(...cpu.map(Math.abs));
        assert.ok(scale > 0);
        for (let i = 0; i < cpu.length; i++) {
          assert.ok(Math.abs(onWasm[c][w][i] - cpu[i]) <= 1e-5 * scale, `${JSON.stringify(conv)}, weight ${w}[${i}]: ${onWasm[c][w][i]} vs ${cpu[i]}`);
        }
      }
    }
  });
});
