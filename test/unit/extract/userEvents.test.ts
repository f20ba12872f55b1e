/** Handlers of user-input events run once for their many runs, but what they write over set state does not stay. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rate and first units of the model `train()` builds from `state`, after `code` ran. */
function trained(code: string) {
  const text = `import * as tf from '@tensorflow/tfjs';
let state = { lr: 0.05, units: 32 };
const button = document.getElementById('go');
${code}
export function train() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [8], units: state.units, activation: 'relu' }));
  model.compile({ optimizer: tf.train.adam(state.lr), loss: 'meanSquaredError' });
  return model;
}
`;
  const model = extractFile(text, 'panel.ts').models[0];
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

describe('extraction of user-event handlers', () => {
  const cases: [string, string, { lr: unknown; units: unknown }][] = [
    ['a click handler that replaces the state is undone', "button.addEventListener('click', () => { state = { ...state, lr: 0.001 }; });", { lr: 0.05, units: 32 }],
    ['a keydown handler that writes under a condition is undone', "document.addEventListener('keydown', (e) => { if (e.key === 't') state = { ...state, lr: 1 }; });", { lr: 0.05, units: 32 }],
    ['a member written by a change handler is undone', "button.addEventListener('change', () => { state.lr = 0.5; state.units = 4; });", { lr: 0.05, units: 32 }],
    ['a write through a store the handler dispatches to is undone', "function setRate(rate) { state = { ...state, lr: rate }; }\nbutton.addEventListener('click', () => setRate(0.3));", { lr: 0.05, units: 32 }],
    ['jQuery: on() with several user events', "$('#go').on('click touchend', () => { state.lr = 0.4; });", { lr: 0.05, units: 32 }],
    ['jQuery: a shorthand event method', "$('#go').click(() => { state.lr = 0.4; });", { lr: 0.05, units: 32 }],
    ['a load handler does run: its writes stay', "window.addEventListener('load', () => { state = { ...state, lr: 0.002 }; });", { lr: 0.002, units: 32 }],
    ['a stream event handler runs: its writes stay', "process.stdin.on('data', () => { state.units = 64; });", { lr: 0.05, units: 64 }],
    ['a member added where none was set stays', "button.addEventListener('click', () => { state.extra = 1; state = { ...state, lr: 0.2 }; });", { lr: 0.05, units: 32 }],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.deepEqual(trained(code), expected));

  it('samples a handler accumulates have no known count: training guarded by their number is read', () => {
    const guarded = (record: string) => `import * as tf from '@tensorflow/tfjs';
function signal(initial) {
  let current = initial;
  return { get value() { return current; }, set value(next) { current = next; } };
}
const samples = signal([]);
const list = [];
document.getElementById('record').addEventListener('click', () => { ${record} });
document.getElementById('train').addEventListener('click', () => {
  if (samples.value.length + list.length < 50) return;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
});
`;
    assert.equal(extractFile(guarded('samples.value = [...samples.value, readSample()];'), 'record.js').models.length, 1);
    assert.equal(extractFile(guarded('list.push(readSample());'), 'record.js').models.length, 1);
    // A list of a module-level object, filled by a function the page calls (`window.pad = { addSample }`).
    const recorded = guarded('').replace('const list = [];', 'const recorded = { labels: [] };\nfunction addSample(s) { recorded.labels.push(s); }\nwindow.pad = { addSample };').replace('list.length', 'recorded.labels.length');
    assert.equal(extractFile(recorded, 'record.js').models.length, 1);
    // One sample replacing the empty list is still a list of one: the guard holds.
    assert.equal(extractFile(guarded('samples.value = [readSample()];'), 'record.js').models.length, 0);
  });

  it('counts a function keeps (`this.counts[label] += 1`, `samples++`) have no known value in a handler: training guarded by them is read', () => {
    const page = (dataset: string, guard: string) => `${dataset}
document.getElementById('train').addEventListener('click', () => {
  if (${guard}) return;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
});
`;
    const perClass = `class ControllerDataset {
  constructor(n) { this.counts = new Array(n).fill(0); }
  addExample(example, label) { this.counts[label] += 1; }
  ready() { return this.counts.every((c) => c >= 10); }
}
const dataset = new ControllerDataset(4);
document.getElementById('add').addEventListener('mousedown', () => dataset.addExample(readFrame(), 0));`;
    assert.equal(extractFile(page(perClass, '!dataset.ready()'), 'pacman.js').models.length, 1);
    assert.equal(extractFile(page('let samples = 0;\nfunction addSample() { samples++; }\nwindow.pad = { addSample };', 'samples < 10'), 'pad.js').models.length, 1);
    // Nothing counts them: the guard holds, as written.
    assert.equal(extractFile(page('const samples = 0;', 'samples < 10'), 'pad.js').models.length, 0);
  });

  it("a p5.js element's handlers (`createButton('train').mousePressed(retrain)`) are user events; counts tallied per label by forEach over a list of unknown size (`samples.forEach((s) => counts[s.label]++)`) are not known", () => {
    const sketch = (register: string, tally: string) => `/* global tf, createButton, createCanvas */
const samples = [];
let model = null;
function countsPerLabel() {
  const counts = [0, 0, 0];
  ${tally}
  return counts;
}
function addSample() { samples.push({ label: 1 }); }
function retrain() {
  if (countsPerLabel().some((c) => c < 5)) return;
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
}
function setup() {
  createCanvas(320, 320);
  model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 3, activation: 'softmax' })] });
  ${register}
}
function draw() {}
`;
    const p5Buttons = "createButton('add sample').mousePressed(addSample);\n  createButton('train').mousePressed(retrain);";
    const rate = (text: string) => extractFile(text, 'sketch.js').models[0]?.training?.optimizer?.learningRate;
    assert.equal(rate(sketch(p5Buttons, 'samples.forEach((s) => counts[s.label]++);')), 0.05);
    // Nothing adds samples: the guard holds, as written.
    const unfilled = sketch("createButton('train').mousePressed(retrain);", 'samples.forEach((s) => counts[s.label]++);').replace('function addSample() { samples.push({ label: 1 }); }\n', '');
    assert.equal(rate(unfilled), undefined);
  });

  it('a name that held only a placeholder keeps what a handler wrote, and models built in handlers are read', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
let model = null;
document.getElementById('create').addEventListener('click', () => {
  model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
});
document.getElementById('train').addEventListener('click', async () => {
  model.compile({ optimizer: tf.train.sgd(0.02), loss: 'meanSquaredError' });
});
`;
    const models = extractFile(text, 'buttons.js').models;
    assert.equal(models.length, 1);
    assert.equal(models[0].training?.optimizer?.learningRate, 0.02);
  });

  it('a handler registered in a function runs once that function returns: it trains the model the function builds after wiring the button, and no other', () => {
    const sketch = (setup: string) => `/* global tf, createButton */
let net;
let probe;
function train() {
  net.compile({ optimizer: tf.train.adam(0.003), loss: 'meanSquaredError' });
  net.fit(tf.zeros([8, 4]), tf.zeros([8, 1]));
}
function setup() {
${setup}
  probe.predict(tf.zeros([1, 64]));
}
`;
    const build = "  net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });\n  probe = tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 64, activation: 'tanh' })] });";
    const wire = "  createButton('train').mousePressed(train);";
    for (const setup of [`${wire}\n${build}`, `${build}\n${wire}`]) {
      const [trainedNet, probe] = extractFile(sketch(setup), 'sketch.js').models;
      assert.equal(trainedNet.training?.optimizer?.learningRate, 0.003, setup);
      assert.equal(probe.training, undefined, setup);
      assert.match(probe.neverTrained ?? '', /only looked at \(predict\(\)\)/, setup);
    }
  });

  it('a list another function fills has no known size in a handler, whichever runs first: a function the page calls, or a handler registered later', () => {
    const trainHandler = `document.getElementById('train').addEventListener('click', () => {
  if (samples.length < 20) return;
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
});
`;
    const page = (filler: string) => `/* global tf */
var samples = [];
${trainHandler}${filler}`;
    assert.equal(extractFile(page('function onSaveSample(pixels, label) { samples.push({ pixels, label }); }\n'), 'page.js').models.length, 1);
    assert.equal(extractFile(page("document.getElementById('pad').addEventListener('mouseup', (e) => samples.push(e.detail));\n"), 'page.js').models.length, 1);
    // Nothing fills the list: the guard always returns, and no model is built.
    assert.equal(extractFile(page('function count() { return samples.length; }\n'), 'page.js').models.length, 0);
  });
  it("a list another method fills (a replay buffer) has no known size in a method nobody calls: the warm-up guard decides nothing; one only the constructor fills keeps its size", () => {
    const agent = (remember: string) => `import * as tf from '@tensorflow/tfjs';
class Replay {
  constructor() { this.items = []; }
  ${remember}
  get size() { return this.items.length; }
}
export class Agent {
  constructor() {
    this.online = tf.sequential({ layers: [tf.layers.dense({ inputShape: [6], units: 64, activation: 'relu' }), tf.layers.dense({ units: 3 })] });
    this.optimizer = tf.train.adam(0.001);
    this.replay = new Replay();
  }
  trainStep(states) {
    if (this.replay.size < 500) return null;
    return this.optimizer.minimize(() => this.online.apply(states).square().mean(), true);
  }
}
`;
    const trainedBy = (remember: string) => extractFile(agent(remember), 'agent.js').models.map((model) => model.training?.optimizer?.learningRate);
    assert.deepEqual(trainedBy('push(t) { this.items.push(t); }'), [0.001]);
    // Nothing but the constructor fills it: empty, the guard always returns and nothing trains.
    assert.deepEqual(trainedBy('peek() { return this.items[0]; }'), [undefined]);
  });
  it('a list a module-level instance fills in a method the page calls (a bridge on window) has no known size in a click handler: its guarded training is read', () => {
    const page = (method: string) => `/* global tf */
class Agent {
  constructor() {
    this.model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }), tf.layers.dense({ units: 2 })] });
    this.optimizer = tf.train.adam(0.001);
    this.steps = [];
  }
  ${method}
  train() {
    if (this.steps.length < 64) return null;
    return this.optimizer.minimize(() => this.model.apply(tf.zeros([1, 4])).square().mean(), true);
  }
}
let agent = new Agent();
window.bridge = { record: (step) => agent.record(step) };
document.getElementById('train').addEventListener('click', () => agent.train());
`;
    const rates = (method: string) => extractFile(page(method), 'page.js').models.map((model) => model.training?.optimizer?.learningRate);
    assert.deepEqual(rates('record(step) { this.steps.push(step); }'), [0.001]);
    // Nothing outside the constructor fills it: empty, the guard always returns and nothing trains.
    assert.deepEqual(rates('record(step) { this.last = step; }'), [undefined]);
  });
});
