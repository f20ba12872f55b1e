/**
 * Gaussian expectations by quadrature (DESIGN section 5): E over z ~ N(0, q) and over pairs
 * (u, v) ~ N(0, q[[1, c], [c, 1]]). The piecewise-linear activations have closed forms
 * (activationMoments.ts), because quadrature converges slowly at a kink.
 * Pairs use Gauss-Hermite while sd ≤ 1.5. For a wider Gaussian the features of φ' (width ~1
 * around 0 for tanh/sigmoid) fall between Gauss-Hermite nodes, so a composite 4-point
 * Gauss-Legendre rule on ±9 sd with panels of bounded width in z takes over; 1-D expectations
 * always use the composite rule (cheap, and exact piecewise at a kink at 0).
 */

interface Rule {
  /** Standard-normal nodes and weights: E[f(z)] ≈ Σ w_i f(x_i), Σ w_i = 1. */
  nodes: Float64Array;
  weights: Float64Array;
  /**
   * The indices [from, to) of the nodes that can change a sum: the weights outside are below
   * NEGLIGIBLE_WEIGHT (the 48-point Gauss-Hermite rule's outer ten, down to 1e-36), and the 2-D
   * sums skip them on both axes, a third of the work.
   */
  from: number;
  to: number;
}

/**
 * A node of this weight changes an expectation of activations (bounded by the tens at such
 * nodes) by less than 1e-17, below the rounding of the sums it would join.
 */
const NEGLIGIBLE_WEIGHT = 1e-20;

/** A rule from its nodes and weights, with its significant range (weights are unimodal). */
function ruleOf(nodes: Float64Array, weights: Float64Array): Rule {
  let from = 0;
  while (from < weights.length && weights[from] < NEGLIGIBLE_WEIGHT) from++;
  let to = weights.length;
  while (to > from && weights[to - 1] < NEGLIGIBLE_WEIGHT) to--;
  return { nodes, weights, from, to };
}

/** Gauss-Hermite points per axis of 2-D expectations (the cost is the square). */
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
  return ruleOf(nodes, weights);
}

const LEGENDRE_4 = {
  nodes: [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526],
  weights: [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538],
};
const COMPOSITE_HALF_RANGE = 9;
const compositeRules = new Map<number, Rule>();

/** Composite Gauss-Legendre in standard-normal units, density-weighted and normalized. */
function compositeRule(panels: number): Rule {
  let rule = compositeRules.get(panels);
  if (rule) return rule;
  const width = (2 * COMPOSITE_HALF_RANGE) / panels;
  const nodes = new Float64Array(panels * 4);
  const weights = new Float64Array(panels * 4);
  let total = 0;
  for (let p = 0; p < panels; p++) {
    const centre = -COMPOSITE_HALF_RANGE + (p + 0.5) * width;
    for (let k = 0; k < 4; k++) {
      const x = centre + (LEGENDRE_4.nodes[k] * width) / 2;
      const w = ((LEGENDRE_4.weights[k] * width) / 2) * Math.exp(-0.5 * x * x);
      nodes[p * 4 + k] = x;
      weights[p * 4 + k] = w;
      total += w;
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i] /= total;
  rule = ruleOf(nodes, weights);
  compositeRules.set(panels, rule);
  return rule;
}

/**
 * Panels at most `panelWidth` wide in z (and 0.25 in standard units), an even number so that 0 is
 * a panel edge: elu/selu/relu6-style kinks at 0 are then integrated exactly piecewise.
 */
function compositeFor(sd: number, panelWidth: number, maxNodes: number): Rule {
  const wanted = Math.ceil((2 * COMPOSITE_HALF_RANGE * Math.max(sd, panelWidth / 0.25)) / panelWidth);
  const panels = 2 * Math.ceil(Math.min(wanted, Math.floor(maxNodes / 4)) / 2);
  return compositeRule(panels);
}

/** 2-D rules: Gauss-Hermite for sd ≤ 1.5 (smooth, cheap), composite beyond. */
function rule2dFor(sd: number, n: number): Rule {
  return sd <= 1.5 ? gaussHermite(n) : compositeFor(sd, 0.75, 200);
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
export function expectNormal(f: (z: number) => number, q: number): number {
  const sd = Math.sqrt(Math.max(q, 0));
  const { nodes, weights } = compositeFor(sd, 0.25, 2400);
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) sum += weights[i] * f(sd * nodes[i]);
  return sum;
}

/**
 * E[f(u) g(v)], (u, v) ~ N(0, q[[1, c], [c, 1]]), via u = √q·a, v = √q·(c·a + √(1-c²)·b).
 * `symmetric`: f(u)·g(v) is unchanged by (u, v) → (-u, -v) (f and g both odd or both even, as
 * tanh and its derivative are); the rules' nodes are symmetric about 0, so the half a > 0 counts
 * twice and the work halves.
 */
export function expectBivariate(f: (u: number) => number, g: (v: number) => number, q: number, c: number, symmetric = false): number {
  const sd = Math.sqrt(Math.max(q, 0));
  const { nodes, weights, from, to } = rule2dFor(sd, NODES_2D);
  const rho = Math.min(1, Math.max(-1, c));
  const orthogonal = Math.sqrt(1 - rho * rho);
  let sum = 0;
  for (let i = from; i < to; i++) {
    const a = nodes[i];
    if (symmetric && a < 0) continue;
    const fu = f(sd * a);
    if (fu === 0) continue;
    let inner = 0;
    for (let j = from; j < to; j++) inner += weights[j] * g(sd * (rho * a + orthogonal * nodes[j]));
    sum += (symmetric && a > 0 ? 2 * weights[i] : weights[i]) * fu * inner;
  }
  return sum;
}
