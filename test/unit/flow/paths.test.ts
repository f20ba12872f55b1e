/** Kernel paths (flow/paths.ts): ratios along input-to-output paths, never across siblings or opaque layers. */
import assert from 'node:assert/strict';
import { predictFlow } from '../../../server/src/engine/flow/analytic';
import { graph, layer, mlp, sequential } from '../../helpers/modelBuilders';

const summary = (p: ReturnType<typeof predictFlow>) => p.paths.map(({ from, to, firstKernel, lastKernel, kernels, cut }) => ({ from, to, firstKernel, lastKernel, kernels, cut }));

describe('analytic engine: kernel paths', () => {
  it('a chain is one path whose first/last kernels and ratio are the model-wide ones', () => {
    const model = mlp({ depth: 4, activation: 'sigmoid' });
    const p = predictFlow(model);
    assert.deepEqual(summary(p), [{ from: 0, to: 4, firstKernel: 0, lastKernel: 4, kernels: [0, 1, 2, 3, 4], cut: false }]);
    assert.equal(p.log10Ratio, p.layers[0].log10GradNorm! - p.layers[4].log10GradNorm!);
    assert.equal(p.paths[0].log10Ratio, p.log10Ratio);
  });

  it('two sibling heads are never compared with each other; the trunk is measured against the head with the larger gradient', () => {
    const model = graph([
      { layer: layer('input'), inputs: [] },
      { layer: layer('dense', { units: 64, activation: 'relu' }), inputs: [0] },
      { layer: layer('dense', { units: 1, activation: 'sigmoid' }), inputs: [1] },
      { layer: layer('dense', { units: 10, activation: 'softmax' }), inputs: [1] },
    ], [32]);
    model.outputs = [2, 3];
    const p = predictFlow(model);
    const dominant = p.layers[2].log10GradNorm! > p.layers[3].log10GradNorm! ? 2 : 3;
    assert.deepEqual(summary(p), [{ from: 0, to: dominant, firstKernel: 1, lastKernel: dominant, kernels: [1, dominant], cut: false }]);
    assert.equal(p.paths[0].log10Ratio, p.layers[1].log10GradNorm! - Math.max(p.layers[2].log10GradNorm!, p.layers[3].log10GradNorm!));
    assert.ok(p.paths.every((path) => !(path.firstKernel === 2 && path.lastKernel === 3)));
  });

  it('two inputs: a path from each, the branch of one input never compared with the other', () => {
    const model = graph([
      { layer: layer('input'), inputs: [] },
      { layer: layer('input'), inputs: [] },
      { layer: layer('dense', { units: 16 }), inputs: [0] },
      { layer: layer('dense', { units: 16 }), inputs: [1] },
      { layer: layer('dense', { units: 16 }), inputs: [3] },
      { layer: layer('concatenate'), inputs: [2, 4] },
      { layer: layer('dense', { units: 1 }), inputs: [5] },
    ], [8]);
    const p = predictFlow(model);
    assert.deepEqual(summary(p), [
      { from: 1, to: 6, firstKernel: 3, lastKernel: 6, kernels: [3, 4, 6], cut: false },
      { from: 0, to: 6, firstKernel: 2, lastKernel: 6, kernels: [2, 6], cut: false },
    ]);
  });

  it('an opaque layer cuts the path: no ratio is taken across it', () => {
    const model = sequential([
      layer('dense', { units: 32, activation: 'sigmoid' }),
      layer('dense', { units: 32, activation: 'sigmoid' }),
      layer('opaque'),
      layer('dense', { units: 32, activation: 'sigmoid' }),
      layer('dense', { units: 1 }),
    ], [32]);
    const p = predictFlow(model);
    assert.deepEqual(summary(p), [
      { from: 0, to: 1, firstKernel: 0, lastKernel: 1, kernels: [0, 1], cut: true },
      { from: 3, to: 4, firstKernel: 3, lastKernel: 4, kernels: [3, 4], cut: true },
    ]);
  });

  it('a first kernel that also feeds an opaque layer off the path (a two-tower matcher) is compared with no head whose gradient does not come through it too', () => {
    // image -> hidden -> proj -> opaque (custom L2 layer) -> match; hidden -> category.
    const model = graph([
      { layer: layer('input'), inputs: [] },
      { layer: layer('dense', { units: 256, activation: 'relu' }), inputs: [0] },
      { layer: layer('dense', { units: 128 }), inputs: [1] },
      { layer: layer('opaque'), inputs: [2] },
      { layer: layer('dense', { units: 1, activation: 'sigmoid' }), inputs: [3] },
      { layer: layer('dense', { units: 120, activation: 'softmax' }), inputs: [1] },
    ], [1280]);
    model.outputs = [4, 5];
    const p = predictFlow(model);
    // Nor with proj before the opaque layer: hidden's gradient also comes from the category head.
    assert.deepEqual(summary(p).filter((path) => path.firstKernel === 1), []);
    // Without the custom layer the category head is compared with the trunk again.
    const plain = graph([
      { layer: layer('input'), inputs: [] },
      { layer: layer('dense', { units: 256, activation: 'relu' }), inputs: [0] },
      { layer: layer('dense', { units: 120, activation: 'softmax' }), inputs: [1] },
    ], [1280]);
    assert.deepEqual(summary(predictFlow(plain)), [{ from: 0, to: 2, firstKernel: 1, lastKernel: 2, kernels: [1, 2], cut: false }]);
  });
});
