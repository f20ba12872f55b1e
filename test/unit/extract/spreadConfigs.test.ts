/**
 * Configs built by spreading (`{ ...options, units: 10 }`) and Object.assign: a source that is not
 * known may hold any key, so a key it could set is unknown, never taken at tfjs's default (DESIGN 3a).
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { extractFile } from '../../../server/src/engine/extract';

function layersOf(body: string) {
  const { models } = extractFile(`import * as tf from '@tensorflow/tfjs';\n${body}`, 'model.ts');
  assert.equal(models.length, 1);
  return models[0].layers;
}

describe('extraction: spread and assigned configs', () => {
  it('a spread options parameter leaves activation, units source and initializer unresolved, keeps what is written after it', () => {
    const [, head] = layersOf(`export function build(options: tf.layers.DenseLayerArgs) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 }), tf.layers.dense({ ...options, units: 10 })] });
}
`);
    assert.equal(head.units, 10);
    assert.equal(head.activation, undefined);
    assert.deepEqual([...head.unresolved].sort(), ['activation', 'kernelInitializer']);
  });

  it('a key written before an unknown spread may be overwritten by it: unresolved', () => {
    const [, head] = layersOf(`export function build(options: tf.layers.DenseLayerArgs) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 }), tf.layers.dense({ units: 10, activation: 'softmax', ...options })] });
}
`);
    assert.equal(head.units, undefined);
    assert.ok(head.unresolved.includes('units') && head.unresolved.includes('activation'));
  });

  it('a known object spread in is read as written, and the config stays closed', () => {
    const [, head] = layersOf(`const HEAD = { activation: 'softmax' as const };
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 }), tf.layers.dense({ ...HEAD, units: 10 })] });
`);
    assert.equal(head.activation, 'softmax');
    assert.deepEqual(head.unresolved, []);
  });

  it('spreading an open object opens the config too, keys written before it included', () => {
    const [, head] = layersOf(`export function build(options: object) {
  const defaults = { ...options, kernelInitializer: 'heUniform' };
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 }), tf.layers.dense({ units: 10, activation: 'softmax', ...defaults })] });
}
`);
    assert.equal(head.kernelInitializer?.name, 'heUniform');
    assert.ok(head.unresolved.includes('units') && head.unresolved.includes('activation'));
  });

  it('Object.assign from an unknown source opens the target as a spread does', () => {
    const [, head] = layersOf(`export function build(overrides: object) {
  const config = Object.assign({ units: 10 }, overrides);
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 }), tf.layers.dense(config)] });
}
`);
    assert.ok(head.unresolved.includes('units') && head.unresolved.includes('activation'));
  });

  it('a property read from an open object is unknown, not undefined', () => {
    const [, head] = layersOf(`export function build(options: { activation?: 'softmax' }) {
  const merged = { ...options };
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 }), tf.layers.dense({ units: 10, activation: merged.activation })] });
}
`);
    assert.deepEqual(head.unresolved, ['activation']);
  });

  it('an activation that is undefined (a spec without one) is the tfjs default, as an absent key', () => {
    const [, head] = layersOf(`interface HeadSpec { units: number; activation?: 'softmax' | 'sigmoid' }
const TEAM: HeadSpec = { units: 6 };
function head(spec: HeadSpec) {
  return tf.layers.dense({ units: spec.units, activation: spec.activation, useBias: (spec as any).useBias, kernelInitializer: (spec as any).init });
}
export const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 }), head(TEAM)] });
`);
    assert.equal(head.units, 6);
    assert.equal(head.activation, undefined);
    assert.equal(head.kernelInitializer, undefined);
    assert.deepEqual(head.unresolved, []);
  });
});

describe('extraction: deep-merge helpers', () => {
  /** The adam rates of the builds of a model trained with `CFG.train.lr`, after `merge` is defined. */
  function ratesAfter(merge: string): unknown[] {
    const text = `const tf = require('@tensorflow/tfjs');
const DEFAULTS = { train: { optimizer: 'adam', lr: 0.001 }, widths: [64, 32] };
${merge}
const CFG = merge(DEFAULTS, { train: { lr: 0.004 } });
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: CFG.widths[0] }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: CFG.train.optimizer === 'adam' ? tf.train.adam(CFG.train.lr) : tf.train.adamax(CFG.train.lr), loss: 'meanSquaredError' });
`;
    return extractFile(text, 'train.js').models.map((model) => model.training?.optimizer?.learningRate);
  }

  it("takes the object branch of `v !== null && typeof v === 'object' && !Array.isArray(v)` for a nested object: one build, no invented variant", () => {
    assert.deepEqual(
      ratesAfter(`function merge(base, patch) {
  const out = Array.isArray(base) ? [...base] : { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? merge(base[k], v) : v;
  return out;
}`),
      [0.004],
    );
  });

  it('reads `value == null` and `value === undefined` of a made object as false', () => {
    assert.deepEqual(
      ratesAfter(`function merge(base, patch) {
  const out = { ...base };
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    out[key] = value == null || value === undefined || typeof value !== 'object' ? value : merge(base[key], value);
  }
  return out;
}`),
      [0.004],
    );
  });

  it('a spread choice `...(first ? { inputShape: [128] } : {})` of unknown condition keeps the keys written before it', () => {
    const [first] = layersOf(`function dense(units: number, isFirst: boolean) {
  return tf.layers.dense({ units, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.4 }), ...(isFirst ? { inputShape: [128] } : {}) });
}
export function build(sizes: number[]) {
  const net = tf.sequential();
  sizes.forEach((units, i) => net.add(dense(units, i === 0)));
  return net;
}
`);
    assert.equal(first.activation, 'relu');
    assert.equal(first.kernelInitializer?.name, 'randomNormal');
    assert.deepEqual(first.inputShape, [128]);
  });

  it('`...(flag && { activation })` of unknown flag: that key is unknown, the others are kept', () => {
    const [, head] = layersOf(`export function build(sigmoidHead: boolean) {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 4 }), tf.layers.dense({ units: 10, activation: 'softmax', useBias: false, ...(sigmoidHead && { activation: 'sigmoid' }) })] });
}
`);
    assert.equal(head.units, 10);
    assert.equal(head.useBias, false);
    assert.equal(head.activation, undefined);
    assert.deepEqual(head.unresolved, ['activation'], 'the activation may be either');
  });
});

describe('extraction: a deep merge of a value Math or Number computes from unknown inputs', () => {
  /** `deepMerge` as config modules write it: a member recurses only where both sides are plain objects. */
  const merged = (override: string) => `import * as tf from '@tensorflow/tfjs';
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function deepMerge(target, source) {
  const out = { ...target };
  for (const [key, value] of Object.entries(source)) out[key] = isObject(value) && isObject(out[key]) ? deepMerge(out[key], value) : value;
  return out;
}
const cfg = deepMerge({ optim: { lr: 2e-3 } }, { optim: { lr: ${override} } });
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
model.compile({ optimizer: tf.train.adam(cfg.optim.lr), loss: 'meanSquaredError' });
model.fit(xs, ys);
`;

  it('is a number, never an object: no fork where `isObject` of it holds, so the rate is no object (no tfjs-api-trap)', () => {
    for (const override of ['Math.min(Number(process.env.LR), 8e-3)', 'Number(process.env.LR)', 'Number.parseFloat(process.env.LR)', 'parseInt(process.env.LR, 10)']) {
      const traps = analyze(merged(override), 'config.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'tfjs-api-trap');
      assert.deepEqual(traps, [], override);
    }
    // A rate that may be left out (`undefined` or a clamped number), tested with `value && typeof value === 'object'`: falsy either way.
    const optional = merged('rateFromEnv()').replace('const isObject = (v) => v !== null && typeof v === \'object\' && !Array.isArray(v);', "const isObject = (v) => v && typeof v === 'object' && !Array.isArray(v);\nfunction rateFromEnv() {\n  const raw = Number(process.env.LR);\n  if (!Number.isFinite(raw) || raw <= 0) return undefined;\n  return Math.min(raw, 0.01);\n}");
    assert.deepEqual(analyze(optional, 'config.ts', undefined, { cache: null }).findings.filter((finding) => finding.rule === 'tfjs-api-trap'), []);
    // An object override is merged member by member, as before.
    const { models } = extractFile(merged('0.004, beta1: 0.8'), 'config.ts');
    assert.equal(models[0].training?.optimizer?.learningRate, 0.004);
  });
});
