import assert from 'node:assert/strict';
import { erfc, scalarActivation } from '../../../server/src/engine/flow/activationFunctions';
import { activationMoments, alignedMoments, piecewiseLinearMoments } from '../../../server/src/engine/flow/activationMoments';
import { expectBivariate, expectNormal, gaussHermite } from '../../../server/src/engine/flow/quadrature';

/** An independent reference: E over N(0, q) by the trapezoid rule on a fine grid (±12 sd). */
function trapezoid(f: (z: number) => number, q: number, steps = 40000): number {
  const sd = Math.sqrt(q);
  const lo = -12 * sd;
  const h = (24 * sd) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const z = lo + i * h;
    const w = i === 0 || i === steps ? 0.5 : 1;
    sum += w * f(z) * Math.exp((-z * z) / (2 * q));
  }
  return (sum * h) / Math.sqrt(2 * Math.PI * q);
}

const close = (actual: number, expected: number, relative: number, label = '') =>
  assert.ok(Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-9), `${label}: ${actual} vs ${expected}`);

describe('Gauss-Hermite quadrature', () => {
  it('has weights summing to 1 and integrates even moments of N(0,1) exactly', () => {
    const { weights } = gaussHermite(48);
    close(weights.reduce((a, b) => a + b, 0), 1, 1e-12, 'sum of weights');
    for (const q of [0.3, 1, 7]) {
      close(expectNormal((z) => z * z, q), q, 1e-10, 'E z²');
      close(expectNormal((z) => z ** 4, q), 3 * q * q, 1e-10, 'E z⁴');
      close(expectNormal((z) => z ** 6, q), 15 * q ** 3, 1e-10, 'E z⁶');
    }
  });

  it('integrates bivariate Gaussian moments for any correlation', () => {
    for (const c of [-0.9, 0, 0.4, 0.99, 1]) {
      close(expectBivariate((u) => u, (v) => v, 2, c), 2 * c, 1e-9, `E uv c=${c}`);
      close(expectBivariate((u) => u * u, (v) => v * v, 2, c), 4 * (1 + 2 * c * c), 1e-9, `E u²v² c=${c}`);
    }
  });

  it('sums half the plane for a symmetric integrand, to the last digits of the full sum', () => {
    // q = 9 takes the composite rule (sd > 1.5), the others Gauss-Hermite.
    for (const name of ['tanh', 'sigmoid', 'softsign', 'linear']) {
      const activation = scalarActivation(name)!;
      for (const q of [0.2, 1, 2, 9]) {
        for (const c of [-0.7, 0, 0.5, 0.999]) {
          const pairs: [(z: number) => number, boolean | undefined][] = [[activation.phi, activation.odd], [activation.dphi, activation.evenSlope]];
          for (const [f, symmetric] of pairs) {
            if (!symmetric) continue;
            // Where the moment is 0 (odd φ at c = 0), both sums are rounding noise of ~1e-16.
            const half = expectBivariate(f, f, q, c, true);
            const full = expectBivariate(f, f, q, c);
            assert.ok(Math.abs(half - full) <= 1e-13 * Math.max(Math.abs(full), 1e-2), `${name} q=${q} c=${c}: ${half} vs ${full}`);
          }
        }
      }
    }
  });

  it('declares a parity only where the activation has it', () => {
    for (const name of ['tanh', 'sigmoid', 'hardSigmoid', 'softsign', 'linear', 'elu', 'selu', 'softplus', 'swish', 'mish', 'gelu', 'gelu_new', 'relu6']) {
      const { phi, dphi, odd, evenSlope } = scalarActivation(name)!;
      const isOdd = [0.3, 1.7, 4].every((z) => phi(-z) === -phi(z));
      const isEvenSlope = [0.3, 1.7, 4].every((z) => Math.abs(dphi(-z) - dphi(z)) <= 1e-15);
      assert.equal(odd === true, isOdd, `${name} odd`);
      assert.equal(evenSlope === true, isEvenSlope, `${name} even slope`);
    }
  });
});

describe('activation moments', () => {
  it('relu, leakyReLU and linear closed forms agree with quadrature away from the kink limit', () => {
    for (const [name, slope] of [['relu', 0], ['leakyReLU', 0.3], ['linear', 1]] as const) {
      const closed = piecewiseLinearMoments(slope);
      const { phi, dphi } = scalarActivation(name, slope)!;
      for (const q of [0.5, 2]) {
        close(closed.meanSquare(q), trapezoid((z) => phi(z) ** 2, q), 1e-6, `${name} E φ²`);
        close(closed.derivativeMeanSquare(q), trapezoid((z) => dphi(z) ** 2, q), 1e-3, `${name} E φ'²`);
        close(closed.mean(q), trapezoid(phi, q), 1e-6, `${name} E φ`);
        // 2-D quadrature converges slowly at the kink (the reason for the closed forms): 48² nodes
        // get within 2%.
        for (const c of [0, 0.5, 0.9]) {
          close(closed.crossMoment(q, c), expectBivariate(phi, phi, q, c), 3e-2, `${name} E φφ c=${c}`);
          close(closed.derivativeCrossMoment(q, c), expectBivariate(dphi, dphi, q, c), 5e-2, `${name} E φ'φ' c=${c}`);
        }
      }
    }
  });

  it('relu arc-cosine kernel has its textbook values', () => {
    const relu = piecewiseLinearMoments(0);
    close(relu.crossMoment(1, 0), 1 / (2 * Math.PI), 1e-12, 'E relu relu at c=0');
    close(relu.crossMoment(1, 1), 0.5, 1e-12, 'at c=1');
    close(relu.derivativeCrossMoment(1, 0), 0.25, 1e-12, 'step kernel at c=0');
  });

  it('quadrature moments of every smooth tfjs activation match an independent trapezoid rule', () => {
    for (const name of ['tanh', 'sigmoid', 'selu', 'elu', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new']) {
      const moments = activationMoments(name)!;
      const { phi, dphi } = scalarActivation(name)!;
      // 1e-3: at q = 9 the poles of tanh/sigmoid at ±iπ/2 sit close to the real axis in units of
      // the sd, which slows Gauss-Hermite convergence (5e-4 with 96 nodes), far below what a
      // decade-scale prediction needs.
      for (const q of [0.2, 1, 9]) {
        close(moments.meanSquare(q), trapezoid((z) => phi(z) ** 2, q), 1e-3, `${name} E φ² q=${q}`);
        close(moments.derivativeMeanSquare(q), trapezoid((z) => dphi(z) ** 2, q), 1e-3, `${name} E φ'² q=${q}`);
      }
    }
  });

  it('cross moments reduce to E[φ²] at c = 1 and to E[φ]² at c = 0', () => {
    for (const name of ['tanh', 'sigmoid', 'selu', 'relu']) {
      const m = activationMoments(name)!;
      // 1-D composite against 2-D Gauss-Hermite (48² nodes), which is not split at selu's kink.
      close(m.crossMoment(1.5, 1), m.meanSquare(1.5), 1e-3, `${name} c=1`);
      const scale = m.meanSquare(1.5);
      assert.ok(Math.abs(m.crossMoment(1.5, 0) - m.mean(1.5) ** 2) <= 1e-3 * scale, `${name} c=0`);
    }
  });

  it('hardSigmoid and relu6 (kinked) are within a few percent by quadrature', () => {
    for (const name of ['hardSigmoid', 'relu6']) {
      const m = activationMoments(name)!;
      const { phi } = scalarActivation(name)!;
      close(m.meanSquare(4), trapezoid((z) => phi(z) ** 2, 4), 2e-2, name);
    }
  });

  it("the aligned part's slope E[(φ'φ)'] matches Stein's lemma for tanh", () => {
    const h = alignedMoments('tanh')!;
    const { phi, dphi } = scalarActivation('tanh')!;
    const q = 0.8;
    // (φ'φ)' = φ'² + φφ'' and for tanh φ'' = -2 φ φ'.
    const direct = trapezoid((z) => dphi(z) ** 2 - 2 * phi(z) ** 2 * dphi(z), q);
    close(h.meanSlope(q), direct, 1e-4, 'E h\'');
  });

  it('erfc matches known values', () => {
    close(erfc(0), 1, 1e-7);
    close(erfc(1), 0.157299207050285, 1e-6);
    close(erfc(-1), 1.842700792949715, 1e-6);
    close(erfc(5 / Math.SQRT2), 5.733031437583878e-7, 1e-4);
  });
});
