/** Settings of the analysis (`gradientDoctor.*` in VS Code). Every threshold of DESIGN section 6 lives here. */
import type { RuleId, Severity } from './findings';

export type RuleSeverity = Severity | 'off';

export interface Thresholds {
  /** vanishing-gradient: ‖∇W_first‖/‖∇W_last‖ at or below this fires. */
  vanishingRatio: number;
  /** vanishing-gradient: first-layer ‖∇W‖ at or below this fires. */
  vanishingAbsolute: number;
  /** exploding-gradient: ‖∇W_first‖/‖∇W_last‖ at or above this fires. */
  explodingRatio: number;
  /** saturated-activation: sigmoid/tanh pre-activation sd above this fires. */
  saturationPreActivationStd: number;
  /** large-init-scale: variance × fan-in above this many times the activation's critical gain fires. */
  initScaleFactor: number;
  /** high-learning-rate: per-optimizer learning rate above which the rule fires. */
  learningRate: Record<'sgd' | 'momentum' | 'adam' | 'adamax' | 'rmsprop' | 'adagrad' | 'adadelta', number>;
  /**
   * high-learning-rate with an adaptive optimizer is a warning (else a hint) where learning rate ×
   * the largest kernel fan-in reaches this: the shift one step can give a unit, measured to be
   * where training fails (docs/rules/high-learning-rate.md).
   */
  adaptiveRateShift: Record<'adam' | 'adamax' | 'rmsprop' | 'adagrad', number>;
  /** long-simple-rnn: simpleRNN over at least this many time steps fires. */
  longRnnSteps: number;
  /** deep-without-normalization: at least this many weight layers without normalization. */
  deepWithoutNormalizationLayers: number;
  /** deep-without-skip: at least this many weight layers without a skip connection. */
  deepWithoutSkipLayers: number;
  /** output-loss-mismatch: a sigmoid/softmax output trained with meanSquaredError is a warning (not a hint) from this many weight layers... */
  saturatingOutputMseLayers: number;
  /** ...or from this many output units. */
  saturatingOutputMseUnits: number;
}

export interface Settings {
  severity: Record<RuleId, RuleSeverity>;
  thresholds: Thresholds;
  /** Files larger than this many characters are not analysed (a clear message says so). */
  maxFileSize: number;
  /** Wall-clock budget of one document's analysis in milliseconds; past it, the result says what was left out. */
  analysisBudgetMs: number;
  /** When the server validates: on every change (debounced) or on save. */
  run: 'onType' | 'onSave';
  simulation: { batch: number; seeds: number; trainingSteps: number };
  /** Inlay hints after layer calls: none, only in models with a finding above hint severity, or everywhere. */
  inlayHints: 'off' | 'problems' | 'all';
}

export const DEFAULT_SETTINGS: Settings = {
  severity: {
    'vanishing-gradient': 'warning',
    'exploding-gradient': 'warning',
    'saturated-activation': 'warning',
    'large-init-scale': 'warning',
    'high-learning-rate': 'warning',
    'missing-gradient-clipping': 'warning',
    'long-simple-rnn': 'warning',
    'deep-without-normalization': 'hint',
    'deep-without-skip': 'hint',
    'tfjs-api-trap': 'error',
    'constant-initializer': 'warning',
    'output-loss-mismatch': 'warning',
  },
  thresholds: {
    vanishingRatio: 1e-3,
    vanishingAbsolute: 1e-4,
    explodingRatio: 70,
    saturationPreActivationStd: 7.4,
    initScaleFactor: 4,
    learningRate: { sgd: 0.1, momentum: 0.1, adagrad: 0.1, adam: 0.01, adamax: 0.01, rmsprop: 0.01, adadelta: 10 },
    adaptiveRateShift: { adam: 6, adamax: 32, rmsprop: 3.5, adagrad: 32 },
    longRnnSteps: 50,
    deepWithoutNormalizationLayers: 10,
    deepWithoutSkipLayers: 20,
    saturatingOutputMseLayers: 8,
    saturatingOutputMseUnits: 10,
  },
  maxFileSize: 1_000_000,
  analysisBudgetMs: 1500,
  run: 'onType',
  simulation: { batch: 64, seeds: 4, trainingSteps: 50 },
  inlayHints: 'problems',
};

/**
 * Settings of batch runs (the CLI's check, fix and simulate; the corpus): no wall-clock budget.
 * A CI verdict must not depend on how loaded the runner is: under load the 1.5 s editor budget cut
 * whole files short and `check` passed sick code. Extraction's step limit still bounds every input.
 */
export const BATCH_SETTINGS: Settings = { ...DEFAULT_SETTINGS, analysisBudgetMs: Infinity };

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type SettingsInput = DeepPartial<Settings>;

/**
 * Merges what a client sent over the defaults. Anything of the wrong type is ignored, so a
 * hand-edited settings.json can never break the analysis.
 */
export function resolveSettings(input: unknown): Settings {
  return mergeInto(DEFAULT_SETTINGS, input) as Settings;
}

function mergeInto(base: unknown, input: unknown): unknown {
  if (input === undefined || input === null) return structuredClone(base);
  if (typeof base === 'object' && base !== null) {
    if (typeof input !== 'object' || Array.isArray(input)) return structuredClone(base);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(base)) {
      out[key] = mergeInto(value, (input as Record<string, unknown>)[key]);
    }
    return out;
  }
  if (typeof base === 'number') return typeof input === 'number' && Number.isFinite(input) ? input : base;
  return typeof input === typeof base ? input : base;
}
