/** Incomplete code never crashes or hangs extraction; the deadline option stops it cleanly. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFile } from '../../../server/src/engine/extract';
import { FIXTURES, fixtureNames, readWorkspaceFile } from './fixtureFiles';

describe('extraction on incomplete code', () => {
  it('every fixture truncated at every 7th character analyses without throwing, hanging or an internal error', function () {
    this.timeout(120_000);
    let runs = 0;
    for (const name of fixtureNames()) {
      const fileName = path.join(FIXTURES, name);
      const text = fs.readFileSync(fileName, 'utf8');
      for (let end = 0; end <= text.length; end += 7) {
        const started = performance.now();
        const file = extractFile(text.slice(0, end), fileName, { readFile: readWorkspaceFile });
        const elapsed = performance.now() - started;
        runs++;
        assert.ok(elapsed < 2000, `${name} cut at ${end} took ${elapsed.toFixed(0)} ms`);
        assert.ok(!(file.notes ?? []).some((note) => note.includes('internal')), `${name} cut at ${end}: ${file.notes?.join('; ')}`);
        for (const model of file.models) {
          for (const layer of model.layers) {
            assert.ok(layer.span.start >= 0 && layer.span.end <= end, `${name} cut at ${end}: span out of the text`);
          }
        }
      }
    }
    assert.ok(runs > 1000, `${runs} truncated files analysed`);
  });

  it('an infinite loop with a constant condition stops at the iteration cap, with a note', () => {
    const text = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nwhile (true) { m.add(tf.layers.dense({ units: 2 })); }\n";
    const file = extractFile(text, 'loop.ts');
    assert.equal(file.models[0].layers.length, 512);
    assert.match(file.notes?.join(' ') ?? '', /stopped after 512 iterations/);
  });

  it('unbounded recursion is cut off', () => {
    const text = "import * as tf from '@tensorflow/tfjs';\nfunction f(n) { return f(n + 1); }\nconst m = tf.sequential({ layers: [tf.layers.dense({ units: f(0) })] });\n";
    const file = extractFile(text, 'rec.js');
    assert.deepEqual(file.models[0].layers[0].unresolved, ['units']);
  });

  it('recursion with known arguments runs a few levels: a preset resolver following `extends` with a Set of names seen', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const PRESETS = { base: { lr: 1e-3, units: 64 }, quick: { extends: 'base', epochs: 8 }, aggressive: { extends: 'quick', lr: 0.05 } };
function resolve(name, seen = new Set()) {
  if (seen.has(name)) throw new Error('cycle');
  seen.add(name);
  const { extends: parent, ...own } = PRESETS[name];
  return parent ? { ...resolve(parent, seen), ...own } : own;
}
const cfg = resolve('aggressive');
const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: cfg.units })] });
m.compile({ optimizer: tf.train.adam(cfg.lr), loss: 'meanSquaredError' });
`;
    const [model] = extractFile(text, 'presets.js').models;
    assert.equal(model.layers[0].units, 64);
    assert.equal(model.training?.optimizer?.learningRate, 0.05);
  });

  it('recursion with no argument known does not run again: fib(n) of an unknown n stays unknown', () => {
    const text = "import * as tf from '@tensorflow/tfjs';\nfunction fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nexport function build(n) { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: fib(n) })] }); }\n";
    const file = extractFile(text, 'fib.js');
    assert.deepEqual(file.models[0].layers[0].unresolved, ['units']);
  });

  it('unbounded recursion through closures made afresh at each call is cut off by depth', () => {
    const text = "import * as tf from '@tensorflow/tfjs';\nconst deeper = (n) => (m) => deeper(n + 1)(m + 1);\nconst m = tf.sequential({ layers: [tf.layers.dense({ units: deeper(0)(0) })] });\n";
    const file = extractFile(text, 'rec.js');
    assert.deepEqual(file.models[0].layers[0].unresolved, ['units']);
  });

  it('a function made by another call of its maker is no recursion: compose(...) nested in compose(...) runs', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const compose = (...fns) => (x) => fns.reduceRight((acc, fn) => fn(acc), x);
const addDense = (config) => (model) => { model.add(tf.layers.dense(config)); return model; };
const hidden = addDense({ units: 8, activation: 'sigmoid' });
const build = compose(addDense({ units: 2, activation: 'softmax' }), compose(hidden, hidden, hidden), addDense({ inputShape: [20], units: 8, activation: 'sigmoid' }));
export const model = build(tf.sequential());
`;
    assert.deepEqual(extractFile(text, 'compose.js').models[0].layers.map((layer) => layer.activation), ['sigmoid', 'sigmoid', 'sigmoid', 'sigmoid', 'softmax']);
  });

  it('a deadline in the past stops the walk and says so on the file and on each model', () => {
    const body = Array.from({ length: 400 }, (_, i) => `model.add(tf.layers.dense({ units: ${i + 1} }));`).join('\n');
    const text = `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\n${body}\n`;
    const file = extractFile(text, 'big.ts', { deadline: performance.now() - 1 });
    assert.match(file.notes?.join(' ') ?? '', /time budget/);
    assert.equal(file.models.length, 1);
    assert.ok(file.models[0].layers.length < 400);
    assert.match(file.models[0].notes.join(' '), /time budget/);
    const complete = extractFile(text, 'big.ts');
    assert.equal(complete.models[0].layers.length, 400);
    assert.equal(complete.notes, undefined);
  });
});

describe('extraction on pathological code', () => {
  it('code nested too deeply for the parser gives a clear note, not an exception', () => {
    const text = `import * as tf from '@tensorflow/tfjs';\nconst x = ${'('.repeat(20000)}1${')'.repeat(20000)};\n`;
    const file = extractFile(text, 'deep.ts');
    assert.deepEqual(file.models, []);
    assert.match(file.notes?.join(' ') ?? '', /nested too deeply/);
  });

  it('absurd constants are reported as written, and quickly', () => {
    const text = "import * as tf from '@tensorflow/tfjs';\nconst T = 1e308;\nconst m = tf.sequential({ layers: [tf.layers.lstm({ inputShape: [T, 3], units: 4 })] });\n";
    const started = performance.now();
    const file = extractFile(text, 'big.ts');
    assert.ok(performance.now() - started < 1000);
    assert.deepEqual(file.models[0].inputShape, [1e308, 3]);
  });
});
