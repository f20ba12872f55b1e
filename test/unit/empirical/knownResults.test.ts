/**
 * The empirical engine reproduces the independent measurements of DESIGN section 5 (a PyTorch
 * implementation of tfjs semantics: width 128, batch 64, MSE against N(0,1) targets, head
 * dense(10, glorotUniform)). Fewer seeds than the 16 there, so the tolerances are a few tenths.
 */
import assert from 'node:assert/strict';
import { simulateFlow } from '../../../server/src/engine/empirical';
import { mlp } from '../../helpers/modelBuilders';

function kernelNorms(flow: Awaited<ReturnType<typeof simulateFlow>>): number[] {
  return flow.layers.filter((l) => l.hasKernel).map((l) => l.log10GradNorm!);
}

describe('empirical engine: known results of DESIGN section 5', function () {
  this.timeout(60000);

  it('sigmoid + glorotUniform, 8 layers: first hidden ‖∇W‖ ~1e-4.8 of the last hidden', async () => {
    const norms = kernelNorms(await simulateFlow(mlp({ depth: 8, width: 128, activation: 'sigmoid', initializer: 'glorotUniform' }), { seeds: 3 }));
    const ratio = norms[0] - norms[7];
    assert.ok(Math.abs(ratio - -4.8) < 0.3, `log10 ratio ${ratio.toFixed(2)}`);
  });

  it('relu + glorotNormal, depth 32: flat, every ‖∇W‖ ~1e-6.5', async () => {
    const norms = kernelNorms(await simulateFlow(mlp({ depth: 32, width: 128, activation: 'relu', initializer: 'glorotNormal' }), { seeds: 2 }));
    for (const norm of norms.slice(0, 32)) assert.ok(Math.abs(norm - -6.5) < 0.4, `log10 ‖∇W‖ ${norm.toFixed(2)}`);
  });

  it('relu + batchNormalization after every layer, depth 32: explodes toward the input, ~10^2.8', async () => {
    const flow = await simulateFlow(mlp({ depth: 32, width: 128, activation: 'relu', initializer: 'heUniform', batchNorm: true }), { seeds: 2 });
    assert.ok(Math.abs(flow.log10Ratio! - 2.8) < 0.3, `log10 first/last ${flow.log10Ratio!.toFixed(2)}`);
  });
});
