/** Reactive state of UI frameworks: a first run reads the value each cell is created with. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rates of the models in `code`, which builds them with `build(lr)`. */
function rates(code: string): unknown[] {
  const text = `import * as tf from '@tensorflow/tfjs';
function build(lr) {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 })] });
  model.compile({ optimizer: tf.train.adam(lr), loss: 'meanSquaredError' });
  return model;
}
${code}
`;
  return extractFile(text, 'state.ts').models.map((model) => model.training?.optimizer?.learningRate);
}

describe('extraction of reactive state', () => {
  const cases: [string, string, unknown[]][] = [
    ['Angular: a signal is called for its value', "import { signal } from '@angular/core';\nconst lr = signal(0.05);\nbuild(lr());", [0.05]],
    ['Angular: set and update, and a computed signal', "import { signal, computed } from '@angular/core';\nconst lr = signal(0.05);\nlr.update((v) => v / 10);\nconst half = computed(() => lr() / 2);\nbuild(half());", [0.0025]],
    ['Angular: a signal field read in a method', "import { signal } from '@angular/core';\nclass Trainer { readonly rate = signal(0.004); train() { return build(this.rate()); } }\nnew Trainer().train();", [0.004]],
    ['Vue: ref and computed through .value', "import { ref, computed } from 'vue';\nconst lr = ref(0.05);\nlr.value = 0.02;\nconst scaled = computed(() => lr.value * 2);\nbuild(scaled.value);", [0.04]],
    ['Vue: reactive() is the object', "import { reactive } from 'vue';\nconst settings = reactive({ lr: 0.003 });\nbuild(settings.lr);", [0.003]],
    ["Vue's script-tag global: destructured like the package's exports", "const { reactive, computed } = Vue;\nconst settings = reactive({ lr: 0.03 });\nconst tenth = computed(() => settings.lr / 10);\nbuild(tenth.value);", [0.003]],
    ['Preact signals: .value', "import { signal } from '@preact/signals';\nconst lr = signal(0.006);\nbuild(lr.value);", [0.006]],
    ['Svelte: get of a derived store', "import { writable, derived, get } from 'svelte/store';\nconst settings = writable({ base: 0.01 });\nconst lr = derived(settings, ($s) => $s.base / 2);\nbuild(get(lr));", [0.005]],
    ['Svelte: a subscriber gets the value at once', "import { writable } from 'svelte/store';\nconst lr = writable(0.007);\nlr.set(0.008);\nlr.subscribe((value) => build(value));", [0.008]],
    ['MobX: an observable object, autorun runs at once', "import { observable, autorun, action } from 'mobx';\nconst hp = observable({ lr: 0.1 });\nconst slower = action(() => { hp.lr = 0.01; });\nautorun(() => build(hp.lr));", [0.1]],
    ['MobX: observable.box and a computed read with get()', "import { observable, computed } from 'mobx';\nconst lr = observable.box(0.02);\nconst tenth = computed(() => lr.get() / 10);\nbuild(tenth.get());", [0.002]],
    ['Pinia: an action nothing here calls runs with this as the store', "import { defineStore } from 'pinia';\nexport const useTrainer = defineStore('trainer', { state: () => ({ lr: 0.05 }), actions: { train() { return build(this.lr); } } });", [0.05]],
    ['Pinia: a setup store unwraps its refs', "import { defineStore } from 'pinia';\nimport { ref } from 'vue';\nconst useTrainer = defineStore('trainer', () => { const lr = ref(0.009); return { lr }; });\nbuild(useTrainer().lr);", [0.009]],
    ['Solid: a createSignal getter, a memo computed once, an effect and a root run', "import { createSignal, createMemo, createEffect, createRoot } from 'solid-js';\ncreateRoot(() => {\n  const [lr] = createSignal(0.03);\n  const model = createMemo(() => build(lr() / 3));\n  createEffect(() => model());\n});", [0.01]],
    ['a click handler that sets a signal is undone', "import { signal } from '@angular/core';\nconst lr = signal(0.001);\ndocument.getElementById('fast').addEventListener('click', () => lr.set(0.5));\nbuild(lr());", [0.001]],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.deepEqual(rates(code), expected));
});
