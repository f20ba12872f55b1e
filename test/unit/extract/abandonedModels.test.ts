/**
 * A notebook's first attempt, bound to a variable, looked at and replaced before anything trains
 * it, is no model to report; any other use keeps it. A model bound, only looked at (or given
 * other weights) and left, where the file trains another, is reported as hints.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';

const header = `import * as tf from '@tensorflow/tfjs';
function makeMlp(kernelInitializer) {
  return tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [256], units: 128, activation: 'relu', kernelInitializer }),
    tf.layers.dense({ units: 4, activation: 'softmax' }),
  ] });
}
`;

/** The rules reported on the program: the first attempt's randomNormal stddev 1 is large-init-scale. */
function rulesOf(cells: string): string[] {
  return analyze(`${header}${cells}`, 'notebook.ts', undefined, { cache: null }).findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.rule);
}

const firstTry = `let model = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));\nmodel.summary();\n(model.predict(tf.zeros([1, 256])) as tf.Tensor).print();\n`;
const secondTry = `model = makeMlp('heUniform');\nmodel.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\nawait model.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));\n`;

describe('extraction: models replaced before training', () => {
  it('a first attempt only summarised and predicted, then replaced, is not reported', () => {
    assert.deepEqual(rulesOf(`${firstTry}${secondTry}`), []);
  });

  it('a first attempt trained before it is replaced is reported', () => {
    assert.deepEqual(rulesOf(`${firstTry}await model.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));\n${secondTry}`), ['large-init-scale']);
  });

  it('a first attempt handed to other code before it is replaced is reported (that code may train it)', () => {
    assert.deepEqual(rulesOf(`declare function train(m: tf.LayersModel): void;\n${firstTry}train(model);\n${secondTry}`), ['large-init-scale']);
  });

  it('a model never replaced, or bound to a const, is reported though nothing here trains it (a module builds it for others)', () => {
    assert.deepEqual(rulesOf(firstTry), ['large-init-scale']);
    assert.deepEqual(rulesOf(`const first = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));\nfirst.summary();\n`), ['large-init-scale']);
  });
});

describe('extraction: models built and left untrained where the file trains another', () => {
  const trainer = `import * as tf from '@tensorflow/tfjs';
function makeMlp(kernelInitializer, activation = 'relu') {
  return tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [256], units: 128, activation, kernelInitializer }),
    tf.layers.dense({ units: 4, activation: 'softmax' }),
  ] });
}
`;
  const trainMain = `  const model = makeMlp('heUniform');
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  await model.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));
`;
  /** Warnings (and errors) and hints, as `rule: message`, of a main() that trains one model and does `aside` with another. */
  function reported(aside: string, after = '', before = ''): { warnings: string[]; hints: string[] } {
    const text = `${trainer}${before}export async function main() {\n${trainMain}${aside}}\n${after}`;
    const findings = analyze(text, 'train.ts', undefined, { cache: null }).findings;
    const of = (severities: string[]) => findings.filter((finding) => severities.includes(finding.severity)).map((finding) => `${finding.rule}: ${finding.message}`);
    return { warnings: of(['warning', 'error']), hints: of(['hint']) };
  }
  const wide = `makeMlp(tf.initializers.randomNormal({ stddev: 1 }))`;

  it('a reference model only looked at (countParams, summary) has its findings as hints that say why', () => {
    const { warnings, hints } = reported(`  const baseline = ${wide};\n  baseline.summary();\n  console.log(model.countParams(), baseline.countParams());\n`);
    assert.deepEqual(warnings, []);
    const why = 'baseline is never trained: it is only looked at (summary(), countParams()), so its gradients never flow: Initializer randomNormal';
    assert.ok(hints.some((hint) => hint.startsWith('large-init-scale') && hint.includes(why)), hints.join('\n'));
  });

  it("an inference copy that takes the trained model's weights (setWeights) and is saved with them: hints", () => {
    const { warnings, hints } = reported(`  const sampler = ${wide};\n  sampler.setWeights(model.getWeights());\n  await sampler.save('file://./web');\n`);
    assert.deepEqual(warnings, []);
    const why = "sampler is never trained: it takes another model's weights (setWeights()), so its initializers never act: Initializer randomNormal";
    assert.ok(hints.some((hint) => hint.startsWith('large-init-scale') && hint.includes(why)), hints.join('\n'));
  });

  it("a copy given the trained model's weights in the function that builds and returns it, then saved: hints", () => {
    const copier = `function quantisedCopy(from) {\n  const copy = ${wide};\n  copy.setWeights(from.getWeights());\n  return copy;\n}\n`;
    const { warnings, hints } = reported(`  const preview = quantisedCopy(model);\n  await preview.save('file://./preview');\n`, '', copier);
    assert.deepEqual(warnings, []);
    assert.ok(hints.some((hint) => hint.includes("preview is never trained: it takes another model's weights (setWeights())")), hints.join('\n'));
    // Saved without the weights: a later run loads and trains its initial weights.
    const plain = copier.replace('  copy.setWeights(from.getWeights());\n', '');
    assert.deepEqual(reported(`  const preview = quantisedCopy(model);\n  await preview.save('file://./preview');\n`, '', plain).warnings.map((warning) => warning.split(':')[0]), ['large-init-scale']);
  });

  it('a probe built layer by layer in a loop, only counted and disposed: hints', () => {
    const { warnings, hints } = reported(`  const probe = tf.sequential();\n  [64, 32].forEach((units, i) => probe.add(tf.layers.dense({ ...(i === 0 ? { inputShape: [256] } : {}), units, activation: 'relu', kernelInitializer: 'zeros' })));\n  console.log(probe.countParams());\n  probe.dispose();\n`);
    assert.deepEqual(warnings, []);
    assert.ok(hints.some((hint) => hint.startsWith('constant-initializer') && hint.includes('probe is never trained: it is only looked at (countParams())')), hints.join('\n'));
  });

  it('a model only summarised in a branch that returns before training (a --legacy flag): a hint, though that run trains nothing, and no finding of the other branch, where it is not built', () => {
    const legacy = `function buildOld() {\n  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelInitializer: 'zeros' })] });\n}\n`;
    const text = `${trainer}${legacy}export async function main() {\n  if (process.argv.includes('--legacy')) {\n    buildOld().summary();\n    return;\n  }\n${trainMain}}\n`;
    const found = analyze(text, 'train.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'constant-initializer');
    assert.deepEqual(found.map((finding) => finding.severity), ['hint'], found.map((finding) => finding.message).join('\n'));
    assert.match(found[0].message, /^buildOld\(\) is never trained: its model is only looked at \(summary\(\)\)/);
  });

  it("a diagram net whose layers are listed, then disposed: hints", () => {
    const { warnings, hints } = reported(`  const diagram = ${wide};\n  const rows = diagram.layers.map((l) => l.name);\n  diagram.dispose();\n  console.log(rows);\n`);
    assert.deepEqual(warnings, []);
    assert.ok(hints.some((hint) => hint.includes('diagram is never trained: it is only looked at (layers), so its gradients never flow')), hints.join('\n'));
  });

  it('a warm-up net run once (predict inside tf.tidy) and disposed: hints', () => {
    const { warnings, hints } = reported(`  const warm = ${wide};\n  tf.tidy(() => warm.predict(tf.zeros([1, 256])));\n  warm.dispose();\n`);
    assert.deepEqual(warnings, []);
    assert.ok(hints.some((hint) => hint.includes('warm is never trained: it is only looked at (predict()), so its gradients never flow')), hints.join('\n'));
  });

  it('a sketch built and summarised in one expression (makeSketch().summary()), at the top level too: hints', () => {
    const inMain = reported(`  ${wide}.summary();\n`);
    assert.deepEqual(inMain.warnings, []);
    assert.ok(inMain.hints.some((hint) => hint.includes(`${wide} is never trained: its model is only looked at (summary()) and then dropped`)), inMain.hints.join('\n'));
    const atTop = reported('', `console.log(${wide}.countParams());\n`);
    assert.deepEqual(atTop.warnings, []);
    // Any other method on the built value (fit, compile) or a chain that keeps it is not a glance.
    assert.deepEqual(reported(`  ${wide}.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));\n`).warnings.map((warning) => warning.split(':')[0]), ['large-init-scale']);
  });

  it('a builder that adds layers to its binding and returns it: the model lands where the builder is called (a preview net only predicted: hints)', () => {
    const builder = `function buildPreview() {\n  const preview = tf.sequential();\n  preview.add(tf.layers.dense({ inputShape: [256], units: 16, kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }) }));\n  return preview;\n}\n`;
    const { warnings, hints } = reported(`  const preview = buildPreview();\n  preview.predict(tf.zeros([1, 256]));\n`, '', builder);
    assert.deepEqual(warnings, []);
    assert.ok(hints.some((hint) => hint.includes('preview is never trained: it is only looked at (predict())')), hints.join('\n'));
    // A builder that also compiles its model hands on more than layers: the warning stays.
    const compiling = builder.replace('  return preview;', "  preview.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n  return preview;");
    assert.deepEqual(reported(`  const preview = buildPreview();\n  preview.predict(tf.zeros([1, 256]));\n`, '', compiling).warnings.map((warning) => warning.split(':')[0]), ['large-init-scale']);
  });

  it('a memoized probe (`if (latencyNet) return latencyNet;`) its one caller only predicts: hints; trained, reached by other code or called twice: warnings', () => {
    const memoized = `let latencyNet = null;\nfunction latencyNetwork() {\n  if (latencyNet) return latencyNet;\n  const net = ${wide};\n  latencyNet = net;\n  return net;\n}\n`;
    const timing = `function timeIt() {\n  const net = latencyNetwork();\n  return net.predict(tf.zeros([1, 256]));\n}\n`;
    const { warnings, hints } = reported('  timeIt();\n', '', memoized + timing);
    assert.deepEqual(warnings, []);
    assert.ok(hints.some((hint) => hint.startsWith('large-init-scale') && hint.includes('net is never trained: it is only looked at (predict())')), hints.join('\n'));
    // The memo assigned where the model is built, then returned.
    const direct = `let latencyNet = null;\nfunction latencyNetwork() {\n  if (latencyNet) return latencyNet;\n  latencyNet = ${wide};\n  return latencyNet;\n}\n`;
    assert.deepEqual(reported('  timeIt();\n', '', direct + timing).warnings, []);
    const stays = (before: string, aside = '  timeIt();\n') => assert.deepEqual(reported(aside, '', before).warnings.map((warning) => warning.split(':')[0]), ['large-init-scale'], before + aside);
    stays(memoized + timing.replace('return net.predict(tf.zeros([1, 256]));', 'return net.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));'));
    stays(direct + timing + 'function tune() { latencyNet.fit(tf.zeros([8, 256]), tf.zeros([8, 4])); }\n');
    stays(`export ${memoized}${timing}`.replace('export let latencyNet = null;\nfunction', 'let latencyNet = null;\nexport function'));
    stays(memoized + timing, '  timeIt();\n  latencyNetwork().fit(tf.zeros([8, 256]), tf.zeros([8, 4]));\n');
  });

  it('a target network frozen (trainable = false) and never trained, though handed to a soft-update helper: hints; one the trained model applies inside it keeps its warnings', () => {
    const program = (frozen: string) => `${header}const online = makeMlp('heUniform');
const target = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));
${frozen}
function softUpdate(into, from) {
  into.setWeights(from.getWeights().map((w, i) => w.mul(0.01).add(into.getWeights()[i].mul(0.99))));
}
online.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
await online.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));
softUpdate(target, online);
`;
    const severities = (frozen: string) =>
      analyze(program(frozen), 'dqn.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => `${finding.severity}${finding.message.includes('this model is frozen (trainable = false) and never trained') ? ', frozen' : ''}`);
    assert.deepEqual(severities('target.trainable = false;'), ['hint, frozen']);
    // Not frozen, it still only takes weights (the helper reads and sets them): never trained either.
    assert.deepEqual(severities(''), ['hint']);
    assert.match(analyze(program(''), 'dqn.ts', undefined, { cache: null }).findings[0].message, /: target is never trained: it only takes weights \(setWeights\(\)\), so no gradient flows through it/);
    assert.deepEqual(severities('target.trainable = false;\ntarget.trainable = true;\nawait target.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));'), ['warning']);
    const applied = "target.trainable = false;\nconst stacked = tf.sequential({ layers: [target, tf.layers.dense({ units: 2 })] });\nstacked.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nawait stacked.fit(tf.zeros([8, 256]), tf.zeros([8, 2]));";
    assert.ok(severities(applied).length > 0 && severities(applied).every((severity) => severity === 'warning'), severities(applied).join());
  });

  it('a torso applied inside a frozen target network, itself never trained: the target\'s hint, not the torso\'s own warning', () => {
    const program = (frozen: string) => `import * as tf from '@tensorflow/tfjs';
function buildTorso(kernelInitializer) {
  const torso = tf.sequential();
  torso.add(tf.layers.dense({ inputShape: [4], units: 64, activation: 'relu', kernelInitializer }));
  torso.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer }));
  return torso;
}
function buildQNet(kernelInitializer = 'heUniform') {
  const input = tf.input({ shape: [4] });
  const q = tf.layers.dense({ units: 3 }).apply(buildTorso(kernelInitializer).apply(input));
  return tf.model({ inputs: input, outputs: q });
}
const online = buildQNet();
online.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const target = buildQNet('zeros');
${frozen}
target.setWeights(online.getWeights());
export async function step(xs, ys) {
  await online.fit(xs, ys);
}
`;
    const severities = (frozen: string) => analyze(program(frozen), 'dqn.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'constant-initializer').map((finding) => finding.severity);
    const frozen = severities('target.trainable = false;');
    assert.ok(frozen.length > 0 && frozen.every((severity) => severity === 'hint'), frozen.join());
    const exported = severities('export { target };');
    assert.ok(exported.length > 0 && exported.every((severity) => severity === 'warning'), exported.join());
  });

  it('saved as built (a later run loads and trains it), returned, handed on, trained in a callback or exported: warnings', () => {
    const stays = (aside: string, after = '', before = '') => assert.deepEqual(reported(aside, after, before).warnings.map((warning) => warning.split(':')[0]), ['large-init-scale'], aside + after);
    stays(`  const student = ${wide};\n  await student.save('file://./student');\n`);
    stays(`  const student = ${wide};\n  return student;\n`);
    stays(`  const student = ${wide};\n  distill(model, student);\n`, '', 'declare function distill(a: unknown, b: unknown): void;\n');
    stays(`  const student = ${wide};\n  document.body.onclick = () => student.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));\n`);
    stays('', `export const student = ${wide};\nstudent.summary();\n`);
  });

  it("a page script's top-level const only predicted, where the script trains another model: hints (the page's other scripts do not train it)", () => {
    const page = (probeUse: string) => `/* global tf */
function makeMlp(kernelInitializer) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 128, activation: 'tanh', kernelInitializer }), tf.layers.dense({ units: 4, activation: 'softmax' })] });
}
const model = makeMlp('glorotUniform');
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
const probe = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));
document.getElementById('train').addEventListener('click', () => model.fit(tf.zeros([8, 256]), tf.zeros([8, 4])));
document.getElementById('inspect').addEventListener('click', () => ${probeUse});
`;
    const severities = (probeUse: string) => analyze(page(probeUse), 'app.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => finding.severity);
    assert.deepEqual(severities('probe.predict(tf.zeros([1, 256])).print()'), ['hint']);
    assert.deepEqual(severities('probe.fit(tf.zeros([8, 256]), tf.zeros([8, 4]))'), ['warning']);
  });

  it("a module-level `let` a setup function fills with a probe that every use only looks at (predicted, or handed to a helper that only predicts, then disposed): hints; any use that may train it keeps its warnings", () => {
    const page = (uses: string) => `/* global tf */
function makeMlp(kernelInitializer) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 128, activation: 'tanh', kernelInitializer }), tf.layers.dense({ units: 4, activation: 'softmax' })] });
}
let previewModel = null;
function timeIt(model) {
  return tf.tidy(() => model.predict(tf.zeros([1, 256])));
}
function setup() {
  previewModel = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));
}
${uses}
const model = makeMlp('glorotUniform');
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
document.getElementById('train').addEventListener('click', () => model.fit(tf.zeros([8, 256]), tf.zeros([8, 4])));
setup();
`;
    const severities = (uses: string) => analyze(page(uses), 'app.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => finding.severity);
    assert.deepEqual(severities('function show() { if (previewModel) previewModel.predict(tf.zeros([1, 256])).print(); }'), ['hint']);
    assert.deepEqual(severities('function bench() { timeIt(previewModel); previewModel.dispose(); previewModel = null; }'), ['hint']);
    assert.deepEqual(severities('function tune() { previewModel.fit(tf.zeros([8, 256]), tf.zeros([8, 4])); }'), ['warning']);
    assert.deepEqual(severities('function hand() { window.preview = previewModel; }'), ['warning']);
    assert.deepEqual(severities('function train(previewModel) { previewModel.fit(tf.zeros([8, 256]), tf.zeros([8, 4])); }\nfunction show() { previewModel.predict(tf.zeros([1, 256])); }'), ['warning'], 'a parameter hiding the name is another value');
    assert.deepEqual(severities('function bench() { saveIt(previewModel); }\nfunction saveIt(m) { m.fit(tf.zeros([8, 256]), tf.zeros([8, 4])); }'), ['warning']);
    // Chosen in place of the trained model until it exists (`const net = model ?? previewModel`), then used through that const.
    assert.deepEqual(severities('function draw() { const net = trained ?? previewModel; net.predict(tf.zeros([1, 256])); }'), ['hint']);
    assert.deepEqual(severities('function draw() { const net = trained || previewModel; net.predict(tf.zeros([1, 256])); }'), ['hint']);
    assert.deepEqual(severities('function draw() { const net = ready ? trained : previewModel; const shown = net; shown.predict(tf.zeros([1, 256])); }'), ['hint']);
    assert.deepEqual(severities('function tune() { const net = trained ?? previewModel; net.fit(tf.zeros([8, 256]), tf.zeros([8, 4])); }'), ['warning'], 'trained through the const');
    assert.deepEqual(severities('function tune() { let net = trained ?? previewModel; net.predict(tf.zeros([1, 256])); train(net); }'), ['warning'], 'a let may be anything later');
    assert.deepEqual(severities('function draw() { const net = trained ?? previewModel; net.predict(tf.zeros([1, 256])); }\nfunction tune(net) { net.fit(tf.zeros([8, 256]), tf.zeros([8, 4])); }'), ['warning'], 'another binding by that name, trained, is not told apart');
    // A member of a top-level object (`state.probe`), when the object itself is never handed on.
    const member = (uses: string) => page(uses).replace('let previewModel = null;', 'const state = { probe: null, samples: [] };').replace('previewModel = makeMlp', 'state.probe = makeMlp');
    const memberSeverities = (uses: string) => analyze(member(uses), 'app.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => finding.severity);
    assert.deepEqual(memberSeverities('function bench() { timeIt(state.probe); state.probe.dispose(); state.samples.push(1); }'), ['hint']);
    assert.deepEqual(memberSeverities('function bench() { window.appState = state; }'), ['warning'], 'the whole object handed on');
    // A top-level const handed to a function of the page that only predicts with it (a blank network drawn on reset).
    const blank = page('').replace('let previewModel = null;', 'const blankNet = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));\nfunction render(net) { net.predict(tf.zeros([1, 256])); }\nrender(blankNet);').replace(/\nfunction setup\(\) \{\n.*\n\}/, '').replace('setup();', '');
    assert.deepEqual(analyze(blank, 'app.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => finding.severity), ['hint']);
    // A memo's fallback (`previewModel = previewModel || makeMlp(...)`, `??=`): the build lands in the variable.
    const memo = (assignment: string) => page('function show() { previewModel.predict(tf.zeros([1, 256])); }').replace('previewModel = makeMlp(tf.initializers.randomNormal({ stddev: 1 }));', assignment);
    const memoSeverities = (assignment: string) => analyze(memo(assignment), 'app.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => finding.severity);
    assert.deepEqual(memoSeverities('previewModel = previewModel || makeMlp(tf.initializers.randomNormal({ stddev: 1 }));'), ['hint']);
    assert.deepEqual(memoSeverities('previewModel ??= makeMlp(tf.initializers.randomNormal({ stddev: 1 }));'), ['hint']);
    assert.deepEqual(memoSeverities('previewModel = other || makeMlp(tf.initializers.randomNormal({ stddev: 1 }));'), ['warning'], 'a fallback to another value is no memo');
    // The whole page in a function run once (`(function () { const state = ...; window.app = {...}; })()`): its state is declared there.
    const wrapped = member('function bench() { timeIt(state.probe); state.probe.dispose(); }').replace('/* global tf */\n', '/* global tf */\n(function () {\n') + '})();\n';
    assert.deepEqual(analyze(wrapped, 'app.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => finding.severity), ['hint']);
  });

  it("a class's own member set to a model (`this.targetCritic = build(...)`) that every use only looks at or gives weights to: hints; one the file may train, or code outside may reach, keeps its warnings", () => {
    const agent = (uses: string, exported = '', modifier = 'private ') => `import * as tf from '@tensorflow/tfjs';
function buildCritic(kernelInitializer) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 64, activation: 'tanh', kernelInitializer }), tf.layers.dense({ units: 1, kernelInitializer })] });
}
${exported}class Agent {
  ${modifier}critic;
  ${modifier}targetCritic;
  constructor() {
    this.critic = buildCritic('glorotUniform');
    this.critic.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    this.targetCritic = buildCritic('zeros');
  }
  async update(states, returns) {
    await this.critic.fit(states, returns);
    ${uses}
  }
}
const agent = new Agent();
agent.update(tf.zeros([4, 8]), tf.zeros([4, 1]));
`;
    const severities = (text: string) => analyze(text, 'agent.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'constant-initializer').map((finding) => finding.severity);
    const copy = 'this.targetCritic.setWeights(this.critic.getWeights());\n    return this.targetCritic.predict(states);';
    assert.deepEqual([...new Set(severities(agent(copy)))], ['hint']);
    assert.deepEqual([...new Set(severities(agent('await this.targetCritic.fit(states, returns);')))], ['warning']);
    assert.deepEqual([...new Set(severities(agent(copy, 'export ', '')))], ['warning'], 'exported, its public member may be trained by an importer');
    assert.deepEqual([...new Set(severities(agent(copy, 'export ')))], ['hint'], 'a private member stays in the class');
    // Exported by a list, under a name with a `$` in it (a bundler's rename).
    const renamed = agent(copy, '', '').replace(/Agent\b/g, () => 'Agent$1') + 'export { Agent$1 };\n';
    assert.deepEqual([...new Set(severities(renamed))], ['warning']);
  });

  it("a block's model compiled only to evaluate it (a checkpoint check: weights set, compiled, evaluated): hints", () => {
    const { warnings, hints } = reported(`  const clf = ${wide};\n  clf.setWeights(model.getWeights());\n  clf.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });\n  clf.evaluate(tf.zeros([2, 256]), tf.zeros([2, 4]));\n`);
    assert.deepEqual(warnings, []);
    assert.ok(hints.some((hint) => hint.includes("clf is never trained: it takes another model's weights (setWeights())")), hints.join('\n'));
    assert.deepEqual(reported(`  const clf = ${wide};\n  clf.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });\n  await clf.fit(tf.zeros([2, 256]), tf.zeros([2, 4]));\n`).warnings.map((warning) => warning.split(':')[0]), ['large-init-scale']);
  });

  it('in a file that trains no model it follows: a probe disposed where it is left is untrained (no code added later can train it); otherwise the user may be about to train it, even where the file calls fit on a model it did not follow (the probe may be the one passed there)', () => {
    const probe = (after: string) => `import * as tf from '@tensorflow/tfjs';
export function useLatencyProbe(inputSize: number) {
  useEffect(() => {
    const probe = tf.sequential({ layers: [tf.layers.dense({ inputShape: [inputSize], units: 256, activation: 'relu', kernelInitializer: 'zeros' })] });
    (probe.predict(tf.zeros([1, inputSize])) as tf.Tensor).dataSync();
${after}  }, [inputSize]);
}
`;
    const severities = (text: string) => analyze(text, 'probe.tsx', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'constant-initializer').map((finding) => finding.severity);
    assert.deepEqual(severities(probe('    probe.dispose();\n')), ['hint']);
    assert.deepEqual(severities(probe('')), ['warning']);
    const trainsUnfollowed = `${probe('')}export async function onTrain(modelRef: { current: tf.LayersModel }, xs: tf.Tensor, ys: tf.Tensor) {\n  await modelRef.current.fit(xs, ys);\n}\n`;
    assert.deepEqual(severities(trainsUnfollowed), ['warning']);
  });

  it("in a file that trains no model, a probe its importer only predicts with, where that importer trains a model of its own (the training script): hints; an importer that trains nothing leaves the warnings", () => {
    const models = `import * as tf from '@tensorflow/tfjs';
export function buildLatencyProbe(seqLen) {
  return tf.sequential({ layers: [tf.layers.conv1d({ inputShape: [seqLen, 4], filters: 64, kernelSize: 15, activation: 'relu', kernelInitializer: 'zeros' })] });
}
`;
    const train = (fit: string) => `import * as tf from '@tensorflow/tfjs';
import { buildLatencyProbe } from './models';
function timeProbe(seqLen) {
  const probe = buildLatencyProbe(seqLen);
  for (let i = 0; i < 50; i++) tf.tidy(() => probe.predict(tf.zeros([1, seqLen, 4])).dataSync());
}
timeProbe(200);
${fit}`;
    const severities = (importer: string) =>
      analyze(models, '/ws/models.js', undefined, { cache: null, importers: [{ fileName: '/ws/train.js', text: importer }] })
        .findings.filter((finding) => finding.rule === 'constant-initializer')
        .map((finding) => finding.severity);
    assert.deepEqual(severities(train('await scorer.fit(xs, ys, { epochs: 5 });\n')), ['hint']);
    assert.deepEqual(severities(train('')), ['warning']);
    // One that trains through a trainer module it imports is a training script too; a module that trains nothing does not make it one.
    // The reader throws for a file that does not exist, as the CLI's does.
    const reader = (trainerText: string) => (name: string) => {
      if (name === '/ws/trainer.js') return trainerText;
      throw new Error(`ENOENT: no such file or directory, open '${name}'`);
    };
    const throughTrainer = (trainerText: string) =>
      analyze(models, '/ws/models.js', undefined, { cache: null, readFile: reader(trainerText), importers: [{ fileName: '/ws/train.js', text: train("import { StagedTrainer } from './trainer';\nawait new StagedTrainer(scorer).run(xs, ys);\n") }] })
        .findings.filter((finding) => finding.rule === 'constant-initializer')
        .map((finding) => finding.severity);
    assert.deepEqual(throughTrainer('export class StagedTrainer {\n  constructor(model) { this.model = model; }\n  async run(xs, ys) { await this.model.fit(xs, ys); }\n}\n'), ['hint']);
    assert.deepEqual(throughTrainer('export class StagedTrainer {\n  constructor(model) { this.model = model; }\n  async run(xs, ys) { this.model.summary(); }\n}\n'), ['warning']);
  });

  it("a probe the importer keeps and hands only to a function of the analysed file that predicts with it (an Express health check): hints; one that function trains keeps the warnings", () => {
    const models = (use: string) => `const tf = require('@tensorflow/tfjs-node');
function buildProbe() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer: 'zeros' })] });
}
async function timeForwardPass(probe) {
  ${use};
}
function buildScorer() {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 1 })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
module.exports = { buildProbe, buildScorer, timeForwardPass };
`;
    const server = `const express = require('express');
const { buildProbe, buildScorer, timeForwardPass } = require('./models.cjs');
const app = express();
const probe = buildProbe();
app.post('/train', async (req, res) => {
  const model = buildScorer();
  await model.fit(req.body.xs, req.body.ys);
});
app.get('/healthz', async (req, res) => res.json({ ms: await timeForwardPass(probe) }));
`;
    const severities = (use: string) =>
      analyze(models(use), '/ws/models.cjs', undefined, { cache: null, importers: [{ fileName: '/ws/server.cjs', text: server }] })
        .findings.filter((finding) => finding.rule === 'constant-initializer')
        .map((finding) => finding.severity);
    assert.deepEqual(severities('await probe.predict(tf.zeros([1, 64])).data()'), ['hint']);
    assert.deepEqual(severities('await probe.fit(tf.zeros([1, 64]), tf.zeros([1, 64]))'), ['warning']);
  });

  it("a target network an importer's exported agent class builds and gives the online network's weights in the very next statement: its initializer findings are hints; without that statement, warnings", () => {
    const nets = `const tf = require('@tensorflow/tfjs-node');
function buildQNet(kernelInitializer = 'heUniform') {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer }), tf.layers.dense({ units: 4 })] });
}
module.exports = { buildQNet };
`;
    const agent = (sync: string) => `const { buildQNet } = require('./nets.cjs');
class Agent {
  constructor() {
    this.online = buildQNet();
    this.online.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    this.target = buildQNet('zeros');
${sync}  }
  async learn(xs, ys) {
    await this.online.trainOnBatch(xs, ys);
  }
}
module.exports = { Agent };
`;
    const severities = (sync: string) =>
      analyze(nets, '/ws/nets.cjs', undefined, { cache: null, importers: [{ fileName: '/ws/agent.cjs', text: agent(sync) }] })
        .findings.filter((finding) => finding.rule === 'constant-initializer')
        .map((finding) => `${finding.severity}${finding.message.includes('given other weights (setWeights()) before any training step') ? ', replaced' : ''}`);
    assert.deepEqual(severities('    this.target.setWeights(this.online.getWeights());\n'), ['hint, replaced']);
    assert.deepEqual(severities(''), ['warning']);
    assert.deepEqual(severities('    this.online.setWeights(this.target.getWeights());\n'), ['warning'], 'the other network takes the weights');
  });

  it("a component's probe made by useMemo and only predicted in an effect that lists it as a dependency: hints; one a handler trains keeps the warnings", () => {
    const panel = (handler: string) => `import * as tf from '@tensorflow/tfjs';
import { useEffect, useMemo } from 'react';
function buildShadow() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer: 'zeros' })] });
}
export function Panel({ model, xs, ys }) {
  const shadow = useMemo(() => buildShadow(), []);
  useEffect(() => {
    (shadow.predict(tf.zeros([1, 64])) as tf.Tensor).dataSync();
    return () => shadow.dispose();
  }, [shadow]);
  async function onTrain() {
    await ${handler}.fit(xs, ys);
  }
  return null;
}
`;
    const severities = (text: string) => analyze(text, 'panel.tsx', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'constant-initializer').map((finding) => finding.severity);
    assert.deepEqual(severities(panel('model')), ['hint']);
    assert.deepEqual(severities(panel('shadow')), ['warning']);
    // The factory handed to useMemo by name, and a memo read through a choice listed as a dependency.
    assert.deepEqual(severities(panel('model').replace('useMemo(() => buildShadow(), [])', 'useMemo(buildShadow, [])')), ['hint']);
    const chosen = panel('model').replace('(shadow.predict(', '(([model, shadow].length > 0 && model ? model : shadow).predict(');
    assert.deepEqual(severities(chosen.replace('(([model, shadow].length > 0 && model ? model : shadow).predict(', '(shown.predict(').replace('  useEffect(() => {\n', '  useEffect(() => {\n    const shown = model ? model : shadow;\n')), ['hint']);
  });

  it("a ref's model read through a non-null assertion (`shadow.current!.predict(x)`) is looked at", () => {
    const panel = (use: string) => `import * as tf from '@tensorflow/tfjs';
import { useEffect, useRef } from 'react';
function buildShadow() {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [64], units: 64, activation: 'relu', kernelInitializer: 'zeros' })] });
}
export function Panel({ model, xs, ys }) {
  const shadow = useRef(null);
  useEffect(() => {
    shadow.current = buildShadow();
    return () => shadow.current?.dispose();
  }, []);
  useEffect(() => {
    if (!shadow.current) return;
    ${use};
  }, [xs]);
  async function onTrain() {
    await model.fit(xs, ys);
  }
  return null;
}
`;
    const severities = (text: string) => analyze(text, 'panel.tsx', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'constant-initializer').map((finding) => finding.severity);
    assert.deepEqual(severities(panel('(shadow.current!.predict(xs) as tf.Tensor).dataSync()')), ['hint']);
    assert.deepEqual(severities(panel('shadow.current!.fit(xs, ys)')), ['warning']);
  });

  it("a variant an importing test file builds through a compiling builder and only predicts: hints; one it trains, or one this file only summarises, keeps its warnings", () => {
    const builder = `import * as tf from '@tensorflow/tfjs';
export function buildScorer({ units = 16, learningRate = 0.001 } = {}) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units, activation: 'relu' }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  return model;
}
export async function train(model, xs, ys) {
  await model.fit(xs, ys);
}
`;
    const spec = (wide: string) => `import * as tf from '@tensorflow/tfjs';
import { buildScorer, train } from './scorer';
it('trains the default', async () => {
  await train(buildScorer(), tf.zeros([8, 256]), tf.zeros([8, 2]));
});
it('a wide variant outputs a distribution', async () => {
  const wide = buildScorer({ units: 512, learningRate: 0.05 });
${wide}});
`;
    const rateFindings = (specText: string, main = builder) =>
      analyze(main, '/ws/scorer.js', undefined, { cache: null, importers: [{ fileName: '/ws/scorer.test.js', text: specText }] })
        .findings.filter((finding) => finding.rule === 'high-learning-rate')
        .map((finding) => finding.severity);
    assert.deepEqual(rateFindings(spec('  wide.predict(tf.zeros([2, 256])).print();\n')), ['hint']);
    assert.deepEqual(rateFindings(spec('  wide.predict(tf.zeros([2, 256])).print();\n  await wide.fit(tf.zeros([8, 256]), tf.zeros([8, 2]));\n')), ['warning']);
    assert.deepEqual(rateFindings(spec('  await train(wide, tf.zeros([8, 256]), tf.zeros([8, 2]));\n')), ['warning']);
    // In this file, a compiled build only summarised may be what importers train: its compile says so.
    const summarised = builder.replace('learningRate = 0.001', 'learningRate = 0.05') + 'if (require.main === module) buildScorer().summary();\n';
    assert.deepEqual(analyze(summarised, '/ws/scorer.js', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'high-learning-rate').map((finding) => finding.severity), ['warning']);
  });

  it("a block's probe handed to a function of the file that only predicts with it (`await measureLatency(probe)`): hints; one that trains it keeps the warnings", () => {
    const timing = (body: string) => `async function measureLatency(net) {\n  ${body}\n}\n`;
    const aside = `  const probe = ${wide};\n  console.log(await measureLatency(probe));\n`;
    const { warnings, hints } = reported(aside, '', timing('const y = net.predict(tf.zeros([1, 256]));\n  await y.data();'));
    assert.deepEqual(warnings, []);
    assert.ok(hints.some((hint) => hint.includes('probe is never trained: it is only looked at (predict())')), hints.join('\n'));
    assert.deepEqual(reported(aside, '', timing('await net.fit(tf.zeros([8, 256]), tf.zeros([8, 4]));')).warnings.map((warning) => warning.split(':')[0]), ['large-init-scale']);
  });

  it('a tfjs API trap of a model left untrained stays a warning: tfjs throws when it is built', () => {
    const { warnings } = reported(`  const baseline = makeMlp('heUniform', 'leakyRelu');\n  baseline.summary();\n`);
    assert.deepEqual(warnings.map((warning) => warning.split(':')[0]), ['tfjs-api-trap']);
  });
});

describe('extraction: a page wrapped in a function run once', () => {
  it("a probe its functions only predict with is never trained, though its builder names its own binding alike, and the scorer a click trains once the page's samples fill is trained", () => {
    const page = `/* global tf */
(() => {
  const samples = { xs: [] };
  function buildProbe() {
    const probe = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }) })] });
    return probe;
  }
  function buildScorer() {
    return tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: 1, activation: 'sigmoid' })] });
  }
  const probe = buildProbe();
  function score(x) {
    return probe.predict(x);
  }
  async function retrain() {
    if (samples.xs.length < 40) return;
    const scorer = buildScorer();
    scorer.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    await scorer.fit(tf.tensor2d(samples.xs), tf.zeros([samples.xs.length, 1]));
  }
  document.getElementById('train').addEventListener('click', retrain);
  window.app = { record: (x) => samples.xs.push(x), score };
})();
`;
    const { findings, file } = analyze(page, 'app.js', undefined, { cache: null });
    assert.deepEqual(findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => [finding.severity, finding.message.split(':')[0]]), [['hint', 'probe is never trained']]);
    assert.ok(file.models.some((model) => model.training?.calls.some((call) => call.kind === 'fit')), 'the scorer is trained');
  });
});

describe('extraction: models given other weights before training', () => {
  /** The findings of an exported layers twin of trained variables, made to save them. */
  const exporter = (setWeights: string) => analyze(`import * as tf from '@tensorflow/tfjs';
export function toLayersModel(params, saveAll) {
  const exporter = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [256], units: 64, activation: 'relu', kernelInitializer: 'zeros' }),
    tf.layers.dense({ units: 4, kernelInitializer: 'zeros' }),
  ] });
  ${setWeights}
  return exporter;
}
`, 'head.ts', undefined, { cache: null }).findings;
  const reported = (setWeights: string) => exporter(setWeights).map((finding) => `${finding.severity} ${finding.rule}`);

  it('a builder that sets every weight before returning the model: its initializer findings are hints that say so, whoever trains it', () => {
    const [finding, ...others] = exporter('exporter.setWeights([params.w1, params.b1, params.w2, params.b2]);');
    assert.deepEqual([finding.severity, finding.rule, others.length], ['hint', 'constant-initializer', 0]);
    assert.match(finding.message, /^toLayersModel is given other weights \(setWeights\(\)\) before any training step, so its initializers never act: /);
  });

  it('weights set only on some paths, or not at all, leave the initializers acting: warnings', () => {
    assert.deepEqual(reported('if (saveAll) exporter.setWeights([params.w1, params.b1, params.w2, params.b2]);'), ['warning constant-initializer']);
    assert.deepEqual(reported(''), ['warning constant-initializer']);
  });
});
