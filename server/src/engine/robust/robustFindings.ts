/**
 * Verdicts that do not rest on a guess (DESIGN section 3a). A model whose prediction used values
 * the code does not say (FlowPrediction.unknowns) is predicted again with them moved across their
 * plausible ranges (scenarios.ts: along axes, and to the mixed corners of a few unknowns' ranges), and the rules run on each prediction (asked only where they
 * fire: ModelContext.placesOnly). A finding keeps its severity only when the same rule fires at
 * the same place, as a warning or as a hint alike, in every one; otherwise it becomes a hint that says for which values it would
 * fire ("With units of dense_2 ≥ 512 (not known statically): ..."), and its fixes are no longer
 * preferred (`fix` and "fix all" do not apply them).
 * Findings that read no flow number come out the same in every prediction and are unaffected.
 * The reported flow and numbers are those of the nominal prediction.
 */
import type { Finding, RelatedInfo } from '../findings';
import { fewOf } from '../listPhrase';
import type { ModelIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import type { Substitution, Unknown } from '../flow/unknowns';
import { atEnd, atValue, axesOf, mixedCorners, NOMINAL_KEY, substitutionKey, type Axis, type Corner } from './scenarios';

export interface Evaluation {
  flow: FlowPrediction;
  findings: Finding[];
}

/**
 * The flow and the rules' findings under a substitution (none: the nominal values). With
 * `placesOnly` the findings may say no more than where their rule fires (ModelContext.placesOnly).
 */
export type Evaluate = (substitution?: Substitution, placesOnly?: boolean) => Evaluation;

/** Related entries naming the unknowns under a robust finding; more would crowd the editor. */
const MAX_RELATED_UNKNOWNS = 3;

/**
 * Marks a finding that is a hint in its prediction: a rule that gives a warning under some sizes
 * and only a hint (its soft variant) under others does not hold across them either.
 */
const SOFT = '~hint';

/** Same rule at the same place and severity; a rule firing twice at one place counts its occurrences. */
function keyedFindings(findings: readonly Finding[]): Map<string, Finding> {
  const keyed = new Map<string, Finding>();
  for (const finding of findings) {
    const base = `${finding.rule}@${finding.span.start}:${finding.span.end}${finding.severity === 'hint' ? SOFT : ''}`;
    let key = base;
    for (let n = 2; keyed.has(key); n++) key = `${base}#${n}`;
    keyed.set(key, finding);
  }
  return keyed;
}

interface Condition {
  /** "units of dense_2 ≥ 512" */
  text: string;
  /** The unknowns it depends on. */
  members: readonly Unknown[];
  /** The prediction the finding is reported from; undefined: the nominal one. */
  source?: Substitution;
}

export function robustEvaluation(model: ModelIR, evaluate: Evaluate): Evaluation {
  const nominal = evaluate();
  const unknowns = nominal.flow.unknowns ?? [];
  if (unknowns.length === 0) return nominal;

  // Whether a finding holds across the unknowns asks only where each rule fires; the few hints
  // whose finding fires away from the nominal values take it from a full check of that prediction.
  const atNominal = keyedFindings(nominal.findings);
  const keyedAt = (placesOnly: boolean) => {
    // A substitution that moves nothing (scenarios.ts) is the nominal prediction.
    const memo = new Map([[NOMINAL_KEY, atNominal]]);
    return (substitution: Substitution): Map<string, Finding> => {
      const key = substitutionKey(substitution);
      let keyed = memo.get(key);
      if (!keyed) {
        keyed = keyedFindings(evaluate(substitution, placesOnly).findings);
        memo.set(key, keyed);
      }
      return keyed;
    };
  };
  const placesAt = keyedAt(true);
  const fullAt = keyedAt(false);
  const axes: AxisEnds[] = axesOf(unknowns).map((axis) => {
    const lowEnd = atEnd(axis, 'low');
    const highEnd = atEnd(axis, 'high');
    return { axis, lowEnd, highEnd, low: placesAt(lowEnd), high: placesAt(highEnd) };
  });

  const corners: CornerPlaces[] = mixedCorners(unknowns).map((corner) => ({ ...corner, places: placesAt(corner.substitution) }));
  const keys = new Set(atNominal.keys());
  for (const { low, high } of axes) {
    for (const key of low.keys()) keys.add(key);
    for (const key of high.keys()) keys.add(key);
  }
  for (const { places } of corners) for (const key of places.keys()) keys.add(key);
  const findings: Finding[] = [];
  // Where the unknowns are: the same entries under every robust finding of the model.
  let unknownsRelated: RelatedInfo[] | undefined;
  for (const key of keys) {
    const found = atNominal.get(key);
    if (found && axes.every(({ low, high }) => low.has(key) && high.has(key)) && corners.every(({ places }) => places.has(key))) {
      unknownsRelated ??= robustRelated(model, unknowns);
      findings.push({ ...found, related: [...found.related, ...unknownsRelated] });
      continue;
    }
    // The soft variant where the full finding holds under other sizes: the full one's condition says both.
    if (key.includes(SOFT) && keys.has(key.replace(SOFT, ''))) continue;
    const condition = explain(key, axes, atNominal, placesAt) ?? atCorner(key, corners, found !== undefined, unknowns);
    if (condition) findings.push(asHint(condition, condition.source ? fullAt(condition.source).get(key)! : found!));
  }
  return { flow: nominal.flow, findings };
}

/** An axis with its two ends and the places where rules fire at each. */
interface AxisEnds {
  axis: Axis;
  lowEnd: Substitution;
  highEnd: Substitution;
  low: Map<string, Finding>;
  high: Map<string, Finding>;
}

/** A mixed corner with the places where rules fire there. */
interface CornerPlaces extends Corner {
  places: Map<string, Finding>;
}

/**
 * A finding that only a mixed corner tells from the nominal prediction (no axis moves it): away
 * from the nominal values, the first corner where it fires; at them, it holds near them only.
 */
function atCorner(key: string, corners: readonly CornerPlaces[], nominal: boolean, unknowns: readonly Unknown[]): Condition | undefined {
  if (nominal) {
    if (corners.every(({ places }) => places.has(key))) return undefined;
    return { text: `${fewOf(unknowns.map((unknown) => unknown.description), 3)} near their nominal values`, members: unknowns };
  }
  const firing = corners.find(({ places }) => places.has(key));
  return firing ? { text: firing.label, members: unknowns, source: firing.substitution } : undefined;
}

/** The first axis along which the finding comes and goes, the values for which it fires, and where it is taken from. */
function explain(
  key: string,
  axes: readonly AxisEnds[],
  atNominal: Map<string, Finding>,
  placesAt: (substitution: Substitution) => Map<string, Finding>,
): Condition | undefined {
  const nominal = atNominal.has(key);
  for (const ends of axes) {
    const { axis, lowEnd, highEnd } = ends;
    const low = ends.low.has(key);
    const high = ends.high.has(key);
    if (low === high && high === nominal) continue;
    // Away from the nominal values the finding is the low end's, else the high end's.
    const firing = nominal ? undefined : low ? lowEnd : highEnd;
    const values = axis.values;
    if (!values) {
      const where = low && high ? 'either end of their ranges' : low ? 'the low end of their ranges' : high ? 'the high end of their ranges' : 'their nominal values';
      return { text: `${axis.label} at ${where}`, members: axis.members, source: firing };
    }
    if (low !== high) {
      // Monotone along the axis as far as the ends tell: look for the value where it starts firing.
      const firesAt = (index: number) => placesAt(atValue(axis, values[index])).has(key);
      let off = low ? values.length - 1 : 0;
      let on = low ? 0 : values.length - 1;
      while (Math.abs(on - off) > 1) {
        const middle = Math.floor((on + off) / 2);
        if (firesAt(middle)) on = middle;
        else off = middle;
      }
      const source = nominal ? undefined : firesAt(on) ? atValue(axis, values[on]) : firing;
      return { text: `${axis.label} ${low ? '≤' : '≥'} ${values[on]}`, members: axis.members, source };
    }
    const nominalValue = axis.members[0].value;
    const text = nominal ? `${axis.label} near ${nominalValue}` : `${axis.label} at ${values[0]} or ${values[values.length - 1]}`;
    return { text, members: axis.members, source: firing };
  }
  return undefined;
}

function asHint({ text, members }: Condition, finding: Finding): Finding {
  return {
    ...finding,
    severity: 'hint',
    dependsOn: members.map((unknown) => unknown.id),
    message: `With ${text} (not known statically): ${finding.message}`,
    fixes: finding.fixes.map((fix) => ({ ...fix, preferred: false })),
  };
}

/** Where the unknowns a robust finding held across are. */
function robustRelated(model: ModelIR, unknowns: readonly Unknown[]): RelatedInfo[] {
  const shown = unknowns.slice(0, MAX_RELATED_UNKNOWNS);
  const more = unknowns.length - shown.length;
  return shown.flatMap((unknown, i) => {
    const layer = model.layers[unknown.layerIndex];
    if (!layer) return [];
    const others = i === shown.length - 1 && more > 0 ? ` (and ${more} more values not known statically)` : '';
    return [{ span: layer.span, message: `${unknown.description} not known statically: this holds for any value in ${unknown.low}..${unknown.high}${others}` }];
  });
}
