/** Max pooling's window statistics against closed forms of Gaussian order statistics. */
import assert from 'node:assert/strict';
import { leakyRelu } from '../../../server/src/engine/flow/activationFunctions';
import { maxMoments } from '../../../server/src/engine/flow/maxMoments';

const identity = { phi: (z: number) => z, dphi: () => 1 };
const relu = leakyRelu(0);
const close = (actual: number, expected: number, tolerance = 2e-3) =>
  assert.ok(Math.abs(actual - expected) < tolerance, `${actual} vs ${expected}`);

describe('max pooling moments', () => {
  it('max of 2 and 3 independent N(0,1): E = 1/√π and 3/(2√π), E[max of 2]² = 1', () => {
    const two = maxMoments(2, 1, 0, identity);
    close(two.mean, 1 / Math.sqrt(Math.PI));
    close(two.meanSquare, 1);
    close(maxMoments(3, 1, 0, identity).mean, 3 / (2 * Math.sqrt(Math.PI)));
  });

  it('scales with the variance and collapses to one value at correlation 1', () => {
    close(maxMoments(2, 4, 0, identity).mean, 2 / Math.sqrt(Math.PI));
    const same = maxMoments(9, 2, 1, identity);
    close(same.mean, 0);
    close(same.meanSquare, 2);
  });

  it("relu after the max: φ' is 1 unless the whole window is negative (2^-P)", () => {
    for (const count of [1, 4, 9]) close(maxMoments(count, 1, 0, relu).derivativeMeanSquare, 1 - 2 ** -count);
    // One position: E[relu(z)²] = q/2, E[relu(z)] = √(q/2π).
    const one = maxMoments(1, 3, 0, relu);
    close(one.meanSquare, 1.5);
    close(one.mean, Math.sqrt(3 / (2 * Math.PI)));
  });
});
