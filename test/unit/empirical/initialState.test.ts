import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { extractFile } from '../../../server/src/engine/extract';
import { buildNetwork, disposeNetwork, forward, randomInputs } from '../../../server/src/engine/empirical/network';

/** An encoder-decoder: the decoder lstm starts from the encoder lstm's h and c (seq2seq-date-translation's shape). */
const SEQ2SEQ = `
import * as tf from '@tensorflow/tfjs';
export function build() {
  const encoderInput = tf.input({ shape: [5, 3] });
  const [, stateH, stateC] = tf.layers.lstm({ units: 4, returnState: true }).apply(encoderInput) as tf.SymbolicTensor[];
  const decoderInput = tf.input({ shape: [6, 3] });
  const decoded = tf.layers.lstm({ units: 4, returnSequences: true }).apply(decoderInput, { initialState: [stateH, stateC] }) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 2 }).apply(decoded) as tf.SymbolicTensor;
  return tf.model({ inputs: [encoderInput, decoderInput], outputs: output });
}
`;

describe('empirical engine: a recurrent layer started from another one\'s states (initialState)', () => {
  const [model] = extractFile(SEQ2SEQ, 'model.ts').models;
  const decoderIndex = model.layers.findIndex((l) => l.kind === 'lstm' && l.returnSequences);
  const encoderIndex = model.layers.findIndex((l) => l.kind === 'lstm' && !l.returnSequences);

  it('builds, with the decoder fed by its input and started from the encoder', () => {
    // Before: tfjs rejected the encoder's output as a single state for a cell of stateSize [4, 4].
    const network = buildNetwork(model, 0);
    try {
      const decoder = network.nodes.find((n) => n.layer.index === decoderIndex)!;
      assert.deepEqual(decoder.initialStateFrom, [encoderIndex]);
      assert.deepEqual(network.outputShapes, [[6, 2]]);
    } finally {
      disposeNetwork(network);
    }
  });

  it('starts the decoder from the encoder\'s h and c in that order, eagerly as symbolically', () => {
    const network = buildNetwork(model, 0);
    try {
      const xs = randomInputs(network, 3, 1);
      const encoder = network.nodes.find((n) => n.layer.index === encoderIndex)!;
      const decoder = network.nodes.find((n) => n.layer.index === decoderIndex)!;
      const [, h, c] = encoder.body!.apply(xs[0]) as tf.Tensor[];
      const decoderInput = xs[network.nodes.find((n) => n.layer.index === decoder.layer.inputs[0])!.root!];
      const expected = decoder.body!.apply(decoderInput, { initialState: [h, c] }) as tf.Tensor;
      const withHTwice = decoder.body!.apply(decoderInput, { initialState: [h, h] }) as tf.Tensor;
      const { outputs, observed } = forward(network, xs, model.outputs, false);
      const decoded = observed[network.nodes.indexOf(decoder)];
      assert.ok(tf.max(tf.abs(tf.sub(decoded, expected))).arraySync() as number < 1e-6);
      assert.ok(tf.max(tf.abs(tf.sub(decoded, withHTwice))).arraySync() as number > 1e-3, 'the cell state c matters');
      assert.deepEqual(outputs[0].shape, [3, 6, 2]);
    } finally {
      disposeNetwork(network);
    }
  });

  it('passes the gradient of the decoder\'s loss back to the encoder\'s weights', () => {
    const network = buildNetwork(model, 0);
    try {
      const xs = randomInputs(network, 3, 2);
      const encoder = network.nodes.find((n) => n.layer.index === encoderIndex)!;
      const { grads } = tf.variableGrads(() => tf.mean(tf.square(forward(network, xs, model.outputs, true).outputs[0])) as tf.Scalar, encoder.kernels);
      const norm = tf.norm(grads[encoder.kernels[0].name]).arraySync() as number;
      assert.ok(norm > 0, `encoder kernel gradient ${norm}`);
    } finally {
      disposeNetwork(network);
    }
  });
});
