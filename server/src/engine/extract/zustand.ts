/**
 * Zustand stores that hold settings: `create(init)` (a hook) and `createStore(init)` (a store),
 * also in TypeScript's curried form `create<State>()(init)`. `init(set, get, api)` returns the
 * first state; `set(partial)` (or `set(state => partial)`) merges into it, `set(state, true)`
 * replaces it, undone inside a user-event handler as any write. `getState()` reads the state as it
 * stands; the hook called with a selector selects from it. Other exports are unknown.
 */
import type ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { copyOf } from './lodash';
import { readCell, writeCell } from './reactiveState';
import { UNKNOWN, hasTag, madeObject, spreadInto, type CellValue, type ObjectValue, type Value } from './values';

/** The builtin path of Zustand's exports (`zustand.create`; values.ts packageExport). */
export const ZUSTAND = 'zustand';

export function isZustandPackage(specifier: string): boolean {
  return specifier === 'zustand' || specifier === 'zustand/vanilla';
}

/** Builtin names of what a store hands out (no export's: they start with '@'), each bound to the store's state. */
const SET = '@set';
const GET = '@get';
const HOOK = '@hook';

export function callZustand(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node): Value {
  const [first, second, third] = args.map((arg) => arg.value);
  switch (name) {
    case 'default':
    case 'create':
    case 'createStore': {
      // `create<State>()(init)`: the first call only fixes the type.
      if (args.length === 0) return { tag: 'builtin', path: `${ZUSTAND}.${name}` };
      const state = makeStore(ctx, callNode, first);
      return name === 'createStore' ? storeApi(state) : { tag: 'builtin', path: `${ZUSTAND}.${HOOK}`, bound: [state] };
    }
    case GET:
    case `${HOOK}.getState`:
    case `${HOOK}.getInitialState`:
      return hasTag(first, 'cell') ? readCell(first) : UNKNOWN;
    case SET:
    case `${HOOK}.setState`:
      if (hasTag(first, 'cell')) setState(ctx, callNode, first, second, third === true);
      return undefined;
    case HOOK:
      // `useSettings((s) => s.learningRate)` in a component; no selector: the whole state.
      return hasTag(first, 'cell') ? select(ctx, callNode, readCell(first), second) : UNKNOWN;
    case 'useStore': {
      // `useStore(store, selector)` of a vanilla store.
      const getState = hasTag(first, 'object') ? first.props.get('getState')?.value : undefined;
      return select(ctx, callNode, callValue(ctx, callNode, getState, []), second);
    }
    default:
      invokeCallbacks(ctx, args);
      return UNKNOWN;
  }
}

function makeStore(ctx: Extraction, callNode: ts.Node, init: Value): CellValue {
  const state: CellValue = { tag: 'cell', current: UNKNOWN };
  const first = callValue(ctx, callNode, init, [{ value: bound(SET, state) }, { value: bound(GET, state) }, { value: storeApi(state) }]);
  state.current = first;
  return state;
}

function bound(name: string, state: CellValue): Value {
  return { tag: 'builtin', path: `${ZUSTAND}.${name}`, bound: [state] };
}

function storeApi(state: CellValue): ObjectValue {
  return madeObject([['getState', bound(GET, state)], ['getInitialState', bound(GET, state)], ['setState', bound(SET, state)]], true);
}

function setState(ctx: Extraction, callNode: ts.Node, state: CellValue, partial: Value, replace: boolean): void {
  const current = readCell(state);
  const update = hasTag(partial, 'function') ? callValue(ctx, callNode, partial, [{ value: current }]) : partial;
  if (replace) {
    writeCell(ctx, state, update);
    return;
  }
  // Merged into a copy: the state object a caller read before stays as it was, as in Zustand.
  const next = hasTag(current, 'object') ? (copyOf(current, false) as ObjectValue) : madeObject([], true);
  spreadInto(next, update);
  writeCell(ctx, state, next);
}

function select(ctx: Extraction, callNode: ts.Node, state: Value, selector: Value): Value {
  return selector === undefined ? state : callValue(ctx, callNode, selector, [{ value: state }]);
}
