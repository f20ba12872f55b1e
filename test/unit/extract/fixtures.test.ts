/**
 * The fixture suite (test/fixtures/models): each file's architecture written out by hand from
 * reading the fixture, asserted in full (layer kinds, units, activations, initializers, skip
 * edges, optimizer and learning rate, training calls, clipping).
 */
import assert from 'node:assert/strict';
import { extractFixture, fixtureNames } from './fixtureFiles';
import { repeat, summarizeFile, textOf, type LayerSummary, type ModelSummary } from './summary';

const dense = (units: number, activation?: string, extra: Partial<LayerSummary> = {}): LayerSummary => ({ kind: 'dense', units, ...(activation ? { activation } : {}), ...extra });

const EXPECTED: Record<string, ModelSummary[]> = {
  'seq-array-constants.ts': [
    {
      name: 'regressor',
      api: 'sequential',
      inputShape: [12],
      layers: [dense(64, 'relu', { inputShape: [12] }), dense(32, 'relu', { init: 'heNormal' }), { kind: 'dropout', rate: 0.25 }, dense(7, 'relu', { useBias: false }), dense(1)],
      optimizer: 'adam/call lr=0.0003 (explicit)',
      calls: ['compile'],
    },
  ],
  'seq-add-loop.js': [
    {
      name: 'makeClassifier',
      api: 'sequential',
      inputShape: [20],
      layers: [dense(64, 'elu', { inputShape: [20] }), ...[1, 2, 3].flatMap(() => [dense(64, 'elu'), { kind: 'batchNormalization' }]), dense(5, 'softmax')],
      optimizer: 'sgd/call lr=0.05 (explicit)',
      calls: ['compile'],
    },
  ],
  'seq-loop-unknown-bound.ts': [
    {
      name: 'deepTanh',
      api: 'sequential',
      inputShape: [10],
      layers: [dense(48, 'tanh', { inputShape: [10] }), dense(48, 'tanh'), dense(1, 'sigmoid')],
      optimizer: 'rmsprop/string lr=0.001 (default)',
      calls: ['compile'],
    },
  ],
  // Two conditions not known statically: four variants, one per combination of branches.
  'seq-conditional.ts': [
    {
      name: 'buildScorer',
      variant: 'when opts.dropout and opts.deep',
      api: 'sequential',
      inputShape: [30],
      layers: [dense(16, 'relu', { inputShape: [30] }), { kind: 'dropout', rate: 0.5 }, dense(16, 'relu'), dense(1)],
    },
    {
      name: 'buildScorer',
      variant: 'when opts.dropout and not opts.deep',
      api: 'sequential',
      inputShape: [30],
      layers: [dense(16, 'relu', { inputShape: [30] }), { kind: 'dropout', rate: 0.5 }, dense(8, 'sigmoid'), dense(1)],
    },
    {
      name: 'buildScorer',
      variant: 'when not opts.dropout and opts.deep',
      api: 'sequential',
      inputShape: [30],
      layers: [dense(16, 'relu', { inputShape: [30] }), dense(16, 'relu'), dense(1)],
    },
    {
      name: 'buildScorer',
      variant: 'when not opts.dropout and not opts.deep',
      api: 'sequential',
      inputShape: [30],
      layers: [dense(16, 'relu', { inputShape: [30] }), dense(8, 'sigmoid'), dense(1)],
    },
  ],
  'seq-conditional-constant.js': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [8],
      layers: [dense(24, 'relu', { inputShape: [8] }), { kind: 'batchNormalization' }, dense(2, 'softmax')],
      optimizer: 'adagrad/call lr=0.1 (explicit)',
      calls: ['compile'],
    },
  ],
  'seq-helper-block.ts': [
    {
      name: 'tower',
      api: 'sequential',
      inputShape: [100],
      layers: [
        dense(256, 'relu', { init: 'heUniform', inputShape: [100] }),
        dense(128, 'relu', { init: 'heUniform' }),
        { kind: 'batchNormalization' },
        { kind: 'dropout', rate: 0.1 },
        dense(64, 'relu', { init: 'heUniform' }),
        { kind: 'batchNormalization' },
        { kind: 'dropout', rate: 0.2 },
        dense(3, 'softmax'),
      ],
      optimizer: 'adam/string lr=0.001 (default)',
      calls: ['compile'],
    },
  ],
  'seq-config-array-map.js': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [784],
      layers: [dense(300, 'sigmoid', { inputShape: [784] }), dense(200, 'sigmoid'), dense(100, 'sigmoid'), dense(50, 'sigmoid'), dense(10, 'softmax')],
      optimizer: 'sgd/call lr=0.1 (explicit)',
      calls: ['compile'],
    },
  ],
  'seq-foreach-add.ts': [
    {
      name: 'funnel',
      api: 'sequential',
      inputShape: [128],
      layers: [dense(128, 'relu', { inputShape: [128] }), dense(64, 'relu'), dense(32, 'relu'), dense(16, 'relu'), dense(1, 'linear')],
    },
  ],
  'seq-factory-called.ts': [
    {
      name: 'buildNet',
      api: 'sequential',
      inputShape: [16],
      layers: [dense(32, 'selu', { inputShape: [16] }), ...repeat(3, dense(32, 'selu')), dense(4, 'softmax')],
      optimizer: 'adamax/call lr=0.002 (default)',
      calls: ['compile'],
    },
  ],
  'seq-conv-mnist.ts': [
    {
      name: 'createConvModel',
      api: 'sequential',
      inputShape: [28, 28, 1],
      layers: [
        { kind: 'conv2d', units: 16, activation: 'relu', kernelSize: [3, 3], inputShape: [28, 28, 1] },
        { kind: 'pooling' },
        { kind: 'conv2d', units: 32, activation: 'relu', init: 'varianceScaling', kernelSize: [5, 3] },
        { kind: 'pooling' },
        { kind: 'separableConv2d', units: 32, activation: 'relu', kernelSize: [3, 3] },
        { kind: 'flatten' },
        dense(64, 'relu'),
        dense(10, 'softmax'),
      ],
      optimizer: 'rmsprop/string lr=0.001 (default)',
      calls: ['compile'],
    },
  ],
  'seq-rnn-wrappers.ts': [
    {
      name: 'tagger',
      api: 'sequential',
      inputShape: [80],
      layers: [
        { kind: 'embedding', units: 64, inputShape: [80], inputDim: 5000 },
        { kind: 'lstm', units: 32, recurrentActivation: 'sigmoid', returnSequences: true, wrapper: 'bidirectional' },
        { kind: 'dense', units: 9, activation: 'softmax', wrapper: 'timeDistributed' },
      ],
      optimizer: 'adam/call lr=0.002 (explicit)',
      calls: ['compile'],
    },
  ],
  'seq-gru-rnn.js': [
    {
      name: 'vanilla',
      api: 'sequential',
      inputShape: [50, 3],
      layers: [{ kind: 'simpleRNN', units: 40, activation: 'tanh', inputShape: [50, 3], returnSequences: true }, { kind: 'simpleRNN', units: 40, recurrentInit: 'glorotNormal' }, dense(1)],
      optimizer: 'sgd/call lr=0.2 (explicit)',
      calls: ['compile'],
    },
    {
      name: 'gated',
      api: 'sequential',
      inputShape: [50, 3],
      layers: [{ kind: 'gru', units: 40, init: 'leCunNormal', inputShape: [50, 3] }, dense(1)],
      optimizer: 'adam/string lr=0.001 (default)',
      calls: ['compile'],
    },
  ],
  'seq-activation-layers.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [32],
      layers: [
        dense(64, undefined, { inputShape: [32] }),
        { kind: 'leakyReLU', alpha: 0.1 },
        dense(64),
        { kind: 'elu' },
        dense(64),
        { kind: 'prelu' },
        { kind: 'layerNormalization' },
        dense(64),
        { kind: 'reLU' },
        dense(10),
        { kind: 'activation', activation: 'softmax' },
      ],
    },
  ],
  'seq-opaque.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [6],
      layers: [dense(12, 'relu', { inputShape: [6] }), { kind: 'opaque' }, { kind: 'opaque' }, dense(1)],
    },
  ],
  'seq-initializers.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [50],
      layers: [
        dense(100, 'relu', { init: 'varianceScaling(scale=2, mode=fanIn, distribution=normal)', inputShape: [50] }),
        dense(100, 'relu', { init: 'truncatedNormal(stddev=0.01)' }),
        dense(100, 'tanh', { init: 'glorotUniform()' }),
        { kind: 'lstm', units: 20, recurrentInit: 'orthogonal(gain=1)' },
        dense(1, undefined, { init: 'randomUniform(minval=-0.5, maxval=0.5)' }),
      ],
    },
  ],
  'seq-enum-config.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [12],
      layers: [dense(64, 'relu', { init: 'heNormal', inputShape: [12] }), dense(16, 'relu', { init: 'heNormal' }), dense(3, 'softmax')],
      optimizer: 'momentum/call lr=0.01 (explicit)',
      calls: ['compile'],
    },
  ],
  'seq-template-names.js': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [4],
      layers: [dense(8, 'relu', { inputShape: [4] }), dense(8, 'relu'), dense(16, 'relu'), dense(1)],
      optimizer: 'sgd/string lr=0.01 (default)',
      calls: ['compile'],
    },
  ],
  'seq-switch-activation.js': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [9],
      layers: [dense(27, 'softplus', { inputShape: [9] }), dense(27, 'relu'), dense(1, 'linear')],
    },
  ],
  'seq-while-loop.js': [
    {
      name: 'funnel',
      api: 'sequential',
      inputShape: [512],
      layers: [dense(256, 'relu', { inputShape: [512] }), dense(128, 'relu'), dense(64, 'relu'), dense(32, 'relu'), dense(1)],
    },
  ],
  'seq-nested-model.ts': [
    {
      name: 'features',
      api: 'sequential',
      inputShape: [40],
      layers: [dense(20, 'relu', { inputShape: [40] }), dense(10, 'relu')],
    },
    {
      name: 'classifier',
      api: 'sequential',
      inputShape: [40],
      layers: [dense(20, 'relu', { inputShape: [40] }), dense(10, 'relu'), dense(2, 'softmax')],
      optimizer: 'adadelta/call lr=0.001 (default)',
      calls: ['compile'],
    },
  ],
  'seq-tfjs-node-gpu-batch.ts': [
    {
      name: 'train',
      api: 'sequential',
      inputShape: [100],
      layers: [dense(100, 'sigmoid', { inputShape: [100] }), dense(100, 'sigmoid'), dense(1, 'sigmoid')],
      optimizer: 'sgd/call lr=0.5 (explicit)',
      calls: ['compile', 'fit', 'trainOnBatch'],
    },
  ],
  'seq-module.mjs': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [3],
      layers: [dense(6, 'sigmoid', { init: 'leCunUniform', inputShape: [3] }), ...repeat(3, dense(6, 'sigmoid', { init: 'leCunUniform' }))],
    },
  ],
  'func-mlp.ts': [
    {
      name: 'model',
      api: 'functional',
      inputShape: [24],
      layers: [{ kind: 'input', inputShape: [24] }, dense(48, 'relu'), dense(48, 'relu'), dense(2, 'softmax')],
      optimizer: 'adam/call lr=0.001 (default)',
      calls: ['compile'],
    },
  ],
  'func-nested-apply.js': [
    {
      name: 'buildAutoencoder',
      api: 'functional',
      inputShape: [100],
      layers: [{ kind: 'input', inputShape: [100] }, dense(50, 'sigmoid'), dense(10, 'sigmoid'), dense(100, 'sigmoid')],
    },
  ],
  'func-residual.ts': [
    {
      name: 'buildResidualMlp',
      api: 'functional',
      inputShape: [64],
      layers: [
        { kind: 'input', inputShape: [64] },
        dense(64, 'relu', { init: 'heNormal' }),
        dense(64),
        { kind: 'add', inputs: [0, 2] },
        dense(64, 'relu', { init: 'heNormal' }),
        dense(64),
        { kind: 'add', inputs: [3, 5] },
        dense(1),
      ],
      optimizer: 'sgd/call lr=0.01 (explicit)',
      calls: ['compile'],
    },
  ],
  'func-multi-io.ts': [
    {
      name: 'twoHeaded',
      api: 'functional',
      inputShape: [64],
      layers: [
        { kind: 'input', inputShape: [64] },
        { kind: 'input', inputShape: [8], inputs: [] },
        dense(32, 'relu', { inputs: [0] }),
        dense(8, 'relu', { inputs: [1] }),
        { kind: 'concatenate', inputs: [2, 3] },
        dense(5, 'softmax'),
        dense(1, 'sigmoid', { inputs: [4] }),
      ],
      outputs: [5, 6],
      optimizer: 'adam/string lr=0.001 (default)',
      calls: ['compile'],
    },
  ],
  'func-shared-layer.js': [
    {
      name: 'siamese',
      api: 'functional',
      inputShape: [30],
      layers: [
        { kind: 'input', inputShape: [30] },
        { kind: 'input', inputShape: [30], inputs: [] },
        dense(16, 'tanh', { inputs: [0] }),
        dense(16, 'tanh', { inputs: [1] }),
        { kind: 'multiply', inputs: [2, 3] },
        dense(1, 'sigmoid'),
      ],
      optimizer: 'rmsprop/call lr=0.001 (explicit)',
      calls: ['compile'],
    },
  ],
  'func-reduce-chain.ts': [
    {
      name: 'folded',
      api: 'functional',
      inputShape: [6],
      layers: [{ kind: 'input', inputShape: [6] }, dense(20, 'softsign'), dense(20, 'softsign'), dense(4)],
    },
  ],
  'func-conv-skip.ts': [
    {
      name: 'convSkip',
      api: 'functional',
      inputShape: [32, 32, 3],
      layers: [
        { kind: 'input', inputShape: [32, 32, 3] },
        { kind: 'conv2d', units: 8, activation: 'relu', kernelSize: [3, 3] },
        { kind: 'depthwiseConv2d', activation: 'relu', kernelSize: [3, 3] },
        { kind: 'concatenate', inputs: [1, 2] },
        { kind: 'pooling' },
        dense(10),
      ],
    },
  ],
  'core-mlp.ts': [
    {
      name: 'predict',
      api: 'core',
      inputShape: [4],
      layers: [
        dense(32, 'sigmoid', { init: 'randomNormal(mean=0, stddev=1)', inputShape: [4], placement: 'core' }),
        dense(32, 'sigmoid', { init: 'randomNormal(mean=0, stddev=1)', placement: 'core' }),
        dense(3, undefined, { init: 'randomNormal(mean=0, stddev=1)', placement: 'core' }),
      ],
      optimizer: 'sgd/call lr=0.5 (explicit)',
      calls: ['minimize'],
    },
  ],
  'core-variable-grads.js': [
    {
      name: 'forward',
      api: 'core',
      inputShape: [10],
      layers: [
        dense(16, 'relu', { init: 'truncatedNormal(mean=0, stddev=0.1)', inputShape: [10], placement: 'core' }),
        dense(1, undefined, { init: 'truncatedNormal(mean=0, stddev=0.1)', placement: 'core' }),
      ],
      optimizer: 'adam/call lr=0.01 (explicit)',
      calls: ['variableGrads', 'applyGradients'],
      clipping: ['clipByValue'],
    },
  ],
  'core-initializer-apply.ts': [
    {
      name: 'model',
      api: 'core',
      inputShape: [8],
      layers: [dense(8, 'tanh', { init: 'heNormal()', inputShape: [8], placement: 'core' }), dense(1, undefined, { init: 'glorotUniform()', placement: 'core' })],
      optimizer: 'rmsprop/call lr=0.01 (explicit)',
      calls: ['computeGradients', 'applyGradients'],
    },
  ],
  'core-conv.ts': [
    {
      name: 'classify',
      api: 'core',
      // The filter's third axis: one input channel (the image sides are not known).
      inputShape: [null, null, 1],
      layers: [
        { kind: 'conv2d', units: 8, activation: 'relu', init: 'randomUniform(minval=-0.3, maxval=0.3)', kernelSize: [3, 3], inputShape: [null, null, 1], placement: 'core' },
        dense(2, 'softmax', { init: 'randomNormal(mean=0, stddev=0.05)', placement: 'core' }),
      ],
    },
  ],
  'class-model.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [13],
      layers: [dense(24, 'relu', { inputShape: [13] }), dense(24, 'relu'), dense(1)],
      optimizer: 'sgd/call lr=0.001 (explicit)',
      calls: ['compile', 'fit'],
    },
  ],
  'class-functional.js': [
    {
      name: 'network',
      api: 'functional',
      inputShape: [6],
      layers: [
        { kind: 'input', inputShape: [6] },
        { kind: 'input', inputShape: [2], inputs: [] },
        dense(32, 'relu', { inputs: [0] }),
        { kind: 'concatenate', inputs: [2, 1] },
        dense(1),
      ],
      optimizer: 'adam/call lr=0.001 (explicit)',
      calls: ['compile'],
    },
  ],
  'custom-loop-layers.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [3],
      layers: [dense(10, 'tanh', { inputShape: [3] }), dense(1)],
      optimizer: 'sgd/call lr=0.8 (explicit)',
      calls: ['minimize'],
    },
  ],
  'training-fit-dataset.js': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [7],
      layers: [dense(14, 'relu6', { inputShape: [7] }), dense(1)],
      optimizer: 'adagrad/string lr=0.01 (default)',
      calls: ['compile', 'fitDataset'],
    },
  ],
  'clipping-wrapped.ts': [
    {
      name: 'buildRnn',
      api: 'sequential',
      inputShape: [100, 1],
      layers: [{ kind: 'simpleRNN', units: 50, inputShape: [100, 1] }, dense(1)],
      optimizer: 'adam/call lr=0.01 (explicit)',
      calls: ['compile'],
      clipping: ['wrappedApplyGradients'],
    },
  ],
  'clipping-global-norm.js': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [60, 2],
      layers: [{ kind: 'lstm', units: 24, inputShape: [60, 2] }, dense(2)],
      optimizer: 'adam/call lr=0.005 (explicit)',
      calls: ['variableGrads', 'applyGradients'],
      clipping: ['globalNorm'],
    },
  ],
  'imports-default.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [2],
      layers: [dense(4, 'hardSigmoid', { inputShape: [2] }), dense(1, 'sigmoid')],
      optimizer: 'sgd/call lr=1 (explicit)',
      calls: ['compile'],
    },
  ],
  'imports-named-alias.ts': [
    {
      name: 'net',
      api: 'sequential',
      inputShape: [15],
      layers: [dense(30, 'swish', { init: 'heUniform()', inputShape: [15] }), dense(30, 'mish'), dense(1)],
      optimizer: 'adam/call lr=0.1 (explicit)',
      calls: ['compile'],
    },
  ],
  'multi-models-order.js': [
    { name: 'buildEncoder', api: 'sequential', inputShape: [20], layers: [dense(10, 'relu', { inputShape: [20] }), dense(4)] },
    { name: 'decoder', api: 'sequential', inputShape: [4], layers: [dense(10, 'relu', { inputShape: [4] }), dense(20, 'sigmoid')] },
    { name: 'classifier', api: 'sequential', inputShape: [4], layers: [dense(3, 'softmax', { inputShape: [4] })] },
  ],
  'workspace-import.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [40],
      layers: [dense(40, 'relu', { inputShape: [40] }), ...repeat(3, dense(40, 'gelu')), dense(1)],
    },
  ],
  'syntax-error.ts': [
    {
      name: 'model',
      api: 'sequential',
      inputShape: [10],
      layers: [dense(20, 'relu', { inputShape: [10] }), dense(20, 'relu'), { kind: 'dense' }],
    },
  ],
};

describe('extraction fixture suite (test/fixtures/models)', () => {
  it('has at least 40 fixtures, in both .ts and .js, each with a written expectation', () => {
    const names = fixtureNames();
    assert.ok(names.length >= 40, `${names.length} fixtures`);
    assert.ok(names.some((n) => n.endsWith('.ts')) && names.some((n) => n.endsWith('.js')));
    assert.deepEqual(names.filter((n) => !(n in EXPECTED)), []);
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(name, () => {
      const { file } = extractFixture(name);
      assert.deepEqual(summarizeFile(file), expected);
    });
  }
});

describe('extraction fixture details', () => {
  it('layers added under a condition not known statically belong to variants, not to one concatenated model', () => {
    const { file } = extractFixture('seq-conditional.ts');
    // Each variant is a model that can really be built: its layers carry no "both branches" note.
    assert.deepEqual(file.models.map((m) => m.layers.map((l) => l.notes.length)), [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    assert.deepEqual(file.models[0].variant?.conditions, ['opts.dropout', 'opts.deep']);
  });

  it('a loop with an unknown bound counts its body once, with a note', () => {
    const { file } = extractFixture('seq-loop-unknown-bound.ts');
    assert.deepEqual(file.models[0].layers.map((l) => l.notes.length), [0, 1, 0]);
    assert.match(file.models[0].layers[1].notes[0], /counted once/);
  });

  it('explicit and template-literal names; auto names per factory', () => {
    assert.deepEqual(extractFixture('seq-template-names.js').file.models[0].layers.map((l) => l.name), ['stem', 'hidden_1', 'hidden_2', 'dense_1']);
    assert.deepEqual(extractFixture('seq-array-constants.ts').file.models[0].layers.map((l) => l.name), ['reg_in', 'dense_1', 'dropout_1', 'dense_2', 'dense_3']);
  });

  it('a shared layer keeps one name and says it is shared', () => {
    const model = extractFixture('func-shared-layer.js').file.models[0];
    assert.equal(model.layers[2].name, 'encoder');
    assert.equal(model.layers[3].name, 'encoder');
    assert.match(model.layers[3].notes.join(' '), /shared layer/);
  });

  it('opaque layers name their factory and state the assumption', () => {
    const layers = extractFixture('seq-opaque.ts').file.models[0].layers;
    assert.deepEqual([layers[1].factory, layers[2].factory], ['Scale', 'gaussianNoise']);
    for (const layer of [layers[1], layers[2]]) assert.match(layer.notes.join(' '), /no gradient verdict is taken across it/);
  });

  it('core API: the kernel initializer is the random call, with spans of its positional arguments', () => {
    const { text, file } = extractFixture('core-mlp.ts');
    const init = file.models[0].layers[0].kernelInitializer;
    assert.equal(textOf(text, init?.span), 'tf.randomNormal([4, 32], 0, 1)');
    assert.equal(textOf(text, init?.argSpans.stddev), '1');
    assert.equal(textOf(text, init?.argSpans.mean), '0');
    assert.equal(textOf(text, init?.argSpans.shape), '[4, 32]');
    // The third weight relies on the default sd of tf.randomNormal: 1, written as an arg without a span.
    assert.deepEqual(file.models[0].layers[2].kernelInitializer?.argSpans.stddev, undefined);
    assert.equal(textOf(text, file.models[0].layers[0].props.activation?.valueSpan), 'sigmoid');
    assert.equal(textOf(text, file.models[0].nameSpan), 'predict');
  });

  it('clipping evidence points at the clipping code', () => {
    const wrapped = extractFixture('clipping-wrapped.ts');
    assert.equal(textOf(wrapped.text, wrapped.file.models[0].training?.clipping[0].span), 'withGradientClipping(tf.train.adam(0.01), 1)');
    const global = extractFixture('clipping-global-norm.js');
    assert.equal(textOf(global.text, global.file.models[0].training?.clipping[0].span), 'clipByGlobalNorm(grads, 5)');
    const value = extractFixture('core-variable-grads.js');
    assert.equal(textOf(value.text, value.file.models[0].training?.clipping[0].span), 'tf.clipByValue(grads[name], -1, 1)');
  });

  it('import styles are described for fixes', () => {
    assert.deepEqual(
      (({ module, style, namespace, named }) => ({ module, style, namespace, named }))(extractFixture('imports-named-alias.ts').file.tfjs!),
      { module: '@tensorflow/tfjs-node', style: 'named', namespace: undefined, named: { layers: 'L', sequential: 'seq', train: 'train', initializers: 'initializers' } },
    );
    assert.equal(extractFixture('imports-default.ts').file.tfjs?.style, 'default');
    assert.equal(extractFixture('seq-gru-rnn.js').file.tfjs?.module, '@tensorflow/tfjs-node');
    assert.equal(extractFixture('func-conv-skip.ts').file.tfjs?.namespace, 'tfl');
  });

  it('workspace imports: without readFile the imported constants are unknown, and said so', () => {
    const model = extractFixture('workspace-import.ts', false).file.models[0];
    assert.equal(model.layers.length, 3);
    assert.deepEqual([...model.layers[0].unresolved].sort(), ['inputShape', 'units']);
    assert.match(model.layers[1].notes.join(' '), /counted once/);
  });

  it('workspace imports: values from another file carry no ranges of this file', () => {
    const layer = extractFixture('workspace-import.ts').file.models[0].layers[1];
    assert.deepEqual(layer.props, {});
    assert.equal(layer.configSpan, undefined);
    assert.match(layer.notes.join(' '), /another file/);
  });

  it('syntax errors are counted and the rest still extracts', () => {
    const { file } = extractFixture('syntax-error.ts');
    assert.ok(file.hasSyntaxErrors);
    assert.deepEqual(file.models[0].layers[2].unresolved, ['units']);
  });
});
