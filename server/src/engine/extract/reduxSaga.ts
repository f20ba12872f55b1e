/**
 * redux-saga: a saga is a generator whose yields are effects the middleware runs, sending back
 * their results. `call(fn, ...args)` (also `call([context, fn], ...)`, `apply(context, fn, args)`,
 * `fork`, `spawn`) runs fn with those arguments and sends back its result; `select(selector,
 * ...args)` sends back `selector(state, ...args)` with the state of the file's redux store (the
 * one `createStore(reducer)` made last: the reducer's initial state, reduxToolkit.ts); `all([...])`
 * runs each effect; `takeEvery(pattern, saga)` and its kin run the saga once with an action not
 * known; `put`, `take` and the rest send back nothing known.
 */
import ts from 'typescript';
import { callValue, type Arg } from './calls';
import type { Extraction } from './context';
import { callModelMethod } from './models';
import { UNKNOWN, hasTag, madeObject, newObject, type ObjectValue, type Value } from './values';

/** The builtin path of redux-saga's exports (`saga.call`; values.ts packageExport). */
export const SAGA = 'saga';

export function isReduxSagaPackage(specifier: string): boolean {
  return specifier === 'redux-saga' || specifier === 'redux-saga/effects';
}

const RUNS_FUNCTION = new Set(['call', 'fork', 'spawn', 'apply', 'cps']);
const WATCHERS = new Set(['takeEvery', 'takeLatest', 'takeLeading', 'debounce', 'throttle']);

/** What the middleware does with an effect where a saga yields it (the yield's node). */
type Effect = (yieldNode: ts.Node) => Value;

/** A call of a redux-saga export: an effect, which the middleware runs where a saga yields it. */
export function callSaga(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node): Value {
  if (RUNS_FUNCTION.has(name)) return effect((node) => runFunction(ctx, node, name, args, callNode));
  if (name === 'select') {
    const [selector, ...rest] = args;
    const state = () => ctx.reduxState?.() ?? UNKNOWN;
    return effect((node) => (selector ? callValue(ctx, node, selector.value, [{ value: state() }, ...rest]) : state()));
  }
  if (name === 'all' || name === 'race') return effect((node) => runAll(node, args[0]?.value));
  if (WATCHERS.has(name)) {
    const [, saga, ...rest] = name === 'debounce' || name === 'throttle' ? args.slice(1) : args;
    return effect((node) => (saga ? callValue(ctx, node, saga.value, [...rest, { value: UNKNOWN }]) : UNKNOWN));
  }
  return UNKNOWN;
}

/** What a saga's `yield value` gets back: the result of the effect it yields; undefined when it yields no effect. */
export function runYieldedEffect(node: ts.Node, value: Value): Value | undefined {
  return effectOf(value)?.(node);
}

/** The effects made, by the object that stands for each (what `call(...)` returns). */
const effects = new WeakMap<ObjectValue, Effect>();

function effect(run: Effect): ObjectValue {
  const value = newObject();
  effects.set(value, run);
  return value;
}

function effectOf(value: Value): Effect | undefined {
  return hasTag(value, 'object') ? effects.get(value) : undefined;
}

/** `call(fn, ...args)`, `call([context, fn], ...args)`, `apply(context, fn, [args])`: fn run as the middleware runs it. */
function runFunction(ctx: Extraction, node: ts.Node, name: string, args: Arg[], effectNode: ts.Node): Value {
  let [target, ...rest] = args;
  let context: Arg | undefined;
  if (name === 'apply') {
    context = target;
    target = rest[0];
    const list = rest[1]?.value;
    rest = hasTag(list, 'array') ? list.items.map((value) => ({ value })) : [];
  } else if (hasTag(target?.value, 'array') && target.value.items.length === 2) {
    const pair = target.node && ts.isArrayLiteralExpression(target.node) ? target.node.elements : undefined;
    context = { value: target.value.items[0], node: pair?.[0] };
    target = { value: target.value.items[1], node: pair?.[1] };
  }
  if (!target) return UNKNOWN;
  // `call([model, model.fit], xs, ys, options)`: a method of a model, by the name written.
  const method = target.node && ts.isPropertyAccessExpression(target.node) ? target.node.name.text : undefined;
  if (method && hasTag(context?.value, 'model') && ts.isCallExpression(effectNode) && context.node) {
    return callModelMethod(ctx, effectNode, context.value, method, rest, context.node);
  }
  return callValue(ctx, node, target.value, rest, context?.value);
}

/** `all([effect, ...])` or `all({ key: effect })`: each run, the results in the same shape. */
function runAll(node: ts.Node, list: Value): Value {
  if (hasTag(list, 'array')) return { tag: 'array', items: list.items.map((item) => runYieldedEffect(node, item) ?? UNKNOWN) };
  if (!hasTag(list, 'object')) return UNKNOWN;
  const results = madeObject([]);
  list.props.forEach((member, key) => results.props.set(key, { ...member, value: runYieldedEffect(node, member.value) ?? UNKNOWN }));
  return results;
}
