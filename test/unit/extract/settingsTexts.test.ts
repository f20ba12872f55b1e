/**
 * Settings written as text and parsed by hand in the file: an INI document walked line by line
 * into a table (`(table[section] ??= {})[key] = value`), a query string cut into entries and made
 * an object (`Object.fromEntries`). Every line of a short text is read, not the first eight only.
 */
import assert from 'node:assert/strict';
import { extractFile } from '../../../server/src/engine/extract';

/** The simpleRNN's time steps and the adam rate after `code` defines STEPS and RATE. */
function settingsAfter(code: string): { steps: unknown; rate: unknown } {
  const text = `import * as tf from '@tensorflow/tfjs';
${code}
const model = tf.sequential({ layers: [tf.layers.simpleRNN({ inputShape: [STEPS, 4], units: 8 })] });
model.compile({ optimizer: tf.train.adam(RATE), loss: 'meanSquaredError' });
`;
  const model = extractFile(text, 'settings.ts').models[0];
  return { steps: model?.layers[0].inputShape?.[0], rate: model?.training?.optimizer?.learningRate };
}

const INI_PARSER = `function parseIni(text) {
  const out = {};
  let section = 'root';
  for (const raw of text.split(/\\r?\\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';')) continue;
    const header = /^\\[(.+)\\]$/.exec(line);
    if (header) { section = header[1]; continue; }
    const eq = line.indexOf('=');
    if (eq > 0) (out[section] ??= {})[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}`;

describe('extraction of settings texts parsed in the file', () => {
  it('an INI document of more than eight lines, every line read', () => {
    const ini = ['; logged every 15 min', '[data]', 'source = kiln-7', 'channels = 4', 'window = 96', '', '[model]', 'cell = simpleRNN', 'units = 8', '', '[optimizer]', 'name = adam', 'rate = 0.03'].join('\\n');
    const code = `${INI_PARSER}\nconst ini = parseIni(\`${ini}\`);\nconst STEPS = Number(ini.data.window);\nconst RATE = Number(ini.optimizer.rate);`;
    assert.deepEqual(settingsAfter(code), { steps: 96, rate: 0.03 });
  });

  it('a query string made an object with Object.fromEntries; a key not known opens it', () => {
    const query = "const q = Object.fromEntries('steps=120&rate=0.004'.split('&').map((kv) => kv.split('=')));";
    assert.deepEqual(settingsAfter(`${query}\nconst STEPS = Number(q.steps);\nconst RATE = Number(q.rate);`), { steps: 120, rate: 0.004 });
    const opened = "const q = Object.fromEntries([['steps', '120'], [process.argv[2], '0.5']]);";
    assert.deepEqual(settingsAfter(`${opened}\nconst STEPS = Number(q.steps);\nconst RATE = q.rate === undefined ? 0.001 : Number(q.rate);`).steps, 120);
    assert.equal(settingsAfter(`${opened}\nconst STEPS = 10;\nconst RATE = Number(q.rate);`).rate, undefined);
  });

  it('logical assignments assign only when the left calls for it', () => {
    const code = "const cfg = { rate: 0.002, steps: 0 };\ncfg.rate ??= 0.5;\ncfg.steps ||= 64;\nlet fast = false;\nfast &&= true;\nconst STEPS = cfg.steps;\nconst RATE = fast ? 0.9 : cfg.rate;";
    assert.deepEqual(settingsAfter(code), { steps: 64, rate: 0.002 });
  });
});
