/** Classes made with `extend` (Backbone, Ember): instances with their properties, defaults and get/set. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

function built(text: string, fileName = 'app.js') {
  return extractFile(text, fileName).models.map((model) => ({ lr: model.training?.optimizer?.learningRate, units: model.layers[0]?.units, activation: model.layers[0]?.activation }));
}

const BUILD = `build: function () {
    var model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [8], units: this.config.get('units'), activation: 'relu' }));
    model.compile({ optimizer: tf.train.adam(this.config.get('rate')), loss: 'meanSquaredError' });
    return model;
  }`;

describe('extraction of classes made with extend', () => {
  it("Backbone: a model's defaults read with get, a view made in initialize, a method nothing calls", () => {
    const text = `/* global Backbone, tf */
var Config = Backbone.Model.extend({ defaults: { rate: 0.05, units: 32 } });
var Trainer = Backbone.View.extend({
  initialize: function () { this.config = new Config(); },
  ${BUILD}
});
new Trainer();
`;
    assert.deepEqual(built(text), [{ lr: 0.05, units: 32, activation: 'relu' }]);
  });

  it('Backbone: set and constructor attributes replace the defaults', () => {
    const text = `/* global Backbone, tf */
var Config = Backbone.Model.extend({ defaults: { rate: 0.05, units: 32 } });
var Trainer = Backbone.View.extend({
  initialize: function () { this.config = new Config({ units: 16 }); this.config.set('rate', 0.002); },
  ${BUILD}
});
new Trainer();
`;
    assert.deepEqual(built(text), [{ lr: 0.002, units: 16, activation: 'relu' }]);
  });

  it('Ember: a component exported by default is made and inserted; this.get reads its properties', () => {
    const text = `import Component from '@ember/component';
import * as tf from '@tensorflow/tfjs';
export default Component.extend({
  hiddenUnits: 24,
  hiddenActivation: 'tanh',
  didInsertElement() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [8], units: this.get('hiddenUnits'), activation: this.get('hiddenActivation') }));
    model.compile({ optimizer: tf.train.adam(0.003), loss: 'meanSquaredError' });
  },
});
`;
    assert.deepEqual(built(text), [{ lr: 0.003, units: 24, activation: 'tanh' }]);
  });

  it('$.extend with several objects is no class', () => {
    const text = `/* global $, tf */
var settings = $.extend({}, { rate: 0.05 });
var model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 })] });
model.compile({ optimizer: tf.train.adam(settings.rate), loss: 'meanSquaredError' });
`;
    assert.deepEqual(built(text), [{ lr: undefined, units: 4, activation: undefined }]);
  });
});
