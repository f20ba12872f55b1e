/**
 * tfjs/identifiers.ts against the installed tfjs 4.22: every string it says resolves does, every
 * string tfjs-api-trap reports throws the error its message quotes, and every replacement it
 * proposes resolves.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  INITIALIZER_STRINGS,
  LOSS_STRINGS,
  METRIC_STRINGS,
  OPTIMIZER_STRINGS,
  REGISTERED_CLASS_NAMES,
  resolvesAs,
  suggestionFor,
  type IdentifierKind,
} from '../../../server/src/engine/tfjs/identifiers';
import { TFJS_ACTIVATIONS } from '../../../server/src/engine/tfjs/activations';

/** Runs what tfjs runs for an identifier of `kind`; throws what tfjs throws. */
function use(kind: IdentifierKind, identifier: unknown): void {
  const layerConfig: Record<IdentifierKind, string> = {
    activation: 'activation',
    initializer: 'kernelInitializer',
    regularizer: 'kernelRegularizer',
    constraint: 'kernelConstraint',
    loss: 'loss',
    optimizer: 'optimizer',
    metric: 'metrics',
  };
  if (kind === 'loss' || kind === 'optimizer' || kind === 'metric') {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'softmax' })] });
    const config: Record<string, unknown> = { optimizer: 'sgd', loss: 'meanSquaredError' };
    config[layerConfig[kind]] = kind === 'metric' ? [identifier] : identifier;
    model.compile(config as unknown as tf.ModelCompileArgs);
    return;
  }
  tf.layers.dense({ units: 2, [layerConfig[kind]]: identifier } as unknown as Parameters<typeof tf.layers.dense>[0]);
}

function resolvedBy(kind: IdentifierKind, suggestion: NonNullable<ReturnType<typeof suggestionFor>>): unknown {
  if (suggestion.form === 'string') return suggestion.value;
  const member = (tf as unknown as Record<string, Record<string, () => unknown>>)[suggestion.namespace][suggestion.member];
  assert.equal(typeof member, 'function', `tf.${suggestion.namespace}.${suggestion.member} exists (${kind})`);
  return suggestion.call ? member() : member;
}

const ERROR_PREFIX: Record<IdentifierKind, string> = {
  activation: 'Unknown activation',
  initializer: 'Unknown initializer',
  regularizer: 'Unknown regularizer',
  constraint: 'Unknown constraint',
  loss: 'Unknown loss',
  optimizer: 'Unknown Optimizer',
  metric: 'Unknown metric',
};

/** Strings people write (Keras, PyTorch, typos) that tfjs-api-trap reports. */
const REPORTED: Record<IdentifierKind, string[]> = {
  activation: ['Relu', 'Sigmoid', 'hard_sigmoid', 'exponential', 'Linear'],
  initializer: ['glorot_uniform', 'he_normal', 'lecunNormal', 'xavier', 'normal', 'kaimingNormal'],
  regularizer: ['l1', 'l2', 'L2', 'l1_l2'],
  constraint: ['max_norm', 'non_neg'],
  loss: ['mse', 'mae', 'categorical_crossentropy', 'binary_crossentropy', 'softmaxCrossEntropy', 'huber', 'kld', 'logCosh'],
  optimizer: ['rmsProp', 'RMSprop', 'momentum', 'nadam', 'adamw', 'Sgd'],
  metric: ['recall', 'sparseCategoricalAccuracy', 'meanSquaredError', 'binaryCrossentropy', 'cosineProximity', 'r2Score'],
};

describe('tfjs identifier strings (against the installed tfjs)', () => {
  it('the registered class names are exactly those of tfjs serialization', () => {
    const registered = Object.keys(tf.serialization.SerializationMap.getMap().classNameMap);
    assert.deepEqual([...REGISTERED_CLASS_NAMES].sort(), registered.sort());
  });

  const accepted: [IdentifierKind, readonly string[]][] = [
    ['activation', [...TFJS_ACTIVATIONS, 'logSoftmax', 'ReLU', 'LeakyReLU', 'Softmax']],
    ['initializer', [...INITIALIZER_STRINGS.filter((name) => name !== 'constant' && name !== 'identity'), 'HeNormal', 'Zeros']],
    ['regularizer', ['l1l2', 'L1L2']],
    ['constraint', ['maxNorm', 'minMaxNorm', 'nonNeg', 'unitNorm', 'MaxNorm']],
    ['loss', LOSS_STRINGS],
    ['optimizer', OPTIMIZER_STRINGS],
    ['metric', METRIC_STRINGS],
  ];
  for (const [kind, names] of accepted) {
    it(`${kind}: every string said to resolve does`, () => {
      for (const name of names) {
        assert.ok(resolvesAs(kind, name), `${name} resolves as ${kind}`);
        assert.doesNotThrow(() => use(kind, name), `${kind} ${name}`);
      }
    });
  }

  for (const [kind, names] of Object.entries(REPORTED) as [IdentifierKind, string[]][]) {
    it(`${kind}: reported strings throw the quoted error and their suggestion resolves`, () => {
      for (const name of names) {
        assert.equal(resolvesAs(kind, name), false, `${name} is reported`);
        assert.throws(() => use(kind, name), (error: Error) => error.message.startsWith(`${ERROR_PREFIX[kind]}`), `${kind} ${name} throws`);
        const suggestion = suggestionFor(kind, name);
        if (suggestion) assert.doesNotThrow(() => use(kind, resolvedBy(kind, suggestion)), `${kind} ${name} -> ${JSON.stringify(suggestion)}`);
      }
    });
  }

  it("'constant' as an initializer string resolves and then throws for want of a value", () => {
    assert.throws(() => use('initializer', 'constant'), /config must have value set/);
  });

  it('compile ignores Keras options, initializer factories ignore a number, global 2d pooling needs a config', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', lr: 0.1, clipnorm: 1 } as unknown as tf.ModelCompileArgs);
    assert.equal((model.optimizer as unknown as { learningRate: number }).learningRate, 0.01);
    const asConfig = (factory: (config: never) => { getConfig(): unknown }, value: number) => factory(value as never).getConfig();
    assert.deepEqual(asConfig(tf.initializers.randomNormal, 1), { mean: 0, stddev: 0.05, seed: undefined });
    assert.deepEqual(asConfig(tf.initializers.glorotUniform, 7), { scale: 1, mode: 'fanAvg', distribution: 'uniform', seed: undefined });
    assert.throws(() => tf.layers.globalAveragePooling2d(undefined as never), /dataFormat/);
    assert.throws(() => tf.layers.globalMaxPooling2d(undefined as never), /dataFormat/);
    assert.doesNotThrow(() => tf.layers.globalAveragePooling2d({}));
  });
});
