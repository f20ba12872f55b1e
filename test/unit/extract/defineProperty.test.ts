/** Object.defineProperty and defineProperties: a value, a getter run where the member is read, a setter. */
import assert from 'node:assert/strict';
import { adamRateAfter } from './rateAfter';

/** The adam rate after `code` defines RATE, with `trainer` = { baseRate: 0.01, boost: 3 } in scope. */
const rateAfter = (code: string): unknown => adamRateAfter(`const trainer = { baseRate: 0.01, boost: 3 };\n${code}`);

describe('extraction of Object.defineProperty', () => {
  const cases: [string, string, unknown][] = [
    ['a getter reads the object as `this`, where the member is read', "Object.defineProperty(trainer, 'lr', { get() { return this.baseRate * this.boost; } });\nconst RATE = trainer.lr;", 0.03],
    ['the getter runs at each read: a later change of what it reads counts', "Object.defineProperty(trainer, 'lr', { get: function () { return this.baseRate; } });\ntrainer.baseRate = 0.002;\nconst RATE = trainer.lr;", 0.002],
    ['a value descriptor', "Object.defineProperty(trainer, 'lr', { value: 0.004, writable: false });\nconst RATE = trainer.lr;", 0.004],
    ['a setter that clamps what is assigned', "Object.defineProperty(trainer, 'lr', { get() { return this.stored; }, set(v) { this.stored = Math.min(v, 0.005); } });\ntrainer.lr = 0.5;\nconst RATE = trainer.lr;", 0.005],
    ['defineProperties with several members', "Object.defineProperties(trainer, { lr: { get() { return this.baseRate / 2; } }, epochs: { value: 3 } });\nconst RATE = trainer.lr * trainer.epochs;", 0.015],
    ['a descriptor not known: the member is unknown', "Object.defineProperty(trainer, 'baseRate', loadDescriptor());\nconst RATE = trainer.baseRate;", undefined],
    ['a key not known: the object is open, its known members kept (as an assignment under a key not known leaves them)', "Object.defineProperty(trainer, process.argv[2], { value: 0.9 });\nconst RATE = trainer.baseRate;", 0.01],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.equal(rateAfter(code), expected));
});
