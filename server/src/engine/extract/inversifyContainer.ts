/**
 * InversifyJS containers that hold settings and factories: `container.bind(TOKEN)` followed by
 * `.toConstantValue(v)`, `.toDynamicValue((context) => v)`, `.toFactory((context) => fn)`,
 * `.to(Class)` or `.toSelf()`, and `container.get(TOKEN)` (or `getAsync`) resolving the last
 * binding of the token: a class is constructed with its `@inject(TOKEN)` parameters resolved by
 * the same container (dependencyInjection.ts). A token bound nowhere in the file is unknown.
 */
import type ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { constructInjected, tokenKey, writtenTokenKey, type TokenResolver } from './dependencyInjection';
import { UNKNOWN, hasTag, madeObject, newObject, setMadeMember, type ObjectValue, type Value } from './values';

/** The builtin path of InversifyJS's exports (`inversify.Container`; values.ts packageExport). */
export const INVERSIFY = 'inversify';

/** Members the interpreter makes: a container's bindings by token key, and a binding's container and token. */
const BINDINGS = '@@gradient-doctor/bindings';
const CONTAINER = '@@gradient-doctor/container';
const TOKEN = '@@gradient-doctor/token';

/** What `bind(TOKEN)` returns: the `to...` methods that complete the binding. */
const BINDING_METHODS = ['to', 'toSelf', 'toConstantValue', 'toDynamicValue', 'toFactory', 'toFunction'];

/** A call of an InversifyJS export or of a container's or binding's method (`thisValue` the container or binding). */
export function callInversify(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node, thisValue?: Value): Value {
  if (name === 'Container') return makeContainer();
  if (!hasTag(thisValue, 'object')) {
    invokeCallbacks(ctx, args);
    return UNKNOWN;
  }
  switch (name) {
    case 'bind':
    case 'rebind':
      return args[0] ? bindingOf(thisValue, tokenKey(ctx, args[0])) : UNKNOWN;
    case 'get':
    case 'getAsync':
      return (args[0] && resolveToken(ctx, callNode, thisValue, tokenKey(ctx, args[0]))?.value) ?? UNKNOWN;
    default:
      return BINDING_METHODS.includes(name) ? completeBinding(thisValue, name, args[0]?.value) : UNKNOWN;
  }
}

/** The builtin members that call `methods` of this module. */
function methodMembers(methods: readonly string[]): [string, Value][] {
  return methods.map((method) => [method, { tag: 'builtin', path: `${INVERSIFY}.${method}` }]);
}

function makeContainer(): ObjectValue {
  return madeObject([[BINDINGS, newObject()], ...methodMembers(['bind', 'rebind', 'get', 'getAsync'])], true);
}

/** The object `bind(TOKEN)` returns; its `to...` call records the binding on the container. */
function bindingOf(container: ObjectValue, key: string): ObjectValue {
  return madeObject([[CONTAINER, container], [TOKEN, key], ...methodMembers(BINDING_METHODS)], true);
}

function completeBinding(binding: ObjectValue, how: string, target: Value): Value {
  const container = binding.props.get(CONTAINER)?.value;
  const key = binding.props.get(TOKEN)?.value;
  const bindings = hasTag(container, 'object') ? container.props.get(BINDINGS)?.value : undefined;
  if (!hasTag(bindings, 'object') || typeof key !== 'string') return UNKNOWN;
  setMadeMember(bindings, key, madeObject([['how', how], ['target', target]]));
  // `.inSingletonScope()`, `.whenTargetNamed(...)`: scopes and conditions change no value.
  return madeObject([], true);
}

/** `container.get(TOKEN)`: what the token's binding makes; undefined where nothing binds it. */
function resolveToken(ctx: Extraction, callNode: ts.Node, container: ObjectValue, key: string): { value: Value } | undefined {
  const bindings = container.props.get(BINDINGS)?.value;
  const recorded = hasTag(bindings, 'object') ? bindings.props.get(key)?.value : undefined;
  return hasTag(recorded, 'object') ? { value: bindingValue(ctx, callNode, container, recorded, key) } : undefined;
}

function bindingValue(ctx: Extraction, callNode: ts.Node, container: ObjectValue, recorded: ObjectValue, key: string): Value {
  const resolve: TokenResolver = (token) => resolveToken(ctx, callNode, container, token);
  const how = recorded.props.get('how')?.value;
  const target = recorded.props.get('target')?.value;
  const context = madeObject([['container', container]], true);
  switch (how) {
    case 'toConstantValue':
    case 'toFunction':
      return target;
    case 'toDynamicValue':
    case 'toFactory':
      return hasTag(target, 'function') ? callValue(ctx, callNode, target, [{ value: context }]) : UNKNOWN;
    case 'to':
      return hasTag(target, 'class') ? constructInjected(ctx, target, resolve) : UNKNOWN;
    case 'toSelf':
      return constructSelf(ctx, key, resolve);
    default:
      return UNKNOWN;
  }
}

/** `bind(Trainer).toSelf()`: the class named by the token. */
function constructSelf(ctx: Extraction, key: string, resolve: TokenResolver): Value {
  const cls = ctx.classes.find((candidate) => candidate.module.isMain && candidate.name !== undefined && writtenTokenKey(candidate.name) === key);
  return cls ? constructInjected(ctx, cls, resolve) : UNKNOWN;
}
