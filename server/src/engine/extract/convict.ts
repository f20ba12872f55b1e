/**
 * convict configurations: `convict(schema)` holds each leaf's `default` (a leaf is an object with
 * a `default` key; `env` and `arg` overrides are absent on a run without them, as for CLI
 * options), `get('train.lr')` reads it, `set` writes, `load(object)` merges an object in,
 * `loadFile(path)` a file not read here, after which every value is unknown. `validate()`,
 * `load()` and `loadFile()` return the configuration; other methods are unknown.
 */
import { invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { callLodash, valueAtKeys } from './lodash';
import { UNKNOWN, hasTag, madeObject, newObject, setMadeMember, type ObjectValue, type Value } from './values';

/** The builtin path of convict's export (values.ts packageExport). */
export const CONVICT = 'convict';

/** A configuration's methods; each is the builtin `convict.@name` (no export's name starts with '@'). */
const METHODS = ['get', 'set', 'has', 'getProperties', 'load', 'loadFile', 'validate'];

export function callConvict(ctx: Extraction, name: string, args: Arg[]): Value {
  if (name === 'default') {
    const schema = args[0]?.value;
    return configuration(hasTag(schema, 'object') ? schemaDefaults(schema) : madeObject([], true));
  }
  // A method: bound to the configuration's values and the configuration, then the call's arguments.
  const [values, config, first, second] = args.map((arg) => arg.value);
  if (!name.startsWith('@') || !hasTag(values, 'object')) {
    invokeCallbacks(ctx, args);
    return UNKNOWN;
  }
  switch (name.slice(1)) {
    case 'get':
      return typeof first === 'string' ? valueAtKeys(values, first.split('.')) : first === undefined ? values : UNKNOWN;
    case 'has':
      return typeof first === 'string' ? valueAtKeys(values, first.split('.')) !== undefined : UNKNOWN;
    case 'getProperties':
      return values;
    case 'set':
      if (typeof first === 'string') setAtPath(values, first.split('.'), second);
      return config;
    case 'load':
      callLodash(ctx, 'merge', [{ value: values }, { value: first }]);
      return config;
    case 'loadFile':
      callLodash(ctx, 'merge', [{ value: values }, { value: UNKNOWN }]);
      return config;
    case 'validate':
      return config;
    default:
      return UNKNOWN;
  }
}

/** A configuration object whose methods read and write `values`. */
function configuration(values: ObjectValue): ObjectValue {
  const config = madeObject([], true);
  for (const method of METHODS) setMadeMember(config, method, { tag: 'builtin', path: `${CONVICT}.@${method}`, bound: [values, config] });
  return config;
}

/** The schema's defaults as a tree of values: a leaf is an object with a `default` key. */
function schemaDefaults(schema: ObjectValue): ObjectValue {
  const values = newObject();
  if (schema.open) values.open = true;
  schema.props.forEach((member, key) => {
    const node = member.value;
    if (!hasTag(node, 'object')) return;
    values.props.set(key, node.props.get('default') ?? { ...member, value: schemaDefaults(node) });
  });
  return values;
}

function setAtPath(values: ObjectValue, keys: string[], value: Value): void {
  let holder: ObjectValue = values;
  for (const key of keys.slice(0, -1)) {
    const next = holder.props.get(key)?.value;
    if (!hasTag(next, 'object')) return;
    holder = next;
  }
  setMadeMember(holder, keys[keys.length - 1], value);
}
