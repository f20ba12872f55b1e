/**
 * Verdicts that do not rest on a guess (DESIGN section 3a). A model whose prediction used values
 * the code does not say (FlowPrediction.unknowns) is predicted again with them moved across their
 * plausible ranges (scenarios.ts), and the rules run on each prediction. A finding keeps its
 * severity only when the same rule fires at the same place in every one; otherwise it becomes a
 * hint that says for which values it would fire ("With units of dense_2 ≥ 512 (not known
 * statically): ..."), and its fixes are no longer preferred (`fix` and "fix all" do not apply them).
 * Findings that read no flow number come out the same in every prediction and are unaffected.
 * The reported flow and numbers are those of the nominal prediction.
 */
import type { Finding, RelatedInfo } from '../findings';
import type { ModelIR } from '../ir';
import type { FlowPrediction } from '../flow/prediction';
import type { Substitution, Unknown } from '../flow/unknowns';
import { atEnd, atValue, axesOf, substitutionKey, type Axis } from './scenarios';

export interface Evaluation {
  flow: FlowPrediction;
  findings: Finding[];
}

/** The flow and the rules' findings under a substitution (none: the nominal values). */
export type Evaluate = (substitution?: Substitution) => Evaluation;

/** Related entries naming the unknowns under a robust finding; more would crowd the editor. */
const MAX_RELATED_UNKNOWNS = 3;

/** Same rule at the same place; a rule firing twice at one place counts its occurrences. */
function keyedFindings(findings: readonly Finding[]): Map<string, Finding> {
  const keyed = new Map<string, Finding>();
  for (const finding of findings) {
    const base = `${finding.rule}@${finding.span.start}:${finding.span.end}`;
    let key = base;
    for (let n = 2; keyed.has(key); n++) key = `${base}#${n}`;
    keyed.set(key, finding);
  }
  return keyed;
}

interface Condition {
  /** "units of dense_2 ≥ 512" */
  text: string;
  axis: Axis;
  /** The finding as reported where it fires. */
  finding: Finding;
}

export function robustEvaluation(model: ModelIR, evaluate: Evaluate): Evaluation {
  const nominal = evaluate();
  const unknowns = nominal.flow.unknowns ?? [];
  if (unknowns.length === 0) return nominal;

  const memo = new Map<string, Map<string, Finding>>();
  const findingsAt = (substitution: Substitution): Map<string, Finding> => {
    const key = substitutionKey(substitution);
    let keyed = memo.get(key);
    if (!keyed) {
      keyed = keyedFindings(evaluate(substitution).findings);
      memo.set(key, keyed);
    }
    return keyed;
  };
  const atNominal = keyedFindings(nominal.findings);
  const axes = axesOf(unknowns);
  const ends = axes.flatMap((axis) => [findingsAt(atEnd(axis, 'low')), findingsAt(atEnd(axis, 'high'))]);

  const keys = new Set([...atNominal.keys(), ...ends.flatMap((keyed) => [...keyed.keys()])]);
  const findings: Finding[] = [];
  for (const key of keys) {
    const found = atNominal.get(key);
    if (found && ends.every((keyed) => keyed.has(key))) {
      findings.push({ ...found, related: [...found.related, ...robustRelated(model, unknowns)] });
      continue;
    }
    const condition = explain(key, axes, atNominal, findingsAt);
    if (condition) findings.push(asHint(condition));
  }
  return { flow: nominal.flow, findings };
}

/** The first axis along which the finding comes and goes, and the values for which it fires. */
function explain(
  key: string,
  axes: readonly Axis[],
  atNominal: Map<string, Finding>,
  findingsAt: (substitution: Substitution) => Map<string, Finding>,
): Condition | undefined {
  const nominal = atNominal.get(key);
  for (const axis of axes) {
    const low = findingsAt(atEnd(axis, 'low')).get(key);
    const high = findingsAt(atEnd(axis, 'high')).get(key);
    if (!!low === !!high && !!high === !!nominal) continue;
    const values = axis.values;
    if (!values) {
      const where = low && high ? 'either end of their ranges' : low ? 'the low end of their ranges' : high ? 'the high end of their ranges' : 'their nominal values';
      return { text: `${axis.label} at ${where}`, axis, finding: (nominal ?? low ?? high)! };
    }
    if (!!low !== !!high) {
      // Monotone along the axis as far as the ends tell: look for the value where it starts firing.
      const firesAt = (index: number) => findingsAt(atValue(axis, values[index])).get(key);
      let off = low ? values.length - 1 : 0;
      let on = low ? 0 : values.length - 1;
      while (Math.abs(on - off) > 1) {
        const middle = Math.floor((on + off) / 2);
        if (firesAt(middle)) on = middle;
        else off = middle;
      }
      const finding = nominal ?? firesAt(on) ?? (low ?? high)!;
      return { text: `${axis.label} ${low ? '≤' : '≥'} ${values[on]}`, axis, finding };
    }
    const nominalValue = axis.members[0].value;
    const text = nominal ? `${axis.label} near ${nominalValue}` : `${axis.label} at ${values[0]} or ${values[values.length - 1]}`;
    return { text, axis, finding: (nominal ?? low ?? high)! };
  }
  return undefined;
}

function asHint({ text, axis, finding }: Condition): Finding {
  return {
    ...finding,
    severity: 'hint',
    dependsOn: axis.members.map((unknown) => unknown.id),
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
