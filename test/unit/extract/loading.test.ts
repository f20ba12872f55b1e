/**
 * How tfjs is loaded in real code (DESIGN 3a): the script-tag global `tf`, `tf` as a function
 * parameter, optimizer classes, require and destructuring, type casts.
 */
import assert from 'node:assert/strict';
import { analyze, mentionsTfjs } from '../../../server/src/engine/analyze';
import { extractFile } from '../../../server/src/engine/extract';
import { mayUseGlobalTf, usesGlobalTf } from '../../../server/src/engine/extract/globalTf';
import { parseFresh } from '../../../server/src/engine/incrementalParser';
import { summarizeFile, textOf } from './summary';

const scriptTagModel = `const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.sgd(2), loss: 'meanSquaredError' });
`;

function globalTf(text: string, fileName = 'page.js'): boolean {
  return usesGlobalTf(parseFresh(fileName, text));
}

describe('the script-tag global tf', () => {
  it('a file that reads tfjs as the free identifier tf is analysed as tfjs', () => {
    const file = extractFile(scriptTagModel, 'page.js');
    assert.deepEqual(summarizeFile(file), [
      {
        name: 'model',
        api: 'sequential',
        inputShape: [4],
        layers: [{ kind: 'dense', units: 8, activation: 'relu', inputShape: [4] }, { kind: 'dense', units: 1 }],
        optimizer: 'sgd/call lr=2 (explicit)',
        calls: ['compile'],
      },
    ]);
    assert.equal(file.tfjs, undefined);
    assert.equal(file.globalTf, true);
    assert.equal(extractFile(`import * as tf from '@tensorflow/tfjs';\n${scriptTagModel}`, 'm.js').globalTf, undefined);
  });

  it('the pre-check lets such a file through and stays false for files without tf', () => {
    assert.ok(mentionsTfjs(scriptTagModel));
    assert.ok(mayUseGlobalTf('x = tf.tensor([1])'));
    assert.ok(!mentionsTfjs('const pdf.x = 1; this.tf.layers; leftf.sequential(); const tf = 2;'));
    const skipped = analyze('const x = readFileSync("a");\n', 'plain.js', undefined, { cache: null }).skipped;
    assert.equal(skipped, 'no @tensorflow/tfjs import and no use of a global `tf`');
  });

  it('sgd(2) on the global tf is reported, and fixes write global tf code', () => {
    const result = analyze(scriptTagModel, 'page.js', undefined, { cache: null });
    assert.equal(result.skipped, undefined);
    const high = result.findings.find((f) => f.rule === 'high-learning-rate');
    assert.ok(high);
    assert.equal(textOf(scriptTagModel, high.span), '2');
    const clipping = result.findings.find((f) => f.rule === 'missing-gradient-clipping');
    const helper = clipping?.fixes[0]?.edits.find((edit) => edit.newText.includes('function withGradientClipping'));
    assert.ok(helper, 'the clipping fix inserts the helper');
    assert.ok(helper.newText.includes('tf.tidy('));
    assert.ok(!/import|require/.test(helper.newText));
  });

  it('tf declared in the file as anything else is not the global', () => {
    const declarations = [
      'const tf = makeTermFrequencies();',
      'let tf;',
      'var { tf } = stats;',
      "import tf from './termFrequency';",
      "import * as tf from 'tf-lib';",
      "import { tf } from 'stats';",
      'function tf() { return 1; }',
      'class tf {}',
      'try { run(); } catch (tf) { report(tf); }',
      'enum tf { a }',
    ];
    for (const declaration of declarations) {
      const text = `${declaration}\n${scriptTagModel}`;
      assert.ok(!globalTf(text, 'page.ts'), declaration);
      assert.deepEqual(extractFile(text, 'page.ts').models, [], declaration);
    }
  });

  it('a declaration nested in a function still rules the global out; a parameter named tf does not', () => {
    assert.ok(!globalTf(`function load() { const tf = window.tfjs; return tf; }\n${scriptTagModel}`));
    assert.ok(globalTf(`function scale(tf, idf) { return tf * idf; }\n${scriptTagModel}`));
  });

  it('uses of tf only inside functions with a tf parameter are not a global use', () => {
    assert.ok(!globalTf('function build(tf) { return tf.sequential(); }'));
    assert.ok(!globalTf('const build = ({ tf }) => tf.sequential();'));
  });

  it('an IIFE handed window.tf as its parameter tf reads the global (a fix may add code that uses it at the top)', () => {
    assert.ok(globalTf('(function (App, tf) { App.model = tf.sequential(); })(window.App, window.tf);'));
    assert.ok(globalTf('(function (tf) { tf.sequential(); })(globalThis.tf);'));
    assert.ok(!globalTf('var self = this;\n(function (tf) { tf.sequential(); })(self.tf);'));
  });

  it('window.tf, globalThis.tf and self.tf are the global too; a local self is not the global object', () => {
    const direct = scriptTagModel.replace(/\btf\./g, 'window.tf.');
    assert.ok(mentionsTfjs(direct));
    assert.equal(extractFile(direct, 'page.js').models[0]?.training?.optimizer?.learningRate, 2);
    assert.equal(extractFile(`const tf = globalThis.tf;\n${scriptTagModel}`, 'page.js').models[0]?.training?.optimizer?.learningRate, 2);
    const localSelf = `const self = { tf: makeStats() };\nconst tf = self.tf;\n${scriptTagModel}`;
    assert.deepEqual(extractFile(localSelf, 'page.js').models, []);
  });

  it('a model built in a window event listener callback is found', () => {
    const text = `window.addEventListener('load', () => {\n${scriptTagModel}});\n`;
    assert.equal(extractFile(text, 'page.js').models[0]?.training?.optimizer?.learningRate, 2);
  });

  it('declare const tf gives the global a type and keeps it the global', () => {
    const text = `declare const tf: typeof import('@tensorflow/tfjs');\n${scriptTagModel}`;
    assert.equal(extractFile(text, 'page.ts').models[0]?.training?.optimizer?.learningRate, 2);
  });
});

describe('tf passed in as a function parameter', () => {
  const builder = `function build(tf) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [4], units: 1 }));
  m.compile({ optimizer: tf.train.sgd(5), loss: 'meanSquaredError' });
  return m;
}
`;

  it('called with the imported namespace', () => {
    const text = `import * as tfjs from '@tensorflow/tfjs';\n${builder}export const model = build(tfjs);\n`;
    assert.equal(extractFile(text, 'm.js').models[0]?.training?.optimizer?.learningRate, 5);
  });

  it('uncalled, in a file that imports tfjs: the parameter is the namespace', () => {
    const text = `import '@tensorflow/tfjs-node';\nimport * as tfjs from '@tensorflow/tfjs';\n${builder}`;
    assert.equal(extractFile(text, 'm.js').models[0]?.training?.optimizer?.learningRate, 5);
  });

  it('uncalled, in a file that uses the global tf', () => {
    const text = `${builder}const x = tf.tensor([1, 2]);\n`;
    assert.equal(extractFile(text, 'm.js').models[0]?.training?.optimizer?.learningRate, 5);
  });

  it('uncalled, in a file that never uses tfjs otherwise: not claimed', () => {
    assert.deepEqual(extractFile(builder, 'm.js').models, []);
  });

  it('a parameter tf typed as a primitive is not the namespace', () => {
    const text = `import * as tfjs from '@tensorflow/tfjs';\nexport function build(tf: number[]) { return tf.sequential(); }\n`;
    assert.deepEqual(extractFile(text, 'm.ts').models, []);
  });
});

describe('a dynamic import of tfjs', () => {
  const text = `async function main() {
  const tf = await import('@tensorflow/tfjs');
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 1 }));
  model.compile({ optimizer: tf.train.sgd(3), loss: 'meanSquaredError' });
}
main();
`;

  it('await import(...) is the namespace', () => {
    assert.equal(extractFile(text, 'page.js').models[0]?.training?.optimizer?.learningRate, 3);
  });

  it('the clipping fix is not offered: its helper would sit where that local tf is not in scope', () => {
    const findings = analyze(text, 'page.js', undefined, { cache: null }).findings;
    const clipping = findings.find((finding) => finding.rule === 'missing-gradient-clipping');
    assert.ok(clipping);
    assert.deepEqual(clipping.fixes, []);
    assert.ok(findings.find((finding) => finding.rule === 'high-learning-rate')?.fixes.length === 1, 'the learning-rate fix edits in place');
  });
});

describe('optimizer classes, require and casts', () => {
  const header = "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\n";
  const optimizerOf = (expression: string, prelude = '') => {
    const text = `${header}${prelude}model.compile({ optimizer: ${expression}, loss: 'meanSquaredError' });\n`;
    const optimizer = extractFile(text, 'm.ts').models[0]?.training?.optimizer;
    return optimizer && { name: optimizer.name, form: optimizer.form, learningRate: optimizer.learningRate, source: optimizer.learningRateSource, lr: textOf(text, optimizer.lrSpan) };
  };

  it('new tf.AdamOptimizer(lr, beta1, beta2) and the other classes take the learning rate first', () => {
    assert.deepEqual(optimizerOf('new tf.AdamOptimizer(0.5, 0.9, 0.999)'), { name: 'adam', form: 'call', learningRate: 0.5, source: 'explicit', lr: '0.5' });
    assert.deepEqual(optimizerOf('new tf.SGDOptimizer(0.2)'), { name: 'sgd', form: 'call', learningRate: 0.2, source: 'explicit', lr: '0.2' });
    assert.deepEqual(optimizerOf('new tf.RMSPropOptimizer(0.02, 0.9)'), { name: 'rmsprop', form: 'call', learningRate: 0.02, source: 'explicit', lr: '0.02' });
    assert.deepEqual(optimizerOf('new MomentumOptimizer(0.3, 0.9)', 'const { MomentumOptimizer } = tf;\n'), { name: 'momentum', form: 'call', learningRate: 0.3, source: 'explicit', lr: '0.3' });
  });

  it('a constructor has no default learning rate (unlike tf.train.adam())', () => {
    assert.deepEqual(optimizerOf('new tf.AdamOptimizer()'), { name: 'adam', form: 'call', learningRate: undefined, source: 'unresolved', lr: undefined });
  });

  it('destructured require of tfjs-node and destructuring of the namespace', () => {
    const required = `const { layers, train, sequential } = require('@tensorflow/tfjs-node');
const model = sequential();
model.add(layers.dense({ inputShape: [4], units: 1 }));
model.compile({ optimizer: train.sgd(3), loss: 'meanSquaredError' });
`;
    assert.equal(extractFile(required, 'm.js').models[0]?.training?.optimizer?.learningRate, 3);
    const destructured = `const tf = require('@tensorflow/tfjs-node');
const { sequential, layers } = tf;
const model = sequential();
model.add(layers.dense({ inputShape: [4], units: 1 }));
model.compile({ optimizer: tf.train.sgd(3), loss: 'meanSquaredError' });
`;
    assert.equal(extractFile(destructured, 'm.js').models[0]?.layers[0]?.units, 1);
  });

  it("CommonJS code reads its own exports back (TypeScript's CommonJS output does)", () => {
    const compiled = (prelude: string, read: string) => `"use strict";
var tfjs_1 = require("@tensorflow/tfjs");
${prelude}
var model = (0, tfjs_1.sequential)();
model.add(tfjs_1.layers.dense({ inputShape: [4], units: ${read}.width }));
model.compile({ optimizer: tfjs_1.train.sgd(${read}.lr), loss: 'meanSquaredError' });
`;
    const trained = (text: string) => {
      const model = extractFile(text, 'm.js').models[0];
      return { units: model?.layers[0]?.units, rate: model?.training?.optimizer?.learningRate };
    };
    assert.deepEqual(trained(compiled('exports.HP = exports.other = void 0;\nexports.HP = { lr: 0.3, width: 16 };', 'exports.HP')), { units: 16, rate: 0.3 });
    assert.deepEqual(trained(compiled('module.exports.HP = { lr: 0.3, width: 16 };', 'module.exports.HP')), { units: 16, rate: 0.3 });
    assert.deepEqual(trained(compiled('module.exports = { HP: { lr: 0.2, width: 8 } };', 'module.exports.HP')), { units: 8, rate: 0.2 });
    // Not exported (yet): unknown. A local named exports is only a local.
    assert.deepEqual(trained(compiled('', 'exports.HP')), { units: undefined, rate: undefined });
    assert.deepEqual(trained(compiled('var exports = { HP: { lr: 0.1, width: 4 } };', 'exports.HP')), { units: 4, rate: 0.1 });
  });

  it('as, <T>, !, satisfies and parentheses are seen through', () => {
    const prelude = 'const lr = ((0.5 as number)!) satisfies number;\n';
    assert.deepEqual(optimizerOf('<tf.Optimizer>(tf.train.sgd(lr as number)!)', prelude), { name: 'sgd', form: 'call', learningRate: 0.5, source: 'explicit', lr: 'lr as number' });
    assert.deepEqual(optimizerOf('tf.train.adam({ learningRate: 0.001 } as unknown as number)'), {
      name: 'adam',
      form: 'call',
      learningRate: undefined,
      source: 'object',
      lr: '{ learningRate: 0.001 } as unknown as number',
    });
  });
});

describe('training that belongs to no model of the file (FileIR.detachedTraining)', () => {
  const summarize = (text: string, fileName = 'm.ts') =>
    (extractFile(text, fileName).detachedTraining ?? []).map((setup) => ({
      optimizer: `${setup.optimizer?.name} ${setup.optimizer?.learningRateSource} ${setup.optimizer?.learningRate}`,
      span: textOf(text, setup.optimizer?.span),
      useSpan: textOf(text, setup.optimizer?.useSpan),
      calls: setup.calls.map((call) => call.kind),
      clipping: setup.clipping.map((evidence) => evidence.kind),
    }));

  it('a stand-alone optimizer driving a minimize loop', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const optimizer = tf.train.adam(0.1);
export function train(loss: () => tf.Scalar) {
  for (let i = 0; i < 10; i++) optimizer.minimize(loss);
}
`;
    assert.deepEqual(summarize(text), [{ optimizer: 'adam explicit 0.1', span: 'tf.train.adam(0.1)', useSpan: 'optimizer', calls: ['minimize'], clipping: [] }]);
  });

  it('an optimizer compiled into a model received as a parameter, cast seen through', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export function compileIt(model: tf.LayersModel) {
  model.compile({ optimizer: tf.train.adam({ learningRate: 0.001 } as unknown as number), loss: 'meanSquaredError' });
}
`;
    assert.deepEqual(summarize(text), [
      { optimizer: 'adam object undefined', span: 'tf.train.adam({ learningRate: 0.001 } as unknown as number)', useSpan: undefined, calls: ['compile'], clipping: [] },
    ]);
  });

  it('an optimizer a model of the file trains with is not listed again', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const optimizer = tf.train.adam(0.1);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
model.compile({ optimizer, loss: 'meanSquaredError' });
export function step(loss: () => tf.Scalar) { optimizer.minimize(loss); }
`;
    assert.equal(extractFile(text, 'm.ts').models[0]?.training?.optimizer?.learningRate, 0.1);
    assert.deepEqual(summarize(text), []);
  });

  it('one factory called with two rates gives two optimizers; an unused one is still listed', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const make = (lr: number) => tf.train.sgd(lr);
export const slow = make(0.001);
export const fast = make(0.5);
`;
    assert.deepEqual(summarize(text).map((setup) => setup.optimizer), ['sgd explicit 0.001', 'sgd explicit 0.5']);
  });

  it("clipping in the loop is the setup's evidence", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const optimizer = tf.train.adam(0.05);
export function step(loss: () => tf.Scalar) {
  const { grads } = tf.variableGrads(loss);
  for (const name of Object.keys(grads)) grads[name] = tf.clipByValue(grads[name], -1, 1);
  optimizer.applyGradients(grads);
}
`;
    assert.deepEqual(summarize(text), [{ optimizer: 'adam explicit 0.05', span: 'tf.train.adam(0.05)', useSpan: 'optimizer', calls: ['variableGrads', 'applyGradients'], clipping: ['clipByValue'] }]);
  });

  it('minimize on something that is not a tfjs optimizer of this file is not training', () => {
    const text = `const tf = require('@tensorflow/tfjs');
const fmin = require('fmin');
const solution = fmin.minimize((x) => x[0] ** 2, [0, 0]);
module.exports = { t: tf.tensor(solution.x) };
`;
    assert.deepEqual(summarize(text, 'm.js'), []);
  });
});

describe('tfjs imported by Deno, ES module CDNs, and as a bundle the project ships (a browser extension may not load remote code)', () => {
  const sick = (specifier: string) => `import * as tf from '${specifier}';
${scriptTagModel}`;

  const specifiers = [
    'npm:@tensorflow/tfjs@4.22.0', 'https://esm.sh/@tensorflow/tfjs@4.22.0', 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/+esm', 'npm:@tensorflow/tfjs-node',
    '../vendor/tfjs.esm.js', './lib/tf.fesm.min.js', '/third_party/tf.es2017.min.js', 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.fesm.min.js',
    '@tensorflow/tfjs@4.22.0/dist/tf.min.js', '@tensorflow/tfjs/dist/tf.es2017.js',
  ];
  for (const specifier of specifiers) {
    it(`'${specifier}' is tfjs`, () => {
      const { findings } = analyze(sick(specifier), 'notebook.mjs', undefined, { cache: null });
      assert.ok(findings.some((finding) => finding.rule === 'high-learning-rate'), findings.map((finding) => finding.rule).join());
    });
  }

  it('another package whose name starts alike is not, nor another file of the package', () => {
    assert.equal(extractFile(sick('https://esm.sh/@tensorflow/tfjs-vis'), 'page.mjs').models.length, 0);
    assert.equal(extractFile(sick('@tensorflow/tfjs/dist/index.js'), 'page.mjs').models.length, 0);
  });

  it("a project's own ./tf.js is its module, not taken for tfjs", () => {
    assert.equal(extractFile(sick('./tf.js'), 'page.mjs').models.length, 0);
  });
});

describe('AMD modules (RequireJS): the factory runs with its dependencies', () => {
  const rules = (text: string) => analyze(text, 'widget.js', undefined, { cache: null }).findings.map((finding) => finding.rule);
  const factory = (parameters: string) => `function (${parameters}) {
  'use strict';
  ${scriptTagModel.replaceAll('\n', '\n  ')}
}`;

  it("define(['tfjs', ...], factory): tfjs's usual shim name is tfjs", () => {
    assert.ok(rules(`define(['tfjs', 'app/store'], ${factory('tf, store')});`).includes('high-learning-rate'));
  });

  it('a named module and the package id', () => {
    assert.ok(rules(`define('moodNet', ['@tensorflow/tfjs'], ${factory('tf')});`).includes('high-learning-rate'));
  });

  it('require([...], callback) with an id the file maps to a tfjs bundle in requirejs.config', () => {
    const text = `requirejs.config({ paths: { tensorflow: ['https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min', 'lib/tf.min'] } });
require(['jquery', 'tensorflow'], ${factory('$, tf')});`;
    assert.ok(rules(text).includes('high-learning-rate'));
  });

  it('a parameter bound to another module is not tfjs, whatever its name', () => {
    assert.equal(extractFile(`define(['app/ml'], ${factory('tf')});`, 'widget.js').models.length, 0);
  });

  it('a function of the file named define is not the loader', () => {
    assert.equal(extractFile(`function define(deps, make) { return make; }\ndefine(['tfjs'], ${factory('tf')});`, 'widget.js').models.length, 0);
  });
});

describe('tfjs in a webpack chunk', () => {
  const chunk = (path: string) => `"use strict";
(self["webpackChunkconsole"] = self["webpackChunkconsole"] || []).push([["src_train_js"], {
"./src/train.js": (function(__unused_webpack_module, __webpack_exports__, __webpack_require__) {
var tf = __webpack_require__(/*! tfjs */ "${path}");
${scriptTagModel}
})
}]);
`;

  it("__webpack_require__ of tfjs's file in node_modules is tfjs", () => {
    const { findings } = analyze(chunk('./node_modules/@tensorflow/tfjs/dist/index.js'), 'chunk.js', undefined, { cache: null });
    assert.ok(findings.some((finding) => finding.rule === 'high-learning-rate'), findings.map((finding) => finding.rule).join());
  });

  it('a file of another package is not', () => {
    assert.equal(extractFile(chunk('./node_modules/@tensorflow/tfjs-vis/dist/index.js'), 'chunk.js').models.length, 0);
  });
});

describe('tfjs through a local module that re-exports it', () => {
  const lib = "export * from '@tensorflow/tfjs';\nexport function describeBackend(): string { return 'cpu'; }\n";
  const readFile = (fileName: string) => (fileName === '/ws/lib/tf.ts' ? lib : undefined);
  const programs: [string, string][] = [
    ['a namespace import', "import * as tf from './lib/tf';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));\nmodel.add(tf.layers.dense({ units: 1 }));\nmodel.compile({ optimizer: tf.train.sgd(2), loss: 'meanSquaredError' });\nconsole.log(tf.describeBackend());\n"],
    ['named imports and a destructured namespace', "import { sequential, layers } from './lib/tf';\nimport * as tf from './lib/tf';\nconst { train } = tf;\nconst model = sequential();\nmodel.add(layers.dense({ inputShape: [4], units: 8, activation: 'relu' }));\nmodel.add(layers.dense({ units: 1 }));\nmodel.compile({ optimizer: train.sgd(2), loss: 'meanSquaredError' });\n"],
  ];
  for (const [name, text] of programs) {
    it(`${name}: the model and its rate are tfjs's`, () => {
      const [model] = extractFile(text, '/ws/train.ts', { readFile }).models;
      assert.deepEqual(model?.layers.map((layer) => layer.units), [8, 1]);
      assert.equal(model?.training?.optimizer?.learningRate, 2);
    });
  }
});
