/** Array methods model code uses to build layers: map/forEach over configs, push, concat, spread helpers. */
import type ts from 'typescript';
import type { Arg } from './calls';
import { callValue, invokeCallbacks } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, hasTag, type ArrayValue, type Value } from './values';

export function callArrayMethod(ctx: Extraction, callNode: ts.Node, array: ArrayValue, name: string, args: Arg[]): Value {
  const callback = args[0]?.value;
  const each = (item: Value, index: number) =>
    callValue(ctx, callNode, callback, [{ value: item }, { value: index }, { value: array }]);
  switch (name) {
    case 'map':
      return { tag: 'array', items: array.items.map(each) };
    case 'flatMap':
      return { tag: 'array', items: array.items.flatMap((item, i) => flatten(each(item, i))) };
    case 'forEach':
      array.items.forEach(each);
      return undefined;
    case 'push':
      ctx.writes++;
      array.items.push(...args.map((arg) => arg.value));
      return array.items.length;
    case 'unshift':
      ctx.writes++;
      array.items.unshift(...args.map((arg) => arg.value));
      return array.items.length;
    case 'concat':
      return { tag: 'array', items: [...array.items, ...args.flatMap((arg) => flatten(arg.value))] };
    case 'slice': {
      const start = typeof args[0]?.value === 'number' ? args[0].value : 0;
      const end = typeof args[1]?.value === 'number' ? args[1].value : undefined;
      return { tag: 'array', items: array.items.slice(start, end) };
    }
    case 'fill':
      return { tag: 'array', items: array.items.map(() => args[0]?.value) };
    case 'flat':
      return { tag: 'array', items: array.items.flatMap(flatten) };
    case 'reduce':
      return reduce(ctx, callNode, array, args);
    case 'join':
      return array.items.every((item) => typeof item !== 'object' || item === null) ? array.items.join(typeof args[0]?.value === 'string' ? args[0].value : ',') : UNKNOWN;
    default:
      invokeCallbacks(ctx, args);
      return UNKNOWN;
  }
}

function flatten(value: Value): Value[] {
  return hasTag(value, 'array') ? value.items : [value];
}

/** `layers.reduce((x, layer) => layer.apply(x), input)`: the stepwise functional chain. */
function reduce(ctx: Extraction, callNode: ts.Node, array: ArrayValue, args: Arg[]): Value {
  const callback = args[0]?.value;
  let items = array.items;
  let accumulator: Value;
  if (args.length > 1) accumulator = args[1].value;
  else {
    if (items.length === 0) return UNKNOWN;
    accumulator = items[0];
    items = items.slice(1);
  }
  items.forEach((item, index) => {
    accumulator = callValue(ctx, callNode, callback, [{ value: accumulator }, { value: item }, { value: index }]);
  });
  return accumulator;
}
