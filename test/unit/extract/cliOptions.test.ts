/** Command-line options: a run without flags gets the defaults yargs, commander and Node's util.parseArgs declare. */
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

/** The learning rate of a model that `train(opts)` builds, called by the CLI code's handler. */
function trainedInHandler(cli: string, handler: string) {
  const text = [
    "import * as tf from '@tensorflow/tfjs-node';",
    cli,
    'function train(opts) {',
    '  const model = tf.sequential();',
    "  model.add(tf.layers.dense({ inputShape: [8], units: 4, activation: 'relu' }));",
    "  model.compile({ optimizer: tf.train.adam(opts.learningRate), loss: 'meanSquaredError' });",
    '}',
    handler,
  ].join('\n');
  return extractFile(text, 'cli.ts').models[0]?.training?.optimizer?.learningRate;
}

describe('extraction of command-line option defaults', () => {
  it('argparse: add_argument defaults under dest or the long flag with underscores; set_defaults; argparse 1 spelling', () => {
    const cli = "import { ArgumentParser } from 'argparse';\nconst parser = new ArgumentParser({ description: 'train' });";
    const declared = "(parser.add_argument('-l', '--learning-rate', { type: 'float', default: '0.05', dest: 'learningRate' }), parser.add_argument('--width', { type: 'int', default: 64 }), parser.parse_args())";
    assert.deepEqual(trained(cli, declared), { rate: 0.05, width: 64 });
    const python = "(parser.add_argument('--learning_rate', { default: 0.1 }), parser.set_defaults({ width: 16 }), (([args]) => ({ learningRate: args.learning_rate, width: args.width }))(parser.parse_known_args()))";
    assert.deepEqual(trained(cli, python), { rate: 0.1, width: 16 });
    const v1 = "(parser.addArgument(['--learningRate'], { defaultValue: 0.002 }), parser.addArgument(['data']), parser.parseArgs())";
    assert.deepEqual(trained("const { ArgumentParser } = require('argparse');\nconst parser = new ArgumentParser({});", v1), { rate: 0.002, width: undefined });
  });


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

  it('commander: a builtin parser function (parseFloat, Number) comes before the default', () => {
    const options = "(program.option('-w, --width <n>', 'units', Number, 96).option('--learning-rate <rate>', 'adam rate', parseFloat, 0.1).parse(), program.opts())";
    assert.deepEqual(trained("import { program } from 'commander';", options), { rate: 0.1, width: 96 });
  });

  it("commander: a sub-command's action gets its declared arguments, then its options", () => {
    const declare = (command: string, parameters: string) =>
      `program.command(${command}).option('--learning-rate <rate>', 'adam rate', parseFloat, 0.1).action(async (${parameters}) => { train(opts); });`;
    assert.equal(trainedInHandler("import { program } from 'commander';", declare("'train'", 'opts')), 0.1);
    assert.equal(trainedInHandler("import { Command } from 'commander';\nconst program = new Command();", declare("'train <data> [out]'", 'data, out, opts')), 0.1);
    // Declared with .argument(): the options come after it.
    assert.equal(trainedInHandler("import { program } from 'commander';", "program.command('train').argument('<data>').option('--learning-rate <rate>', 'rate', 0.02).action((data, opts) => train(opts));"), 0.02);
    // Not the options: the first parameter is the declared argument.
    assert.equal(trainedInHandler("import { program } from 'commander';", declare("'train <data>'", 'opts')), undefined);
  });

  it("yargs: a command's builder declares options and its handler gets the parsed flags", () => {
    const cli = "import yargs from 'yargs';";
    assert.equal(trainedInHandler(cli, "yargs(process.argv.slice(2)).command('train', 'train it', (y) => y.option('learningRate', { default: 0.2 }), (argv) => train(argv)).parse();"), 0.2);
    assert.equal(trainedInHandler(cli, "yargs(process.argv.slice(2)).command({ command: 'train', builder: { learningRate: { default: 0.03 } }, handler: (argv) => train(argv) }).parse();"), 0.03);
  });

  it("Deno's standard parser (parseArgs of @std/cli, parse of std/flags) gives its defaults as minimist does", () => {
    for (const [specifier, name] of [['jsr:@std/cli@1/parse-args', 'parseArgs'], ['@std/cli', 'parseArgs'], ['https://deno.land/std@0.200.0/flags/mod.ts', 'parse']]) {
      const cli = `import { ${name} } from '${specifier}';`;
      assert.deepEqual(trained(cli, `${name}(Deno.args, { default: { learningRate: 0.1, width: 32 } })`), { rate: 0.1, width: 32 }, specifier);
    }
  });

  it("Node's util.parseArgs gives each option's default in `values`; an option without one, and the module's other members, stay unknown", () => {
    const options = "{ options: { learningRate: { type: 'string', default: '0.1' }, width: { type: 'string' } } }";
    for (const cli of ["import { parseArgs } from 'node:util';", "const { parseArgs } = require('util');", "import util from 'node:util';\nconst parseArgs = util.parseArgs;"]) {
      assert.deepEqual(trained(cli, `(() => { const { values } = parseArgs(${options}); return { learningRate: parseFloat(values.learningRate), width: values.width }; })()`), { rate: 0.1, width: undefined }, cli);
    }
    assert.deepEqual(trained("import { promisify } from 'node:util';", "promisify(() => 0)"), { rate: undefined, width: undefined });
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
