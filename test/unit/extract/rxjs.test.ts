/** RxJS settings streams: a subscriber gets a BehaviorSubject's current value at once. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The rate and first units of the model `train(s)` builds, after `code` (which imports rxjs). */
function trained(code: string) {
  const text = `import * as tf from '@tensorflow/tfjs';
function train(s) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [8], units: s.units, activation: 'relu' }));
  model.compile({ optimizer: tf.train.adam(s.lr), loss: 'meanSquaredError' });
  return model;
}
${code}
`;
  const models = extractFile(text, 'settings.ts').models;
  return models.map((model) => ({ lr: model.training?.optimizer?.learningRate, units: model.layers[0]?.units }));
}

const SETTINGS = "import { BehaviorSubject, combineLatest, Subject, of } from 'rxjs';\nimport { map, pluck, filter, distinctUntilChanged, debounceTime, switchMap, startWith } from 'rxjs/operators';\nconst settings$ = new BehaviorSubject({ lr: 0.05, units: 32 });";

describe('extraction of RxJS settings streams', () => {
  const cases: [string, string, { lr: unknown; units: unknown }[]][] = [
    ['subscribe gets the current value', 'settings$.subscribe((s) => train(s));', [{ lr: 0.05, units: 32 }]],
    ['an observer object\'s next', 'settings$.subscribe({ next: (s) => train(s), error: console.error });', [{ lr: 0.05, units: 32 }]],
    ['pipe through map, timing operators and distinctUntilChanged', 'settings$.pipe(debounceTime(300), map((s) => ({ ...s, lr: s.lr / 10 })), distinctUntilChanged()).subscribe(train);', [{ lr: 0.005, units: 32 }]],
    ['switchMap runs its function on the value', 'settings$.pipe(switchMap((s) => of(train(s)))).subscribe();', [{ lr: 0.05, units: 32 }]],
    ['combineLatest of two subjects gives their values together', "const units$ = new BehaviorSubject(64);\ncombineLatest([settings$.pipe(pluck('lr')), units$]).subscribe(([lr, units]) => train({ lr, units }));", [{ lr: 0.05, units: 64 }]],
    ['next() before subscribing replaces the value', 'settings$.next({ lr: 0.002, units: 16 });\nsettings$.subscribe(train);', [{ lr: 0.002, units: 16 }]],
    ['getValue() and .value read the current value', 'train({ lr: settings$.getValue().lr, units: settings$.value.units });', [{ lr: 0.05, units: 32 }]],
    ['startWith gives the first value', 'new Subject().pipe(startWith({ lr: 0.003, units: 8 })).subscribe(train);', [{ lr: 0.003, units: 8 }]],
    ['a Subject has no current value: its subscriber runs once on an unknown one', 'new Subject().subscribe((s) => train(s));', [{ lr: undefined, units: undefined }]],
    ['a filter that drops the first value leaves later ones, not known', 'settings$.pipe(filter((s) => s.lr < 0.01)).subscribe((s) => train(s));', [{ lr: undefined, units: undefined }]],
    ['a click handler\'s next() does not stay', "document.getElementById('fast').addEventListener('click', () => settings$.next({ lr: 0.9, units: 32 }));\nsettings$.subscribe(train);", [{ lr: 0.05, units: 32 }]],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.deepEqual(trained(`${SETTINGS}\n${code}`), expected));
});
