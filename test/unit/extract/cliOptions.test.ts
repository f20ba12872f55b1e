/** Command-line options: a run without flags gets the defaults yargs and commander declare. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The learning rate and hidden layers of a model whose sizes come from `options` (an expression of the CLI code). */
function trained(cli: string, options: string) {
  const text = [
    "import * as tf from '@tensorflow/tfjs-node';",
    cli,
    `const opts = ${options};`,
    'const model = tf.sequential();',
    "model.add(tf.layers.dense({ inputShape: [8], units: opts.width, activation: 'relu' }));",
    "model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));",
    "model.compile({ optimizer: tf.train.adam(opts.learningRate), loss: 'binaryCrossentropy' });",
  ].join('\n');
  const model = extractFile(text, 'cli.ts').models[0];
  return { rate: model.training?.optimizer?.learningRate, width: model.layers[0].units };
}

describe('extraction of command-line option defaults', () => {
  it('yargs: option() with a default, under its name, its camelCase and its alias', () => {
    const cli = "import yargs from 'yargs';\nimport { hideBin } from 'yargs/helpers';";
    assert.deepEqual(trained(cli, "yargs(hideBin(process.argv)).option('learning-rate', { type: 'number', default: 0.05 }).option('w', { alias: 'width', default: 64 }).parseSync()"), { rate: 0.05, width: 64 });
    assert.deepEqual(trained(cli, "yargs(process.argv.slice(2)).options({ learningRate: { default: 0.002 }, width: { default: 32 } }).argv"), { rate: 0.002, width: 32 });
    assert.deepEqual(trained(cli, "yargs(process.argv.slice(2)).default('learningRate', 0.01).default({ width: 16 }).usage('$0 [options]').parse()"), { rate: 0.01, width: 16 });
  });

  it('yargs through require, used as the parser itself', () => {
    assert.deepEqual(trained("const yargs = require('yargs');", "yargs.option('learningRate', { default: 0.03 }).option('width', { default: 8 }).argv"), { rate: 0.03, width: 8 });
  });

  it('commander: the default after a parser function or after the description, by the long flag in camelCase', () => {
    const options = "(program.option('-w, --width <n>', 'units', (v) => parseInt(v, 10), 128).option('--learning-rate <rate>', 'adam rate', 0.004).parse(), program.opts())";
    assert.deepEqual(trained("import { program } from 'commander';", options), { rate: 0.004, width: 128 });
    assert.deepEqual(trained("const { program } = require('commander');", options), { rate: 0.004, width: 128 });
    assert.deepEqual(trained("const { Command } = require('commander');\nconst program = new Command();", options), { rate: 0.004, width: 128 });
  });

  it('an option without a default, and a flag the code never declared, stay unknown', () => {
    assert.deepEqual(trained("const yargs = require('yargs');", 'yargs.argv'), { rate: undefined, width: undefined });
    // An undeclared flag is no known value: a condition on it is a decision between variants.
    const text = "import * as tf from '@tensorflow/tfjs';\nconst yargs = require('yargs');\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [8], units: 4, activation: yargs.argv.smooth ? 'tanh' : 'relu' }));\n";
    assert.deepEqual(extractFile(text, 'cli.js').models.map((model) => model.layers[0].activation).sort(), ['relu', 'tanh']);
    assert.deepEqual(trained("import { program } from 'commander';", "(program.option('--learning-rate <rate>', 'adam rate').parse(), program.opts())"), { rate: undefined, width: undefined });
    assert.deepEqual(trained("import yargs from 'yargs';", "yargs(process.argv.slice(2)).option('epochs', { default: 3 }).parseSync()"), { rate: undefined, width: undefined });
  });
});
