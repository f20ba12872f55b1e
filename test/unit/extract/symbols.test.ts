/** Symbols as keys of settings: a member under a symbol is read back through that symbol only; string keys still index arrays. */
import assert from 'node:assert/strict';
import { adamRateAfter } from './rateAfter';

describe('extraction of symbols', () => {
  const cases: [string, string, unknown][] = [
    ['a Symbol.for key written in a literal, read back', "const TUNING = Symbol.for('tuning');\nconst cfg = { lr: 0.5, [TUNING]: { lr: 0.004 } };\nconst RATE = cfg[TUNING].lr;", 0.004],
    ['Symbol.for of the same name is the same symbol', "const cfg = { [Symbol.for('tuning')]: 0.003 };\nconst RATE = cfg[Symbol.for('tuning')];", 0.003],
    ['two Symbol() of one description are different symbols', "const A = Symbol('lr');\nconst B = Symbol('lr');\nconst cfg = { [A]: 0.002 };\nconst RATE = cfg[B] ?? 0.006;", 0.006],
    ['a member assigned under a symbol', "const LR = Symbol('lr');\nconst cfg = {};\ncfg[LR] = 0.007;\nconst RATE = cfg[LR];", 0.007],
    ['symbols compare by identity', "const A = Symbol.for('a');\nconst RATE = A === Symbol.for('a') && A !== Symbol('a') ? 0.008 : 0.9;", 0.008],
    ['Object.keys skips symbol keys', "const cfg = { lr: 0.009, [Symbol('meta')]: 5 };\nconst RATE = Object.keys(cfg).length === 1 ? cfg.lr : 0.9;", 0.009],
    ['for...in skips symbol keys', "const cfg = { [Symbol.for('x')]: 0.9, lr: 0.001 };\nlet RATE;\nfor (const key in cfg) RATE = cfg[key];", 0.001],
    ['typeof and description', "const S = Symbol('fast');\nconst RATE = typeof S === 'symbol' && S.description === 'fast' ? 0.0005 : 0.9;", 0.0005],
    ['a symbol key is not its description string', "const S = Symbol.for('lr');\nconst cfg = { [S]: 0.9 };\nconst RATE = cfg.lr ?? 0.0004;", 0.0004],
    // Property keys are strings (or symbols), so an array's element index arrives as '0'.
    ['an array element assigned by index', 'const RATES = [0.5, 0.1];\nRATES[0] = 0.002;\nconst RATE = RATES[0];', 0.002],
    ['an array element assigned by a computed index', "const RATES = [0.5, 0.1];\nconst i = 1;\nRATES[i] = 0.003;\nRATES['0'] = 0.0025;\nconst RATE = RATES[1] + RATES[0];", 0.0055],
    ["'01' is a property of an array, not its element 1", "const RATES = [0.5, 0.004];\nRATES['01'] = 0.9;\nconst RATE = RATES[1];", 0.004],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.equal(adamRateAfter(code), expected));
});
