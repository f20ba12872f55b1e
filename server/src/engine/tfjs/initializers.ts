/**
 * Effective weight moments of every tfjs 4.22 initializer (DESIGN section 4), checked against
 * tfjs-layers/src/initializers.ts. The mean-field engine needs the variance the weights really
 * have, which differs from the nominal one in three places:
 *  - VarianceScaling with distribution 'normal' (glorotNormal, heNormal, leCunNormal) draws a
 *    normal truncated at 2 sd with sd = sqrt(scale / fan) and no correction, so the variance is
 *    TRUNCATED_NORMAL_VARIANCE_FACTOR × scale / fan;
 *  - VarianceScaling's third accepted distribution, 'truncatedNormal', falls through to the
 *    uniform branch of `apply` (variance exactly scale / fan);
 *  - randomNormal/randomUniform/truncatedNormal read their arguments with `||`, so 0 (sd 0,
 *    minval 0, ...) silently becomes the default.
 * Core-API tensors (`tf.randomNormal(shape, mean, stdDev)` in tfjs-core) have other defaults
 * (sd 1, uniform [0, 1)) and no `||` quirk; `{ coreApi: true }` selects those.
 */
import type { InitializerIR, LayerIR } from '../ir';
import { defaultKernelInitializerName, DEFAULT_RECURRENT_INITIALIZER, LEAKY_RELU_DEFAULT_ALPHA } from './layers';
import { ownEntry } from '../ownEntry';

/**
 * Var of N(0,1) truncated to [-2, 2]: 1 - 2·2·φ(2) / (2Φ(2) - 1) = 0.77374 (tfjs truncatedNormal
 * re-draws values beyond 2 sd and does not rescale).
 */
export const TRUNCATED_NORMAL_VARIANCE_FACTOR = 0.7737413035499232;

/** Layers-API initializer defaults (RandomNormal/RandomUniform/TruncatedNormal DEFAULT_*). */
const LAYERS_DEFAULT_STDDEV = 0.05;
const LAYERS_DEFAULT_UNIFORM_LIMIT = 0.05;

export interface Fans {
  fanIn: number;
  fanOut: number;
}

/** Mean and variance of each weight entry; `notes` says what was assumed. */
export interface WeightMoments {
  mean: number;
  variance: number;
  notes: readonly string[];
}

/** Most initializers assume nothing: one shared, frozen list. */
const NO_NOTES: readonly string[] = Object.freeze([]);

/** Answers that depend on no argument, shared (frozen) rather than built per kernel. */
const ZEROS: WeightMoments = Object.freeze({ mean: 0, variance: 0, notes: NO_NOTES });
const ONES: WeightMoments = Object.freeze({ mean: 1, variance: 0, notes: NO_NOTES });

export interface InitializerOptions {
  /** The initializer is a tfjs-core random tensor (core API), not a layers initializer. */
  coreApi?: boolean;
}

/** The options of a core-API tensor's initializer (layers-API ones need none). */
export const CORE_API: InitializerOptions = Object.freeze({ coreApi: true });

/**
 * tfjs `computeFans` (channelsLast): 2-D [in, out]; 3- to 5-D conv kernels multiply both fans
 * by the receptive field (product of the spatial dims); other ranks use sqrt(size) for both.
 */
export function fansOfShape(shape: readonly number[]): Fans {
  return { fanIn: fanOf(shape, 'fanIn'), fanOut: fanOf(shape, 'fanOut') };
}

/**
 * One of fansOfShape's fans (or their average), without the object: every kernel layer of every
 * prediction asks. Products run left to right from 1, as the reduce they replace did.
 */
function fanOf(shape: readonly number[], mode: VarianceMode): number {
  if (mode === 'fanAvg') return (fanOf(shape, 'fanIn') + fanOf(shape, 'fanOut')) / 2;
  const rank = shape.length;
  if (rank === 2) return mode === 'fanIn' ? shape[0] : shape[1];
  if (rank >= 3 && rank <= 5) return shape[mode === 'fanIn' ? rank - 2 : rank - 1] * productOf(shape, rank - 2);
  return Math.sqrt(productOf(shape, rank));
}

/** Product of the first `count` sizes of a shape. */
function productOf(shape: readonly number[], count: number): number {
  let product = 1;
  for (let i = 0; i < count; i++) product *= shape[i];
  return product;
}

type VarianceMode = 'fanIn' | 'fanOut' | 'fanAvg';
type Distribution = 'normal' | 'uniform' | 'truncatedNormal';

/** The VarianceScaling presets (tfjs GlorotNormal, HeUniform, ... constructors). */
const VARIANCE_SCALING_PRESETS: Record<string, { scale: number; mode: VarianceMode; distribution: Distribution }> = {
  glorotNormal: { scale: 1, mode: 'fanAvg', distribution: 'normal' },
  glorotUniform: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
  heNormal: { scale: 2, mode: 'fanIn', distribution: 'normal' },
  heUniform: { scale: 2, mode: 'fanIn', distribution: 'uniform' },
  leCunNormal: { scale: 1, mode: 'fanIn', distribution: 'normal' },
  leCunUniform: { scale: 1, mode: 'fanIn', distribution: 'uniform' },
};

/** Names tfjs accepts as initializer identifiers. */
export const TFJS_INITIALIZERS = [
  'constant', 'glorotNormal', 'glorotUniform', 'heNormal', 'heUniform', 'identity', 'leCunNormal',
  'leCunUniform', 'ones', 'orthogonal', 'randomNormal', 'randomUniform', 'truncatedNormal',
  'varianceScaling', 'zeros',
] as const;

/**
 * The identifier of an initializer written by its tfjs class name ('HeUniform', 'VarianceScaling',
 * as Keras exports them; tfjs resolves both spellings to the same class); any other name as written.
 */
export function initializerIdentifier(written: string): string {
  const camel = written.charAt(0).toLowerCase() + written.slice(1);
  return camel !== written && (TFJS_INITIALIZERS as readonly string[]).includes(camel) ? camel : written;
}

type Args = Record<string, number | string>;
const NO_ARGS: Args = Object.freeze({});

/** A finite number argument, under its name or else its alias (no rest array: every kernel of every prediction asks). */
function numberArg(args: Args, name: string, alias?: string): number | undefined {
  const value = args[name];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (alias === undefined) return undefined;
  const aliased = args[alias];
  return typeof aliased === 'number' && Number.isFinite(aliased) ? aliased : undefined;
}

/** tfjs layers initializers read `args.x || DEFAULT`: 0 and absent both give the default. */
function orDefault(value: number | undefined, fallback: number, coreApi: boolean): number {
  if (coreApi) return value ?? fallback;
  return value || fallback;
}

function varianceScalingMoments(scale: number, mode: VarianceMode, distribution: Distribution, shape: readonly number[]): WeightMoments {
  const nominal = scale / Math.max(1, fanOf(shape, mode));
  // Only 'normal' is truncated; 'truncatedNormal' takes the uniform branch of VarianceScaling.apply.
  const variance = distribution === 'normal' ? TRUNCATED_NORMAL_VARIANCE_FACTOR * nominal : nominal;
  return { mean: 0, variance, notes: NO_NOTES };
}

function isMode(value: unknown): value is VarianceMode {
  return value === 'fanIn' || value === 'fanOut' || value === 'fanAvg';
}

function isDistribution(value: unknown): value is Distribution {
  return value === 'normal' || value === 'uniform' || value === 'truncatedNormal';
}

/** The arguments that set an initializer's scale (an unresolved one leaves the weights' scale unknown). */
export const SCALE_ARGUMENTS: ReadonlySet<string> = new Set(['stddev', 'stdDev', 'mean', 'minval', 'maxval', 'scale', 'gain']);

/** Whether the code computes `init`'s scale in a way the engine could not read (`tf.randomNormal(shape, 0, cfg.sd)`). */
export function scaleUnresolved(init: InitializerIR | undefined): boolean {
  return init !== undefined && init.unresolved.some((key) => SCALE_ARGUMENTS.has(key));
}

/**
 * Mean and variance of the entries of a weight tensor of `shape` drawn by `init`
 * (a name or an InitializerIR; its args by tfjs config name, e.g. {stddev: 0.5}).
 */
export function initializerMoments(
  init: InitializerIR | string,
  shape: readonly number[],
  options?: InitializerOptions,
): WeightMoments {
  const name = typeof init === 'string' ? init : init.name;
  const args: Args = typeof init === 'string' ? NO_ARGS : init.args;
  const coreApi = options?.coreApi === true;
  const preset = ownEntry(VARIANCE_SCALING_PRESETS, name);
  if (preset) return varianceScalingMoments(preset.scale, preset.mode, preset.distribution, shape);

  switch (name) {
    case 'varianceScaling': {
      const mode = isMode(args.mode) ? args.mode : 'fanIn';
      const distribution = isDistribution(args.distribution) ? args.distribution : 'normal';
      return varianceScalingMoments(numberArg(args, 'scale') ?? 1, mode, distribution, shape);
    }
    case 'randomNormal':
    case 'truncatedNormal': {
      const sd = orDefault(numberArg(args, 'stddev', 'stdDev'), coreApi ? 1 : LAYERS_DEFAULT_STDDEV, coreApi);
      const mean = orDefault(numberArg(args, 'mean'), 0, coreApi);
      const factor = name === 'truncatedNormal' ? TRUNCATED_NORMAL_VARIANCE_FACTOR : 1;
      return { mean, variance: factor * sd * sd, notes: NO_NOTES };
    }
    case 'randomUniform': {
      const low = orDefault(numberArg(args, 'minval'), coreApi ? 0 : -LAYERS_DEFAULT_UNIFORM_LIMIT, coreApi);
      const high = orDefault(numberArg(args, 'maxval'), coreApi ? 1 : LAYERS_DEFAULT_UNIFORM_LIMIT, coreApi);
      return { mean: (low + high) / 2, variance: ((high - low) * (high - low)) / 12, notes: NO_NOTES };
    }
    case 'orthogonal': {
      // tfjs draws Q of a [max(r, c), min(r, c)] Gaussian (r = prod(shape[:-1]), c = shape[-1]) and
      // scales by gain: orthonormal columns or rows, so each entry has variance gain² / max(r, c).
      const gain = numberArg(args, 'gain') ?? 1;
      const rows = productOf(shape, shape.length - 1);
      const cols = shape[shape.length - 1] ?? 1;
      return { mean: 0, variance: (gain * gain) / Math.max(1, rows, cols), notes: NO_NOTES };
    }
    case 'identity': {
      // gain·I: one non-zero per row, so n·E[w²] = gain² as for any fan-in-n matrix of that variance.
      const gain = numberArg(args, 'gain') ?? 1;
      return { mean: 0, variance: (gain * gain) / Math.max(1, fanOf(shape, 'fanIn')), notes: NO_NOTES };
    }
    case 'zeros':
      return ZEROS;
    case 'ones':
      return ONES;
    case 'constant':
      return { mean: numberArg(args, 'value') ?? 0, variance: 0, notes: NO_NOTES };
    default: {
      const fallback = varianceScalingMoments(1, 'fanAvg', 'normal', shape);
      return { ...fallback, notes: [`unknown initializer '${name}': assumed the tfjs default glorotNormal`] };
    }
  }
}

/** E[w²] = variance + mean²: what enters the mean-field forward and backward maps. */
export function secondMoment(moments: WeightMoments): number {
  return moments.variance + moments.mean * moments.mean;
}

/**
 * Effective E[w²] of a layer's kernel (the written initializer, else the tfjs default for its
 * kind) for a kernel with the given fans, treated as a 2-D [fanIn, fanOut] matrix. This is what
 * `variance × fanIn` rules compare with `criticalGain`.
 */
export function kernelWeightVariance(
  layer: Pick<LayerIR, 'kind' | 'kernelInitializer' | 'placement'>,
  fanIn: number,
  fanOut: number,
): number {
  const init = layer.kernelInitializer ?? defaultKernelInitializerName(layer.kind);
  return secondMoment(initializerMoments(init, [fanIn, fanOut], layer.placement.kind === 'core' ? CORE_API : undefined));
}

/** Same for the recurrent kernel of simpleRNN/lstm/gru ([units, units·gates], default orthogonal). */
export function recurrentWeightVariance(
  layer: Pick<LayerIR, 'recurrentInitializer'>,
  units: number,
  gates: number,
): number {
  const init = layer.recurrentInitializer ?? DEFAULT_RECURRENT_INITIALIZER;
  return secondMoment(initializerMoments(init, [units, units * gates]));
}

/**
 * The weight variance × fan-in at which an activation keeps the signal's scale through depth
 * (the edge of chaos, χ₁ = σ_w² E[φ'(z)²] = 1, Poole et al. 2016 / Schoenholz et al. 2017,
 * evaluated near z = 0 and for the piecewise-linear family exactly):
 *  - relu, relu6: 2 (He et al. 2015 eq. 10); leaky relu with slope a: 2 / (1 + a²);
 *  - linear, tanh, softsign, elu (φ'(0) = 1): 1; selu: 1 (Klambauer et al. 2017, leCun init);
 *  - gelu, gelu_new, swish, mish, softplus: 2 (relu-like: φ'(z) → 1 for z > 0, → 0 below;
 *    He init is the standard choice for them);
 *  - sigmoid, hardSigmoid: 1. Their small-z criticality value (1/φ'(0)² = 16 resp. 25) is not a
 *    sane scale: the non-zero mean of φ pulls every sample together with depth (no variance
 *    makes them trainable deep), so we use the Glorot convention (gain 1, as Glorot & Bengio 2010
 *    and PyTorch `calculate_gain('sigmoid')` do). A variance 4× that already saturates layers.
 *  - softmax and unknown names: 1.
 */
export function criticalGain(activation: string, leakyAlpha = LEAKY_RELU_DEFAULT_ALPHA): number {
  switch (activation) {
    case 'relu':
    case 'relu6':
    case 'gelu':
    case 'gelu_new':
    case 'swish':
    case 'mish':
    case 'softplus':
      return 2;
    case 'leakyReLU':
    case 'leakyRelu':
      return 2 / (1 + leakyAlpha * leakyAlpha);
    default:
      return 1;
  }
}
