import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/engine/analyze';
import { fixText } from '../../../server/src/cli/fix';
import { trainingPreview } from '../../../server/src/engine/empirical';
import type { ModelIR } from '../../../server/src/engine/ir';
import { changedObjectives, clipNormOf, judge } from '../../../scripts/repair/repairCheck';
import { objectiveOf, readLoss, taskFactory, taskKindOf, taskKindsOf } from '../../../scripts/repair/task';

function modelOf(head: string, loss: string): ModelIR {
  const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }));
model.add(tf.layers.dense(${head}));
model.compile({ optimizer: tf.train.adam(0.01), loss: ${loss} });
`;
  return analyze(text, 'm.ts').models[0].model;
}

describe('repair-check task: labels and loss from the model as written', function () {
  this.timeout(20000);

  it('chooses the labels from the output and the loss', () => {
    assert.equal(taskKindOf(modelOf("{ units: 3, activation: 'softmax' }", "'categoricalCrossentropy'")), 'multiclass');
    assert.equal(taskKindOf(modelOf("{ units: 3, activation: 'relu' }", "'categoricalCrossentropy'")), 'multiclass');
    assert.equal(taskKindOf(modelOf("{ units: 3, activation: 'softmax' }", "'sparseCategoricalCrossentropy'")), 'multiclass');
    assert.equal(taskKindOf(modelOf("{ units: 1, activation: 'sigmoid' }", "'binaryCrossentropy'")), 'binary');
    assert.equal(taskKindOf(modelOf("{ units: 1, activation: 'softmax' }", "'binaryCrossentropy'")), 'binary');
    assert.equal(taskKindOf(modelOf("{ units: 2, activation: 'sigmoid' }", "'meanSquaredError'")), 'binary');
    assert.equal(taskKindOf(modelOf('{ units: 2 }', "'meanSquaredError'")), 'regression');
    assert.equal(taskKindOf(modelOf('{ units: 2 }', 'tf.losses.softmaxCrossEntropy')), 'multiclass');
  });

  it('names the loss and the output it sees, so a fix of either is compared by the task metric', () => {
    assert.equal(readLoss(modelOf('{ units: 2 }', "'meanAbsoluteError'")).name, 'meanAbsoluteError');
    assert.equal(objectiveOf(modelOf("{ units: 3, activation: 'relu' }", "'categoricalCrossentropy'")), 'categoricalCrossentropy on relu');
    assert.notEqual(
      objectiveOf(modelOf("{ units: 3, activation: 'relu' }", "'categoricalCrossentropy'")),
      objectiveOf(modelOf("{ units: 3, activation: 'softmax' }", "'categoricalCrossentropy'")),
    );
    const run = { finalLoss: 1, steps: 200 };
    // The loss went up (a different function), the accuracy from 0.4 to 0.8: task error 0.6 -> 0.2.
    const byMetric = judge({ ...run, finalMetric: 0.4, loss: 'a on relu' }, { ...run, finalLoss: 2, finalMetric: 0.8, loss: 'a on softmax' });
    assert.equal(byMetric.repaired, true);
    assert.match(byMetric.why, /task error ratio/);
    // Same objective: the loss decides, whatever the metric.
    assert.equal(judge({ ...run, finalMetric: 0.4, loss: 'a' }, { ...run, finalLoss: 0.8, finalMetric: 0.8, loss: 'a' }).repaired, false);
  });

  it('trains on one-hot labels with the model\'s own loss and scores accuracy in [0, 1]', async () => {
    const model = modelOf("{ units: 3, activation: 'softmax' }", "'categoricalCrossentropy'");
    const preview = await trainingPreview(model, { steps: 5, batch: 8, task: taskFactory(['multiclass'], model) });
    assert.equal(preview.steps.length, 5);
    for (const step of preview.steps) {
      assert.ok(step.metric !== undefined && step.metric >= 0 && step.metric <= 1, JSON.stringify(step));
      // Categorical crossentropy of 3 classes starts near ln 3, far from an MSE of one-hot labels (~0.2).
      assert.ok(step.loss > 0.5, JSON.stringify(step));
    }
  });

  it('gives each output of a multi-output model its own labels and loss', async () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [16] });
const tags = tf.layers.dense({ units: 12, activation: 'sigmoid', name: 'tags' }).apply(input);
const queue = tf.layers.dense({ units: 6, activation: 'softmax', name: 'queue' }).apply(input);
const model = tf.model({ inputs: input, outputs: [tags, queue] });
model.compile({ optimizer: 'adam', loss: ['binaryCrossentropy', 'categoricalCrossentropy'] });
`;
    const model = analyze(text, 'm.ts').models[0].model;
    assert.deepEqual(taskKindsOf(model), ['binary', 'multiclass']);
    assert.equal(objectiveOf(model), 'binaryCrossentropy on sigmoid, categoricalCrossentropy on softmax');
    const preview = await trainingPreview(model, { steps: 3, batch: 8, task: taskFactory(taskKindsOf(model), model) });
    for (const step of preview.steps) assert.ok(step.metric !== undefined && step.metric >= 0 && step.metric <= 1, JSON.stringify(step));
    // 12 binary crossentropies near ln 2 (mean) plus a 6-way categorical one near ln 6: the sum, as tfjs trains it.
    assert.ok(preview.steps[0].loss > 0.69 + 1.5, JSON.stringify(preview.steps[0]));
  });

  it('compares, of several outputs, the task metric of those whose objective the fix changed', () => {
    const twoHeads = (classActivation: string) => analyze(`import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [16] });
const label = tf.layers.dense({ units: 5, ${classActivation}name: 'label' }).apply(input);
const box = tf.layers.dense({ units: 4, name: 'box' }).apply(input);
const model = tf.model({ inputs: input, outputs: [box, label] });
model.compile({ optimizer: 'adam', loss: ['meanSquaredError', 'categoricalCrossentropy'] });
`, 'm.ts').models[0].model;
    const written = twoHeads('');
    assert.deepEqual(changedObjectives(written, twoHeads("activation: 'softmax', ")), [1]);
    assert.equal(changedObjectives(written, written), undefined);
  });

  it('reads the clipping threshold the fix wrote', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.simpleRNN({ inputShape: [200, 3], units: 16 }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.sgd(5), loss: 'meanSquaredError' });
`;
    const fixed = fixText(text, 'r.ts').text;
    const written = /withGradientClipping\([^;]*, ([0-9.]+)\)/.exec(fixed);
    assert.ok(written, fixed);
    assert.equal(clipNormOf(analyze(fixed, 'r.ts').models[0].model, fixed), Number(written[1]));
    assert.equal(clipNormOf(analyze(text, 'r.ts').models[0].model, text), undefined);
  });
});
