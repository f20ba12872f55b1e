/** React hooks: useMemo gives its factory's value and useCallback its function, so a model made in one hook is trained in another. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const program = (imports: string, memo: string, callback: string) =>
  [
    "import * as tf from '@tensorflow/tfjs';",
    imports,
    'function createHead() {',
    "  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [1280], units: 3, activation: 'softmax' })] });",
    '}',
    'export function useTrainer() {',
    `  const model = ${memo}(() => createHead(), []);`,
    `  const train = ${callback}(async (xs, ys) => {`,
    "    model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });",
    '    await model.fit(xs, ys, { epochs: 5 });',
    '  }, [model]);',
    '  return { model, train };',
    '}',
  ].join('\n');

describe('extraction of React hooks', () => {
  const imports: [string, string, string, string][] = [
    ['named imports', "import { useCallback, useMemo } from 'react';", 'useMemo', 'useCallback'],
    ['the default import', "import React from 'react';", 'React.useMemo', 'React.useCallback'],
    ['require', "const React = require('react');", 'React.useMemo', 'React.useCallback'],
    ['preact/hooks', "import { useCallback, useMemo } from 'preact/hooks';", 'useMemo', 'useCallback'],
  ];
  for (const [name, line, memo, callback] of imports) {
    it(`useMemo's model is the one useCallback's function compiles and fits (${name})`, () => {
      const models = extractFile(program(line, memo, callback), 'hook.js').models;
      assert.equal(models.length, 1);
      assert.equal(models[0].training?.optimizer?.learningRate, 0.05);
      assert.deepEqual(models[0].training?.losses?.map((loss) => loss.name), ['categoricalCrossentropy']);
      assert.deepEqual(models[0].training?.calls.map((call) => call.kind), ['compile', 'fit']);
    });
  }

  it('a hook from another package stays unknown: its model is not the factory\'s', () => {
    const models = extractFile(program("import { useMemo, useCallback } from 'some-hooks';", 'useMemo', 'useCallback'), 'hook.js').models;
    assert.equal(models[0].training?.losses, undefined);
  });
});

describe('React state as a setting', () => {
  const trainer = (initial: string) => `import * as tf from '@tensorflow/tfjs';
import { useCallback, useState } from 'react';
export function SketchTrainer() {
  const [learningRate, setLearningRate] = useState(${initial});
  const [layers] = useState(() => [64]);
  const train = useCallback(async (xs, ys) => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [128], units: 10, activation: 'softmax' })] });
    model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
    await model.fit(xs, ys);
  }, [learningRate]);
  return { train, setLearningRate, layers };
}
`;

  it('useState(0.1) behind a slider is read at its initial value, as a lazy initializer is', () => {
    assert.equal(extractFile(trainer('0.1'), 'trainer.tsx').models[0].training?.optimizer?.learningRate, 0.1);
    assert.equal(extractFile(trainer('() => 0.1'), 'trainer.tsx').models[0].training?.optimizer?.learningRate, 0.1);
  });

  it('state holding an object of settings is read at its initial value; its empty members (data an effect loads later) are not known', () => {
    const rateOf = (initial: string, read: string) => extractFile(trainer(initial).replace('adam(learningRate)', `adam(${read})`), 'trainer.tsx').models[0].training?.optimizer?.learningRate;
    assert.equal(rateOf('{ value: 0.1 }', 'learningRate.value'), 0.1);
    assert.equal(rateOf('() => ({ value: 0.1 })', 'learningRate.value'), 0.1);
    assert.equal(rateOf('{ value: null }', 'learningRate.value ?? 0.5'), undefined);
  });

  describe('an effect gated by its dependency runs again with it not known', () => {
    const trainer = (gate: string) => `import * as tf from '@tensorflow/tfjs';
import { useEffect, useState } from 'react';
export function Trainer() {
  const [running, setRunning] = useState(false);
  const [rate] = useState(0.004);
  useEffect(() => {
    ${gate}
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
    model.compile({ optimizer: tf.train.adam(rate), loss: 'meanSquaredError' });
  }, [running]);
  return null;
}
`;
    it('`if (!running) return` with running false at first: the training after it is read', () => {
      const [model] = extractFile(trainer('if (!running) return;'), 'Trainer.tsx').models;
      assert.equal(model?.training?.optimizer?.learningRate, 0.004);
    });

    it('in that second run, a choice kept in state with a setter (a select box) is not known either: each branch on it is a variant', () => {
      const text = `import * as tf from '@tensorflow/tfjs';
import { useEffect, useState } from 'react';
export function Forecaster() {
  const [cell, setCell] = useState('gru');
  const [requested, setRequested] = useState(0);
  const [rate] = useState(0.004);
  useEffect(() => {
    if (requested === 0) return;
    const recurrent = cell === 'simpleRNN' ? tf.layers.simpleRNN({ units: 32, inputShape: [90, 4] }) : tf.layers.gru({ units: 32, inputShape: [90, 4] });
    const model = tf.sequential({ layers: [recurrent, tf.layers.dense({ units: 1 })] });
    model.compile({ optimizer: tf.train.adam(rate), loss: 'meanSquaredError' });
  }, [requested]);
  return { setCell, setRequested };
}
`;
      const models = extractFile(text, 'Forecaster.tsx').models;
      assert.deepEqual(models.map((model) => [model.layers[0].kind, model.training?.optimizer?.learningRate]).sort(), [['gru', 0.004], ['simpleRNN', 0.004]]);
    });

    it('an effect that did its work at once is not run again: one model', () => {
      assert.equal(extractFile(trainer(''), 'Trainer.tsx').models.length, 1);
    });
  });

  it("a ref holds what the render's code writes into it: the optimizer a callback stores is the one compile reads and a decay callback assigns", () => {
    const text = (initial: string) => `import * as tf from '@tensorflow/tfjs';
import { useCallback, useRef } from 'react';
export function useTrainer(series) {
  const optimizerRef = useRef(${initial});
  const decay = useCallback((epoch) => {
    const opt = optimizerRef.current;
    if (opt && (epoch + 1) % 10 === 0) opt.learningRate = opt.learningRate * 0.5;
  }, []);
  const start = useCallback(async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [24], units: 1 })] });
    optimizerRef.current = tf.train.sgd(0.01);
    model.compile({ optimizer: optimizerRef.current, loss: 'meanSquaredError' });
    await model.fit(series.xs, series.ys, { epochs: 60, callbacks: { onEpochEnd: (epoch) => decay(epoch) } });
  }, [series]);
  return { start };
}
`;
    const optimizer = extractFile(text('null'), 'useTrainer.ts').models[0].training?.optimizer;
    assert.deepEqual([optimizer?.name, optimizer?.learningRate, optimizer?.rateAssignments?.length], ['sgd', 0.01, 1]);
    // What an earlier render left in a ref is not in the file: a ref's non-placeholder initial value stays unknown.
    const seeded = extractFile(text('0.5').replace('tf.train.sgd(0.01)', 'tf.train.sgd(optimizerRef.current)'), 'useTrainer.ts').models[0].training?.optimizer;
    assert.equal(seeded?.learningRate, undefined);
  });
});
