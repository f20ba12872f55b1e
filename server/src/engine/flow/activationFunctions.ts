/**
 * The element-wise activations of tfjs 4.22 as scalar functions φ and derivatives φ', with tfjs's
 * own constants (tfjs-layers/src/activations.ts, tfjs-core ops). Used by quadrature; the
 * piecewise-linear ones also have closed forms in activationMoments.ts.
 */

export interface ScalarActivation {
  phi: (z: number) => number;
  dphi: (z: number) => number;
  /** φ(-z) = -φ(z), so φ' is even too: the cross moments of φ and of φ' halve their quadrature. */
  odd?: boolean;
  /** φ'(-z) = φ'(z): φ is odd up to a constant (sigmoid = 1/2 + an odd function). */
  evenSlope?: boolean;
}

/** Complementary error function, Numerical Recipes `erfcc` (fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
    + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const softplus = (z: number) => (z > 30 ? z : Math.log1p(Math.exp(z)));
const normalCdf = (z: number) => 0.5 * erfc(-z / Math.SQRT2);
const normalPdf = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** SELU constants of Klambauer et al. 2017, as in tfjs `selu`. */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;
const GELU_TANH_C = Math.sqrt(2 / Math.PI);

function elu(alpha: number): ScalarActivation {
  return {
    phi: (z) => (z > 0 ? z : alpha * Math.expm1(z)),
    dphi: (z) => (z > 0 ? 1 : alpha * Math.exp(z)),
  };
}

const geluNew: ScalarActivation = {
  // tfjs 'gelu_new': 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
  phi: (z) => 0.5 * z * (1 + Math.tanh(GELU_TANH_C * (z + 0.044715 * z * z * z))),
  dphi: (z) => {
    const inner = GELU_TANH_C * (z + 0.044715 * z * z * z);
    const t = Math.tanh(inner);
    return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_TANH_C * (1 + 3 * 0.044715 * z * z);
  },
};

export function leakyRelu(alpha: number): ScalarActivation {
  return { phi: (z) => (z > 0 ? z : alpha * z), dphi: (z) => (z > 0 ? 1 : alpha) };
}

/** φ and φ' for a tfjs activation name; undefined for names that are not element-wise activations. */
export function scalarActivation(name: string, alpha?: number): ScalarActivation | undefined {
  switch (name) {
    case 'linear':
      return { phi: (z) => z, dphi: () => 1, odd: true, evenSlope: true };
    case 'relu':
      return leakyRelu(0);
    case 'leakyReLU':
      return leakyRelu(alpha ?? 0.3);
    case 'relu6':
      return { phi: (z) => Math.min(Math.max(z, 0), 6), dphi: (z) => (z > 0 && z < 6 ? 1 : 0) };
    case 'elu':
      return elu(alpha ?? 1);
    case 'selu': {
      const base = elu(SELU_ALPHA);
      return { phi: (z) => SELU_SCALE * base.phi(z), dphi: (z) => SELU_SCALE * base.dphi(z) };
    }
    case 'sigmoid':
      return {
        phi: sigmoid,
        dphi: (z) => {
          const s = sigmoid(z);
          return s * (1 - s);
        },
        evenSlope: true,
      };
    case 'hardSigmoid':
      return { phi: (z) => Math.min(Math.max(0.2 * z + 0.5, 0), 1), dphi: (z) => (Math.abs(z) < 2.5 ? 0.2 : 0), evenSlope: true };
    case 'tanh':
      return { phi: Math.tanh, dphi: (z) => 1 - Math.tanh(z) ** 2, odd: true, evenSlope: true };
    case 'softplus':
      return { phi: softplus, dphi: sigmoid };
    case 'softsign':
      return { phi: (z) => z / (1 + Math.abs(z)), dphi: (z) => 1 / (1 + Math.abs(z)) ** 2, odd: true, evenSlope: true };
    case 'swish':
      return {
        phi: (z) => z * sigmoid(z),
        dphi: (z) => {
          const s = sigmoid(z);
          return s * (1 + z * (1 - s));
        },
      };
    case 'mish':
      return {
        phi: (z) => z * Math.tanh(softplus(z)),
        dphi: (z) => {
          const t = Math.tanh(softplus(z));
          return t + z * (1 - t * t) * sigmoid(z);
        },
      };
    case 'gelu':
      return { phi: (z) => z * normalCdf(z), dphi: (z) => normalCdf(z) + z * normalPdf(z) };
    case 'gelu_new':
      return geluNew;
    default:
      return undefined;
  }
}
