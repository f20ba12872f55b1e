import assert from 'node:assert/strict';
import { memoizeExact1, memoizeExact2, TupleMemo } from '../../../server/src/engine/flow/exactMemo';
import { activationMoments } from '../../../server/src/engine/flow/activationMoments';
import { expectBivariate } from '../../../server/src/engine/flow/quadrature';
import { scalarActivation } from '../../../server/src/engine/flow/activationFunctions';

describe('exact memos of quadrature moments', () => {
  it('computes each exact argument pair once', () => {
    const calls: string[] = [];
    const product = memoizeExact2((x, y) => {
      calls.push(`${x},${y}`);
      return x * y;
    });
    assert.equal(product(2, 3), 6);
    assert.equal(product(2, 3), 6);
    assert.equal(product(2, 3.0000000000000004), 6.000000000000001);
    assert.deepEqual(calls, ['2,3', '2,3.0000000000000004']);
  });

  it('keeps -0 and 0 apart', () => {
    const sign = memoizeExact1((x) => (Object.is(x, -0) ? -1 : 1));
    assert.equal(sign(0), 1);
    assert.equal(sign(-0), -1);
    assert.equal(sign(0), 1);
    const signs = memoizeExact2((x, y) => (Object.is(y, -0) ? -x : x));
    assert.equal(signs(1, 0), 1);
    assert.equal(signs(1, -0), -1);
  });

  it('stays correct past its capacity', () => {
    const square = memoizeExact1((x) => x * x);
    for (let i = 1; i <= 10_000; i++) assert.equal(square(i), i * i);
    assert.equal(square(3), 9);
  });

  it('tuple memo: computes each exact tuple once, keeping -0, undefined and names apart', () => {
    const memo = new TupleMemo<{ value: string }>();
    const calls: string[] = [];
    const get = (...parts: (number | string | undefined)[]) =>
      memo.get(parts, () => {
        calls.push(parts.map(String).join('|'));
        return { value: parts.map((part) => (Object.is(part, -0) ? '-0' : String(part))).join('|') };
      });
    const first = get('relu', undefined, 2, 0.5);
    assert.equal(get('relu', undefined, 2, 0.5), first, 'the same answer object');
    assert.equal(get('relu', -0, 2, 0.5).value, 'relu|-0|2|0.5');
    assert.equal(get('relu', 0, 2, 0.5).value, 'relu|0|2|0.5');
    assert.equal(get('relu,2', undefined, 0.5).value, 'relu,2|undefined|0.5');
    assert.equal(get('relu', undefined, 2, 0.5000000000000001).value, 'relu|undefined|2|0.5000000000000001');
    assert.equal(calls.length, 5);
  });

  it('gives the moments of a shared activation bit for bit as a fresh quadrature', () => {
    const tanh = scalarActivation('tanh');
    assert.ok(tanh);
    const moments = activationMoments('tanh');
    assert.ok(moments);
    assert.equal(activationMoments('tanh'), moments, 'one shared object per activation');
    for (const [q, c] of [[0.7, 0.3], [0.7, 0.3], [2.5, -0.9], [1, 0]]) {
      assert.equal(moments.crossMoment(q, c), expectBivariate(tanh.phi, tanh.phi, q, c));
      assert.equal(moments.derivativeCrossMoment(q, c), expectBivariate(tanh.dphi, tanh.dphi, q, c));
    }
  });
});
