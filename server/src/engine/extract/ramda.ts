/**
 * Ramda's configuration and composition helpers, which decide the settings a model gets and the
 * builders that make it: `mergeDeepRight(defaults, site)` (the right side wins, plain objects
 * merged key by key, anything else replaced), `mergeDeepLeft`, `mergeRight`/`mergeLeft`/`merge`
 * (shallow), `mergeAll`, `path`/`pathOr`/`prop`/`propOr`, `clone`, `pipe(f, g)` and
 * `compose(g, f)` (a function that runs them in turn), and the collection helpers layers are built
 * with, data last: `forEach(fn, list)`, `map(fn, list)`, `times(fn, n)`, `range(from, to)`.
 * A curried call (`R.map(fn)` waiting for its list) and other functions are unknown, their
 * callbacks run once as for any unknown call.
 */
import type ts from 'typescript';
import { mapUntilIdle } from './arrays';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { copyOf, lodashRange, timesOf, valueAtKeys } from './lodash';
import { UNKNOWN, hasTag, newObject, spreadInto, type ObjectValue, type Value } from './values';

/** The builtin path of Ramda's namespace; a function is `ramda.<name>`. */
export const RAMDA = 'ramda';

export function isRamdaPackage(specifier: string): boolean {
  return specifier === 'ramda' || specifier === 'rambda';
}

/** The name of a chain's calls: no Ramda export, nor any JavaScript name, starts with '@'. */
const CHAINED = '@chained';

export function callRamda(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node): Value {
  const [first, second, third] = args.map((arg) => arg.value);
  switch (name) {
    case 'mergeDeepRight':
      return args.length === 2 ? mergeDeep(first, second) : curried(ctx, args);
    case 'mergeDeepLeft':
      return args.length === 2 ? mergeDeep(second, first) : curried(ctx, args);
    case 'merge':
    case 'mergeRight':
      return args.length === 2 ? mergeShallow(first, second) : curried(ctx, args);
    case 'mergeLeft':
      return args.length === 2 ? mergeShallow(second, first) : curried(ctx, args);
    case 'mergeAll':
      return hasTag(first, 'array') && first.lengthKnown ? first.items.reduce<Value>((merged, item) => mergeShallow(merged, item), newObject()) : UNKNOWN;
    case 'clone':
      return copyOf(first, true);
    case 'prop':
      return args.length === 2 ? readPath([first], second, undefined) : curried(ctx, args);
    case 'propOr':
      return args.length === 3 ? readPath([second], third, first) : curried(ctx, args);
    case 'path':
      return args.length === 2 && hasTag(first, 'array') ? readPath(first.items, second, undefined) : curried(ctx, args);
    case 'pathOr':
      return args.length === 3 && hasTag(second, 'array') ? readPath(second.items, third, first) : curried(ctx, args);
    case 'pipe':
      return chain(args.map((arg) => arg.value));
    case 'compose':
      return chain(args.map((arg) => arg.value).reverse());
    case CHAINED:
      return callChained(ctx, callNode, first, args.slice(1));
    case 'forEach':
    case 'map':
      if (args.length === 2 && hasTag(second, 'array')) {
        const results = mapUntilIdle(ctx, second.items.length, (index) => callValue(ctx, callNode, first, [{ value: second.items[index] }]));
        return name === 'map' ? { tag: 'array', items: results, lengthKnown: second.lengthKnown } : second;
      }
      return curried(ctx, args);
    case 'times':
      return timesOf(ctx, callNode, second, first) ?? curried(ctx, args);
    case 'range':
      return args.length === 2 ? lodashRange([first, second]) : curried(ctx, args);
    default:
      return curried(ctx, args);
  }
}

/** A function Ramda's `pipe` or `compose` made, holding its functions in call order. */
function chain(functions: Value[]): Value {
  return { tag: 'builtin', path: `${RAMDA}.${CHAINED}`, bound: [{ tag: 'array', items: functions, lengthKnown: true }] };
}

/** A call of a chain: each function takes the previous one's result. */
function callChained(ctx: Extraction, callNode: ts.Node, functions: Value, args: Arg[]): Value {
  if (!hasTag(functions, 'array') || functions.items.length === 0) return curried(ctx, args);
  const [head, ...rest] = functions.items;
  let result = callValue(ctx, callNode, head, args);
  for (const fn of rest) result = callValue(ctx, callNode, fn, [{ value: result }]);
  return result;
}

/** A call not modelled (a curried one among them): its callbacks run once, its result is unknown. */
function curried(ctx: Extraction, args: Arg[]): Value {
  invokeCallbacks(ctx, args);
  return UNKNOWN;
}

/** mergeDeepRight: plain objects merged key by key, the right side's value winning otherwise. */
function mergeDeep(left: Value, right: Value): Value {
  if (!hasTag(left, 'object') || !hasTag(right, 'object')) return UNKNOWN;
  const merged = copyOf(left, true) as ObjectValue;
  // A right side not known may replace any key.
  if (right.open) spreadInto(merged, UNKNOWN);
  right.props.forEach((member, key) => {
    const existing = merged.props.get(key)?.value;
    const value = hasTag(existing, 'object') && hasTag(member.value, 'object') ? mergeDeep(existing, member.value) : copyOf(member.value, true);
    merged.props.set(key, { ...member, value });
  });
  return merged;
}

function mergeShallow(left: Value, right: Value): Value {
  if (!hasTag(left, 'object') || !hasTag(right, 'object')) return UNKNOWN;
  const merged = copyOf(left, false) as ObjectValue;
  spreadInto(merged, right);
  return merged;
}

/** `path(['train', 'lr'], cfg)`; `fallback` when the value there is undefined or null. */
function readPath(keys: Value[], object: Value, fallback: Value): Value {
  const value = valueAtKeys(object, keys);
  return value === undefined || value === null ? fallback : value;
}
