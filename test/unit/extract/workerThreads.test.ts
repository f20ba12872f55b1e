/** A module that starts itself as a worker thread: the worker's `workerData` is what its own main thread sends. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';
import { importersAmong } from '../../../server/src/cli/workspaceFiles';

const MODEL = `const model = tf.sequential();
  model.add(tf.layers.simpleRNN({ units: 8, inputShape: [STEPS, 3] }));`;

/** The simpleRNN's time steps of every model the file builds. */
function stepsOf(code: string, fileName = 'forecast.mjs'): unknown[] {
  return extractFile(code, fileName).models.map((model) => model.layers[0].inputShape?.[0]);
}

const esm = (body: string) => `import * as tf from '@tensorflow/tfjs-node';
import { Worker, isMainThread, workerData } from 'worker_threads';
import { fileURLToPath } from 'url';
${body}
`;

const mainSends = (data: string) => `new Worker(fileURLToPath(import.meta.url), { workerData: ${data} });`;
const workerBuilds = `const { windowSize: STEPS } = workerData;\n  ${MODEL}`;

describe('extraction of worker threads', () => {
  it('the main thread sends, the worker branch reads: the data reaches the model', () => {
    assert.deepEqual(stepsOf(esm(`if (isMainThread) {\n  ${mainSends('{ windowSize: 96 }')}\n} else {\n  ${workerBuilds}\n}`)), [96]);
  });

  it('the worker branch written first (`if (!isMainThread)`): the main thread still runs first', () => {
    assert.deepEqual(stepsOf(esm(`if (!isMainThread) {\n  ${workerBuilds}\n} else {\n  const options = { windowSize: 24 * 4 };\n  ${mainSends('options')}\n}`)), [96]);
  });

  it('CommonJS: require, __filename, members read through the namespace', () => {
    const code = `const tf = require('@tensorflow/tfjs-node');
const threads = require('worker_threads');
if (threads.isMainThread) {
  new threads.Worker(__filename, { workerData: { windowSize: 120 } });
} else {
  const STEPS = threads.workerData.windowSize;
  ${MODEL}
}
`;
    assert.deepEqual(stepsOf(code, 'forecast.js'), [120]);
  });

  it('a worker another file starts, or one started twice with other data: unknown (defaults apply)', () => {
    const other = esm(`if (isMainThread) {\n  new Worker('./trainer.mjs', { workerData: { windowSize: 96 } });\n} else {\n  ${workerBuilds}\n}`);
    assert.deepEqual(stepsOf(other), [null]);
    const twice = esm(`if (isMainThread) {\n  for (const windowSize of [24, 96]) ${mainSends('{ windowSize }')}\n} else {\n  ${workerBuilds}\n}`);
    assert.deepEqual(stepsOf(twice), [null]);
    // Started by a gateway, as its comment says: the destructuring defaults are what runs.
    const started = esm(`// new Worker(new URL('./forecast.mjs', import.meta.url), { workerData }) in gateway.mjs\nconst { windowSize: STEPS = 72 } = workerData ?? {};\n${MODEL}`);
    assert.deepEqual(stepsOf(started), [72]);
  });

  it("a worker that a file among its importers starts: its workerData is what that file sends (a key it sends, though not known, is no fallback; a key it omits is)", () => {
    const worker = `const tf = require('@tensorflow/tfjs-node');
const { workerData } = require('worker_threads');
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.adam(workerData.lr ?? 0.05), loss: 'meanSquaredError' });
`;
    const rateOf = (settings: string, entry = "path.join(__dirname, 'worker.js')") => {
      const main = `const path = require('path');\nconst { Worker } = require('worker_threads');\nconst lr = Math.min(Number(process.env.LR), 0.005);\nconst settings = ${settings};\nnew Worker(${entry}, { workerData: settings });\n`;
      return extractFile(worker, '/ws/worker.js', { importers: [{ fileName: '/ws/main.js', text: main }] }).models[0].training?.optimizer?.learningRate;
    };
    assert.equal(rateOf('{ lr, steps: 100 }'), undefined);
    assert.equal(rateOf('{ lr: 0.002 }'), 0.002);
    assert.equal(rateOf("{ lr: 0.002 }", "'./worker.js'"), 0.002);
    assert.equal(rateOf('{ steps: 100 }'), 0.05, 'the starter omits lr: the fallback runs');
    assert.equal(rateOf('{ lr: 0.002 }', "path.join(__dirname, 'other-worker.js')"), 0.05, 'another worker is started: this one is started by code not seen');
  });

  it("a builder a worker thread's entry calls: the worker's workerData is what the file starting it sends, that file found among the workspace's files", () => {
    const model = `const tf = require('@tensorflow/tfjs-node');
function buildModel({ lr }) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
  return model;
}
module.exports = { buildModel };
`;
    const worker = `const { workerData } = require('worker_threads');
const { buildModel } = require('./model.js');
buildModel({ lr: workerData.lr ?? 0.05 }).fit(xs, ys);
`;
    const rateOf = (settings: string) => {
      const main = `const path = require('path');
const { Worker } = require('worker_threads');
new Worker(path.join(__dirname, 'worker.js'), { workerData: ${settings} });
`;
      const files = new Map([['/ws/model.js', model], ['/ws/worker.js', worker], ['/ws/main.js', main]]);
      return extractFile(model, '/ws/model.js', { importers: importersAmong(files)('/ws/model.js') }).models[0].training?.optimizer?.learningRate;
    };
    assert.equal(rateOf('{ lr: 0.002 }'), 0.002);
    assert.equal(rateOf('{ steps: 100 }'), 0.05, 'the starter omits lr: the fallback runs');
  });

  it("a builder a worker's message handler calls: the handler receives what the file starting the worker posts to it", () => {
    const model = `const tf = require('@tensorflow/tfjs-node');
function buildModel({ lr }) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
  return model;
}
module.exports = { buildModel };
`;
    const worker = `const { parentPort } = require('worker_threads');\nconst { buildModel } = require('./model.js');\nparentPort.on('message', (msg) => {\n  buildModel({ lr: msg.lr ?? 0.05 }).fit(xs, ys);\n});\n`;
    const rateOf = (posted: string) => {
      const main = `const path = require('path');\nconst { Worker } = require('worker_threads');\nconst worker = new Worker(path.join(__dirname, 'worker.js'));\nworker.postMessage(${posted});\n`;
      const files = new Map([['/ws/model.js', model], ['/ws/worker.js', worker], ['/ws/main.js', main]]);
      return extractFile(model, '/ws/model.js', { importers: importersAmong(files)('/ws/model.js') }).models[0].training?.optimizer?.learningRate;
    };
    assert.equal(rateOf('{ type: "train", lr: 0.002 }'), 0.002);
    assert.equal(rateOf('{ type: "train" }'), 0.05, 'the message has no lr: the fallback runs');
    assert.equal(rateOf('{ type: "train", lr: Number(process.env.LR) }'), undefined, 'a rate not known is no fallback');
  });

  it('in a module that does not start itself, isMainThread stays a decision between variants', () => {
    const code = esm(`const STEPS = isMainThread ? 10 : 200;\nif (isMainThread) {\n  console.log('main');\n} else {\n  ${MODEL}\n}`).replace("import { fileURLToPath } from 'url';\n", '');
    assert.deepEqual(stepsOf(code), [200]);
  });
});
