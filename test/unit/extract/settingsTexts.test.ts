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

  describe('a document parsed by its library', () => {
    const parsed = (imports: string, document: string, parse: string) => `${imports}\nconst cfg = ${parse}(\`${document}\`);\nconst STEPS = Number(cfg.model.steps);\nconst RATE = Number(cfg.train.rate);`;
    const cases: [string, string, string, string][] = [
      ['YAML by js-yaml', "import yaml from 'js-yaml';", 'model:\n  steps: 96   # one day\ntrain:\n  rate: 0.03\n', 'yaml.load'],
      ["YAML by js-yaml 3's safeLoad, required", "const yaml = require('js-yaml');", 'model: {steps: 96}\ntrain: {rate: 3e-2}', 'yaml.safeLoad'],
      ['YAML by the yaml package', "import YAML from 'yaml';", 'model:\n  steps: 96\ntrain:\n  rate: 0.03', 'YAML.parse'],
      ['TOML by smol-toml, a named import', "import { parse } from 'smol-toml';", '[model]\nsteps = 96\n\n[train]\nrate = 0.03 # tuned', 'parse'],
      ['TOML by @iarna/toml', "import TOML from '@iarna/toml';", '[model]\nsteps = 96\n[train]\nrate = 0.03', 'TOML.parse'],
      ['JSON5', "import JSON5 from 'json5';", "{ model: { steps: 96, }, train: { rate: .03 } } // trailing commas", 'JSON5.parse'],
      ['INI by ini: values are strings', "import ini from 'ini';", '[model]\nsteps=96\n[train]\nrate=0.03', 'ini.parse'],
      ['JSON', '', '{"model": {"steps": 96}, "train": {"rate": 0.03}}', 'JSON.parse'],
    ];
    for (const [title, imports, document, parse] of cases) it(title, () => assert.deepEqual(settingsAfter(parsed(imports, document, parse)), { steps: 96, rate: 0.03 }));

    it('an invalid document, a parse not known, or a parse of the file system: unknown', () => {
      // An unknown time step is an open dimension of the input shape (null).
      const unknown = { steps: null, rate: undefined };
      assert.deepEqual(settingsAfter(parsed("import yaml from 'js-yaml';", 'model: [steps: 96', 'yaml.load')), unknown);
      assert.deepEqual(settingsAfter(parsed("import yaml from 'js-yaml';", 'model:\n  steps: 96\ntrain:\n  rate: 0.03', 'yaml.dump')), unknown);
      assert.deepEqual(settingsAfter(`import yaml from 'js-yaml';\nimport fs from 'fs';\nconst cfg = yaml.load(fs.readFileSync('train.yaml', 'utf8'));\nconst STEPS = cfg.model.steps;\nconst RATE = cfg.train.rate;`), unknown);
    });

    it('aliases that multiply: the document is not converted past a bound', () => {
      const laughs = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'model: {steps: 96}', 'train: {rate: 0.03}'].join('\n');
      assert.deepEqual(settingsAfter(parsed("import yaml from 'js-yaml';", laughs, 'yaml.load')), { steps: null, rate: undefined });
    });
  });

  it('logical assignments assign only when the left calls for it', () => {
    const code = "const cfg = { rate: 0.002, steps: 0 };\ncfg.rate ??= 0.5;\ncfg.steps ||= 64;\nlet fast = false;\nfast &&= true;\nconst STEPS = cfg.steps;\nconst RATE = fast ? 0.9 : cfg.rate;";
    assert.deepEqual(settingsAfter(code), { steps: 64, rate: 0.002 });
  });
});
