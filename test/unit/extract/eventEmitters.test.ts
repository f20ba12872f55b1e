/**
 * Node's EventEmitter: a listener runs when the file emits its event, with the emitted arguments;
 * a listener of an event nothing emits never runs, unless code the run does not see may emit it.
 */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** A trainer that compiles with adam 0.001 and whose 'plateau' listener recompiles with adam 0.1. */
const trainer = (header: string, after = '', classPrefix = '') => `${header}
${classPrefix}class Trainer extends EventEmitter {
  constructor() {
    super();
    this.model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [128], units: 1 })] });
    this.model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
    this.on('plateau', () => this.model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' }));
  }
  async train(xs, ys) {
    await this.model.fit(xs, ys, { epochs: 5, callbacks: { onEpochEnd: (epoch, logs) => this.emit('epoch', logs) } });
    this.emit('done');
  }
}
const trainer = new Trainer();
trainer.on('epoch', (logs) => console.log(logs));
${after}
trainer.train(xs, ys);
`;

const ESM = "import * as tf from '@tensorflow/tfjs';\nimport { EventEmitter } from 'events';";

function ratesOf(code: string, fileName = 'trainer.mjs'): unknown[] {
  return extractFile(code, fileName).models.map((model) => model.training?.optimizer?.learningRate);
}

describe('extraction: event emitters', () => {
  it("a listener of an event nothing emits never runs: the model trains at the rate it was compiled with", () => {
    assert.deepEqual(ratesOf(trainer(ESM)), [0.001]);
    assert.deepEqual(ratesOf(trainer("const tf = require('@tensorflow/tfjs');\nconst EventEmitter = require('events');"), 'trainer.js'), [0.001]);
    assert.deepEqual(ratesOf(trainer("const tf = require('@tensorflow/tfjs');\nconst { EventEmitter } = require('node:events');"), 'trainer.js'), [0.001]);
  });

  it('emitted, exported, handed to code not modelled, or emitted under a name not known: the listener runs', () => {
    for (const code of [
      trainer(ESM, "trainer.emit('plateau');"),
      trainer(ESM, '', 'export '),
      trainer(ESM, 'attachDashboard(trainer);'),
      trainer(ESM, 'trainer.emit(process.argv[2]);'),
    ]) assert.deepEqual(ratesOf(code), [0.1], code);
  });

  it('a listener gets the arguments emitted', () => {
    const code = `${ESM}
const bus = new EventEmitter();
bus.on('train', ({ lr }) => {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 1 })] });
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
});
bus.emit('train', { lr: 0.004 });
`;
    assert.deepEqual(ratesOf(code), [0.004]);
  });
});
