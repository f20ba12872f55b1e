/** Array methods model code uses to build layers: map/forEach over configs, push, concat, spread helpers. */
import ts from 'typescript';
import type { Arg } from './calls';
import { callValue, invokeCallbacks } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, hasTag, type ArrayValue, type ModelState, type Value } from './values';
import { truthiness } from './operators';

/**
 * After this many calls in a row that build nothing, a callback over the items of a long array
 * stops: generating rows of synthetic data (`Array.from({ length: 4096 }, () => Array.from(...))`)
 * would otherwise spend the extraction's step budget before the model's training is read. Far more
 * than any list of layer sizes, which is mapped to values in full.
 */
const IDLE_CALLS_BEFORE_STOP = 64;

/**
 * Nor may calls in a row that build nothing walk more than this many steps: rows of nested
 * synthetic data (`Array.from({ length: 256 }, () => ({ logmel: Array.from(...98 × 40...) }))`)
 * cost thousands each, and 64 of them would spend the extraction's budget before the model.
 */
const IDLE_STEPS_BEFORE_STOP = 20_000;

/**
 * `call(0)`, `call(1)`, ... up to `count`, stopping once IDLE_CALLS_BEFORE_STOP calls in a row
 * (or as many as walked IDLE_STEPS_BEFORE_STOP steps) have built nothing; the items not computed
 * are unknown, so the array keeps its length.
 */
export function mapUntilIdle(ctx: Extraction, count: number, call: (index: number) => Value): Value[] {
  const results: Value[] = [];
  let idle = 0;
  let idleSince = 0;
  for (let index = 0; index < count; index++) {
    if (idle >= IDLE_CALLS_BEFORE_STOP || (idle > 0 && ctx.stepsWalked - idleSince > IDLE_STEPS_BEFORE_STOP)) return results.concat(new Array<Value>(count - index).fill(UNKNOWN));
    const effectsBefore = ctx.effects;
    const stepsBefore = ctx.stepsWalked;
    results.push(call(index));
    if (ctx.effects !== effectsBefore) idle = 0;
    else if (idle++ === 0) idleSince = stepsBefore;
  }
  return results;
}

/** The models whose weights every part lists (ArrayValue.weightsOf), when each lists some. */
function weightsOfAll(parts: readonly (readonly ModelState[] | undefined)[]): { weightsOf?: readonly ModelState[] } {
  if (parts.length === 0 || parts.some((part) => part === undefined)) return {};
  return { weightsOf: [...new Set(parts.flatMap((part) => part!))] };
}

export function callArrayMethod(ctx: Extraction, callNode: ts.Node, array: ArrayValue, name: string, args: Arg[]): Value {
  const callback = args[0]?.value;
  const each = (item: Value, index: number) =>
    callValue(ctx, callNode, callback, [{ value: item }, { value: index }, { value: array }]);
  // A list of a size not known (the samples a click handler adds): forEach's callback runs for the
  // items known, then once more for the others (a tally `counts[s.label]++` over them is not known).
  if (array.lengthKnown === false && name === 'forEach') {
    array.items.forEach((item, index) => each(item, index));
    invokeCallbacks(ctx, args.slice(0, 1), true);
    return undefined;
  }
  switch (name) {
    case 'map':
      return { tag: 'array', items: mapUntilIdle(ctx, array.items.length, (index) => each(array.items[index], index)), ...weightsOfAll([array.weightsOf]) };
    case 'flatMap':
      return { tag: 'array', items: array.items.flatMap((item, i) => flatten(each(item, i))) };
    case 'forEach':
      mapUntilIdle(ctx, array.items.length, (index) => each(array.items[index], index));
      return undefined;
    case 'push':
      ctx.writes++;
      forgetLength(ctx, array, args);
      array.items.push(...args.map((arg) => arg.value));
      return array.items.length;
    case 'unshift':
      ctx.writes++;
      forgetLength(ctx, array, args);
      array.items.unshift(...args.map((arg) => arg.value));
      return array.items.length;
    case 'concat':
      return { tag: 'array', items: [...array.items, ...args.flatMap((arg) => flatten(arg.value))], ...weightsOfAll([array, ...args.map((arg) => arg.value)].map((part) => (hasTag(part, 'array') ? part.weightsOf : undefined))) };
    case 'reverse':
      // In place, as JavaScript does: a decoder's sizes are often `[...encoderSizes].reverse()`.
      ctx.writes++;
      array.items.reverse();
      return array;
    case 'slice': {
      const start = typeof args[0]?.value === 'number' ? args[0].value : 0;
      const end = typeof args[1]?.value === 'number' ? args[1].value : undefined;
      return { tag: 'array', items: array.items.slice(start, end), ...(array.lengthKnown === false ? { lengthKnown: false } : {}) };
    }
    case 'fill':
      return { tag: 'array', items: array.items.map(() => args[0]?.value), lengthKnown: array.lengthKnown };
    case 'flat':
      return { tag: 'array', items: array.items.flatMap(flatten) };
    case 'reduce':
      return reduce(ctx, callNode, array, args);
    case 'reduceRight':
      return reduce(ctx, callNode, array, args, true);
    // `for (const [i, filters] of FILTERS.entries())`: the iterators, as arrays.
    case 'entries':
      return { tag: 'array', items: array.items.map((item, index) => ({ tag: 'array', items: [index, item], lengthKnown: true })), lengthKnown: array.lengthKnown };
    case 'keys':
      return { tag: 'array', items: array.items.map((_, index) => index), lengthKnown: array.lengthKnown };
    case 'values':
      return { tag: 'array', items: [...array.items], lengthKnown: array.lengthKnown };
    case 'filter':
      return filterItems(array, each);
    case 'find':
    case 'findIndex':
    case 'findLast':
    case 'findLastIndex':
    case 'some':
    case 'every':
      return searchWith(array, name, each);
    case 'includes':
    case 'indexOf':
      return searchItems(array, name, args[0]?.value);
    case 'join':
      return array.items.every(isPlain) ? array.items.join(typeof args[0]?.value === 'string' ? args[0].value : ',') : UNKNOWN;
    default:
      invokeCallbacks(ctx, args, false, true);
      return UNKNOWN;
  }
}

/**
 * `CANDIDATES.filter((c) => c.units <= 256)`: the items the callback keeps, when it decides for
 * every item; where it cannot say for some (`!only || name === only`, `only` from the
 * environment), the items it may keep, their number not known.
 */
function filterItems(array: ArrayValue, keep: (item: Value, index: number) => Value): Value {
  if (array.lengthKnown === false) return UNKNOWN;
  const kept: Value[] = [];
  let undecided = false;
  for (const [index, item] of array.items.entries()) {
    const decided = truthiness(keep(item, index));
    if (decided === undefined) undecided = true;
    if (decided !== false) kept.push(item);
  }
  return { tag: 'array', items: kept, lengthKnown: !undecided };
}

/**
 * `parts.find((p) => p.startsWith('seq'))` and its kin: the answer once the callback has decided
 * for the items before it in the search's order; unknown when it cannot say for one of them.
 */
function searchWith(array: ArrayValue, name: 'find' | 'findIndex' | 'findLast' | 'findLastIndex' | 'some' | 'every', test: (item: Value, index: number) => Value): Value {
  if (array.lengthKnown === false) return UNKNOWN;
  const fromEnd = name === 'findLast' || name === 'findLastIndex';
  const count = array.items.length;
  for (let step = 0; step < count; step++) {
    const index = fromEnd ? count - 1 - step : step;
    const passed = truthiness(test(array.items[index], index));
    if (passed === undefined) return UNKNOWN;
    if (passed === (name === 'every')) continue;
    if (name === 'some') return true;
    if (name === 'every') return false;
    return name === 'find' || name === 'findLast' ? array.items[index] : index;
  }
  if (name === 'some') return false;
  if (name === 'every') return true;
  return name === 'find' || name === 'findLast' ? undefined : -1;
}

/** A number, string, boolean, null or undefined: a value JavaScript compares and joins as itself. */
function isPlain(value: Value): boolean {
  return value === null || typeof value !== 'object';
}

/** `args.includes('--aggressive')`, `names.indexOf(x)`: known when every item and the value searched are plain values. */
function searchItems(array: ArrayValue, name: 'includes' | 'indexOf', value: Value): Value {
  if (array.lengthKnown === false || !isPlain(value) || !array.items.every(isPlain)) return UNKNOWN;
  const at = array.items.indexOf(value);
  return name === 'includes' ? at >= 0 : at;
}

/**
 * The array's length is no longer known after a spread argument (it may stand for any number of
 * items, evaluateArgs) or an addition in a loop analysed once for an unknown number of iterations
 * (a replay buffer filled per step: `if (memory.length < batchSize) return` is not decided by the
 * one pass), unless that pass wrote the array itself (a request handler's new model class whose
 * constructor pushes one layer per size).
 */
function forgetLength(ctx: Extraction, array: ArrayValue, args: Arg[]): void {
  if (ctx.representative > (array.madeInPass ?? 0) || args.some((arg) => arg.node !== undefined && ts.isSpreadElement(arg.node))) array.lengthKnown = false;
}

function flatten(value: Value): Value[] {
  return hasTag(value, 'array') ? value.items : [value];
}

/**
 * `layers.reduce((x, layer) => layer.apply(x), input)`: the stepwise functional chain. The callback
 * gets what JavaScript passes (accumulator, item, index in the array, the array), so a fold such
 * as `sizes.reduce((model, units, i, all) => ..., tf.sequential())` reads `i < all.length - 1`.
 */
/** `reduce`, or `reduceRight` (`fromRight`: from the last item to the first, as compose helpers fold their functions). */
function reduce(ctx: Extraction, callNode: ts.Node, array: ArrayValue, args: Arg[], fromRight = false): Value {
  const callback = args[0]?.value;
  const items = array.items;
  const order = items.map((_, index) => (fromRight ? items.length - 1 - index : index));
  // Without an initial value the first item is the accumulator and the callback starts at the next.
  const initial = args.length > 1;
  if (!initial && items.length === 0) return UNKNOWN;
  let accumulator: Value = initial ? args[1].value : items[order[0]];
  for (const index of order.slice(initial ? 0 : 1)) {
    accumulator = callValue(ctx, callNode, callback, [{ value: accumulator }, { value: items[index] }, { value: index }, { value: array }]);
  }
  return accumulator;
}
