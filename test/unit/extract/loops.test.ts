/** Loops: constant bounds run for real; the fast path for loop-invariant `model.add` bodies changes nothing but speed. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';
import { summarizeFile } from './summary';
import { analyze } from '../../../server/src/engine/analyze';

const header = "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [3], units: 4 }));\n";

function layersOf(loop: string) {
  const file = extractFile(`${header}${loop}\n`, 'loops.ts');
  return { file, layers: file.models[0].layers };
}

describe('extraction of loops', () => {
  it('a list a request handler makes and fills in a known loop (a core-API class built per request, one layer per size) keeps its length (a replay buffer it only adds to does not: below)', () => {
    const file = extractFile(`import * as tf from '@tensorflow/tfjs';
import express from 'express';
class PlainMlp {
  readonly params = [];
  constructor(sizes) {
    for (let i = 0; i + 1 < sizes.length; i++) this.params.push(tf.variable(tf.randomNormal([sizes[i], sizes[i + 1]], 0, 0.1)));
  }
  logits(x) {
    let h = x;
    this.params.forEach((w, i) => {
      const z = tf.matMul(h, w);
      h = i < this.params.length - 1 ? tf.relu(z) : z;
    });
    return h;
  }
}
const app = express();
app.post('/train', async (req, res) => {
  const mlp = new PlainMlp([24, 64, 32, 1]);
  const optimizer = tf.train.adam(0.002);
  optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(ys, mlp.logits(xs)));
});
`, 'server.ts');
    assert.deepEqual(file.models.map((model) => [model.variant?.label, model.layers.map((layer) => layer.activation ?? 'linear').join(' ')]), [[undefined, 'relu relu linear']]);
  });

  it('a counter updated in a loop of unknown count gives one of many values: a condition on ++count may hold', () => {
    const file = extractFile(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [30], units: 1 })] });
const optimizer = tf.train.momentum(0.0001, 0.9);
model.compile({ optimizer, loss: 'meanSquaredError' });
export function train(batches: tf.Tensor[]) {
  let inWindow = 0;
  for (const batch of batches) {
    if (++inWindow === 4) {
      optimizer.learningRate = 0.01;
      inWindow = 0;
    }
  }
}
`, 'loops.ts');
    assert.ok(file.models[0].training?.optimizer?.rateAssignments?.length, 'the assignment under the counter is seen');
  });

  it('an invariant body (fast path) and a body reading the loop variable give the same architecture', () => {
    const fast = layersOf("for (let i = 0; i < 5; i++) model.add(tf.layers.dense({ units: 8, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.2 }) }));");
    const slow = layersOf("for (let i = 0; i < 5; i++) model.add(tf.layers.dense({ units: 8 + 0 * i, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.2 }) }));");
    assert.deepEqual(summarizeFile(fast.file, { names: true }), summarizeFile(slow.file, { names: true }));
    assert.equal(fast.layers.length, 6);
    assert.deepEqual(fast.layers.map((l) => l.name), ['dense_1', 'dense_2', 'dense_3', 'dense_4', 'dense_5', 'dense_6']);
    // Each repetition is its own layer (not a shared one): no "same layer object" note.
    assert.deepEqual(fast.layers.map((l) => l.notes), [[], [], [], [], [], []]);
  });

  it('sizes spread from Array(depth).fill(width) keep their count: a loop over them adds every layer', () => {
    const { layers } = layersOf('const sizes = [...Array<number>(3).fill(16), 2];\nfor (let i = 0; i < sizes.length; i++) model.add(tf.layers.dense({ units: sizes[i] }));');
    assert.deepEqual(layers.map((layer) => layer.units), [4, 16, 16, 16, 2]);
  });

  it('the loop variable is used where it is read', () => {
    const { layers } = layersOf('for (let i = 1; i <= 3; i++) model.add(tf.layers.dense({ units: 2 ** i }));');
    assert.deepEqual(layers.map((l) => l.units), [4, 2, 4, 8]);
  });

  it('nested loops with an invariant inner body', () => {
    const { layers } = layersOf("for (let b = 0; b < 2; b++) {\n  for (let j = 0; j < 3; j++) model.add(tf.layers.dense({ units: 16 }));\n  model.add(tf.layers.dropout({ rate: 0.1 }));\n}");
    assert.deepEqual(layers.map((l) => l.kind), ['dense', 'dense', 'dense', 'dense', 'dropout', 'dense', 'dense', 'dense', 'dropout']);
  });

  it('two add statements in one invariant body keep their order', () => {
    const { layers } = layersOf('for (let i = 0; i < 2; i++) {\n  model.add(tf.layers.dense({ units: 5 }));\n  model.add(tf.layers.batchNormalization());\n}');
    assert.deepEqual(layers.map((l) => l.kind), ['dense', 'dense', 'batchNormalization', 'dense', 'batchNormalization']);
  });

  it('a body calling a helper of the file is not repeated blindly: the helper sees each call', () => {
    const { layers } = layersOf('let n = 1;\nfunction next() { n = n * 2; return tf.layers.dense({ units: n }); }\nfor (let i = 0; i < 3; i++) model.add(next());');
    assert.deepEqual(layers.map((l) => l.units), [4, 2, 4, 8]);
  });

  it('break and continue', () => {
    const { layers } = layersOf('for (let i = 0; i < 10; i++) {\n  if (i === 1) continue;\n  if (i === 3) break;\n  model.add(tf.layers.dense({ units: 10 + i }));\n}');
    assert.deepEqual(layers.map((l) => l.units), [4, 10, 12]);
  });

  it('for...of over a constant array and over an unknown one', () => {
    assert.deepEqual(layersOf('for (const u of [7, 9]) model.add(tf.layers.dense({ units: u }));').layers.map((l) => l.units), [4, 7, 9]);
    const unknown = layersOf('for (const u of loadSizes()) model.add(tf.layers.dense({ units: u }));').layers;
    assert.equal(unknown.length, 2);
    assert.deepEqual(unknown[1].unresolved, ['units']);
    assert.match(unknown[1].notes.join(' '), /counted once/);
  });

  it('a table filled under keys not known (a vocabulary from the data) may hold any key: its size is not known', () => {
    const { layers } = layersOf(`const table = { '[PAD]': 0 };
let next = 1;
for (const row of JSON.parse(process.argv[2])) for (const tag of row.tags) if (!(tag in table)) table[tag] = next++;
model.add(tf.layers.dense({ units: Object.keys(table).length, activation: 'softmax' }));`);
    assert.equal(layers[1].units, undefined);
  });

  it('reduce hands its callback the index and the array, as JavaScript does', () => {
    const fold = (initial: string) =>
      extractFile(
        `import * as tf from '@tensorflow/tfjs';\nconst sizes = [32, 16, 8];\nconst model = sizes.reduce((m, units, i, all) => { m.add(tf.layers.lstm({ units, returnSequences: i < all.length - 1, inputShape: i === 0 ? [20, 4] : undefined })); return m; }${initial});\n`,
        'fold.ts',
      ).models[0]?.layers ?? [];
    const withInitial = fold(', tf.sequential()');
    assert.deepEqual(withInitial.map((l) => [l.units, l.returnSequences, l.inputShape]), [[32, true, [20, 4]], [16, true, undefined], [8, false, undefined]]);
    assert.ok(withInitial.every((l) => !l.unresolved.includes('returnSequences')));
    // Without an initial value the first item is the accumulator: the callback starts at index 1.
    const indices = extractFile(
      "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\n[3, 5, 7].reduce((previous, units, i) => { model.add(tf.layers.dense({ units: units * 10 + i, inputShape: [2] })); return units; });\n",
      'indices.ts',
    ).models[0].layers;
    assert.deepEqual(indices.map((l) => l.units), [51, 72]);
  });

  it('entries(), keys() and values() of an array are walked item by item', () => {
    const layers = extractFile(
      "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nfor (const [i, units] of [32, 16].entries()) model.add(tf.layers.dense({ units: units + i, inputShape: [4] }));\nfor (const i of [7].keys()) model.add(tf.layers.dense({ units: i + 1 }));\nfor (const units of [3].values()) model.add(tf.layers.dense({ units }));\n",
      'entries.ts',
    ).models[0].layers;
    assert.deepEqual(layers.map((l) => l.units), [32, 17, 1, 3]);
  });

  it('a list filtered by a test not known for some items (`!only || name === only`, only from the environment) holds the items it may keep: a loop over it builds each', () => {
    const text = (test: string) => `import * as tf from '@tensorflow/tfjs';
const ACTS = { a: 'relu', b: 'elu', c: 'tanh' };
const only = process.env.ONLY;
const build = (act) => tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 8, activation: act }), tf.layers.dense({ units: 1 })] });
for (const name of Object.keys(ACTS).filter(${test})) build(ACTS[name]);
`;
    const activations = (test: string) => extractFile(text(test), 'ablation.js').models.map((model) => model.layers[0].activation).sort();
    assert.deepEqual(activations('(n) => !only || n === only'), ['elu', 'relu', 'tanh']);
    // Items the test rules out for certain are left out, whatever it says of the others.
    assert.deepEqual(activations("(n) => n !== 'b' && (!only || n === only)"), ['relu', 'tanh']);
  });

  it('reduceRight folds from the last item, as compose helpers apply their functions', () => {
    const composed = extractFile(
      "import * as tf from '@tensorflow/tfjs';\nconst compose = (...fns) => (x) => fns.reduceRight((acc, f) => f(acc), x);\nconst lower = (rate) => rate - 0.05;\nconst tenfold = (rate) => rate * 10;\nconst rate = compose(lower, tenfold)(0.01);\nconst model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });\nmodel.compile({ optimizer: tf.train.sgd(rate), loss: 'meanSquaredError' });\n",
      'compose.ts',
    ).models[0];
    assert.equal(composed.training?.optimizer?.learningRate, 0.05);
    const indices = extractFile(
      "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\n[3, 5, 7].reduceRight((previous, units, i) => { model.add(tf.layers.dense({ units: units * 10 + i, inputShape: [2] })); return units; });\n",
      'indices.ts',
    ).models[0].layers;
    assert.deepEqual(indices.map((l) => l.units), [51, 30]);
  });

  it('a training loop that applies the model to fresh batches stops as idle, and the code after it is read', () => {
    const file = extractFile(
      [
        "import * as tf from '@tensorflow/tfjs';",
        'const policy = tf.sequential();',
        "policy.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));",
        "policy.add(tf.layers.dense({ units: 2, activation: 'softmax' }));",
        'const optimizer = tf.train.adam(0.001);',
        'for (let update = 0; update < 100000; update++) {',
        '  const batch = Array.from({ length: 2000 }, () => Math.random());',
        '  optimizer.minimize(() => policy.apply(tf.tensor2d(batch, [500, 4])).mean());',
        '}',
        'const critic = tf.sequential();',
        "critic.add(tf.layers.dense({ inputShape: [4], units: 1, activation: 'sigmoid' }));",
      ].join('\n'),
      'policy.ts',
    );
    assert.deepEqual(file.notes ?? [], []);
    assert.deepEqual(file.models.map((model) => model.layers.length), [2, 1]);
  });
  it('a loop that builds nothing and ends after exactly as many iterations as an idle loop may run keeps its array whole', () => {
    // Eight pushes: the idle stop (one pass of unknown count) is only for a loop that would go on.
    const { layers } = layersOf("const sizes = [];\nfor (let i = 0; i < 8; i++) sizes.push(16);\nfor (const units of sizes) model.add(tf.layers.dense({ units }));");
    assert.equal(layers.length, 9);
    assert.ok(layers.every((layer) => !layer.notes.some((note) => note.includes('not a constant'))));
  });

  it('a loop creating core API weights is not idle: nine tf.variable weights stay nine', () => {
    const file = extractFile(`import * as tf from '@tensorflow/tfjs';
const weights = [];
for (let i = 0; i < 9; i++) weights.push(tf.variable(tf.randomNormal([32, 32], 0, 0.25)));
export function forward(x: tf.Tensor) {
  let a = x;
  for (let i = 0; i < weights.length; i++) a = tf.matMul(a, weights[i]).tanh();
  return a;
}
`, 'core.ts');
    assert.equal(file.models[0]?.layers.length, 9);
  });
  it('[...sizes].reverse() mirrors a decoder: the copy is reversed, the original kept', () => {
    const { layers } = layersOf("const SIZES = [16, 32, 64];\nconst decoder = [...SIZES].reverse();\nfor (const units of decoder.concat(SIZES)) model.add(tf.layers.dense({ units }));");
    assert.deepEqual(layers.map((layer) => layer.units), [4, 64, 32, 16, 16, 32, 64]);
  });
  it('rows of nested synthetic data (each row thousands of steps) stop as idle by the steps they walk, and the model after them is read', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const utterances = Array.from({ length: 256 }, () => ({
  logmel: Array.from({ length: 98 }, () => Array.from({ length: 40 }, () => Math.random() * 2 - 1)),
  vad: Array.from({ length: 98 }, () => (Math.random() < 0.6 ? 1 : 0)),
}));
const x = tf.tensor3d(utterances.map((u) => u.logmel));
const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [98, 40] }), tf.layers.dense({ units: 12, activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;
    const file = extractFile(text, 'voice.ts');
    assert.deepEqual([file.notes, file.models.length], [undefined, 1]);
  });

  it('synthetic data built row by row with Array.from stops as idle, keeps its length, and the training after it is read', () => {
    const file = extractFile(
      [
        "import * as tf from '@tensorflow/tfjs';",
        'const FEATURES = 128;',
        'const rows = Array.from({ length: 4096 }, (_, i) => Array.from({ length: FEATURES }, (_, k) => Math.cos(i * 0.01 + k)));',
        'const model = tf.sequential();',
        "model.add(tf.layers.dense({ inputShape: [rows[0].length], units: 16, activation: 'relu' }));",
        'model.add(tf.layers.dense({ units: rows.length > 1000 ? 1 : 2 }));',
        "model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });",
        'model.fit(tf.tensor2d(rows), tf.zeros([rows.length, 1]));',
      ].join('\n'),
      'rows.ts',
    );
    assert.deepEqual(file.notes ?? [], []);
    assert.deepEqual(file.models[0].layers.map((layer) => layer.units), [16, 1]);
    assert.equal(file.models[0].layers[0].inputShape?.[0], 128);
    assert.deepEqual(file.models[0].training?.calls.map((call) => call.kind), ['compile', 'fit']);
  });
  it('a training loop that runs a core-API forward pass every step goes idle once its builds are past those kept: the code after it is read', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const w1 = tf.variable(tf.randomNormal([4, 32], 0, 0.5));
const w2 = tf.variable(tf.randomNormal([32, 1], 0, 0.2));
const predict = (x) => tf.matMul(tf.tanh(tf.matMul(x, w1)), w2);
const optimizer = tf.train.adam(0.001);
for (let step = 0; step < 20000; step++) {
  optimizer.minimize(() => tf.losses.meanSquaredError(ys, predict(xs)).add(tf.grad((s) => predict(s).sum())(xs).square().mean()));
}
const probe = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
`;
    const file = extractFile(text, 'pinn.ts');
    assert.deepEqual(file.notes ?? [], []);
    assert.ok(file.models.some((model) => model.name === 'probe'), file.models.map((model) => model.name).join());
  });

  describe('callbacks of repeating schedulers stand for their many runs', () => {
    const agent = (schedule: string) => `import * as tf from '@tensorflow/tfjs';
const critic = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
const optimizer = tf.train.adam(0.004);
const memory = [];
function learn() {
  if (memory.length < 64) return null;
  return optimizer.minimize(() => tf.losses.meanSquaredError(tf.ones([64, 1]), critic.predict(tf.zeros([64, 8]))), true);
}
function onFrame() {
  memory.push({ reward: 1 });
  learn();
${schedule}
}
`;
    for (const [title, schedule, call] of [
      ['a requestAnimationFrame game loop', '  requestAnimationFrame(onFrame);', 'requestAnimationFrame(onFrame);'],
      ['window.requestAnimationFrame', '  window.requestAnimationFrame(onFrame);', 'window.requestAnimationFrame(onFrame);'],
      ['a polling setInterval', '', 'setInterval(onFrame, 16);'],
    ]) {
      it(`${title}: the replay buffer it fills passes the warm-up guard, and the optimizer trains the critic`, () => {
        const [critic] = extractFile(`${agent(schedule)}${call}\n`, 'agent.ts').models;
        assert.equal(critic.training?.optimizer?.learningRate, 0.004);
      });
    }

    it('a one-shot setTimeout runs its callback once: the guard holds', () => {
      const [critic] = extractFile(`${agent('')}setTimeout(onFrame, 0);\n`, 'agent.ts').models;
      assert.equal(critic.training?.optimizer, undefined);
    });
  });

  describe('a counter bound outside a pass that stands for many runs holds one of many values there', () => {
    const stream = (counter: string, register: string) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
const optimizer = tf.train.sgd(0.05);
model.compile({ optimizer, loss: 'meanSquaredError' });
${counter}
function step(x, y) {
  model.trainOnBatch(x, y);
  updates += 1;
  if (updates % 500 === 0) optimizer.learningRate *= 0.5;
}
${register}
`;
    const traps = (text: string) => analyze(text, 'stream.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'tfjs-api-trap').length;

    it('updated in a message callback (`updates += 1`), a condition on it may hold: the decay is seen', () => {
      assert.equal(traps(stream('let updates = 0;', "queue.consume('events', (msg) => step(msg.x, msg.y));")), 1);
    });

    it('updated in a loop of unknown bound, the same', () => {
      assert.equal(traps(stream('let updates = 0;', 'while (source.hasNext()) step(source.x(), source.y());')), 1);
    });

    it('a counter of a run that happens once keeps its value: the condition does not hold', () => {
      assert.equal(traps(stream('let updates = 0;', 'step(xs, ys);')), 0);
    });
  });

  it('a while loop read past its first passes: a counter turning unknown (a trainer run as a page function) or an idle stop leaves the step unknown, and a warm-up reaches its peak', () => {
    const schedule = `function lrAt(step) {
      if (step < 400) return 1e-4 + (2e-2 - 1e-4) * (step / 400);
      return 1e-5 + 0.5 * (2e-2 - 1e-5) * (1 + Math.cos(Math.PI * Math.min(1, (step - 400) / 7600)));
    }
    `;
    const model = `const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });\n`;
    const inTrainer = `import * as tf from '@tensorflow/tfjs';
    ${schedule}${model}
    class Trainer {
      constructor(net) { this.net = net; this.optimizer = tf.train.adam(1e-4); this.step = 0; }
      async run(nextBatch) {
        while (this.step < 8000) {
          this.optimizer.learningRate = lrAt(this.step);
          const { xs, ys } = await nextBatch();
          this.optimizer.minimize(() => tf.losses.meanSquaredError(ys, this.net.apply(xs)));
          this.step += 1;
        }
      }
    }
    window.startTraining = (nextBatch) => new Trainer(model).run(nextBatch);
    `;
    const idleStopped = `import * as tf from '@tensorflow/tfjs';
    ${schedule}${model}
    const optimizer = tf.train.adam(1e-4);
    export async function train(nextBatch) {
      let step = 0;
      while (step < 8000) {
        optimizer.learningRate = lrAt(step);
        const { xs, ys } = await nextBatch();
        optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
        step++;
      }
    }
    train(loadBatch);
    `;
    const rateOf = (text: string) => extractFile(text, 'train.js').models[0].training?.optimizer?.learningRate;
    assert.equal(rateOf(inTrainer), 0.02);
    assert.equal(rateOf(idleStopped), 0.02);
  });

  it('a loop over batches of unknown count stands for every step: a step counter is unknown in it, so a warm-up assigned each step is read up to its peak', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
const warmupLr = (step, peak, warmup) => peak * Math.min(1, (step + 1) / warmup);
export async function finetune(batches) {
  const optimizer = tf.train.adam(2e-2);
  let step = 0;
  for await (const { xs, ys } of batches) {
    if (step >= 3000) break;
    optimizer.learningRate = warmupLr(step, 2e-2, 200);
    optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
    step++;
  }
}
`;
    assert.equal(extractFile(text, 'train.js').models[0].training?.optimizer?.learningRate, 0.02);
  });

  it('a counter kept on a state object (`state.step++`, `this.progress.step += 1`) is unknown in a pass that stands for many steps, as a name is', () => {
    const text = (declare: string, counter: string) => `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 64, activation: 'relu' }), tf.layers.dense({ units: 1 })] });
const warmupLr = (step, peak, warmup) => peak * Math.min(1, (step + 1) / warmup);
class Finetuner {
  constructor() { this.optimizer = tf.train.adam(2e-2); this.progress = { step: 0 }; }
  async run(batches) {
    ${declare}
    for await (const { xs, ys } of batches) {
      this.optimizer.learningRate = warmupLr(${counter}, 2e-2, 200);
      this.optimizer.minimize(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
      ${counter}++;
    }
  }
}
new Finetuner().run(loadBatches());
`;
    const rateOf = (source: string) => extractFile(source, 'train.js').models[0].training?.optimizer?.learningRate;
    assert.equal(rateOf(text('const state = { step: 0 };', 'state.step')), 0.02);
    assert.equal(rateOf(text('', 'this.progress.step')), 0.02);
  });

  it("a schedule assigned in a step method the loop calls after preparing its batch, before the method's own training call, replaces the created placeholder rate", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const lrAt = (step, peak) => peak * Math.min(1, (step + 1) / 300);
class Trainer {
  constructor() {
    this.net = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu' }), tf.layers.dense({ units: 10 })] });
    this.optimizer = tf.train.adam(1);
  }
  trainStep(xs, ys, step) {
    this.optimizer.learningRate = lrAt(step, 2e-3);
    const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, this.net.apply(xs)));
    this.optimizer.applyGradients(grads);
    return value;
  }
}
const trainer = new Trainer();
for (let step = 0; step < 12000; step++) {
  const [xs, ys] = tf.tidy(() => [tf.randomNormal([64, 256]), tf.oneHot(tf.tensor1d([0], 'int32'), 10)]);
  trainer.trainStep(xs, ys, step);
}
`;
    const optimizer = extractFile(text, 'train.js').models[0].training?.optimizer;
    assert.equal(optimizer?.learningRate, 2e-3);
    assert.equal(optimizer?.scheduledPeak?.createdUnused, true);
  });
});
