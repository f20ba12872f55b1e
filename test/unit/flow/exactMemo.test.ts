import assert from 'node:assert/strict';
import { memoizeExact1, memoizeExact2, memoizeExactRecord, TupleMemo } from '../../../server/src/engine/flow/exactMemo';
import { activationMoments, alignedMoments, piecewiseLinearMoments, TRANSFER_SIZE } from '../../../server/src/engine/flow/activationMoments';
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

  it('record memo: fills each exact pair once and writes its numbers at the offset asked', () => {
    const fills: string[] = [];
    const record = memoizeExactRecord(3, (x, y, out, at) => {
      fills.push(`${Object.is(y, -0) ? '-0' : y},${x}`);
      out[at] = x + y;
      out[at + 1] = x * y;
      out[at + 2] = Object.is(y, -0) ? -1 : 1;
    });
    const out = new Float64Array(8);
    record(2, 3, out, 0);
    record(2, 3, out, 4);
    assert.deepEqual([...out], [5, 6, 1, 0, 5, 6, 1, 0]);
    record(2, -0, out, 1);
    assert.deepEqual([...out.slice(1, 4)], [2, -0, -1]);
    record(2, 0, out, 1);
    assert.deepEqual([...out.slice(1, 4)], [2, 0, 1]);
    assert.deepEqual(fills, ['3,2', '-0,2', '0,2']);
    for (let i = 1; i <= 10_000; i++) {
      record(i, 1, out, 0);
      assert.deepEqual([...out.slice(0, 3)], [i + 1, i, 1]);
    }
  });

  it('transfer gives the four moments bit for bit, quadrature and closed forms alike', () => {
    const cases = [[0.7, 0.3], [0.7, 0.3], [2.5, -0.9], [1, 0], [0, 0], [4, 1.2]];
    const all = [activationMoments('tanh'), activationMoments('elu'), alignedMoments('sigmoid'), piecewiseLinearMoments(0), piecewiseLinearMoments(0.3)];
    for (const moments of all) {
      assert.ok(moments);
      for (const [q, c] of cases) {
        const out = new Float64Array(TRANSFER_SIZE + 1);
        moments.transfer(q, c, out, 1);
        assert.deepEqual([...out], [0, moments.meanSquare(q), moments.crossMoment(q, c), moments.derivativeMeanSquare(q), moments.derivativeCrossMoment(q, c)]);
      }
    }
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
      // tanh is odd and its derivative even: both cross moments sum half the plane.
      assert.equal(moments.crossMoment(q, c), expectBivariate(tanh.phi, tanh.phi, q, c, true));
      assert.equal(moments.derivativeCrossMoment(q, c), expectBivariate(tanh.dphi, tanh.dphi, q, c, true));
    }
  });
});
