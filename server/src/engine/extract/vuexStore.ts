/**
 * Vuex stores that hold settings: `createStore(options)` or `new Vuex.Store(options)`, with
 * `state`, `getters`, `actions` and `modules` (namespaced or not). An action the file dispatches
 * (`store.dispatch('gesture/train', data)`) runs with the context Vuex gives it: its module's
 * state as `state()` starts it, its getters computed from that state, the root state; commits are
 * not applied, and an action nothing here dispatches runs as uncalled code, its context unknown.
 */
import type ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, hasTag, newObject, setMadeMember, type ObjectValue, type Value } from './values';

/** The builtin path of Vuex's exports (`vuex.createStore`, `vuex.Store`; values.ts packageExport). */
export const VUEX = 'vuex';

/** The member of a store that holds its actions by type: no key code writes. */
const ACTIONS = '@@gradient-doctor/actions';

/** A call of a Vuex export: a store made from options, or a store's `dispatch` (`thisValue` the store). */
export function callVuex(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node, thisValue?: Value): Value {
  const [first, second] = args.map((arg) => arg.value);
  if ((name === 'createStore' || name === 'Store') && hasTag(first, 'object')) return makeStore(ctx, callNode, first);
  if (name === 'dispatch' && typeof first === 'string' && hasTag(thisValue, 'object')) return dispatch(ctx, callNode, thisValue, first, second);
  invokeCallbacks(ctx, args);
  return UNKNOWN;
}

function makeStore(ctx: Extraction, callNode: ts.Node, options: ObjectValue): ObjectValue {
  const store = newObject();
  store.open = true;
  const actions = newObject();
  const rootState = moduleState(ctx, callNode, options, '', actions);
  setMadeMember(store, 'state', rootState);
  setMadeMember(store, 'dispatch', { tag: 'builtin', path: `${VUEX}.dispatch` });
  setMadeMember(store, ACTIONS, actions);
  // The root state each action's context carries, once the whole tree is made.
  actions.props.forEach((member) => hasTag(member.value, 'object') && setMadeMember(member.value, 'rootState', rootState));
  return store;
}

/** A module's state (with its submodules' under their keys); its actions registered by type in `actions`. */
function moduleState(ctx: Extraction, callNode: ts.Node, module: ObjectValue, prefix: string, actions: ObjectValue): Value {
  const option = (key: string) => module.props.get(key)?.value;
  const written = option('state');
  const made = hasTag(written, 'function') ? callValue(ctx, callNode, written, []) : written;
  const state = newObject();
  state.open = true;
  if (hasTag(made, 'object')) made.props.forEach((member, key) => state.props.set(key, member));
  const getters = newObject();
  getters.open = true;
  const getterFns = option('getters');
  if (hasTag(getterFns, 'object')) {
    getterFns.props.forEach((member, key) => {
      if (hasTag(member.value, 'function')) setMadeMember(getters, key, callValue(ctx, callNode, member.value, [{ value: state }, { value: getters }]));
    });
  }
  const actionFns = option('actions');
  if (hasTag(actionFns, 'object')) {
    actionFns.props.forEach((member, key) => {
      if (!hasTag(member.value, 'function')) return;
      const context = newObject();
      context.open = true;
      setMadeMember(context, 'state', state);
      setMadeMember(context, 'getters', getters);
      setMadeMember(context, 'action', member.value);
      setMadeMember(actions, `${prefix}${key}`, context);
    });
  }
  const modules = option('modules');
  if (hasTag(modules, 'object')) {
    modules.props.forEach((member, key) => {
      if (!hasTag(member.value, 'object')) return;
      const namespaced = member.value.props.get('namespaced')?.value === true;
      setMadeMember(state, key, moduleState(ctx, callNode, member.value, namespaced ? `${prefix}${key}/` : prefix, actions));
    });
  }
  return state;
}

/** `store.dispatch(type, payload)`: the action of that type, with its context. */
function dispatch(ctx: Extraction, callNode: ts.Node, store: ObjectValue, type: string, payload: Value): Value {
  const actions = store.props.get(ACTIONS)?.value;
  const context = hasTag(actions, 'object') ? actions.props.get(type)?.value : undefined;
  const action = hasTag(context, 'object') ? context.props.get('action')?.value : undefined;
  if (!hasTag(context, 'object') || !hasTag(action, 'function')) return UNKNOWN;
  return callValue(ctx, callNode, action, [{ value: context }, { value: payload }]);
}
