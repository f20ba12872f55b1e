import { strict as assert } from 'node:assert';
import { exceeds, reaches } from '../../../server/src/engine/rules/thresholdCompare';

describe('threshold comparisons', () => {
  it('a value written at the threshold is not above it, whatever its last bit', () => {
    const ratio = Math.sqrt(8 / 64) ** 2 * 64 / 2; // 4.000000000000001
    assert.ok(ratio > 4);
    assert.equal(exceeds(ratio, 4), false);
    assert.equal(exceeds(4.01, 4), true);
    assert.equal(exceeds(-0.5, -1), true);
  });

  it('a value written at the threshold reaches it, whatever its last bit', () => {
    const shift = (6 / 147) * 147; // 5.999999999999999
    assert.ok(shift < 6);
    assert.equal(reaches(shift, 6), true);
    assert.equal(reaches(5.99, 6), false);
  });
});
