import assert from 'node:assert/strict';
import { kernelGradNorms, predictFlow } from '../../../server/src/engine/flow/analytic';
import { layerStep } from '../../../server/src/engine/flow/layerStep';
import { graph, layer, mlp, sequential } from '../../helpers/modelBuilders';

const finite = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

describe('analytic engine: prediction contents', () => {
  it('fills every layer, the first/last kernel and their ratio', () => {
    const model = mlp({ depth: 3, activation: 'relu', initializer: 'heUniform', batchNorm: true });
    const p = predictFlow(model);
    assert.equal(p.layers.length, model.layers.length);
    assert.equal(p.firstKernel, 0);
    assert.equal(p.lastKernel, model.layers.length - 1);
    const first = p.layers[0].log10GradNorm!;
    const last = p.layers[model.layers.length - 1].log10GradNorm!;
    assert.ok(Math.abs(p.log10Ratio! - (first - last)) < 1e-12);
    for (const flow of p.layers) {
      assert.equal(flow.hasKernel, model.layers[flow.layerIndex].kind === 'dense');
      assert.equal(finite(flow.log10GradNorm), flow.hasKernel);
      assert.ok(finite(flow.log10BackwardGain), `backward gain of layer ${flow.layerIndex}`);
    }
    assert.deepEqual([p.layers[0].fanIn, p.layers[0].fanOut], [128, 128]);
    assert.equal(p.layers[0].deadFraction, 0.5);
    // BN amplifies δ toward the input: π/(π-1) per relu+BN pair (Yang et al. 2019).
    assert.ok(p.layers[1].log10BackwardGain! > 0);
  });

  it('reports pre-activation sd and saturation of sigmoid layers with a large initializer', () => {
    const model = mlp({ depth: 2, activation: 'sigmoid', initializer: { name: 'randomNormal', args: { stddev: 1 } } });
    const p = predictFlow(model);
    // q_z = 128 · 1 · E[x²] = 128 for N(0,1) inputs: sd 11.3, P(|z| > 5) = erfc(5/(11.3·√2)) = 0.66.
    assert.ok(Math.abs(p.layers[0].preActivationStd! - Math.sqrt(128)) < 1e-9);
    assert.ok(Math.abs(p.layers[0].saturatedFraction! - 0.658) < 0.01, String(p.layers[0].saturatedFraction));
  });

  it('gives a residual network an identity path for the gradient', () => {
    const depth = 12;
    const plainLayers = [];
    const residual: Array<{ layer: ReturnType<typeof layer>; inputs: number[] }> = [
      { layer: layer('dense', { units: 64, activation: 'tanh', kernelInitializer: 'glorotNormal' }), inputs: [] },
    ];
    for (let i = 0; i < depth; i++) {
      plainLayers.push(layer('dense', { units: 64, activation: 'sigmoid' }));
      const before = residual.length - 1;
      residual.push({ layer: layer('dense', { units: 64, activation: 'sigmoid' }), inputs: [before] });
      residual.push({ layer: layer('add'), inputs: [before, residual.length - 1] });
    }
    const plain = predictFlow(sequential([layer('dense', { units: 64, activation: 'tanh', kernelInitializer: 'glorotNormal' }), ...plainLayers, layer('dense', { units: 1 })], [64]));
    residual.push({ layer: layer('dense', { units: 1 }), inputs: [residual.length - 1] });
    const skip = predictFlow(graph(residual, [64]));
    assert.ok(plain.log10Ratio! < -4, `plain sigmoid stack vanishes: ${plain.log10Ratio}`);
    assert.ok(skip.log10Ratio! > -2, `residual stack keeps the gradient: ${skip.log10Ratio}`);
  });

  it('dropout in training mode scales the next layer\'s pre-activations by 1/(1-p)', () => {
    const without = predictFlow(sequential([layer('dense', { units: 32 }), layer('dense', { units: 8 })], [32]));
    const withDrop = predictFlow(sequential([layer('dense', { units: 32 }), layer('dropout', { rate: 0.5 }), layer('dense', { units: 8 })], [32]));
    const ratio = withDrop.layers[2].preActivationStd! / without.layers[1].preActivationStd!;
    assert.ok(Math.abs(ratio - Math.SQRT2) < 1e-9, String(ratio));
  });

  it('average pooling of a centred signal (negative c) keeps each position\'s share, never cancels it', () => {
    // After layerNormalization two samples differ (c < 0); one sample's 144 positions do not
    // cancel each other for that: their mean has the mean square of independent values, q/144.
    const pool = layer('pooling', { factory: 'globalAveragePooling1d', pooling: { mode: 'average', global: true } });
    const context = { batch: 64, assume: () => undefined, checkDeadline: () => undefined, unknown: () => { throw new Error('every size is written'); } };
    const step = layerStep(pool, [{ q: 1, c: -0.02, mean: 0, shape: [144, 64] }], context);
    assert.ok(Math.abs(step.output.q - 1 / 144) < 1e-12, String(step.output.q));
  });

  it('uses receptive-field fans for convolutions and treats positions as rows', () => {
    const model = sequential([
      layer('conv2d', { units: 8, kernelSize: [3, 3], activation: 'relu', kernelInitializer: 'heUniform' }),
      layer('flatten'),
      layer('dense', { units: 10 }),
    ], [28, 28, 1]);
    const p = predictFlow(model);
    assert.deepEqual([p.layers[0].fanIn, p.layers[0].fanOut], [9, 72]);
    assert.ok(finite(p.layers[0].log10GradNorm));
    // He: q_z = 9 · (2/9) · 1 = 2.
    assert.ok(Math.abs(p.layers[0].preActivationStd! - Math.SQRT2) < 1e-9);
    assert.deepEqual(p.layers[2].fanIn, 26 * 26 * 8);
  });

  it('handles embedding + lstm + gru + simpleRNN and states the token assumption', () => {
    for (const kind of ['lstm', 'gru', 'simpleRNN'] as const) {
      const model = sequential([
        layer('embedding', { inputDim: 1000, units: 16 }),
        layer(kind, { units: 32 }),
        layer('dense', { units: 1 }),
      ], [20]);
      const p = predictFlow(model);
      for (const flow of p.layers) assert.ok(finite(flow.log10GradNorm), `${kind} layer ${flow.layerIndex}`);
      assert.ok(p.assumptions.some((a) => a.includes('token ids')));
      assert.equal(p.layers[1].fanOut, 32 * (kind === 'lstm' ? 4 : kind === 'gru' ? 3 : 1));
    }
  });

  it('kernelGradNorms gives exactly the log10GradNorm of predictFlow, layer by layer', () => {
    const models = [
      mlp({ depth: 4, activation: 'relu', initializer: { name: 'randomNormal', args: { stddev: 1 } }, batchNorm: true }),
      sequential([layer('conv2d', { units: 4, kernelSize: [3, 3], activation: 'tanh' }), layer('flatten'), layer('dense', { units: 3 })], [8, 8, 2]),
      sequential([layer('embedding', { inputDim: 50, units: 8 }), layer('lstm', { units: 6 }), layer('dense', { units: 1 })], [7]),
      sequential([layer('gru', { units: 5, returnSequences: true }), layer('simpleRNN', { units: 4 }), layer('dense', { units: 2, activation: 'softmax' })]),
    ];
    for (const model of models) {
      const expected = predictFlow(model).layers.map((flow) => flow.log10GradNorm);
      assert.ok(expected.some(finite), model.layers.map((l) => l.kind).join());
      assert.deepEqual(kernelGradNorms(model), expected);
    }
  });

  it('a simpleRNN passes less gradient back per step over long sequences', () => {
    const gain = (steps: number) => {
      const model = sequential([layer('simpleRNN', { units: 32 }), layer('dense', { units: 1 })], [steps, 8]);
      return predictFlow(model).layers[0].log10BackwardGain!;
    };
    assert.ok(gain(100) < gain(5) - 0.5, `${gain(100)} vs ${gain(5)}`);
  });

  it('each input of a multi-input model has its own shape: a decoder runs over its own steps, not the first input\'s', () => {
    const model = graph(
      [
        { layer: layer('input', { inputShape: [400, 1] }), inputs: [] },
        { layer: layer('gru', { units: 16 }), inputs: [0] },
        { layer: layer('input', { inputShape: [120, 40] }), inputs: [] },
        { layer: layer('simpleRNN', { units: 16, returnSequences: true }), inputs: [2, 1] },
      ],
      [400, 1],
    );
    const p = predictFlow(model);
    assert.deepEqual([p.layers[1].timeSteps, p.layers[3].timeSteps], [400, 120]);
  });

  it('models absurd sequence lengths over a bounded number of steps and says so', () => {
    for (const steps of [1e308, 1e6, Number.NaN, -5]) {
      const model = sequential([layer('simpleRNN', { units: 8 }), layer('dense', { units: 1 })], [steps, 3]);
      const p = predictFlow(model);
      assert.ok(Number.isFinite(p.layers[0].log10GradNorm!), `steps ${steps}`);
      if (steps > 1) assert.ok(p.assumptions.some((a) => a.includes('sequence length')), p.assumptions.join('; '));
      // A length that is no length is not known: the prediction says it used a plausible one.
      else assert.deepEqual(p.unknowns?.map((u) => u.id), ['timeSteps@0']);
    }
  });

  it('states its assumptions: opaque layers, unknown sizes, activation traps', () => {
    const model = sequential([
      layer('dense', { units: 16, activation: 'leakyRelu' }),
      layer('opaque', { factory: 'myCustomLayer' }),
      layer('dense', {}),
    ]);
    const p = predictFlow(model);
    const text = p.assumptions.join('\n');
    assert.match(text, /input shape unknown/);
    assert.match(text, /'leakyRelu' is not a tfjs activation/);
    assert.match(text, /'myCustomLayer' is not modelled/);
    assert.match(text, /dense_2: units not known statically; 128 used \(plausible 8\.\.4096\)/);
    assert.deepEqual(p.unknowns?.map((u) => [u.id, u.description, u.value]), [
      ['inputFeatures@0', 'input size of dense_1', 128],
      ['units@2', 'units of dense_2', 128],
    ]);
    assert.ok(finite(p.log10Ratio));
  });

  it("predicts an activation string tfjs rejects as the layer its fix inserts ('leakyRelu': a leakyReLU of alpha 0.3), not as a linear layer nobody wrote", () => {
    const depth = 16;
    const sdGrowth = (activation: string) => {
      const layers = predictFlow(mlp({ depth, activation, initializer: 'heNormal' })).layers;
      return layers[depth - 1].preActivationStd! / layers[0].preActivationStd!;
    };
    assert.ok(Math.abs(sdGrowth('leakyRelu') - sdGrowth('leakyReLU')) < 1e-9, `${sdGrowth('leakyRelu')} vs ${sdGrowth('leakyReLU')}`);
    assert.ok(sdGrowth('linear') > 10 * sdGrowth('leakyRelu'), `linear ${sdGrowth('linear')}, leakyRelu ${sdGrowth('leakyRelu')}`);
    assert.match(predictFlow(mlp({ depth, activation: 'silu' })).assumptions.join('\n'), /'silu' is not a tfjs activation .*predicted as the swish its fix gives/);
  });

  it('reports the sd of the output for layers without a kernel', () => {
    const model = sequential([layer('dense', { units: 64, activation: 'relu', kernelInitializer: 'heUniform' }), layer('batchNormalization'), layer('dropout', { rate: 0.75 })], [64]);
    const p = predictFlow(model);
    // BN output: unit variance up to epsilon 1e-3 (batch variance 2(π-1)/(2π)·63/64 ≈ 0.67).
    assert.ok(Math.abs(p.layers[1].preActivationStd! - 1) < 1e-3, String(p.layers[1].preActivationStd));
    // Inverted dropout at rate 0.75 doubles the sd of a zero-mean input.
    assert.ok(Math.abs(p.layers[2].preActivationStd! - 2 * p.layers[1].preActivationStd!) < 1e-9);
  });

  it('states unresolved properties and initializer arguments; an unresolved kernel scale is an unknown, never the default', () => {
    const first = layer('dense', { units: 8, unresolved: ['activation'], kernelInitializer: { name: 'randomNormal', args: {} } });
    first.kernelInitializer!.unresolved = ['stddev', 'seed'];
    const p = predictFlow(sequential([first, layer('dense', { units: 1 })], [8]));
    assert.match(p.assumptions.join('\n'), /dense_1: activation not resolved statically/);
    assert.match(p.assumptions.join('\n'), /kernel initializer randomNormal: seed not resolved/);
    assert.match(p.assumptions.join('\n'), /dense_1: weight variance × fan-in not known statically; 1 used \(plausible 0\.01\.\.256\)/);
    assert.deepEqual(p.unknowns?.map((unknown) => unknown.kind), ['weightScale']);
  });

  it('uses tfjs-core defaults for core-API weights (tf.randomNormal has sd 1)', () => {
    const core = layer('dense', { units: 64, placement: { kind: 'core' }, kernelInitializer: 'randomNormal' });
    const p = predictFlow(sequential([core, layer('dense', { units: 1, placement: { kind: 'core' }, kernelInitializer: 'randomNormal' })], [784]));
    assert.ok(Math.abs(p.layers[0].preActivationStd! - Math.sqrt(784)) < 1e-9);
  });

  it('does not crash on an empty model or zero weights', () => {
    assert.deepEqual(predictFlow(sequential([], [4])), { layers: [], paths: [], assumptions: [], unknowns: [] });
    const zeros = predictFlow(sequential([layer('dense', { units: 4, kernelInitializer: 'zeros' }), layer('dense', { units: 2 })], [4]));
    assert.equal(zeros.layers.length, 2);
    assert.ok(zeros.layers.every((f) => f.log10GradNorm === undefined || Number.isFinite(f.log10GradNorm)));
  });
});
