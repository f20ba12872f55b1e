/**
 * What any one of several values surely is (the join of abstract interpretation): a random pick
 * of a parent from a population of genomes (`pop[Math.floor(Math.random() * 3)]`) is one of the
 * objects, not known which, so a member every one of them holds alike is known (`aggressive:
 * false` in each) and a member they differ in is unknown. Members are foreign: no edit can write
 * one place for all of them.
 */
import { NO_SPAN, UNKNOWN, hasTag, newObject, type ObjectValue, type Value } from './values';

/** Objects nested deeper than this are not compared member by member. */
const MAX_DEPTH = 4;

export function joinValues(values: readonly Value[], depth = 0): Value {
  const [first, ...rest] = values;
  if (rest.every((value) => value === first || (typeof value !== 'object' && Object.is(value, first)))) return first;
  if (depth >= MAX_DEPTH || !values.every((value) => hasTag(value, 'object') && !value.tfjs)) return UNKNOWN;
  const objects = values as ObjectValue[];
  const joined = newObject();
  if (objects.some((object) => object.open)) joined.open = true;
  objects[0].props.forEach((_, key) => {
    if (!objects.every((object) => object.props.has(key))) {
      joined.open = true;
      return;
    }
    const value = joinValues(objects.map((object) => object.props.get(key)!.value), depth + 1);
    joined.props.set(key, { value, span: NO_SPAN, valueSpan: NO_SPAN, foreign: true });
  });
  if (objects.some((object) => object.props.size !== joined.props.size)) joined.open = true;
  return joined;
}
