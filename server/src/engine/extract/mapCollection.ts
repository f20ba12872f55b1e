/**
 * `Map`s, the usual registry of factories by name (`registry.set('gru', build)` then
 * `registry.get(config.arch)(...)`): `new Map(entries)`, `set`, `get`, `has`, `delete`, `clear`,
 * `size`, `keys`, `values`, `entries` and `forEach`, over keys that are strings, numbers,
 * booleans or symbols (the tokens of a dependency-injection container). A key not known, set or
 * deleted, may be any: the values then are unknown. Which keys `get` and `has` read is noted as
 * for a registry object's computed reads, so a factory set under a key nothing reads is a builder
 * never run (unusedBuilders.ts).
 */
import type ts from 'typescript';
import { callValue, type Arg } from './calls';
import type { Extraction } from './context';
import { noteKeyRead } from './evaluate';
import { propertyKey } from './symbols';
import { UNKNOWN, hasTag, newObject, setMadeMember, type ArrayValue, type ObjectValue, type Value } from './values';

/** The builtin path of a map's methods (`Map#get`), apart from the `Map.groupBy` statics. */
const METHOD = 'Map#';

/**
 * Members of a map the interpreter makes: its entries (an object keyed by the key's text), the
 * number and boolean keys by their text (which alone would read back as a string), and where the
 * map was made.
 */
const ENTRIES = '@@gradient-doctor/entries';
const KEYS = '@@gradient-doctor/keys';
const MADE_AT = '@@gradient-doctor/madeAt';

const METHODS = ['set', 'get', 'has', 'delete', 'clear', 'keys', 'values', 'entries', 'forEach'];

/** `new Map(entries)`: a map holding the `[key, value]` pairs of a known array. */
export function newMap(ctx: Extraction, callNode: ts.Node, initial: Value): ObjectValue {
  const map = newObject();
  const entries = newObject();
  setMadeMember(map, ENTRIES, entries);
  setMadeMember(map, KEYS, newObject());
  setMadeMember(map, MADE_AT, callNode.getStart(ctx.module.sourceFile));
  for (const method of METHODS) setMadeMember(map, method, { tag: 'builtin', path: `${METHOD}${method}` });
  if (hasTag(initial, 'array') && initial.lengthKnown !== false) {
    for (const pair of initial.items) setEntry(map, entries, hasTag(pair, 'array') ? pair.items[0] : UNKNOWN, hasTag(pair, 'array') ? pair.items[1] : UNKNOWN);
  } else if (initial !== undefined && initial !== null) {
    entries.open = true;
  }
  updateSize(map, entries);
  return map;
}

/** A builtin path of a map method, `Map#name`: the method's name, else undefined. */
export function mapMethodName(path: string): string | undefined {
  return path.startsWith(METHOD) ? path.slice(METHOD.length) : undefined;
}

/** `map.name(...args)`, `thisValue` the map. */
export function callMapMethod(ctx: Extraction, callNode: ts.Node, name: string, args: Arg[], map: Value): Value {
  const entries = hasTag(map, 'object') ? map.props.get(ENTRIES)?.value : undefined;
  if (!hasTag(map, 'object') || !hasTag(entries, 'object')) return UNKNOWN;
  const [key, value] = args.map((arg) => arg.value);
  switch (name) {
    case 'set':
      noteStored(ctx, map, key, value);
      setEntry(map, entries, key, value);
      updateSize(map, entries);
      return map;
    case 'get':
    case 'has': {
      // `has` hands out no value: a registry's duplicate check (`if (builders.has(kind)) throw`) runs no builder.
      if (name === 'get') noteRead(ctx, map, key);
      const text = keyText(key);
      const entry = text === undefined ? undefined : entries.props.get(text);
      if (name === 'has') return entry ? true : text === undefined || entries.open ? UNKNOWN : false;
      return entry ? entry.value : text === undefined || entries.open ? UNKNOWN : undefined;
    }
    case 'delete': {
      const text = keyText(key);
      if (text === undefined) markUnknown(entries);
      else entries.props = entries.props.filter((kept) => kept !== text);
      updateSize(map, entries);
      return UNKNOWN;
    }
    case 'clear':
      entries.props = entries.props.filter(() => false);
      delete entries.open;
      updateSize(map, entries);
      return undefined;
    default:
      return readAll(ctx, callNode, name, map, entries, args[0]?.value);
  }
}

/** A Map's `[key, value]` pairs, as `entries()` gives them (what `for...of` over the map walks); undefined for any other value. */
export function mapEntries(ctx: Extraction, node: ts.Node, map: Value): Value | undefined {
  const entries = hasTag(map, 'object') ? map.props.get(ENTRIES)?.value : undefined;
  return hasTag(map, 'object') && hasTag(entries, 'object') ? readAll(ctx, node, 'entries', map, entries, undefined) : undefined;
}

/** `keys()` lists the keys; `values()`, `entries()` and `forEach(fn)` may read every member. */
function readAll(ctx: Extraction, callNode: ts.Node, name: string, map: ObjectValue, entries: ObjectValue, callback: Value): Value {
  if (name !== 'keys') noteRead(ctx, map, UNKNOWN);
  const keys = map.props.get(KEYS)?.value;
  const pairs: { key: Value; value: Value }[] = [];
  entries.props.forEach((member, text) => pairs.push({ key: hasTag(keys, 'object') && keys.props.has(text) ? keys.props.get(text)!.value : text, value: member.value }));
  const array = (items: Value[]): ArrayValue => ({ tag: 'array', items, lengthKnown: !entries.open });
  switch (name) {
    case 'keys':
      return array(pairs.map((pair) => pair.key));
    case 'values':
      return array(pairs.map((pair) => pair.value));
    case 'entries':
      return array(pairs.map((pair) => array([pair.key, pair.value])));
    case 'forEach':
      if (hasTag(callback, 'function')) for (const pair of pairs) callValue(ctx, callNode, callback, [{ value: pair.value }, { value: pair.key }, { value: map }]);
      return undefined;
    default:
      return UNKNOWN;
  }
}

/**
 * The text a key is kept under: strings as written, numbers and booleans by their text, a symbol
 * by its own key (no string can equal it); undefined for any other key.
 */
function keyText(key: Value): string | undefined {
  if (typeof key === 'boolean') return String(key);
  return propertyKey(key);
}

function setEntry(map: ObjectValue, entries: ObjectValue, key: Value, value: Value): void {
  const text = keyText(key);
  if (text === undefined) {
    markUnknown(entries);
    return;
  }
  setMadeMember(entries, text, value);
  const keys = map.props.get(KEYS)?.value;
  if (typeof key !== 'string' && hasTag(keys, 'object')) setMadeMember(keys, text, key);
}

/** A key not known was set or deleted: any entry may be there or gone. */
function markUnknown(entries: ObjectValue): void {
  entries.open = true;
  entries.props.forEach((member, text) => entries.props.set(text, { ...member, value: UNKNOWN }));
}

function updateSize(map: ObjectValue, entries: ObjectValue): void {
  setMadeMember(map, 'size', entries.open ? UNKNOWN : entries.props.size);
}

/** Notes a function stored in the map under `key`, for the registry test of unusedBuilders.ts. */
function noteStored(ctx: Extraction, map: ObjectValue, key: Value, value: Value): void {
  const madeAt = map.props.get(MADE_AT)?.value;
  if (typeof madeAt !== 'number' || !hasTag(value, 'function')) return;
  const stored = ctx.storedFunctions.get(value.node) ?? [];
  stored.push({ map: madeAt, key: keyText(key) });
  ctx.storedFunctions.set(value.node, stored);
}

/** Notes a read of the map's members under `key` (unknown: any), for the registry test of unusedBuilders.ts. */
function noteRead(ctx: Extraction, map: ObjectValue, key: Value): void {
  const madeAt = map.props.get(MADE_AT)?.value;
  if (typeof madeAt === 'number') noteKeyRead(ctx, madeAt, keyText(key));
}
