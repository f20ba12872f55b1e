/**
 * A model built only in code nothing runs is never built: its findings are hints that say why. Such
 * code is a function nothing in its module names, one called only in a branch that never runs, or
 * a registry member never read. Exported, called, passed as a callback, read through a key not
 * known, or written in a script that only declares (a page's inline handlers may call into it) or
 * listed in its `exported` comment, the code keeps its warnings.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/settings';

/** A tanh stack whose randomNormal stddev 2 is far too large: large-init-scale warns when the model is built. */
const builder = (header: string) => `${header}function buildFirstTry() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [12], units: 128, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 2 }) }));
  m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  return m;
}
`;

function severitiesOf(code: string, fileName = 'model.ts', shown = 40): string[] {
  return analyze(code, fileName, undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => `${finding.severity}: ${finding.message.slice(0, shown)}`);
}

const warnsOnly = (findings: string[]) => findings.length > 0 && findings.every((finding) => finding.startsWith('warning: Initializer'));

/** The same tanh stack as a member of a registry of architectures, trained by name. */
const registry = (use: string) => `import * as tf from '@tensorflow/tfjs';
const ZOO = {
  small: () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3, activation: 'softmax' })] }),
  'tanh-wide': () => tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [12], units: 128, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 2 }) }),
    tf.layers.dense({ units: 3, activation: 'softmax' }),
  ] }),
};
${use}
`;

describe('extraction: builders nothing names', () => {
  const moduleHeader = "import * as tf from '@tensorflow/tfjs';\n";

  it('a module function nothing calls, exports or passes on: its findings are hints that say why', () => {
    const [finding, ...others] = severitiesOf(`${builder(moduleHeader)}// const model = buildFirstTry();\n`);
    assert.deepEqual(others, []);
    assert.equal(finding, 'hint: buildFirstTry is not called, exported or');
    // `void name;` only silences an unused-function lint: it calls nothing.
    assert.deepEqual(severitiesOf(`${builder(moduleHeader)}void buildFirstTry;\n`), ['hint: buildFirstTry is not called, exported or']);
    // Nor does `typeof name` (a notebook cell logging that a legacy builder is still there).
    assert.deepEqual(severitiesOf(`${builder(moduleHeader)}console.log('legacy builder:', typeof buildFirstTry);\n`), ['hint: buildFirstTry is not called, exported or']);
    assert.deepEqual(severitiesOf(`${builder(moduleHeader)}if (typeof buildFirstTry === 'function') buildFirstTry();\n`).map((finding) => finding.split(':')[0]), ['warning']);
  });

  it('exported, called, passed as a callback or exported through module.exports: warnings', () => {
    for (const code of [
      builder(moduleHeader).replace('function buildFirstTry', 'export function buildFirstTry'),
      `${builder(moduleHeader)}buildFirstTry().fit(xs, ys);\n`,
      `${builder(moduleHeader)}document.getElementById('go').addEventListener('click', buildFirstTry);\n`,
      `${builder("const tf = require('@tensorflow/tfjs');\n")}module.exports = { buildFirstTry };\n`,
    ]) {
      assert.ok(severitiesOf(code).every((finding) => finding.startsWith('warning: Initializer')), code);
      assert.ok(severitiesOf(code).length > 0, code);
    }
  });

  it('a function called only in a branch whose condition on module constants never holds: hints that name the condition', () => {
    const guarded = (flag: string, condition = 'RUN_SWEEP') => `${builder(moduleHeader)}const RUN_SWEEP = ${flag};\nif (${condition}) {\n  buildFirstTry();\n}\n`;
    assert.deepEqual(severitiesOf(guarded('false'), 'model.ts', 100), ['hint: buildFirstTry is called only where `RUN_SWEEP` is false as written, so this model is never built: In']);
    assert.deepEqual(severitiesOf(guarded("'off'", "RUN_SWEEP === 'on'"), 'model.ts', 75), ["hint: buildFirstTry is called only where `RUN_SWEEP === 'on'` is false as written"]);
    // A `?:` and a `&&` guard alike.
    const chosen = `${builder(moduleHeader)}const LEGACY = false;\nexport const model = LEGACY ? buildFirstTry() : tf.sequential();\n`;
    assert.deepEqual(severitiesOf(chosen, 'model.ts', 63), ['hint: buildFirstTry is called only where `LEGACY` is false as written']);
    const guardedCall = `${builder(moduleHeader)}const LEGACY = false;\nLEGACY && buildFirstTry();\n`;
    assert.deepEqual(severitiesOf(guardedCall, 'model.ts', 63), ['hint: buildFirstTry is called only where `LEGACY` is false as written']);
    const fallback = `${builder(moduleHeader)}const READY = true;\nREADY || buildFirstTry();\n`;
    assert.deepEqual(severitiesOf(fallback, 'model.ts', 61), ['hint: buildFirstTry is called only where `READY` is true as written']);
    // The branch runs, or a condition that reads more than the module's constants may hold in a run the analysis did not make.
    assert.ok(warnsOnly(severitiesOf(guarded('true'))));
    assert.ok(warnsOnly(severitiesOf(guarded('false', 'RUN_SWEEP || process.env.SWEEP'))));
    assert.ok(warnsOnly(severitiesOf(`${builder(moduleHeader)}export function sweep(run: boolean) {\n  if (run) buildFirstTry();\n}\nsweep(false);\n`)));
  });

  it('a flag imported from a workspace module is a module constant too: a builder called only where it does not hold gets hints', () => {
    const code = `${builder(moduleHeader)}import { USE_LEGACY_TOWER } from './flags';\nexport function buildTower() {\n  if (USE_LEGACY_TOWER) return buildFirstTry();\n  return tf.sequential();\n}\n`;
    const withFlag = (value: string) =>
      analyze(code, '/w/tower.ts', undefined, { cache: null, readFile: (file: string) => (file.startsWith('/w/flags') ? `export const USE_LEGACY_TOWER = ${value};\n` : undefined) })
        .findings.filter((finding) => finding.rule === 'large-init-scale')
        .map((finding) => `${finding.severity}: ${finding.message.slice(0, 73)}`);
    assert.deepEqual(withFlag('false'), ['hint: buildFirstTry is called only where `USE_LEGACY_TOWER` is false as written']);
    assert.ok(warnsOnly(withFlag('true')));
  });

  it("a function called only in a switch clause no run reaches, or in a branch on a parameter no call of the module's own function satisfies: hints", () => {
    const switched = (mode: string) => `${builder(moduleHeader)}const MODE = ${mode};\nswitch (MODE) {\n  case 'legacy':\n    buildFirstTry();\n    break;\n  default:\n    tf.sequential();\n}\n`;
    assert.deepEqual(severitiesOf(switched("'fast'"), 'model.ts', 68), ["hint: buildFirstTry is called only where `MODE` is not 'legacy' as written"]);
    assert.ok(warnsOnly(severitiesOf(switched("'legacy'"))));
    const byKind = (exported: string, call: string) => `${builder(moduleHeader)}${exported}function buildModel(kind: string) {\n  switch (kind) {\n    case 'legacy':\n      return buildFirstTry();\n    default:\n      return tf.sequential();\n  }\n}\nexport const model = ${call};\n`;
    assert.deepEqual(severitiesOf(byKind('', "buildModel('mlp')"), 'model.ts', 104), ["hint: buildFirstTry is called only where `kind` is 'legacy', which no call of buildModel in this file makes it"]);
    const byFlag = `${builder(moduleHeader)}const build = (legacy: boolean) => (legacy ? buildFirstTry() : tf.sequential());\nexport const model = build(false);\n`;
    assert.deepEqual(severitiesOf(byFlag, 'model.ts', 97), ['hint: buildFirstTry is called only where `legacy` is true, which no call of build in this file makes it']);
    // A call makes it, an argument is not known, or importers may call the exported function with any kind.
    assert.ok(warnsOnly(severitiesOf(byKind('', "buildModel('legacy')"))));
    assert.ok(warnsOnly(severitiesOf(`${byKind('', "buildModel('mlp')")}export const make = (kind: string) => buildModel(kind);\n`)));
    assert.ok(warnsOnly(severitiesOf(byKind('export ', "buildModel('mlp')"))));
    assert.ok(warnsOnly(severitiesOf(`${byKind('', "buildModel('mlp')")}module.exports = { buildModel };\n`)));
    // A helper nested in an exported function: importers may call the outer one with any kind.
    const nested = `${builder(moduleHeader)}export function make(kind: string) {\n  function pick(k: string) {\n    switch (k) {\n      case 'legacy':\n        return buildFirstTry();\n      default:\n        return tf.sequential();\n    }\n  }\n  return pick(kind);\n}\nexport const model = make('mlp');\n`;
    assert.ok(warnsOnly(severitiesOf(nested)));
  });

  it('a model built through a call in a function nothing names: hints that name that function', () => {
    const code = `${builder(moduleHeader).replace('function buildFirstTry', 'export function buildFirstTry')}function oldExperiment() {\n  buildFirstTry().fit(xs, ys);\n}\n`;
    assert.deepEqual(severitiesOf(code, 'model.ts', 100), ['hint: oldExperiment is not called, exported or passed on in this file, so this model is never built: Initi']);
  });

  it('a registry member never read under its key: hints; read through a key not known, exported or passed on: warnings', () => {
    assert.deepEqual(severitiesOf(registry("for (const name of ['small']) ZOO[name]().fit(xs, ys);"), 'zoo.ts', 25), ["hint: ZOO['tanh-wide'] is never"]);
    assert.ok(warnsOnly(severitiesOf(registry("for (const name of ['small', 'tanh-wide']) ZOO[name]().fit(xs, ys);"), 'zoo.ts')));
    assert.ok(warnsOnly(severitiesOf(registry('ZOO[process.argv[2]]().fit(xs, ys);'), 'zoo.ts')));
    assert.ok(warnsOnly(severitiesOf(registry("ZOO['small']().fit(xs, ys);\nexport { ZOO };"), 'zoo.ts')));
    assert.ok(warnsOnly(severitiesOf(registry("ZOO['small']().fit(xs, ys);\nbenchmark(ZOO);"), 'zoo.ts')));
  });

  it('a plugin in a list walked by for...of whose builder the run never read: hints; read, handed on or not reached: warnings', () => {
    const plugins = (walk: string) => `import * as tf from '@tensorflow/tfjs';
const PLUGINS = [
  { name: 'small', build: () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3, activation: 'softmax' })] }) },
  { name: 'tanh-wide', build: () => tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [12], units: 128, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 2 }) }),
    tf.layers.dense({ units: 3, activation: 'softmax' }),
  ] }) },
];
const ENABLED = ['small'];
const registry = new Map();
${walk}
registry.get('small')().fit(xs, ys);
`;
    const enabledOnly = 'for (const plugin of PLUGINS) {\n  if (ENABLED.includes(plugin.name)) registry.set(plugin.name, plugin.build);\n}';
    assert.deepEqual(severitiesOf(plugins(enabledOnly), 'plugins.ts', 25), ['hint: PLUGINS[1].build is never']);
    for (const walk of [
      enabledOnly.replace("['small']", "['small', 'tanh-wide']").replace('ENABLED.includes', "['small', 'tanh-wide'].includes"),
      enabledOnly.replace('if (ENABLED.includes(plugin.name)) registry.set', 'registerPlugin(plugin);\n  if (ENABLED.includes(plugin.name)) registry.set'),
      `${enabledOnly}\nexport { PLUGINS };`,
      enabledOnly.replace('registry.set(plugin.name, plugin.build);', 'registry.set(plugin.name, plugin.build);\n  audit(PLUGINS);'),
      enabledOnly.replace('for (const plugin of PLUGINS) {', 'for (const plugin of PLUGINS) {\n  if (plugin.name === "small") break;'),
    ]) assert.ok(warnsOnly(severitiesOf(plugins(walk), 'plugins.ts')), walk);
  });

  it('a class nothing constructs, or named only in a registry member never read: hints; constructed, exported, decorated or read: warnings', () => {
    const classes = (use: string, prefix = '') => `import * as tf from '@tensorflow/tfjs';
class SmallBuilder {
  build() { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3, activation: 'softmax' })] }); }
}
${prefix}class TanhWideBuilder {
  build() {
    return tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [12], units: 128, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 2 }) }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ] });
  }
}
${use}
`;
    assert.deepEqual(severitiesOf(classes('new SmallBuilder().build().fit(xs, ys);'), 'zoo.ts', 44), ['hint: TanhWideBuilder is not constructed, extended']);
    const registry = "const BUILDERS = Object.freeze({ small: SmallBuilder, wide: TanhWideBuilder });\nconst ARCH = 'small';\nnew BUILDERS[ARCH]().build().fit(xs, ys);";
    assert.deepEqual(severitiesOf(classes(registry), 'zoo.ts', 49), ["hint: TanhWideBuilder is named only in BUILDERS['wide']"]);
    for (const code of [
      classes('new TanhWideBuilder().build().fit(xs, ys);'),
      classes('new SmallBuilder().build().fit(xs, ys);', 'export '),
      classes('new SmallBuilder().build().fit(xs, ys);', '@Injectable()\n'),
      classes(registry.replace("'small';", "'wide';")),
    ]) assert.ok(warnsOnly(severitiesOf(code, 'zoo.ts')), code);
  });

  it('a named function in a frozen registry never read under its key: hints; read, read through a key not known, exported or called: warnings', () => {
    const functions = (use: string) => `${builder(moduleHeader)}function buildSmall() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3, activation: 'softmax' })] });
}
const BUILDERS = Object.freeze({ small: buildSmall, wide: buildFirstTry });
${use}
`;
    assert.deepEqual(severitiesOf(functions("BUILDERS.small().fit(xs, ys);"), 'zoo.ts', 47), ["hint: buildFirstTry is named only in BUILDERS['wide']"]);
    for (const use of [
      'BUILDERS.wide().fit(xs, ys);',
      'BUILDERS[process.argv[2]]().fit(xs, ys);',
      'BUILDERS.small().fit(xs, ys);\nexport { BUILDERS };',
      'BUILDERS.small().fit(xs, ys);\nbuildFirstTry();',
    ]) assert.ok(warnsOnly(severitiesOf(functions(use), 'zoo.ts')), use);
    // A script's functions are globals a page may call: the registry does not make them unreachable.
    assert.ok(warnsOnly(severitiesOf(functions('BUILDERS.small().fit(xs, ys);').replace(moduleHeader, ''), 'zoo.js')));
  });

  it("a named function a registration stores in a Map under a key no get reads: hints; read under its key or a key not known, listed by values(), or registered twice: warnings", () => {
    const registered = (use: string, registry = 'const builders = new Map();\nconst registry = {\n  register(kind, build) {\n    if (builders.has(kind)) throw new Error(`duplicate ${kind}`);\n    builders.set(kind, build);\n  },\n  get(kind) {\n    return builders.get(kind);\n  },\n  kinds() {\n    return [...builders.keys()];\n  },\n};') => `${builder(moduleHeader)}function buildSmall() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3, activation: 'softmax' })] });
}
${registry}
registry.register('small', buildSmall);
registry.register('first-try', buildFirstTry);
${use}
`;
    // Its duplicate check (`has`) and a listing of the kinds (`keys()`) hand out no builder.
    assert.deepEqual(severitiesOf(registered("console.log(registry.kinds());\nregistry.get('small')().fit(xs, ys);"), 'zoo.ts', 69), ["hint: buildFirstTry is stored only under 'first-try' in a Map that is never"]);
    for (const use of [
      "registry.get('first-try')().fit(xs, ys);",
      'registry.get(process.argv[2])().fit(xs, ys);',
      "registry.get('small')().fit(xs, ys);\nfor (const build of builders.values()) build().fit(xs, ys);",
      "registry.get('small')().fit(xs, ys);\nregistry.register('backup', buildFirstTry);",
    ]) assert.ok(warnsOnly(severitiesOf(registered(use), 'zoo.ts')), use);
  });

  it("a function written in place in a registration that stores it in a Map under a key no get reads (register('conv', (cfg) => ...)): hints; read under its key or a key not known: warnings", () => {
    const registered = (use: string) => `${builder(moduleHeader)}const builders = new Map();
function register(kind, build) {
  builders.set(kind, build);
}
register('small', () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3, activation: 'softmax' })] }));
register('first-try', () => buildFirstTry());
${use}
`;
    assert.deepEqual(severitiesOf(registered("builders.get('small')().fit(xs, ys);"), 'zoo.ts', 69), ["hint: the function stored under 'first-try' is in a Map that is never read "]);
    for (const use of ["builders.get('first-try')().fit(xs, ys);", 'builders.get(process.argv[2])().fit(xs, ys);', "builders.get('small')().fit(xs, ys);\nexport { builders };"]) {
      assert.ok(warnsOnly(severitiesOf(registered(use), 'zoo.ts')), use);
    }
  });

  it("a model built only in a catch block that rescues diverged training (its error thrown only when a loss is not finite): hints; a catch for an error thrown otherwise: warnings", () => {
    const rescue = (thrown: string) => `import * as tf from '@tensorflow/tfjs';
class DivergedError extends Error {}
${builder('')}async function fitOnce(model) {
  await model.fit(xs, ys, { epochs: 5, callbacks: { onEpochEnd: async (epoch, logs) => { ${thrown} } } });
}
export async function main() {
  try {
    await fitOnce(tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3, activation: 'softmax' })] }));
  } catch (err) {
    if (!(err instanceof DivergedError)) throw err;
    await fitOnce(buildFirstTry());
  }
}
`;
    assert.deepEqual(severitiesOf(rescue('if (!Number.isFinite(logs.loss)) throw new DivergedError();'), 'rescue.ts', 51), ['hint: it is built only in a catch block for DivergedError']);
    assert.ok(warnsOnly(severitiesOf(rescue('if (epoch > 3) throw new DivergedError();'), 'rescue.ts')));
    assert.ok(warnsOnly(severitiesOf(rescue("if (!Number.isFinite(logs.loss)) throw new DivergedError();").replace('if (!(err instanceof DivergedError)) throw err;', "console.warn('retrying');"), 'rescue.ts')));
  });

  it('a script that only declares (a page\'s inline handlers may call it) keeps its warnings', () => {
    const findings = severitiesOf(`/* global tf */\n${builder('')}`, 'page.js');
    assert.ok(findings.length > 0 && findings.every((finding) => finding.startsWith('warning: Initializer')));
  });

  const wiredPage = (header: string) => `/* global tf */\n${header}${builder('')}function train() { return tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3 })] }); }
document.getElementById('train').addEventListener('click', () => train());
`;

  it('a script that wires its own handlers: a function it never names is never run, and the hint says how to mark it', () => {
    const findings = severitiesOf(wiredPage(''), 'page.js', 200);
    assert.ok(findings.length > 0);
    for (const finding of findings) {
      assert.ok(finding.startsWith('hint: buildFirstTry is not called or passed on in this script, so this model is never built (if the page calls it, say so with an `/* exported buildFirstTry */` comment)'), finding);
    }
  });

  it('a script function listed in an `exported` comment (as ESLint reads it) keeps its warnings', () => {
    assert.ok(warnsOnly(severitiesOf(wiredPage('/* exported train, buildFirstTry */\n'), 'page.js')));
  });
});

describe('a model an imported helper builds, in a function called only in a branch that never runs', () => {
  const helper = `import * as tf from '@tensorflow/tfjs';\nexport function buildClassifier() {\n  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [48], units: 96, activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });\n}\n`;
  const train = (flag: string) => `import * as tf from '@tensorflow/tfjs';
import { buildClassifier } from './model';
const ENABLE_SWEEP = ${flag};
async function fitOnce(lr: number) {
  const model = buildClassifier();
  model.compile({ optimizer: tf.train.adam(lr), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys);
}
async function runSweep() {
  for (const lr of [0.1]) await fitOnce(lr);
}
async function main() {
  if (ENABLE_SWEEP) return runSweep();
  await fitOnce(0.003);
}
main();
`;
  const rateFindings = (flag: string) =>
    analyze(train(flag), '/ws/train.ts', undefined, { cache: null, readFile: (file: string) => (file === '/ws/model.ts' ? helper : undefined) }).findings
      .filter((finding) => finding.rule === 'high-learning-rate')
      .map((finding) => `${finding.severity}: ${finding.message.includes('runSweep is called only where `ENABLE_SWEEP` is false as written') ? 'never built' : 'built'}`);

  it("is never built: the sweep's rate is a hint that says why, as for a model the file builds itself", () => {
    assert.deepEqual(rateFindings('false'), ['hint: never built']);
    assert.deepEqual(rateFindings('true'), ['warning: built']);
  });
});

describe('a private or protected method nothing calls', () => {
  const trainer = (access: string, extra = '') => `import * as tf from '@tensorflow/tfjs';
export class Classifier${extra} {
  ${access} buildFirstTry() {
    return tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 128, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 2 }) }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
  }
  async fit(xs, ys) {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 3, activation: 'softmax' })] });
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    await model.fit(xs, ys);
  }
}
`;
  const severities = (code: string, importers: { fileName: string; text: string }[] = []) =>
    analyze(code, '/ws/classifier.ts', undefined, { cache: null, importers }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => finding.severity);

  it('is never built: its findings are hints, for a private one and for a protected one no importer names', () => {
    assert.deepEqual(severities(trainer('private')), ['hint']);
    assert.deepEqual(severities(trainer('protected')), ['hint']);
    // In a subclass too: a base class cannot call a private member (TypeScript does not let a subclass make a base's member private).
    const subclassOfBase = trainer('private', ' extends BaseAgent').replace("import * as tf from '@tensorflow/tfjs';", "import * as tf from '@tensorflow/tfjs';\nimport { BaseAgent } from './base-agent';");
    assert.deepEqual(severities(subclassOfBase), ['hint']);
  });

  it('a protected one an importing file names (a subclass may call it), a public one, or one of a class extending a framework base, keeps its warnings', () => {
    const subclass = { fileName: '/ws/fast.ts', text: "import { Classifier } from './classifier';\nclass Fast extends Classifier { go() { return this.buildFirstTry(); } }\n" };
    assert.deepEqual(severities(trainer('protected'), [subclass]), ['warning']);
    assert.deepEqual(severities(trainer('public')), ['warning']);
    assert.deepEqual(severities(trainer('protected', ' extends LitElement').replace("import * as tf from '@tensorflow/tfjs';", "import * as tf from '@tensorflow/tfjs';\nimport { LitElement } from 'lit';")), ['warning']);
  });
});

describe('a layer no model holds, constructed only in code nothing runs', () => {
  const program = (use: string) => `import * as tf from '@tensorflow/tfjs';
// Kept from the first Keras port.
function legacyHead(units: number) {
  return tf.layers.dense({ units, activation: 'leakyRelu', kernelInitializer: 'heNormal' });
}
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4, activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
${use}
`;
  const traps = (use: string) => analyze(program(use), 'pose.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'tfjs-api-trap').map((finding) => `${finding.severity}: ${finding.message.slice(0, 60)}`);

  it("is never constructed: tfjs's throw at its config is a hint that says why; called or exported, an error", () => {
    assert.deepEqual(traps(''), ['hint: legacyHead is not called, exported or passed on in this file']);
    assert.match(analyze(program(''), 'pose.ts', undefined, { cache: null }).findings[0].message, /so this layer is never constructed: tf\.layers\.dense: 'leakyRelu'/);
    assert.deepEqual(traps('export { legacyHead };'), ['error: tf.layers.dense: \'leakyRelu\' is not a tfjs activation; use t']);
    assert.deepEqual(traps('const head = legacyHead(3);'), ['error: tf.layers.dense: \'leakyRelu\' is not a tfjs activation; use t']);
    // Configured as info, it stays info: only errors and warnings become hints.
    const asInfo = { ...DEFAULT_SETTINGS, severity: { ...DEFAULT_SETTINGS.severity, 'tfjs-api-trap': 'info' as const } };
    assert.deepEqual(analyze(program(''), 'pose.ts', asInfo, { cache: null }).findings.filter((finding) => finding.rule === 'tfjs-api-trap').map((finding) => finding.severity), ['info']);
  });
});

describe('a method of a Vue root instance that nothing names', () => {
  const page = (template: string, kept = 'new Vue({', other = '') => `/* global tf, Vue */
${kept}
  el: '#app',
  ${template}
  data() {
    return { status: 'idle' };
  },
  methods: {
    buildLegacy() {
      const m = tf.sequential();
      m.add(tf.layers.simpleRNN({ units: 32, inputShape: [150, 8] }));
      return m;
    },
    train() {
      ${other}
      this.status = 'training';
    },
  },
});
`;
  const severities = (text: string) => analyze(text, 'page.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'long-simple-rnn').map((finding) => finding.severity);

  it('is never built when the template is written in its options: its findings are hints that say why', () => {
    const text = page('template: `<button @click="train">Train</button>`,');
    assert.deepEqual(severities(text), ['hint']);
    assert.match(analyze(text, 'page.js', undefined, { cache: null }).findings[0].message, /^buildLegacy is a method of the Vue instance that neither its template nor its code names, so this model is never built/);
    assert.deepEqual(severities(page("template: '<div/>',", 'Vue.createApp({').replace('});\n', '}).mount(\'#app\');\n')), ['hint'], 'createApp, mounted');
  });

  it('keeps its warnings when the template or the code names it, the template is in the page, or the instance is kept', () => {
    assert.deepEqual(severities(page('template: `<button @click="buildLegacy">Old</button>`,')), ['warning']);
    assert.deepEqual(severities(page("template: '<button @click=\"train\">Train</button>',", 'new Vue({', 'this.buildLegacy();')), ['warning']);
    // Called only from a method nothing names, it is never built either.
    assert.deepEqual(severities(page("template: '<div/>',", 'new Vue({', 'this.buildLegacy();')), ['hint']);
    assert.deepEqual(severities(page('')), ['warning'], 'the template is the page markup, not seen here');
    assert.deepEqual(severities(page("template: '<div/>',", 'window.app = new Vue({')), ['warning']);
  });
});
