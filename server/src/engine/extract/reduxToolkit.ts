/**
 * Redux Toolkit stores that hold settings: `createSlice({ initialState, reducers })`,
 * `configureStore({ reducer })` and `createAsyncThunk(type, creator)`. A slice's action the file
 * dispatches (`store.dispatch(hparamsLoaded({ learningRate: 0.03 }))`) runs its reducer on a copy
 * of the state (Immer's draft), which becomes the state, or what the reducer returns does; inside
 * a user-event handler the change is undone afterwards, as any handler's writes are. A thunk the
 * file dispatches (`store.dispatch(train())`) runs its creator with `getState()` returning the
 * store's state as it stands. redux's own `createStore(reducer)` holds the reducer's initial
 * state. Other exports are unknown.
 */
import type ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { copyOf } from './lodash';
import { readCell, writeCell } from './reactiveState';
import { UNKNOWN, hasTag, isTagged, madeObject, newObject, type CellValue, type Value } from './values';

/** The builtin path of Redux Toolkit's exports (`redux.createSlice`; values.ts packageExport). */
export const REDUX = 'redux';

export function isReduxPackage(specifier: string): boolean {
  return specifier === '@reduxjs/toolkit' || specifier === 'redux';
}

/** The member of a thunk action that holds its creator: no key code writes. */
const THUNK = '@@gradient-doctor/thunk';
/** The member of a slice's action that holds its slice's state and reducer. */
const REDUCE = '@@gradient-doctor/reduce';
/** The builtin name of a slice's action creators (no export's: it starts with '@'). */
const SLICE_ACTION = '@sliceAction';

/** A call of a Redux Toolkit export; `thisValue` is the store for its `dispatch`. */
export function callRedux(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node, thisValue?: Value): Value {
  const [first, second] = args.map((arg) => arg.value);
  switch (name) {
    case 'createSlice': {
      // The slice's state is a cell its reducer stands for in configureStore.
      const initialState = hasTag(first, 'object') ? first.props.get('initialState')?.value : UNKNOWN;
      const state: CellValue = { tag: 'cell', current: initialState ?? UNKNOWN };
      return madeObject([['reducer', state], ['actions', sliceActions(first, state)]], true);
    }
    case SLICE_ACTION: {
      // `hparamsLoaded(payload)`: the action, carrying what its dispatch runs.
      const [, , payload] = args.map((arg) => arg.value);
      return madeObject([['payload', payload], [REDUCE, madeObject([['state', first], ['reducer', second]])]], true);
    }
    case 'configureStore': {
      const reducer = hasTag(first, 'object') ? first.props.get('reducer')?.value : UNKNOWN;
      return makeStore(ctx, { tag: 'cell', current: UNKNOWN, compute: () => rootState(reducer) });
    }
    case 'createStore':
    case 'legacy_createStore': {
      // redux's own store: the preloaded state, or what the reducer makes of none (its initial state).
      const state = hasTag(second, 'object') ? second : callValue(ctx, callNode, first, [{ value: undefined }, { value: madeObject([['type', '@@redux/INIT']]) }]);
      return makeStore(ctx, { tag: 'cell', current: state });
    }
    case 'createAsyncThunk':
      // `train()` is the action a dispatch runs: the creator waits for it.
      return { tag: 'cell', current: madeObject([[THUNK, second]]) };
    case 'dispatch':
      return dispatch(ctx, callNode, first, thisValue);
    default:
      invokeCallbacks(ctx, args);
      return UNKNOWN;
  }
}

/** A store whose getState reads `state`; the file's sagas see the same state (reduxSaga.ts select). */
function makeStore(ctx: Extraction, state: CellValue): Value {
  ctx.reduxState = () => readCell(state);
  return madeObject([['getState', state], ['dispatch', { tag: 'builtin', path: `${REDUX}.dispatch` }]], true);
}

/** The store's state: a slice's state, or an object of them by key. */
function rootState(reducer: Value | undefined): Value {
  if (hasTag(reducer, 'cell')) return readCell(reducer);
  if (!hasTag(reducer, 'object')) return UNKNOWN;
  const state = newObject();
  reducer.props.forEach((member, key) => state.props.set(key, { ...member, value: hasTag(member.value, 'cell') ? readCell(member.value) : UNKNOWN }));
  return state;
}

/** A slice's action creators by reducer name; a reducer that is not a plain function (`{ reducer, prepare }`) makes an unknown action. */
function sliceActions(options: Value, state: CellValue): Value {
  const reducers = hasTag(options, 'object') ? options.props.get('reducers')?.value : undefined;
  if (!hasTag(reducers, 'object')) return madeObject([], true);
  const actions = madeObject([], true);
  reducers.props.forEach((member, key) => {
    if (hasTag(member.value, 'function')) actions.props.set(key, { ...member, value: { tag: 'builtin', path: `${REDUX}.${SLICE_ACTION}`, bound: [state, member.value] } });
  });
  return actions;
}

/** A slice's action runs its reducer on a copy of the state: the copy, or what the reducer returns, is the new state. */
function reduce(ctx: Extraction, callNode: ts.Node, action: Value, reducing: Value): Value {
  const state = hasTag(reducing, 'object') ? reducing.props.get('state')?.value : undefined;
  const reducer = hasTag(reducing, 'object') ? reducing.props.get('reducer')?.value : undefined;
  if (!hasTag(state, 'cell')) return UNKNOWN;
  const draft = copyOf(state.current, true);
  const returned = callValue(ctx, callNode, reducer, [{ value: draft }, { value: action }]);
  writeCell(ctx, state, isTagged(returned) ? returned : draft);
  return action;
}

/**
 * `store.dispatch(action)`: a slice's action runs its reducer; a thunk action runs the thunk's
 * creator with the store's getState and dispatch.
 */
function dispatch(ctx: Extraction, callNode: ts.Node, action: Value, store: Value): Value {
  const reducing = hasTag(action, 'object') ? action.props.get(REDUCE)?.value : undefined;
  if (reducing !== undefined) return reduce(ctx, callNode, action, reducing);
  const creator = hasTag(action, 'object') ? action.props.get(THUNK)?.value : undefined;
  if (!hasTag(creator, 'function') || !hasTag(store, 'object')) return UNKNOWN;
  const thunkApi = madeObject([['getState', store.props.get('getState')?.value ?? UNKNOWN], ['dispatch', store.props.get('dispatch')?.value ?? UNKNOWN]], true);
  return callValue(ctx, callNode, creator, [{ value: UNKNOWN }, { value: thunkApi }]);
}
