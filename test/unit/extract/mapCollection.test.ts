/** Maps as registries and settings: known keys read back what was set; a key not known makes the values unknown. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';
import { adamRateAfter } from './rateAfter';

describe('extraction of Maps', () => {
  const cases: [string, string, unknown][] = [
    ['get reads what set wrote', "const rates = new Map();\nrates.set('adam', 0.003).set('sgd', 0.1);\nconst RATE = rates.get('adam');", 0.003],
    ['new Map(entries), and a number key', "const rates = new Map([[1, 0.02], [2, 0.004]]);\nconst RATE = rates.get(2);", 0.004],
    ['has and size of known keys', "const rates = new Map(Object.entries({ a: 1, b: 2 }));\nconst RATE = rates.has('c') ? 1 : rates.size / 1000;", 0.002],
    ['a later set replaces, delete removes', "const rates = new Map([['adam', 0.5]]);\nrates.set('adam', 0.001);\nrates.delete('sgd');\nconst RATE = rates.get('adam');", 0.001],
    ['values() in order', "const rates = new Map([['a', 0.3], ['b', 0.006]]);\nconst RATE = [...rates.values()][1];", 0.006],
    ['forEach gets value and key', "const rates = new Map([['a', 0.3], ['b', 0.007]]);\nlet RATE;\nrates.forEach((rate, name) => { if (name === 'b') RATE = rate; });", 0.007],
    ['forEach with a this argument still calls its callback', "const rates = new Map([['a', 0.3], ['b', 0.008]]);\nlet RATE;\nrates.forEach(function (rate, name) { if (name === 'b') RATE = rate; }, {});", 0.008],
    ['a key not known, set, may replace any value', "const rates = new Map([['adam', 0.001]]);\nrates.set(process.argv[2], 0.5);\nconst RATE = rates.get('adam');", undefined],
    ['symbol keys, as a dependency-injection container registers its tokens', "const TOKENS = { rate: Symbol('rate'), other: Symbol('rate') };\nconst providers = new Map();\nproviders.set(TOKENS.rate, 0.004).set(TOKENS.other, 0.5);\nconst RATE = providers.has(Symbol('rate')) ? 1 : providers.get(TOKENS.rate);", 0.004],
    ['a symbol key reads back as the symbol', "const token = Symbol.for('rate');\nconst providers = new Map([[token, 0.005]]);\nconst [key] = providers.keys();\nconst RATE = providers.get(key);", 0.005],
    ['a missing key reads undefined: the default applies', "const rates = new Map([['sgd', 0.1]]);\nconst RATE = rates.get('adam') ?? 0.002;", 0.002],
    ['for...of over the map walks its [key, value] entries', "const rates = new Map([['a', 0.3], ['b', 0.009]]);\nlet RATE;\nfor (const [name, rate] of rates) if (name === 'b') RATE = rate;", 0.009],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.equal(adamRateAfter(code), expected));

  it("a factory set under a key no get reads is a builder never run; the one read is built", () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const forecasters = new Map();
forecasters.set('gru', () => tf.sequential({ layers: [tf.layers.gru({ inputShape: [30, 4], units: 16 }), tf.layers.dense({ units: 1 })] }));
forecasters.set('vanilla-rnn', () => tf.sequential({ layers: [tf.layers.simpleRNN({ inputShape: [336, 4], units: 16 }), tf.layers.dense({ units: 1 })] }));
const model = forecasters.get('gru')();
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;
    const models = extractFile(text, 'forecast.mjs').models;
    const gru = models.find((model) => model.layers[0].kind === 'gru');
    const simple = models.find((model) => model.layers[0].kind === 'simpleRNN');
    assert.equal(gru?.unusedBuilder, undefined);
    assert.match(simple?.unusedBuilder ?? '', /forecasters\.get\('vanilla-rnn'\) is never read/);
  });
});
