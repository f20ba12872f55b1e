/**
 * Redux Toolkit stores that hold settings: `createSlice({ initialState })`, `configureStore({
 * reducer })` and `createAsyncThunk(type, creator)`. A thunk the file dispatches
 * (`store.dispatch(train())`) runs its creator with `getState()` returning the store's state as
 * the slices start it, as a first run has it; the reducers and the actions other dispatches send
 * are not applied. Other exports are unknown.
 */
import type ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { readCell } from './reactiveState';
import { UNKNOWN, hasTag, madeObject, newObject, type CellValue, type Value } from './values';

/** The builtin path of Redux Toolkit's exports (`redux.createSlice`; values.ts packageExport). */
export const REDUX = 'redux';

export function isReduxPackage(specifier: string): boolean {
  return specifier === '@reduxjs/toolkit';
}

/** The member of a thunk action that holds its creator: no key code writes. */
const THUNK = '@@gradient-doctor/thunk';

/** A call of a Redux Toolkit export; `thisValue` is the store for its `dispatch`. */
export function callRedux(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node, thisValue?: Value): Value {
  const [first, second] = args.map((arg) => arg.value);
  switch (name) {
    case 'createSlice': {
      // The slice's state is a cell its reducer stands for in configureStore.
      const initialState = hasTag(first, 'object') ? first.props.get('initialState')?.value : UNKNOWN;
      const state: CellValue = { tag: 'cell', current: initialState ?? UNKNOWN };
      return madeObject([['reducer', state], ['actions', madeObject([], true)]], true);
    }
    case 'configureStore': {
      const reducer = hasTag(first, 'object') ? first.props.get('reducer')?.value : UNKNOWN;
      const getState: CellValue = { tag: 'cell', current: UNKNOWN, compute: () => rootState(reducer) };
      return madeObject([['getState', getState], ['dispatch', { tag: 'builtin', path: `${REDUX}.dispatch` }]], true);
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

/** The store's state: a slice's state, or an object of them by key. */
function rootState(reducer: Value | undefined): Value {
  if (hasTag(reducer, 'cell')) return readCell(reducer);
  if (!hasTag(reducer, 'object')) return UNKNOWN;
  const state = newObject();
  reducer.props.forEach((member, key) => state.props.set(key, { ...member, value: hasTag(member.value, 'cell') ? readCell(member.value) : UNKNOWN }));
  return state;
}

/** `store.dispatch(thunkAction)` runs the thunk's creator with the store's getState and dispatch. */
function dispatch(ctx: Extraction, callNode: ts.Node, action: Value, store: Value): Value {
  const creator = hasTag(action, 'object') ? action.props.get(THUNK)?.value : undefined;
  if (!hasTag(creator, 'function') || !hasTag(store, 'object')) return UNKNOWN;
  const thunkApi = madeObject([['getState', store.props.get('getState')?.value ?? UNKNOWN], ['dispatch', store.props.get('dispatch')?.value ?? UNKNOWN]], true);
  return callValue(ctx, callNode, creator, [{ value: UNKNOWN }, { value: thunkApi }]);
}
