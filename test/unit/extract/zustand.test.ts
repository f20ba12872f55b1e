/** Zustand stores: the state a model is built from, after the actions the file runs. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

const STORE = `const useSettings = create((set, get) => ({
  learningRate: 0.001,
  units: 32,
  turbo: () => set({ learningRate: 0.3 }),
  widen: () => set((state) => ({ units: state.units * 4 })),
  reset: () => set({ learningRate: 0.002, units: 8 }, true),
}));`;

/** The rate and units of the model built from `read` (an expression giving the state) after `before` runs. */
function built(importLine: string, before: string, read = 'useSettings.getState()', store = STORE): { lr: unknown; units: unknown } {
  const text = `import * as tf from '@tensorflow/tfjs';
${importLine}
${store}
${before}
const s = ${read};
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: s.units })] });
model.compile({ optimizer: tf.train.adam(s.learningRate), loss: 'meanSquaredError' });
`;
  const [model] = extractFile(text, 'store.ts').models;
  return { lr: model?.training?.optimizer?.learningRate, units: model?.layers[0]?.units };
}

describe('extraction of Zustand stores', () => {
  const NAMED = "import { create } from 'zustand';";
  const CURRIED = STORE.replace('create(', 'create()(');
  const cases: [string, string, string, string | undefined, string, { lr: unknown; units: unknown }][] = [
    ['the first state, as init returns it', NAMED, '', undefined, STORE, { lr: 0.001, units: 32 }],
    ['an action run before the build merges its partial state', NAMED, 'useSettings.getState().turbo();', undefined, STORE, { lr: 0.3, units: 32 }],
    ['set with a function reads the state', NAMED, 'useSettings.getState().widen();', undefined, STORE, { lr: 0.001, units: 128 }],
    ['set(state, true) replaces the state', NAMED, 'useSettings.getState().reset();', undefined, STORE, { lr: 0.002, units: 8 }],
    ['setState from outside the store', NAMED, 'useSettings.setState({ units: 64 });', undefined, STORE, { lr: 0.001, units: 64 }],
    ['the hook with a selector', NAMED, '', '({ learningRate: useSettings((s) => s.learningRate), units: useSettings((s) => s.units) })', STORE, { lr: 0.001, units: 32 }],
    ['an action inside a user-event handler is undone after it', NAMED, "button.addEventListener('click', () => useSettings.getState().turbo());", undefined, STORE, { lr: 0.001, units: 32 }],
    ["TypeScript's curried create<State>()(init), the default export", "import create from 'zustand';", 'useSettings.getState().turbo();', undefined, CURRIED, { lr: 0.3, units: 32 }],
  ];
  for (const [title, importLine, before, read, store, expected] of cases) {
    it(title, () => assert.deepEqual(built(importLine, before, read, store), expected));
  }

  it('a vanilla store of zustand/vanilla: createStore and its getState', () => {
    const store = STORE.replace('const useSettings = create(', 'const useSettings = createStore(');
    assert.deepEqual(built("import { createStore } from 'zustand/vanilla';", 'useSettings.getState().turbo();', undefined, store), { lr: 0.3, units: 32 });
  });
});
