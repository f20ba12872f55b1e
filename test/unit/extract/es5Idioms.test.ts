/** ES5-era idioms: page namespaces, `arguments`, `bind`, `for...in` copies and `hasOwnProperty`. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rate and first units of a model built from `cfg`, after `code` (a script using the global tf). */
function built(code: string) {
  const text = `/* global tf */
${code}
var model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [8], units: cfg.units, activation: 'relu' }));
model.compile({ optimizer: tf.train.adam(cfg.lr), loss: 'meanSquaredError' });
`;
  const model = extractFile(text, 'page.js').models[0];
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

const EXTEND = `function extend(target) {
  var sources = Array.prototype.slice.call(arguments, 1);
  sources.forEach(function (src) {
    for (var k in src) {
      if (src.hasOwnProperty(k)) target[k] = src[k];
    }
  });
  return target;
}`;

describe('extraction of ES5 idioms', () => {
  const cases: [string, string, { lr: unknown; units: unknown }][] = [
    ['a hand-written extend over arguments, for...in and hasOwnProperty', `${EXTEND}\nvar cfg = extend({}, { lr: 0.001, units: 64 }, { lr: 0.1 });`, { lr: 0.1, units: 64 }],
    ['the page namespace idiom: window.App || {} is the namespace this script defines', `var App = window.App = window.App || {};\nApp.util = App.util || { extend: function (a, b) { for (var k in b) a[k] = b[k]; return a; } };\nvar cfg = App.util.extend({ units: 16 }, { lr: 0.004 });`, { lr: 0.004, units: 16 }],
    ['a page-injected config read with a default: a plain run has the default', 'var cfg = window.TRAINER_CONFIG || { lr: 0.002, units: 32 };', { lr: 0.002, units: 32 }],
    ['Object.prototype.hasOwnProperty.call of a key the object has', "var base = { lr: 0.01, units: 8 };\nvar cfg = Object.prototype.hasOwnProperty.call(base, 'lr') ? base : { lr: 0.5, units: 8 };", { lr: 0.01, units: 8 }],
    ['a for...in copy from storage the analysis cannot read leaves the written defaults (a first run)', 'var cfg = { lr: 0.01, units: 8 };\nvar extra = JSON.parse(localStorage.getItem("cfg"));\nfor (var k in extra) cfg[k] = extra[k];', { lr: 0.01, units: 8 }],
    ['arguments.length and arguments[i] of a call', 'function pick() { return arguments.length > 1 ? arguments[1] : 0.5; }\nvar cfg = { lr: pick(0.3, 0.02), units: pick(4) };', { lr: 0.02, units: 0.5 }],
    ['bind with fixed arguments passes them first', 'function make(lr, units) { return { lr: lr, units: units }; }\nvar fast = make.bind(null, 0.3);\nvar cfg = fast(24);', { lr: 0.3, units: 24 }],
    ['bind of this to an object', 'function settings() { return { lr: this.lr, units: 12 }; }\nvar cfg = settings.bind({ lr: 0.006 })();', { lr: 0.006, units: 12 }],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.deepEqual(built(code), expected));

  it('for...in over a known object walks its keys in order', () => {
    const text = `/* global tf */
var SIZES = { first: 32, second: 16, third: 8 };
var model = tf.sequential();
for (var name in SIZES) model.add(tf.layers.dense({ units: SIZES[name], inputShape: name === 'first' ? [4] : undefined, activation: 'relu' }));
`;
    assert.deepEqual(extractFile(text, 'page.js').models[0].layers.map((layer) => layer.units), [32, 16, 8]);
  });
});
