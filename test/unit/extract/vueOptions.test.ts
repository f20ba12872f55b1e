/** Vue Options API components: `this` is an instance made from data, props, computed and methods. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const METHODS = `methods: {
    build() {
      const model = tf.sequential();
      model.add(tf.layers.dense({ inputShape: [8], units: this.units, activation: 'relu' }));
      model.compile({ optimizer: tf.train.adam(this.rate), loss: 'meanSquaredError' });
      return model;
    },
  },`;

/** The rate and units of the model a component's `build()` makes. */
function built(text: string, fileName = 'Trainer.js') {
  const model = extractFile(text, fileName).models[0];
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

describe('extraction of Vue Options API components', () => {
  const cases: [string, string, { lr: unknown; units: unknown }][] = [
    ['a default export: data() and methods through this, mounted runs', `import * as tf from '@tensorflow/tfjs';
export default {
  data() { return { rate: 0.05, units: 32 }; },
  mounted() { this.model = this.build(); },
  ${METHODS}
};`, { lr: 0.05, units: 32 }],
    ['a method nothing calls runs on the instance', `import * as tf from '@tensorflow/tfjs';
export default {
  data() { return { rate: 0.004, units: 16 }; },
  ${METHODS}
};`, { lr: 0.004, units: 16 }],
    ['props at their defaults and computed values from data', `import * as tf from '@tensorflow/tfjs';
export default {
  props: { baseRate: { type: Number, default: 0.02 }, units: { type: Number, default: 24 } },
  computed: { rate() { return this.baseRate / 10; } },
  ${METHODS}
};`, { lr: 0.002, units: 24 }],
    ['new Vue of the script-tag global', `/* global tf, Vue */
new Vue({
  el: '#app',
  data: { rate: 0.007, units: 12 },
  created() { this.build(); },
  ${METHODS}
});`, { lr: 0.007, units: 12 }],
    ['Vue.component with the imported constructor', `import * as tf from '@tensorflow/tfjs';
import Vue from 'vue';
Vue.component('trainer', {
  data() { return { rate: 0.003, units: 40 }; },
  mounted() { this.build(); },
  ${METHODS}
});`, { lr: 0.003, units: 40 }],
  ];
  for (const [title, text, expected] of cases) it(title, () => assert.deepEqual(built(text), expected));

  it('an object with a methods key alone is not a component', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
export default {
  ${METHODS}
};`;
    assert.deepEqual(built(text), { lr: undefined, units: undefined });
  });
});
