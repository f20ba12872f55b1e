/**
 * Values the flow engine needs but the code does not say (DESIGN section 3a: a verdict never rests
 * on a guess). Each one is typed, named in words, and has a plausible range; a prediction uses the
 * value a Substitution gives it, else a nominal one, and lists every unknown it used
 * (FlowPrediction.unknowns), so analyze() can predict again across the ranges and keep only the
 * findings that hold over all of them (verdicts/robustFindings.ts).
 */
import type { LayerIR } from '../ir';
import { isConvKind } from '../tfjs/layers';

export type UnknownKind = 'units' | 'inputFeatures' | 'kernelSize' | 'timeSteps' | 'vocabulary' | 'dropoutRate' | 'weightScale';

interface PlausibleValues {
  /** Ascending; the first and last are the plausible range's ends, the others the steps a threshold is looked for on. */
  values: readonly number[];
  /**
   * The value of the prediction that is reported. Fixed per kind, never taken from a neighbouring
   * size: that size may itself be substituted, and one unknown would then move another.
   */
  nominal: number;
  /** How the value is named in messages: "units of dense_2". */
  noun: string;
}

/** Powers of two strictly between `low` and `high`, with both ends. */
function geometric(low: number, high: number): number[] {
  const values = [low];
  for (let power = 1; power < high; power *= 2) if (power > low) values.push(power);
  values.push(high);
  return values;
}

export const PLAUSIBLE: Readonly<Record<UnknownKind, PlausibleValues>> = {
  units: { values: geometric(8, 4096), nominal: 128, noun: 'units' },
  inputFeatures: { values: geometric(8, 4096), nominal: 128, noun: 'input size' },
  kernelSize: { values: [1, 2, 3, 4, 5, 6, 7], nominal: 3, noun: 'kernel size' },
  timeSteps: { values: geometric(1, 1000), nominal: 32, noun: 'time steps' },
  vocabulary: { values: geometric(10, 50000), nominal: 1000, noun: 'vocabulary size (inputDim)' },
  dropoutRate: { values: [0, 0.1, 0.2, 0.3, 0.4, 0.5], nominal: 0, noun: 'dropout rate' },
  // A kernel initializer whose scale the code computes at run time: its E[w²] × fan-in, from far
  // below any activation's critical value to far above it (nominal: LeCun's 1).
  weightScale: { values: [0.01, 0.1, 0.5, 1, 2, 4, 8, 16, 64, 256], nominal: 1, noun: 'weight variance × fan-in' },
};

export interface Unknown {
  /** Stable across predictions of the same model: `${kind}@${layerIndex}`. */
  id: string;
  kind: UnknownKind;
  /** In words, e.g. "units of dense_2" (`${noun} of ${layerName}`). */
  description: string;
  /** "units", "filters", "time steps"... */
  noun: string;
  layerIndex: number;
  layerName: string;
  /** Plausible range. */
  low: number;
  high: number;
  /** The value this prediction used. */
  value: number;
}

/** Values to use instead of the nominal ones, by Unknown.id. */
export type Substitution = ReadonlyMap<string, number>;

export function unknownId(kind: UnknownKind, layerIndex: number): string {
  return `${kind}@${layerIndex}`;
}

/** A value the code leaves unknown: absent, or not a usable size (NaN, 0, negative, infinite). */
export function isKnownSize(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value) && value >= 1;
}

/** The config key tfjs names a layer's width with. */
function unitsNoun(layer: LayerIR): string {
  return layer.kind === 'embedding' ? 'outputDim' : isConvKind(layer.kind) ? 'filters' : 'units';
}

/** No substitution: every unknown takes its nominal value. */
const NOMINAL: Substitution = new Map();

/** Collects the unknowns one prediction uses; `value` answers with the substituted value, or the nominal one. */
export class UnknownRecorder {
  /** Made on the first unknown: most predictions of most models use none. */
  private used: Map<string, Unknown> | undefined;

  constructor(private readonly substitution: Substitution = NOMINAL) {}

  value(layer: LayerIR, kind: UnknownKind): number {
    const id = unknownId(kind, layer.index);
    const seen = this.used?.get(id);
    if (seen) return seen.value;
    const plausible = PLAUSIBLE[kind];
    const low = plausible.values[0];
    const high = plausible.values[plausible.values.length - 1];
    const value = this.substitution.get(id) ?? plausible.nominal;
    const noun = kind === 'units' ? unitsNoun(layer) : plausible.noun;
    this.used ??= new Map();
    this.used.set(id, { id, kind, description: `${noun} of ${layer.name}`, noun, layerIndex: layer.index, layerName: layer.name, low, high, value });
    return value;
  }

  list(): Unknown[] {
    return this.used ? [...this.used.values()] : [];
  }
}
