import { strict as assert } from 'node:assert';
import { checkFile, isSkipped, judge, type TrainedCase } from '../../../scripts/repair/repairCheck';

const SICK = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.sgd(5), loss: 'meanSquaredError' });
`;

const HEALTHY = SICK.replace('tf.train.sgd(5)', 'tf.train.sgd(0.05)');

describe('repair-check core', function () {
  this.timeout(30000);

  it('trains a tiny model with a far too high learning rate as written and fixed: the fix repairs it', async () => {
    const [result] = await checkFile(SICK, 'sick.ts', { steps: 60, batch: 16 });
    assert.ok(result && !isSkipped(result), JSON.stringify(result));
    const trained = result as TrainedCase;
    assert.deepEqual(trained.rules.includes('high-learning-rate'), true);
    assert.ok(trained.original.divergence || trained.original.finalLoss >= 2 * trained.fixed.finalLoss, JSON.stringify(trained));
    assert.equal(trained.fixed.divergence, undefined);
    assert.equal(trained.repaired, true);
  });

  it('reuses a saved result only for the same fingerprint: another budget or another model trains again', async () => {
    const [first] = (await checkFile(SICK, 'sick.ts', { steps: 20, batch: 8 })) as TrainedCase[];
    const marked = { ...first, why: 'from the saved run' };
    const reuse = new Map([[first.fingerprint, marked]]);
    const [again] = (await checkFile(SICK, 'sick.ts', { steps: 20, batch: 8, reuse })) as TrainedCase[];
    assert.equal(again.why, 'from the saved run');
    const [longer] = (await checkFile(SICK, 'sick.ts', { steps: 21, batch: 8, reuse })) as TrainedCase[];
    assert.notEqual(longer.fingerprint, first.fingerprint);
    assert.notEqual(longer.why, 'from the saved run');
    const [wider] = (await checkFile(SICK.replace('units: 16', 'units: 17'), 'sick.ts', { steps: 20, batch: 8, reuse })) as TrainedCase[];
    assert.notEqual(wider.fingerprint, first.fingerprint);
    assert.notEqual(wider.why, 'from the saved run');
  });

  it('finds nothing to check in the healthy variant', async () => {
    assert.deepEqual(await checkFile(HEALTHY, 'healthy.ts', { steps: 10, batch: 16 }), []);
  });

  it('does not call two like runs repaired, nor a fixed run that diverges', () => {
    const run = { finalLoss: 0.4, steps: 200 };
    assert.equal(judge(run, { ...run, finalLoss: 0.3 }).repaired, false);
    assert.equal(judge({ ...run, divergence: 'nonFinite' }, { ...run, divergence: 'nonFinite' }).repaired, false);
    assert.equal(judge({ ...run, divergence: 'lossGrowth' }, run).repaired, true);
  });
});
