/** Milestone 1: every file in examples/ extracts to the architecture written in it. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFile } from '../../../server/src/engine/extract';
import { repeat, summarizeFile, textOf } from './summary';

const root = path.resolve(__dirname, '../../../examples');
function load(relative: string) {
  const fileName = path.join(root, relative);
  const text = fs.readFileSync(fileName, 'utf8');
  return { text, file: extractFile(text, fileName) };
}

describe('extraction of examples/', () => {
  it('healthy/relu-he-mlp.ts: 8 dense layers (6 from a loop), adam(1e-3)', () => {
    const { text, file } = load('healthy/relu-he-mlp.ts');
    const he = { kind: 'dense', units: 128, activation: 'relu', init: 'heUniform' };
    assert.deepEqual(summarizeFile(file), [
      {
        name: 'buildMlp',
        api: 'sequential',
        inputShape: [null],
        layers: [{ ...he, inputShape: [null] }, ...repeat(6, he), { kind: 'dense', units: 10, activation: 'softmax' }],
        optimizer: 'adam/call lr=0.001 (explicit)',
        calls: ['compile'],
      },
    ]);
    const model = file.models[0];
    // inputShape: [inputSize] depends on a parameter: its one entry is unknown (null), the key unresolved, never guessed.
    assert.deepEqual(model.layers[0].unresolved, ['inputShape']);
    assert.equal(textOf(text, model.training?.optimizer?.span), 'tf.train.adam(1e-3)');
    assert.equal(textOf(text, model.training?.optimizer?.lrSpan), '1e-3');
    assert.equal(textOf(text, model.nameSpan), 'buildMlp');
    // The loop's six layers share one span and one add statement.
    const loopLayers = model.layers.slice(1, 7);
    assert.ok(loopLayers.every((l) => l.span.start === loopLayers[0].span.start));
    assert.deepEqual(model.layers.map((l) => l.name), ['dense_1', 'dense_2', 'dense_3', 'dense_4', 'dense_5', 'dense_6', 'dense_7', 'dense_8']);
    const placement = model.layers[3].placement;
    assert.equal(placement.kind, 'addCall');
    if (placement.kind === 'addCall') {
      assert.equal(placement.receiver, 'model');
      assert.equal(textOf(text, placement.statement), "model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: 'heUniform' }));");
    }
    assert.equal(file.tfjs?.style, 'namespace');
    assert.equal(file.tfjs?.namespace, 'tf');
    assert.equal(text.slice(0, file.afterImports).trimEnd().endsWith("from '@tensorflow/tfjs';"), true);
    assert.equal(file.hasSyntaxErrors, false);
  });

  it('healthy/tanh-autoencoder.js: layers array with constants, compile string adam', () => {
    const { text, file } = load('healthy/tanh-autoencoder.js');
    assert.deepEqual(summarizeFile(file), [
      {
        name: 'autoencoder',
        api: 'sequential',
        inputShape: [64],
        layers: [
          { kind: 'dense', units: 32, activation: 'tanh', inputShape: [64] },
          { kind: 'dense', units: 8, activation: 'tanh' },
          { kind: 'dense', units: 32, activation: 'tanh' },
          { kind: 'dense', units: 64 },
        ],
        optimizer: 'adam/string lr=0.001 (default)',
        calls: ['compile'],
      },
    ]);
    const layer = file.models[0].layers[1];
    assert.deepEqual(layer.placement, { kind: 'arrayElement' });
    assert.equal(textOf(text, layer.props.units.valueSpan), 'CODE');
    assert.equal(textOf(text, layer.props.activation.span), "activation: 'tanh'");
    assert.equal(textOf(text, layer.configSpan), "{ units: CODE, activation: 'tanh' }");
    assert.equal(textOf(text, file.models[0].training?.optimizer?.span), "'adam'");
  });

  it('sick/deep-sigmoid-classifier.ts: 9 glorotUniform layers, 8 of them sigmoid (loop from 1 to DEPTH)', () => {
    const { file } = load('sick/deep-sigmoid-classifier.ts');
    const sigmoid = { kind: 'dense', units: 128, activation: 'sigmoid', init: 'glorotUniform' };
    assert.deepEqual(summarizeFile(file), [
      {
        name: 'buildClassifier',
        api: 'sequential',
        inputShape: [128],
        layers: [{ ...sigmoid, inputShape: [128] }, ...repeat(7, sigmoid), { kind: 'dense', units: 10, init: 'glorotUniform' }],
        optimizer: 'adam/string lr=0.001 (default)',
        calls: ['compile'],
      },
    ]);
  });

  it('sick/sequence-forecaster.ts: lstm + dense, adam(learningRate = 0.5) through an identifier, fit', () => {
    const { text, file } = load('sick/sequence-forecaster.ts');
    assert.deepEqual(summarizeFile(file), [
      {
        name: 'trainForecaster',
        api: 'sequential',
        inputShape: [120, 1],
        layers: [
          { kind: 'lstm', units: 64, inputShape: [120, 1] },
          { kind: 'dense', units: 1 },
        ],
        optimizer: 'adam/call lr=0.5 (explicit)',
        calls: ['compile', 'fit'],
      },
    ]);
    const optimizer = file.models[0].training?.optimizer;
    assert.equal(textOf(text, optimizer?.span), 'tf.train.adam(learningRate)');
    assert.equal(textOf(text, optimizer?.lrSpan), 'learningRate');
    assert.equal(textOf(text, optimizer?.useSpan), 'optimizer');
    const fit = file.models[0].training?.calls[1];
    assert.deepEqual(fit?.argSpans.map((s) => textOf(text, s)), ['xs', 'ys', '{ epochs: 20, batchSize: 32 }']);
  });

  it('sick/wide-init-regressor.js: a shared randomNormal(sd 0.5) initializer identifier, sgd(0.5), require style', () => {
    const { text, file } = load('sick/wide-init-regressor.js');
    const wide = { kind: 'dense', units: 256, activation: 'relu', init: 'randomNormal(mean=0, stddev=0.5)' };
    assert.deepEqual(summarizeFile(file), [
      {
        name: 'model',
        api: 'sequential',
        inputShape: [256],
        layers: [{ ...wide, inputShape: [256] }, wide, wide, wide, { kind: 'dense', units: 1 }],
        optimizer: 'sgd/call lr=0.5 (explicit)',
        calls: ['compile'],
      },
    ]);
    const init = file.models[0].layers[2].kernelInitializer;
    assert.equal(textOf(text, init?.span), 'tf.initializers.randomNormal({ mean: 0, stddev: 0.5 })');
    assert.equal(textOf(text, init?.argSpans.stddev), '0.5');
    assert.equal(textOf(text, file.models[0].layers[2].props.kernelInitializer.valueSpan), 'bigInit');
    assert.equal(file.tfjs?.style, 'require');
    assert.equal(file.tfjs?.namespace, 'tf');
  });
});
