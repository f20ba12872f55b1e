/**
 * Hyperparameters kept in a JSON file (`import hparams from './hparams.json'`,
 * `require('./hparams.json')`): read as data with JSON.parse, never run; values that cannot be
 * read stay unknown.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';
import { MAX_JSON_MODULE_CHARS } from '../../../server/src/engine/extract/jsonModules';

const HPARAMS = '{ "learningRate": 0.05, "hidden": [256, 64], "activation": "relu" }';

function rateFindings(train: string, json: string, fileName = '/ws/train.ts') {
  const readFile = (name: string) => (name === '/ws/hparams.json' ? json : undefined);
  return analyze(train, fileName, DEFAULT_SETTINGS, { cache: null, readFile }).findings.filter((finding) => finding.rule === 'high-learning-rate');
}

const esm = `import * as tf from '@tensorflow/tfjs';
import hparams from './hparams.json';
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [512], units: hparams.hidden[0], activation: hparams.activation }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: tf.train.adam(hparams.learningRate), loss: 'categoricalCrossentropy' });
`;

describe('JSON modules: hyperparameters from a JSON file', () => {
  it('a default import gives the file as an object: adam 0.05 on the 512 → 256 model is a warning', () => {
    const [finding] = rateFindings(esm, HPARAMS);
    assert.equal(finding?.severity, 'warning');
    assert.match(finding.message, /Learning rate 0\.05 of adam/);
    assert.match(finding.message, /fan-in 512/);
  });

  it('require and a named import read the same values', () => {
    const required = `const tf = require('@tensorflow/tfjs');
const { learningRate } = require('./hparams.json');
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: 256, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
`;
    assert.equal(rateFindings(required, HPARAMS, '/ws/train.js')[0]?.severity, 'warning');
    const named = esm.replace("import hparams from './hparams.json';", "import { learningRate } from './hparams.json';\nconst hparams = { learningRate, hidden: [256], activation: 'relu' };");
    assert.equal(rateFindings(named, HPARAMS)[0]?.severity, 'warning');
  });

  it('invalid, oversized or absurdly nested JSON leaves the values unknown: no warning rests on them, and nothing throws', () => {
    const nested = `{ "learningRate": 0.05, "deep": ${'['.repeat(200_000)}${']'.repeat(200_000)} }`;
    const padded = `{ "learningRate": 0.05, "pad": "${'x'.repeat(MAX_JSON_MODULE_CHARS)}" }`;
    for (const json of ['{ "learningRate": 0.05, }', padded, nested]) {
      assert.deepEqual(rateFindings(esm, json).filter((finding) => finding.severity === 'warning'), [], json.slice(0, 40));
    }
  });
  it('a file analysed in several variants (a branch on a flag) reads its JSON module once', () => {
    const branching = `${esm}const deep = process.argv.includes('--deep');
const probe = tf.sequential();
probe.add(tf.layers.dense({ inputShape: [8], units: hparams.hidden[1], activation: deep ? 'sigmoid' : 'relu' }));
`;
    const reads: string[] = [];
    const readFile = (name: string) => (reads.push(name), name === '/ws/hparams.json' ? HPARAMS : undefined);
    const result = analyze(branching, '/ws/train.ts', DEFAULT_SETTINGS, { cache: null, readFile });
    assert.ok(result.models.some((model) => model.model.variant), 'the branch on `deep` makes variants');
    assert.deepEqual(reads.filter((name) => name === '/ws/hparams.json'), ['/ws/hparams.json']);
  });
});
