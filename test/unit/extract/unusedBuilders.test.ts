/**
 * A model built only in a function that nothing in its module names is never built: its findings
 * are hints that say so. Exported, called, passed as a callback or written in a script a page may
 * call into, the function keeps its warnings.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';

/** A tanh stack whose randomNormal stddev 2 is far too large: large-init-scale warns when the model is built. */
const builder = (header: string) => `${header}function buildFirstTry() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [12], units: 128, activation: 'tanh', kernelInitializer: tf.initializers.randomNormal({ stddev: 2 }) }));
  m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  return m;
}
`;

function severitiesOf(code: string, fileName = 'model.ts'): string[] {
  return analyze(code, fileName, undefined, { cache: null }).findings.filter((finding) => finding.rule === 'large-init-scale').map((finding) => `${finding.severity}: ${finding.message.slice(0, 40)}`);
}

describe('extraction: builders nothing names', () => {
  const moduleHeader = "import * as tf from '@tensorflow/tfjs';\n";

  it('a module function nothing calls, exports or passes on: its findings are hints that say why', () => {
    const [finding, ...others] = severitiesOf(`${builder(moduleHeader)}// const model = buildFirstTry();\n`);
    assert.deepEqual(others, []);
    assert.equal(finding, 'hint: buildFirstTry is not called, exported or');
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

  it('a script without module syntax (a page\'s inline handlers may call it) keeps its warnings', () => {
    const findings = severitiesOf(`/* global tf */\n${builder('')}`, 'page.js');
    assert.ok(findings.length > 0 && findings.every((finding) => finding.startsWith('warning: Initializer')));
  });
});
