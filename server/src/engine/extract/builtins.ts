/** The JavaScript globals model code uses to compute constants and build arrays of layers. */
import type ts from 'typescript';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { callValue, invokeCallbacksOf } from './calls';
import { callArrayMethod, mapUntilIdle } from './arrays';
import { GLOBAL_OBJECTS } from './globalTf';
import { REACT, callReactExport } from './reactHooks';
import { LODASH, callLodash, copyOf } from './lodash';
import { RAMDA, callRamda } from './ramda';
import { ZUSTAND, callZustand } from './zustand';
import { CONVICT, callConvict } from './convict';
import { NCONF, callNconf } from './nconf';
import { RXJS, callRxjs } from './rxjs';
import { REACTIVE, callReactive } from './reactiveState';
import { REDUX, callRedux } from './reduxToolkit';
import { NEST_CONFIG, callNestConfig } from './nestConfig';
import { SAGA, callSaga } from './reduxSaga';
import { jqueryExtend } from './jquery';
import { VUEX, callVuex } from './vuexStore';
import { INVERSIFY, callInversify } from './inversifyContainer';
import { P5, P5_GLOBALS, callP5 } from './p5Sketch';
import { searchParams } from './pageQuery';
import { EVENTS, makeEmitter } from './eventEmitters';
import { makeProxy } from './proxies';
import { makeRegExp } from './regularExpressions';
import { truthiness } from './operators';
import { getMember } from './evaluate';
import { callMapMethod, mapMethodName, newMap } from './mapCollection';
import { callSchemaExport, isSchemaPath } from './schemaDefaults';
import { parseSettingsCall } from './settingsFormats';
import { callCliBuiltin, cliMember, newCliParser } from './cliOptions';
import { UNKNOWN, UNKNOWN_NUMBER, asNumber, hasTag, isTagged, madeObject, newObject, newTfRef, packageExport, spreadInto, propIR, type ArrayValue, type BuiltinRef, type Value } from './values';
import type { PropIR } from '../ir';
import { isSymbolKey, newSymbol, propertyKey, registeredSymbol, wellKnownSymbol } from './symbols';
import { defineProperties, defineProperty } from './defineProperty';
import { ownEntry } from '../ownEntry';
import { addLayerWeight } from './coreApi';
import { OBSERVABLE_REQUIRE, observableRequire } from './observableNotebook';

const GLOBALS = new Set(['Math', 'Array', 'Object', 'Number', 'String', 'Boolean', 'JSON', 'Map', 'Proxy', 'Reflect', 'RegExp', 'Symbol', 'URLSearchParams', 'console', 'Promise', 'parseInt', 'parseFloat', 'process', 'structuredClone', ...GLOBAL_OBJECTS]);

const MATH_CONSTANTS: Record<string, number> = {
  PI: Math.PI,
  E: Math.E,
  LN2: Math.LN2,
  LN10: Math.LN10,
  LOG2E: Math.LOG2E,
  LOG10E: Math.LOG10E,
  SQRT2: Math.SQRT2,
  SQRT1_2: Math.SQRT1_2,
};

const MATH_FUNCTIONS: Record<string, (...xs: number[]) => number> = {
  sqrt: Math.sqrt,
  pow: Math.pow,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  trunc: Math.trunc,
  min: Math.min,
  max: Math.max,
  abs: Math.abs,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  exp: Math.exp,
  expm1: Math.expm1,
  log1p: Math.log1p,
  sign: Math.sign,
  cbrt: Math.cbrt,
  hypot: Math.hypot,
  // Cosine and warm-up schedules compute their rates with these.
  cos: Math.cos,
  sin: Math.sin,
  tan: Math.tan,
  atan: Math.atan,
  tanh: Math.tanh,
};

/** A call of a package's export `name` ('default' for the package itself), `thisValue` the receiver of a method it made. */
type PackageCall = (ctx: Extraction, name: string, args: Arg[], callNode: ts.Node, thisValue?: Value) => Value;

/**
 * The packages modelled by name (values.ts packageExport): a call of `prefix.name` goes to the
 * package's module; `callable`: the package itself is called too (`signal(0)`, `new p5(sketch)`).
 */
const PACKAGE_CALLS: readonly { prefix: string; call: PackageCall; callable?: true }[] = [
  { prefix: REACT, call: callReactExport },
  { prefix: LODASH, call: callLodash },
  { prefix: RAMDA, call: callRamda },
  { prefix: ZUSTAND, call: callZustand, callable: true },
  { prefix: CONVICT, call: callConvict, callable: true },
  { prefix: NCONF, call: callNconf },
  { prefix: RXJS, call: callRxjs },
  { prefix: REDUX, call: callRedux },
  { prefix: SAGA, call: callSaga },
  { prefix: VUEX, call: callVuex },
  { prefix: INVERSIFY, call: callInversify },
  { prefix: P5, call: callP5, callable: true },
  { prefix: EVENTS, call: (ctx, name) => (name === 'default' || name === 'EventEmitter' ? makeEmitter(ctx, newObject()) : UNKNOWN), callable: true },
  { prefix: REACTIVE, call: callReactive, callable: true },
  { prefix: NEST_CONFIG, call: (_ctx, name, args) => callNestConfig(name, args) },
];

export function getBuiltinGlobal(name: string): BuiltinRef | undefined {
  if (P5_GLOBALS.has(name)) return packageExport(P5, name === P5 ? 'default' : name);
  return GLOBALS.has(name) ? { tag: 'builtin', path: name } : undefined;
}

export function getBuiltinMember(path: string, name: string): Value {
  const constant = path === 'Math' ? ownEntry(MATH_CONSTANTS, name) : undefined;
  if (constant !== undefined) return constant;
  if (path === 'Symbol' && name !== 'for' && name !== 'keyFor') return wellKnownSymbol(name);
  // A run without flags, as for CLI options' defaults: `process.argv.slice(2)` is empty; the runtime's
  // and the script's paths, and everything else of `process` (`process.env` included), unknown.
  if (path === 'process') return name === 'argv' ? { tag: 'array', items: [UNKNOWN, UNKNOWN], lengthKnown: true } : UNKNOWN;
  // `require('yargs').argv` with no option declared: flags nobody wrote, unknown.
  if (path === 'yargs' && name === 'argv') return cliMember(newCliParser('yargs'), name);
  // `window.tf`: the script-tag global read through the global object.
  if (name === 'tf' && GLOBAL_OBJECTS.includes(path)) return newTfRef([]);
  return { tag: 'builtin', path: `${path}.${name}` };
}

export function callBuiltin(ctx: Extraction, path: string, args: Arg[], callNode: ts.Node, thisValue?: Value): Value {
  const values = args.map((arg) => arg.value);
  if (path.startsWith('Math.')) {
    const fn = ownEntry(MATH_FUNCTIONS, path.slice(5));
    const numbers = values.map(asNumber);
    if (!fn) return UNKNOWN;
    if (numbers.some((n) => n === undefined)) return UNKNOWN_NUMBER;
    return fn(...(numbers as number[]));
  }
  const packageCall = PACKAGE_CALLS.find(({ prefix, callable }) => (path.startsWith(prefix) && path.charAt(prefix.length) === '.') || (callable && path === prefix));
  if (packageCall) return packageCall.call(ctx, path === packageCall.prefix ? 'default' : path.slice(packageCall.prefix.length + 1), args, callNode, thisValue);
  if (path === 'jquery.extend') return jqueryExtend(ctx, args);
  const document = args[0]?.node;
  const settings = parseSettingsCall(path, values[0], document && ctx.spanOf(document));
  if (settings !== undefined) return settings;
  if (isSchemaPath(path)) return callSchemaExport(ctx, path, args, callNode, thisValue);
  const mapMethod = mapMethodName(path);
  if (mapMethod !== undefined) return callMapMethod(ctx, callNode, mapMethod, args, thisValue);
  const parser = callCliBuiltin(ctx, path, args);
  if (parser !== undefined) return parser;
  // `Array.prototype.slice.call(arguments, 1)`: the array method on the array passed as `this`.
  const arrayMethod = /^Array\.prototype\.(\w+)\.call$/.exec(path);
  if (arrayMethod) return hasTag(values[0], 'array') ? callArrayMethod(ctx, callNode, values[0], arrayMethod[1], args.slice(1)) : UNKNOWN;
  switch (path) {
    case 'Layer.addWeight':
      return addLayerWeight(ctx, args);
    case OBSERVABLE_REQUIRE:
      return observableRequire(values[0]);
    case 'Object.prototype.hasOwnProperty.call':
    case 'Object.hasOwn':
      return hasOwnProperty(values[0], values[1]);
    case 'Reflect.has':
      return hasProperty(values[0], values[1]);
    case 'Reflect.get':
      return typeof values[1] === 'string' || typeof values[1] === 'number' ? getMember(values[0], values[1]) : UNKNOWN;
    case 'Proxy':
      return makeProxy(ctx, values[0], values[1]);
    case 'URLSearchParams':
      return searchParams(args);
    case 'RegExp': {
      const [pattern, flags] = values;
      const source = hasTag(pattern, 'regexp') ? pattern.source : pattern;
      const given = flags === undefined && hasTag(pattern, 'regexp') ? pattern.flags : flags;
      return typeof source === 'string' && (given === undefined || typeof given === 'string') ? makeRegExp(source, given ?? '') : UNKNOWN;
    }
    case 'Number':
    case 'parseFloat':
    case 'Number.parseFloat':
    case 'parseInt':
    case 'Number.parseInt': {
      const value = values[0];
      const integer = path.endsWith('parseInt');
      if (typeof value === 'number') return integer ? Math.trunc(value) : value;
      if (typeof value === 'string') return integer ? parseInt(value, 10) : Number(value);
      return UNKNOWN_NUMBER;
    }
    case 'String':
      return typeof values[0] === 'object' && values[0] !== null ? UNKNOWN : String(values[0]);
    // `parts.filter(Boolean)` drops the empty chunks of a split spec string.
    case 'Boolean':
      return truthiness(values[0]) ?? UNKNOWN;
    case 'Array':
      return arrayOfLength(values[0]);
    case 'Map':
      return newMap(ctx, callNode, values[0]);
    case 'Array.from':
      return arrayFrom(ctx, values[0], values[1], callNode);
    case 'Array.isArray':
      return isArray(ctx, values[0]);
    case 'Object.assign': {
      const target = values[0];
      if (!hasTag(target, 'object')) return UNKNOWN;
      for (const source of values.slice(1)) spreadInto(target, source);
      return target;
    }
    case 'Object.freeze':
      return values[0];
    case 'Object.defineProperty':
      return defineProperty(values[0], values[1], values[2]);
    case 'Object.defineProperties':
      return defineProperties(values[0], values[1]);
    case 'Symbol':
      return newSymbol(values[0] === undefined ? undefined : String(values[0]));
    case 'Symbol.for':
      return typeof values[0] === 'string' ? registeredSymbol(values[0]) : UNKNOWN;
    case 'Object.create': {
      // `Child.prototype = Object.create(Parent.prototype)`: the parent's methods as they are now.
      const created = newObject();
      if (values[0] !== null) spreadInto(created, values[0]);
      if (values[1] !== undefined) created.open = true; // property descriptors
      return created;
    }
    case 'Object.keys':
    case 'Object.values':
    case 'Object.entries':
      return ownEnumerable(path, values[0]);
    case 'Object.fromEntries':
      return fromEntries(values[0]);
    case 'structuredClone':
      return isPlainData(values[0], 0) ? copyOf(values[0], true) : UNKNOWN;
    // The interpreter reads `await x` as x: a promise of a value is that value.
    case 'Promise.resolve':
      return values[0];
    case 'Promise.all':
      return hasTag(values[0], 'array') ? { ...values[0], items: [...values[0].items] } : UNKNOWN;
    default:
      // `window.addEventListener('load', build)`: callbacks still run once, as for any unknown call.
      invokeCallbacksOf(ctx, path.slice(path.lastIndexOf('.') + 1), args);
      return UNKNOWN;
  }
}

/**
 * `Object.fromEntries([['lr', '0.1'], ...])`: an object with those members; an entry whose key is
 * not known may be any member, so the object is open.
 */
function fromEntries(entries: Value): Value {
  if (!hasTag(entries, 'array') || entries.lengthKnown === false) return UNKNOWN;
  const members: [string, Value][] = [];
  let open = false;
  for (const entry of entries.items) {
    const key = hasTag(entry, 'array') ? entry.items[0] : undefined;
    if (typeof key === 'string' || typeof key === 'number') members.push([String(key), hasTag(entry, 'array') ? entry.items[1] : UNKNOWN]);
    else open = true;
  }
  return madeObject(members, open);
}

/**
 * `Array.isArray(value)`: false for everything but an array, a proxy (whatever its target is) and
 * a value not known, so that a deep-merge helper's array branch never runs on a config object (a
 * custom layer's `Array.isArray(inputs) ? inputs[0] : inputs` on one symbolic tensor likewise).
 * An array may be a placeholder for data (`rows = []` of a request body), whose checks stay open.
 */
function isArray(ctx: Extraction, value: Value): Value {
  if (!isTagged(value)) return false;
  if (hasTag(value, 'array') || (hasTag(value, 'unknown') && !value.number)) return UNKNOWN;
  return hasTag(value, 'object') && ctx.proxies.has(value) ? UNKNOWN : false;
}

/** Nesting deeper than this is read as a cycle, which structuredClone copies and the interpreter does not. */
const MAX_CLONE_DEPTH = 32;

/**
 * Whether structuredClone copies `value` as data: objects, arrays and primitives (and values not
 * known). A function, class instance or tfjs object in it makes structuredClone throw.
 */
function isPlainData(value: Value, depth: number): boolean {
  if (!isTagged(value)) return true;
  if (depth > MAX_CLONE_DEPTH) return false;
  if (hasTag(value, 'array')) return value.items.every((item) => isPlainData(item, depth + 1));
  if (hasTag(value, 'object')) {
    if (value.tfjs) return false;
    let plain = true;
    value.props.forEach((member) => (plain &&= isPlainData(member.value, depth + 1)));
    return plain;
  }
  // A Map's methods are builtins of the interpreter: structuredClone copies Maps.
  return value.tag === 'unknown' || value.tag === 'builtin';
}

/** `object.hasOwnProperty(key)` of an object whose keys are known; unknown when it is open or the key is not known. */
export function hasOwnProperty(object: Value, key: Value): Value {
  const name = propertyKey(key);
  if (!hasTag(object, 'object') || name === undefined) return UNKNOWN;
  if (object.props.has(name)) return true;
  return object.open ? UNKNOWN : false;
}

/** `key in object` of an object of the file: its own members; a key every object inherits (`'toString'`) is not known. */
export function hasProperty(object: Value, key: Value): Value {
  if (hasTag(object, 'object') && object.tfjs) return UNKNOWN;
  const own = hasOwnProperty(object, key);
  return own === false && typeof key === 'string' && key in Object.prototype ? UNKNOWN : own;
}

/**
 * `Object.keys/values/entries` of an object whose every key is known (a registry or a profile
 * table the code loops over); an open object (something unknown spread into it) is unknown.
 */
function ownEnumerable(path: string, object: Value): Value {
  if (!hasTag(object, 'object') || object.open) return UNKNOWN;
  const items: Value[] = [];
  const members: PropIR[] = [];
  object.props.forEach((member, key) => {
    if (isSymbolKey(key)) return;
    if (path === 'Object.keys') items.push(key);
    else if (path === 'Object.values') items.push(member.value);
    else items.push({ tag: 'array', items: [key, member.value], lengthKnown: true });
    if (!member.foreign) members.push(propIR(member));
  });
  // Every key of a closed object is known: one item per member (a table test's rows).
  const list: ArrayValue = { tag: 'array', items, lengthKnown: true };
  if (path === 'Object.values' && members.length === items.length) list.written = { members, items: [...items] };
  return list;
}

function arrayOfLength(length: Value): Value {
  const n = asNumber(length);
  if (n === undefined || n < 0 || n > 4096) return UNKNOWN;
  return { tag: 'array', items: new Array<Value>(n).fill(undefined), lengthKnown: true };
}

/** `Array.from({length: n}, (_, i) => ...)` and `Array.from(array, fn)`. */
function arrayFrom(ctx: Extraction, source: Value, mapper: Value, callNode: ts.Node): Value {
  let items: Value[] | undefined;
  if (hasTag(source, 'array')) items = [...source.items];
  else if (hasTag(source, 'object')) {
    const length = arrayOfLength(source.props.get('length')?.value);
    if (hasTag(length, 'array')) items = length.items;
  }
  if (!items) return UNKNOWN;
  if (mapper === undefined) return { tag: 'array', items };
  const mapped = mapUntilIdle(ctx, items.length, (index) =>
    callValue(ctx, callNode, mapper, [
      { value: items![index], node: undefined },
      { value: index, node: undefined },
    ]),
  );
  return { tag: 'array', items: mapped };
}

