/**
 * The directions in which the unknowns of a model are moved across their plausible ranges (DESIGN
 * section 3a). An axis moves a set of unknowns together, the others keeping their nominal value:
 * each unknown alone while there are few, else all unknowns of a kind (a model with twelve unknown
 * widths usually sets them from one variable), and, when there are several axes, all unknowns at
 * once; up to four unknowns also go to the mixed corners of their ranges (some low, the others
 * high). Their count stays bounded whatever the model.
 */
import { fewOf } from '../listPhrase';
import { listNames } from '../rules/format';
import { PLAUSIBLE, type Substitution, type Unknown } from '../flow/unknowns';

/** Above this many unknowns they move by kind rather than one by one. */
const MAX_SINGLE_AXES = 6;

export interface Axis {
  /** The unknowns it moves, in words: "units of dense_2", "units of dense_1, dense_2 … dense_9 (9 layers)". */
  label: string;
  members: Unknown[];
  /**
   * Ascending values the members take together (one kind: the kind's plausible values, among which
   * a threshold is looked for); undefined when the members are of several kinds and only move to
   * their ranges' ends.
   */
  values?: readonly number[];
}

function kindAxis(members: Unknown[]): Axis {
  const nouns = [...new Set(members.map((unknown) => unknown.noun))].join('/');
  const label = members.length === 1 ? members[0].description : `${nouns} of ${listNames(members.map((unknown) => unknown.layerName))}`;
  return { label, members, values: PLAUSIBLE[members[0].kind].values };
}

export function axesOf(unknowns: readonly Unknown[]): Axis[] {
  let axes: Axis[];
  if (unknowns.length <= MAX_SINGLE_AXES) {
    axes = unknowns.map((unknown) => kindAxis([unknown]));
  } else {
    const byKind = new Map<Unknown['kind'], Unknown[]>();
    for (const unknown of unknowns) byKind.set(unknown.kind, [...(byKind.get(unknown.kind) ?? []), unknown]);
    axes = [...byKind.values()].map(kindAxis);
  }
  if (axes.length > 1) axes.push({ label: `every value not known statically (${fewOf(unknowns.map((unknown) => unknown.description), 3)})`, members: [...unknowns] });
  return axes;
}

/** Unknowns at most this many also move to the mixed corners of their ranges (2^n - 2 predictions). */
const MAX_CORNER_UNKNOWNS = 6;

/** A mix of ends: some unknowns at the low end of their ranges, the others at the high end. */
export interface Corner {
  /** "units of lstm_1 at 4096 and units of dense_1 at 8" */
  label: string;
  substitution: Substitution;
}

/**
 * The corners of a few unknowns' ranges that no axis reaches: each unknown at one end, not all at
 * the same one. A finding can fire only where a wide layer meets a narrow one, which neither moving
 * one unknown nor moving all together shows.
 */
export function mixedCorners(unknowns: readonly Unknown[]): Corner[] {
  if (unknowns.length < 2 || unknowns.length > MAX_CORNER_UNKNOWNS) return [];
  const corners: Corner[] = [];
  const all = (1 << unknowns.length) - 1;
  for (let mask = 1; mask < all; mask++) {
    const substitution = new Map<string, number>();
    const parts: string[] = [];
    unknowns.forEach((unknown, i) => {
      const value = mask & (1 << i) ? unknown.high : unknown.low;
      parts.push(`${unknown.description} at ${value}`);
      if (!Object.is(value, unknown.value)) substitution.set(unknown.id, value);
    });
    corners.push({ label: parts.join(', '), substitution });
  }
  return corners;
}

/**
 * Members moved to values; a member that stays at the value the nominal prediction used is left
 * out, so that a substitution moving nothing is the empty one, whose prediction is the nominal.
 */
function moved(axis: Axis, valueOf: (unknown: Unknown) => number): Substitution {
  const substitution = new Map<string, number>();
  for (const unknown of axis.members) {
    const value = valueOf(unknown);
    if (!Object.is(value, unknown.value)) substitution.set(unknown.id, value);
  }
  return substitution;
}

/** The members at one end of their ranges. */
export function atEnd(axis: Axis, end: 'low' | 'high'): Substitution {
  return moved(axis, (unknown) => unknown[end]);
}

/** The members (of one kind) at `value`. */
export function atValue(axis: Axis, value: number): Substitution {
  return moved(axis, () => value);
}

/** A key identifying a substitution, for memoizing predictions. */
export function substitutionKey(substitution: Substitution): string {
  // forEach rather than entries: no pair per member (robust verdicts ask for every prediction).
  const parts: string[] = [];
  substitution.forEach((value, id) => parts.push(`${id}=${value}`));
  return parts.length === 1 ? parts[0] : parts.sort().join(',');
}

/** The key of the empty substitution, whose prediction is the nominal one. */
export const NOMINAL_KEY = substitutionKey(new Map());
