/**
 * Gaussian expectations by Gauss-Hermite quadrature (DESIGN section 5): E over z ~ N(0, q) and
 * over pairs (u, v) ~ N(0, q[[1, c], [c, 1]]). Smooth activations only; the piecewise-linear ones
 * have closed forms (activationMoments.ts), because quadrature converges slowly at a kink.
 */

interface Rule {
  /** Standard-normal nodes and weights: E[f(z)] ≈ Σ w_i f(x_i), Σ w_i = 1. */
  nodes: Float64Array;
  weights: Float64Array;
}

/** Points for 1-D expectations and per axis of 2-D ones (2-D costs the square). */
export const NODES_1D = 96;
export const NODES_2D = 48;

const rules = new Map<number, Rule>();

/**
 * Physicists' Gauss-Hermite rule (weight e^{-x²}) by Newton iteration on the orthonormal Hermite
 * recurrence (Press et al., Numerical Recipes 3rd ed. §4.6.1, `gauher`), then rescaled to the
 * standard normal: x → √2·x, w → w/√π.
 */
function hermiteRule(n: number): Rule {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const piToMinusQuarter = Math.pow(Math.PI, -0.25);
  const half = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < half; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = piToMinusQuarter;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      derivative = Math.sqrt(2 * n) * p2;
      const previous = z;
      z = previous - p1 / derivative;
      if (Math.abs(z - previous) <= 1e-14 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (derivative * derivative);
    w[n - 1 - i] = w[i];
  }
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * x[i];
    weights[i] = w[i] / Math.sqrt(Math.PI);
  }
  return { nodes, weights };
}

export function gaussHermite(n: number): Rule {
  let rule = rules.get(n);
  if (!rule) {
    rule = hermiteRule(n);
    rules.set(n, rule);
  }
  return rule;
}

/** E[f(z)], z ~ N(0, q). */
export function expectNormal(f: (z: number) => number, q: number, n = NODES_1D): number {
  const { nodes, weights } = gaussHermite(n);
  const sd = Math.sqrt(Math.max(q, 0));
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i] * f(sd * nodes[i]);
  return sum;
}

/** E[f(u) g(v)], (u, v) ~ N(0, q[[1, c], [c, 1]]), via u = √q·a, v = √q·(c·a + √(1-c²)·b). */
export function expectBivariate(
  f: (u: number) => number,
  g: (v: number) => number,
  q: number,
  c: number,
  n = NODES_2D,
): number {
  const { nodes, weights } = gaussHermite(n);
  const sd = Math.sqrt(Math.max(q, 0));
  const rho = Math.min(1, Math.max(-1, c));
  const orthogonal = Math.sqrt(1 - rho * rho);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const a = nodes[i];
    const fu = f(sd * a);
    if (fu === 0) continue;
    let inner = 0;
    for (let j = 0; j < n; j++) inner += weights[j] * g(sd * (rho * a + orthogonal * nodes[j]));
    sum += weights[i] * fu * inner;
  }
  return sum;
}
