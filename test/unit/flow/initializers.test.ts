import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  criticalGain, fansOfShape, initializerMoments, kernelWeightVariance, secondMoment,
  TFJS_INITIALIZERS, TRUNCATED_NORMAL_VARIANCE_FACTOR,
} from '../../../server/src/engine/tfjs/initializers';
import { initializer, layer } from '../../helpers/modelBuilders';

const near = (actual: number, expected: number, relative: number, label = '') =>
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${label}: ${actual} vs ${expected}`);

/** The variance and mean tfjs really draws (layers API), from a large sample. */
function sampled(name: string, args: Record<string, unknown>, shape: number[]): { mean: number; variance: number } {
  return tf.tidy(() => {
    const make = (tf.initializers as unknown as Record<string, (a: unknown) => { apply(shape: number[], dtype?: "float32"): tf.Tensor }>)[name];
    const values = make({ seed: 7, ...args }).apply(shape, 'float32');
    const { mean, variance } = tf.moments(values);
    return { mean: mean.dataSync()[0], variance: variance.dataSync()[0] };
  });
}

describe('tfjs initializer variances (DESIGN section 4)', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('the truncated-normal factor is the variance of N(0,1) truncated at ±2', () => {
    near(TRUNCATED_NORMAL_VARIANCE_FACTOR, 0.7737, 1e-4);
  });

  it('uses the exact formulas for the VarianceScaling presets', () => {
    const shape = [100, 300];
    near(initializerMoments('glorotNormal', shape).variance, 0.7737 * (1 / 200), 1e-4, 'glorotNormal');
    near(initializerMoments('glorotUniform', shape).variance, 1 / 200, 1e-12, 'glorotUniform');
    near(initializerMoments('heNormal', shape).variance, 0.7737 * (2 / 100), 1e-4, 'heNormal');
    near(initializerMoments('heUniform', shape).variance, 2 / 100, 1e-12, 'heUniform');
    near(initializerMoments('leCunNormal', shape).variance, 0.7737 * (1 / 100), 1e-4, 'leCunNormal');
    near(initializerMoments('leCunUniform', shape).variance, 1 / 100, 1e-12, 'leCunUniform');
  });

  it('reads varianceScaling scale, mode and distribution (truncatedNormal takes the uniform branch)', () => {
    const shape = [100, 300];
    const vs = (args: Record<string, number | string>) => initializerMoments(initializer({ name: 'varianceScaling', args }), shape).variance;
    near(vs({}), 0.7737 * (1 / 100), 1e-4, 'defaults: scale 1, fanIn, normal');
    near(vs({ scale: 3, mode: 'fanOut', distribution: 'uniform' }), 3 / 300, 1e-12, 'fanOut uniform');
    near(vs({ scale: 2, mode: 'fanAvg', distribution: 'normal' }), 0.7737 * (2 / 200), 1e-4, 'fanAvg normal');
    near(vs({ scale: 2, distribution: 'truncatedNormal' }), 2 / 100, 1e-12, 'truncatedNormal is uniform in tfjs');
  });

  it('applies the randomNormal / randomUniform / truncatedNormal defaults and the `||` quirk', () => {
    const shape = [10, 10];
    const m = (name: string, args: Record<string, number> = {}) => initializerMoments(initializer({ name, args }), shape);
    near(m('randomNormal').variance, 0.0025, 1e-12, 'randomNormal default sd 0.05');
    near(m('randomNormal', { stddev: 0 }).variance, 0.0025, 1e-12, 'sd 0 silently becomes 0.05');
    near(m('randomNormal', { stddev: 0.5, mean: 0.1 }).variance, 0.25, 1e-12, 'written sd');
    near(m('randomNormal', { stddev: 0.5, mean: 0.1 }).mean, 0.1, 1e-12, 'written mean');
    near(m('randomUniform').variance, 0.1 ** 2 / 12, 1e-12, 'randomUniform ±0.05');
    near(m('randomUniform', { minval: 0, maxval: 1 }).variance, 1.05 ** 2 / 12, 1e-12, 'minval 0 becomes -0.05');
    near(m('truncatedNormal').variance, 0.7737 * 0.0025, 1e-4, 'truncatedNormal default sd 0.05');
    near(m('truncatedNormal', { stddev: 1 }).variance, 0.7737, 1e-4, 'truncatedNormal sd 1');
  });

  it('core-API tensors have tfjs-core defaults and keep an explicit 0', () => {
    const core = (name: string, args: Record<string, number> = {}) => initializerMoments(initializer({ name, args }), [4, 4], { coreApi: true }).variance;
    near(core('randomNormal'), 1, 1e-12, 'tf.randomNormal sd 1');
    assert.equal(core('randomNormal', { stdDev: 0 }), 0);
    near(core('randomUniform'), 1 / 12, 1e-12, 'tf.randomUniform [0, 1)');
    near(core('truncatedNormal', { stdDev: 0.1 }), 0.7737 * 0.01, 1e-4, 'tf.truncatedNormal');
  });

  it('orthogonal, identity, zeros, ones and constant', () => {
    near(initializerMoments('orthogonal', [64, 256]).variance, 1 / 256, 1e-12, 'orthogonal wide');
    near(initializerMoments(initializer({ name: 'orthogonal', args: { gain: 2 } }), [256, 64]).variance, 4 / 256, 1e-12, 'orthogonal gain 2');
    near(initializerMoments(initializer({ name: 'identity', args: { gain: 3 } }), [50, 50]).variance, 9 / 50, 1e-12, 'identity gain');
    assert.equal(initializerMoments('zeros', [3, 3]).variance, 0);
    assert.equal(secondMoment(initializerMoments('ones', [3, 3])), 1);
    assert.equal(secondMoment(initializerMoments(initializer({ name: 'constant', args: { value: 0.5 } }), [3, 3])), 0.25);
  });

  it('includes the receptive field in conv fans', () => {
    assert.deepEqual(fansOfShape([3, 3, 16, 32]), { fanIn: 144, fanOut: 288 });
    assert.deepEqual(fansOfShape([5, 8, 4]), { fanIn: 40, fanOut: 20 });
    near(initializerMoments('heUniform', [3, 3, 16, 32]).variance, 2 / 144, 1e-12, 'conv heUniform');
  });

  it('states an unknown initializer name and falls back to the default', () => {
    const m = initializerMoments('glorotNormall', [10, 10]);
    assert.match(m.notes[0], /unknown initializer 'glorotNormall'/);
  });

  it('matches what real tfjs draws, for every initializer it has', () => {
    const shape = [160, 120];
    const cases: Array<[string, Record<string, number | string>]> = [
      ['glorotNormal', {}], ['glorotUniform', {}], ['heNormal', {}], ['heUniform', {}], ['leCunNormal', {}],
      ['leCunUniform', {}], ['randomNormal', { stddev: 0.2 }], ['randomNormal', { stddev: 0 }], ['randomUniform', {}],
      ['randomUniform', { minval: 0, maxval: 0.5 }], ['truncatedNormal', { stddev: 0.3 }], ['orthogonal', { gain: 1.5 }],
      ['varianceScaling', { scale: 2.5, mode: 'fanAvg', distribution: 'normal' }],
      ['varianceScaling', { scale: 2.5, mode: 'fanOut', distribution: 'truncatedNormal' }],
      ['constant', { value: 0.3 }], ['ones', {}], ['zeros', {}],
    ];
    const covered = new Set(cases.map(([name]) => name));
    assert.deepEqual(TFJS_INITIALIZERS.filter((name) => !covered.has(name)), ['identity'], 'every initializer but identity (square only) is sampled');
    for (const [name, args] of cases) {
      const predicted = initializerMoments(initializer({ name, args }), shape);
      const real = sampled(name, args, shape);
      // 19k samples: the variance estimate has a relative sd of at most 1%; 4% is 4 sd.
      if (predicted.variance === 0) assert.ok(real.variance < 1e-12, `${name} variance`);
      else near(real.variance, predicted.variance, 0.04, `${name} ${JSON.stringify(args)} variance`);
      assert.ok(Math.abs(real.mean - predicted.mean) < 0.01 + 0.01 * Math.abs(predicted.mean), `${name} mean ${real.mean} vs ${predicted.mean}`);
    }
  });

  it('gives each layer kind its default kernel variance from fans', () => {
    near(kernelWeightVariance(layer('dense'), 128, 64), 0.7737 / 96, 1e-4, 'dense glorotNormal');
    near(kernelWeightVariance(layer('embedding'), 1000, 16), 0.1 ** 2 / 12, 1e-12, 'embedding randomUniform');
    near(kernelWeightVariance(layer('dense', { kernelInitializer: 'heUniform' }), 128, 64), 2 / 128, 1e-12, 'written');
  });
});

describe('criticalGain', () => {
  it('is the edge-of-chaos variance × fan-in of each activation', () => {
    assert.equal(criticalGain('relu'), 2);
    assert.equal(criticalGain('linear'), 1);
    assert.equal(criticalGain('tanh'), 1);
    assert.equal(criticalGain('selu'), 1);
    assert.equal(criticalGain('sigmoid'), 1);
    near(criticalGain('leakyReLU', 0.3), 2 / 1.09, 1e-12);
  });
});
