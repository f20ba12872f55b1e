/**
 * lodash's configuration helpers, which decide which of several written values a setting takes:
 * `_.defaults(target, ...sources)` and `_.defaultsDeep` fill only what is still undefined (the
 * first source wins), `_.merge` merges deeply with the last source winning (arrays by index),
 * `_.assign`/`_.extend` are Object.assign, `_.clone`/`_.cloneDeep` copy, `_.get(object, 'a.b[0]',
 * fallback)` reads a path. A source not known may hold any key: what it could set is unknown.
 * The collection helpers layers are built with run their callbacks per item: `_.forEach`/`_.each`,
 * `_.map`, `_.times(n, fn)`, `_.range`. Underscore's functions of these names do the same.
 * `_.memoize(fn)` and `_.once(fn)` call fn on a cache miss, so calling what they return is calling
 * fn (a hit returns what an earlier call made); the one-function memoizers (memoize-one,
 * fast-memoize, moize, mem, memoizee, micro-memoize) are read as `_.memoize`.
 * Other lodash functions are unknown, their callbacks run once as for any unknown call.
 */
import type ts from 'typescript';
import { mapUntilIdle } from './arrays';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { getMember } from './evaluate';
import { UNKNOWN, hasTag, newObject, packageExport, spreadInto, type ArrayValue, type ObjectValue, type Value } from './values';

/** The builtin path of lodash's namespace; a function is `lodash.<name>`. */
export const LODASH = 'lodash';

/** The functions read; their one-function packages are named in lower case (`lodash.defaultsdeep`). */
const READ = ['assign', 'assignIn', 'extend', 'defaults', 'defaultsDeep', 'merge', 'clone', 'cloneDeep', 'get'];

/** Packages whose default export memoizes its first argument, a function, as `_.memoize` does. */
const MEMOIZERS: ReadonlySet<string> = new Set(['memoize-one', 'fast-memoize', 'moize', 'mem', 'memoizee', 'micro-memoize']);

/** `_.range` and `_.times` longer than this are not unrolled: no list of layers is this long. */
const MAX_RANGE = 100_000;

/** Import specifiers of lodash (and underscore), and of its one-function packages (`lodash/merge`, `lodash/merge.js`, `lodash.merge`) by function. */
export function lodashExport(specifier: string, name: string): Value | undefined {
  if (specifier === 'lodash' || specifier === 'lodash-es' || specifier === 'underscore') return packageExport(LODASH, name);
  if (MEMOIZERS.has(specifier)) return name === 'default' || name === '*' ? { tag: 'builtin', path: `${LODASH}.memoize` } : UNKNOWN;
  const single = /^lodash(?:-es)?[./](\w+)(?:\.m?js)?$/.exec(specifier)?.[1]?.toLowerCase();
  if (single === undefined) return undefined;
  const function_ = READ.find((known) => known.toLowerCase() === single) ?? single;
  return name === '*' || name === 'default' ? { tag: 'builtin', path: `${LODASH}.${function_}` } : UNKNOWN;
}

export function callLodash(ctx: Extraction, name: string, args: Arg[], callNode?: ts.Node): Value {
  const [target, ...sources] = args.map((arg) => arg.value);
  switch (name) {
    case 'forEach':
    case 'each':
    case 'map':
      if (callNode && hasTag(target, 'array')) return eachItem(ctx, callNode, target, sources[0], name === 'map');
      break;
    case 'times': {
      const results = callNode && timesOf(ctx, callNode, target, sources[0]);
      if (results) return results;
      break;
    }
    case 'range':
      return lodashRange(args.map((arg) => arg.value));
    case 'memoize':
    case 'once':
      if (hasTag(target, 'function')) return target;
      break;
    case 'assign':
    case 'assignIn':
    case 'extend':
      if (!hasTag(target, 'object')) return UNKNOWN;
      for (const source of sources) spreadInto(target, source);
      return target;
    case 'defaults':
    case 'defaultsDeep':
      if (!hasTag(target, 'object')) return UNKNOWN;
      for (const source of sources) fillDefaults(target, source, name === 'defaultsDeep');
      return target;
    case 'merge':
      if (!hasTag(target, 'object')) return UNKNOWN;
      for (const source of sources) mergeInto(target, source);
      return target;
    case 'clone':
    case 'cloneDeep':
      return copyOf(target, name === 'cloneDeep');
    case 'get':
      return valueAtPath(target, sources[0], sources[1]);
  }
  invokeCallbacks(ctx, args, false, true);
  return UNKNOWN;
}

/** `_.forEach(items, fn)` and `_.map(items, fn)`, fn(item, index, items); `_.map(items, 'units')` reads a member. */
function eachItem(ctx: Extraction, callNode: ts.Node, items: ArrayValue, callback: Value, collect: boolean): Value {
  const results = mapUntilIdle(ctx, items.items.length, (index) => {
    const item = items.items[index];
    if (typeof callback === 'string') return getMember(item, callback);
    return callValue(ctx, callNode, callback, [{ value: item }, { value: index }, { value: items }]);
  });
  return collect ? { tag: 'array', items: results, lengthKnown: items.lengthKnown } : items;
}

/** `fn(0)`, `fn(1)`, ... `fn(count - 1)` as an array (the indices without fn: lodash's identity); undefined for a count not known or too long to unroll. */
export function timesOf(ctx: Extraction, callNode: ts.Node, count: Value, fn: Value): Value | undefined {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_RANGE) return undefined;
  return { tag: 'array', items: mapUntilIdle(ctx, count, (index) => (fn === undefined ? index : callValue(ctx, callNode, fn, [{ value: index }]))), lengthKnown: true };
}

/** `_.range(end)`, `_.range(start, end[, step])`: the numbers, unless an argument is not a known number. */
export function lodashRange(bounds: Value[]): Value {
  if (bounds.length === 0 || bounds.length > 3 || !bounds.every((bound): bound is number => typeof bound === 'number' && Number.isFinite(bound))) return UNKNOWN;
  const [start, end] = bounds.length === 1 ? [0, bounds[0]] : [bounds[0], bounds[1]];
  const step = bounds[2] ?? (end < start ? -1 : 1);
  const count = step === 0 ? 0 : Math.ceil((end - start) / step);
  if (count > MAX_RANGE) return UNKNOWN;
  return { tag: 'array', items: Array.from({ length: Math.max(count, 0) }, (_, i) => start + i * step), lengthKnown: true };
}

/** Sets each key of `source` that `target` does not have (or has as undefined); deep: also inside plain objects both have. */
function fillDefaults(target: ObjectValue, source: Value, deep: boolean): void {
  if (source === undefined || source === null) return;
  if (!hasTag(source, 'object') || source.open) {
    // It may fill any key still missing: those are unknown now.
    target.open = true;
    if (!hasTag(source, 'object')) return;
  }
  source.props.forEach((member, key) => {
    const existing = target.props.get(key);
    if (existing === undefined || existing.value === undefined) {
      if (existing === undefined && target.open) return; // the target may have it already
      target.props.set(key, { ...member, value: copyOf(member.value, deep) });
    } else if (deep && hasTag(existing.value, 'object') && hasTag(member.value, 'object')) {
      const nested = copyOf(existing.value, true) as ObjectValue;
      fillDefaults(nested, member.value, true);
      target.props.set(key, { ...existing, value: nested });
    }
  });
}

/** lodash merge: plain objects and arrays merged key by key (index by index), the source's defined values winning. */
function mergeInto(target: ObjectValue | ArrayValue, source: Value): void {
  if (source === undefined || source === null) return;
  if (hasTag(target, 'array')) {
    if (!hasTag(source, 'array')) return;
    source.items.forEach((item, index) => {
      if (item !== undefined || index >= target.items.length) target.items[index] = mergedValue(target.items[index], item);
    });
    if (!source.lengthKnown) target.lengthKnown = false;
    return;
  }
  if (!hasTag(source, 'object') || source.open) {
    // Any key may be replaced by something not known.
    spreadInto(target, UNKNOWN);
    if (!hasTag(source, 'object')) return;
  }
  source.props.forEach((member, key) => {
    const existing = target.props.get(key);
    if (member.value === undefined && existing !== undefined) return;
    target.props.set(key, { ...member, value: mergedValue(existing?.value, member.value) });
  });
}

function mergedValue(existing: Value, incoming: Value): Value {
  const bothObjects = hasTag(existing, 'object') && hasTag(incoming, 'object');
  const bothArrays = hasTag(existing, 'array') && hasTag(incoming, 'array');
  if (!bothObjects && !bothArrays) return copyOf(incoming, true);
  const merged = copyOf(existing, true) as ObjectValue | ArrayValue;
  mergeInto(merged, incoming);
  return merged;
}

/** A copy of plain objects and arrays (their members too, when deep); other values as they are. */
export function copyOf(value: Value, deep: boolean): Value {
  if (hasTag(value, 'array')) return { ...value, items: deep ? value.items.map((item) => copyOf(item, true)) : [...value.items] };
  if (!hasTag(value, 'object')) return value;
  const copy: ObjectValue = { ...newObject(value.span), open: value.open };
  value.props.forEach((member, key) => copy.props.set(key, deep ? { ...member, value: copyOf(member.value, true) } : member));
  return copy;
}

/** `_.get(object, 'model.layers[0].units', fallback)` or with the path as an array of keys. */
function valueAtPath(object: Value, path: Value, fallback: Value): Value {
  const keys = typeof path === 'string' ? path.split(/[.[\]]+/).filter((key) => key !== '') : hasTag(path, 'array') ? path.items : [path];
  const value = valueAtKeys(object, keys);
  return value === undefined ? fallback : value;
}

/** The value at a path of keys: undefined where the path breaks off, unknown for a key not known. */
export function valueAtKeys(object: Value, keys: Value[]): Value {
  let value = object;
  for (const key of keys) {
    if (typeof key !== 'string' && typeof key !== 'number') return UNKNOWN;
    if (value === undefined || value === null) return undefined;
    value = getMember(value, hasTag(value, 'array') ? Number(key) : key);
  }
  return value;
}
