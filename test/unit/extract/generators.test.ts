/** Generators: a call returns what the body yields; Number.parseFloat reads a number from a string. */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

function units(code: string): unknown[] {
  const text = `import * as tf from '@tensorflow/tfjs';
${code}
const model = tf.sequential();
let first = true;
for (const spec of specs) {
  model.add(tf.layers.dense({ ...(first ? { inputShape: [8] } : {}), units: spec.units, activation: spec.activation }));
  first = false;
}
`;
  return extractFile(text, 'gen.ts').models[0]?.layers.map((layer) => `${layer.units}:${layer.activation}`) ?? [];
}

describe('extraction of generators', () => {
  const cases: [string, string, unknown[]][] = [
    ['yield in a loop of known bound: every value, in order', "function* tower(n) { for (let i = 0; i < n; i++) yield { units: 32 >> i, activation: 'sigmoid' }; }\nconst specs = tower(3);", ['32:sigmoid', '16:sigmoid', '8:sigmoid']],
    ['a recursive generator of a grid\'s cartesian product: every combination, in order', "const SPACE = { units: [16, 8], activation: ['relu', 'tanh'] };\nfunction* walk(keys, i, acc) {\n  if (i === keys.length) { yield { ...acc }; return; }\n  for (const v of SPACE[keys[i]]) yield* walk(keys, i + 1, { ...acc, [keys[i]]: v });\n}\nconst specs = walk(Object.keys(SPACE), 0, {});", ['16:relu', '16:tanh', '8:relu', '8:tanh']],
    ['yield* of an array and of another generator, then spread', "function* head() { yield { units: 1, activation: 'linear' }; }\nfunction* all() { yield* [{ units: 4, activation: 'relu' }]; yield* head(); }\nconst specs = [...all()];", ['4:relu', '1:linear']],
  ];
  for (const [title, code, expected] of cases) it(title, () => assert.deepEqual(units(code), expected));

  it('Number.parseFloat and Number.parseInt read numbers from strings', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [Number.parseInt('12', 10)], units: 4 })] });
model.compile({ optimizer: tf.train.adam(Number.parseFloat(\`\${1e-3 * (2048 >> 5)}\`)), loss: 'meanSquaredError' });
`;
    const [model] = extractFile(text, 'rate.ts').models;
    assert.equal(model.training?.optimizer?.learningRate, 0.064);
    assert.deepEqual(model.layers[0].inputShape, [12]);
  });
});
