/** Proxies over settings: a member read runs the `get` trap (or reads the target); `in` and Reflect on plain objects. */
import assert from 'node:assert/strict';
import { adamRateAfter } from './rateAfter';

/** The adam rate after `code` defines RATE, with DEFAULTS = { lr: 0.004, units: 32 } in scope. */
const rateAfter = (code: string): unknown => adamRateAfter(`const DEFAULTS = { lr: 0.004, units: 32 };\n${code}`);

const fallbackView = (trap: string) => `function withDefaults(partial) {\n  return new Proxy(partial, { get(target, key) { ${trap} } });\n}`;

describe('extraction of proxies', () => {
  const cases: [string, string, unknown][] = [
    ['a get trap that falls back to defaults, for a key the target lacks', `${fallbackView('return key in target ? target[key] : DEFAULTS[key];')}\nconst RATE = withDefaults({ units: 16 }).lr;`, 0.004],
    ['the same trap, for a key the target has', `${fallbackView('return key in target ? target[key] : DEFAULTS[key];')}\nconst RATE = withDefaults({ lr: 0.0007 })['lr'];`, 0.0007],
    ['a trap written with Reflect.has and Reflect.get', `${fallbackView('return Reflect.has(target, key) ? Reflect.get(target, key) : DEFAULTS[key];')}\nconst RATE = withDefaults({ lr: 0.0002 }).lr;`, 0.0002],
    ['a trap that answers one key itself', `${fallbackView("if (key === 'lr') return 0.0009;\n    return target[key];")}\nconst RATE = withDefaults({ lr: 0.5 }).lr;`, 0.0009],
    ['a handler without a get trap reads the target', "const RATE = new Proxy({ lr: 0.006 }, { set() { return false; } }).lr;", 0.006],
    ['destructuring a proxy is not modelled: unknown', `${fallbackView('return target[key] ?? DEFAULTS[key];')}\nconst { lr: RATE } = withDefaults({});`, undefined],
    ['`in` of a key an object lacks', "const cfg = { units: 4 };\nconst RATE = 'lr' in cfg ? cfg.lr : 0.003;", 0.003],
    ['`in` of a key every object inherits is not known', "const cfg = { lr: 0.001 };\nconst RATE = Number('toString' in cfg) / 1000;", undefined],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.equal(rateAfter(code), expected));
});
