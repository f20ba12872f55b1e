/**
 * nconf's layered configuration: stores consulted in the order the code adds them, the first
 * that has a key giving its value (`nconf.argv().env().file(path).defaults({...})`). On a run
 * without flags or environment, as for CLI options, `argv()` and `env()` hold nothing;
 * `defaults(object)` and `overrides(object)` hold what they are given; a file, or any other store,
 * is not read here, so a key no store before it holds is unknown. `set(key, value)` takes
 * precedence over every store. Keys are paths with ':' (`get('train:lr')`).
 */
import { invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { valueAtKeys } from './lodash';
import { UNKNOWN, hasTag, madeObject, setMadeMember, type ObjectValue, type Value } from './values';

/** The builtin path of nconf's export, the one configuration every module shares (values.ts packageExport). */
export const NCONF = 'nconf';

/** A store: what it holds, or 'empty' (argv, env on a plain run), or 'unknown' (a file). */
type Store = ObjectValue | 'empty' | 'unknown';

/** The stores of each run's nconf, in the order added; `set` writes to the first. */
const storesOf = new WeakMap<Extraction, Store[]>();

function stores(ctx: Extraction): Store[] {
  let list = storesOf.get(ctx);
  if (!list) {
    list = [madeObject([])];
    storesOf.set(ctx, list);
  }
  return list;
}

export function callNconf(ctx: Extraction, name: string, args: Arg[]): Value {
  const [first, second] = args.map((arg) => arg.value);
  const nconf: Value = { tag: 'builtin', path: NCONF };
  switch (name) {
    case 'argv':
    case 'env':
      stores(ctx).push('empty');
      return nconf;
    case 'defaults':
    case 'overrides':
      stores(ctx).push(hasTag(first, 'object') ? first : 'unknown');
      return nconf;
    case 'file':
    case 'add':
    case 'use':
      stores(ctx).push('unknown');
      return nconf;
    case 'get':
      return read(stores(ctx), first);
    case 'set':
      if (typeof first === 'string') setMadeMember(stores(ctx)[0] as ObjectValue, first, second);
      return nconf;
    case 'required':
    case 'load':
    case 'save':
    case 'remove':
    case 'reset':
      return nconf;
    default:
      invokeCallbacks(ctx, args);
      return UNKNOWN;
  }
}

/** The value of `key` in the first store that has it; unknown once a store not read comes first. */
function read(list: Store[], key: Value): Value {
  if (typeof key !== 'string') return UNKNOWN;
  const [head, ...path] = key.split(':');
  for (const store of list) {
    if (store === 'empty') continue;
    if (store === 'unknown') return UNKNOWN;
    // `set('train:lr', v)` keeps the whole key; the other stores hold nested objects.
    const own = store.props.get(key)?.value;
    const value = own !== undefined ? own : valueAtKeys(store, [head, ...path]);
    if (value !== undefined) return value;
  }
  return undefined;
}
