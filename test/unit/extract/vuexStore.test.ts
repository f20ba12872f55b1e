/** Vuex: an action the file dispatches runs with its module's state, getters and the root state. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const TRAINER = `{
  namespaced: true,
  state: () => ({ rate: 0.02, units: 24 }),
  getters: { half: (state) => state.rate / 2 },
  actions: {
    train({ state, getters }, payload) {
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: state.units })] });
      model.compile({ optimizer: tf.train.adam(getters.half), loss: 'meanSquaredError' });
      return model;
    },
  },
}`;

function built(text: string) {
  return extractFile(text, 'store.js').models.map((model) => ({ lr: model.training?.optimizer?.learningRate, units: model.layers[0]?.units }));
}

describe('extraction of Vuex stores', () => {
  it('createStore with a namespaced module: dispatch runs the action with its state and getters', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
import { createStore } from 'vuex';
const trainer = ${TRAINER};
export const store = createStore({ modules: { trainer } });
store.dispatch('trainer/train', {});
`;
    assert.deepEqual(built(text), [{ lr: 0.01, units: 24 }]);
  });

  it('new Vuex.Store with root options', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
import Vuex from 'vuex';
export const store = new Vuex.Store(${TRAINER});
store.dispatch('train');
`;
    assert.deepEqual(built(text), [{ lr: 0.01, units: 24 }]);
  });

  it('an action nothing here dispatches runs as code nobody calls: its context is not known', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
import { createStore } from 'vuex';
export const store = createStore(${TRAINER});
`;
    assert.deepEqual(built(text), [{ lr: undefined, units: undefined }]);
  });
});
