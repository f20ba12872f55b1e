/**
 * Reactive state of UI frameworks that holds settings: Angular, Preact and Solid signals, Vue refs
 * and reactive objects, Svelte stores, MobX observables and Pinia stores. Each keeps a value the code
 * writes at its creation (`signal(0.05)`, `ref(0.05)`, `writable({ lr: 0.05 })`); a first run
 * reads that value, as it reads a CLI option's default or React's initial state. A cell is read
 * however its library spells it: called (`lr()`), `.value`, `.get()`, `get(store)`, a
 * subscriber's argument; written with `.set`, `.update`, `.value = `, undone inside a user-event
 * handler (userEvents.ts). Computed cells (`computed(fn)`, `derived(store, fn)`) compute on each
 * read. Effects (`effect`, `autorun`, `watchEffect`) run once; other exports are unknown.
 */
import type ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { UNKNOWN, hasTag, newObject, packageExport, spreadInto, type CellValue, type Value } from './values';
import type { Scope } from './scope';
import { bindMethods } from './functions';
import { noteOverwrite } from './userEvents';
import { isVueOptions, mountVueComponent } from './vueOptions';

/** The builtin path of these libraries' exports (`reactive.signal`, `reactive.defineStore`; values.ts packageExport). */
export const REACTIVE = 'reactive';

/** The packages read, by import specifier. */
const PACKAGES = new Set([
  '@angular/core', 'vue', '@vue/reactivity', '@vue/runtime-core', '@preact/signals', '@preact/signals-core',
  '@preact/signals-react', 'svelte/store', 'mobx', 'pinia', 'solid-js', 'solid-js/store',
]);

export function isReactivePackage(specifier: string): boolean {
  return PACKAGES.has(specifier);
}

/**
 * Vue's script-tag build (vue.global.js) defines the global `Vue`: its exports, as `import * as Vue
 * from 'vue'` gives them (`const { createApp, reactive } = Vue`). A declaration of the file's own
 * named `Vue` (an import, a require) replaces it.
 */
export function declareVueGlobal(text: string, scope: Scope): void {
  if (text.includes('Vue') && /\bVue\b/.test(text)) scope.declare('Vue', packageExport(REACTIVE, '*'));
}

function cell(current: Value): CellValue {
  return { tag: 'cell', current };
}

function computedCell(compute: () => Value): CellValue {
  return { tag: 'cell', current: UNKNOWN, compute };
}

/** A cell's value now. */
export function readCell(target: CellValue): Value {
  return target.compute ? target.compute() : target.current;
}

/** What a Pinia store's `useStore()` returns, read: refs unwrap to their values. */
function unwrapped(value: Value): Value {
  return hasTag(value, 'cell') ? readCell(value) : value;
}

/** Sets a writable cell, undone inside a user-event handler. */
export function writeCell(ctx: Extraction, target: CellValue, value: Value): void {
  if (target.compute) return;
  const old = target.current;
  noteOverwrite(ctx, old, () => (target.current = old));
  ctx.writes++;
  target.current = value;
}

/** A call of one of these packages' exports. */
export function callReactive(ctx: Extraction, name: string, args: Arg[], callNode: ts.Node): Value {
  const values = args.map((arg) => arg.value);
  const [first, second, third] = values;
  const call = (fn: Value, callArgs: Value[] = []): Value => (hasTag(fn, 'function') ? callValue(ctx, callNode, fn, callArgs.map((value) => ({ value }))) : UNKNOWN);
  switch (name) {
    // Cells holding a written value.
    case 'signal':
    case 'observable.box':
    case 'ref':
    case 'shallowRef':
    case 'writable':
    case 'readable':
      return cell(first);
    case 'computed':
      return computedCell(() => call(first));
    // Solid: `const [rate, setRate] = createSignal(0.1)`, the getter a cell called for its value;
    // a memo computes once, when it is made, as Solid runs it.
    case 'createSignal':
      return { tag: 'array', items: [cell(first), UNKNOWN], lengthKnown: true };
    case 'createStore':
      return { tag: 'array', items: [first, UNKNOWN], lengthKnown: true };
    case 'createMemo':
      return cell(call(first));
    case 'createRoot':
      return call(first, [UNKNOWN]);
    case 'createEffect':
    case 'createRenderEffect':
    case 'onMount':
      call(first);
      return undefined;
    case 'derived': {
      // `derived(store, ($s) => ...)` or `derived([a, b], ([$a, $b]) => ...)`.
      const sources = hasTag(first, 'array') ? first : undefined;
      return computedCell(() => call(second, [sources ? { tag: 'array', items: sources.items.map((source) => (hasTag(source, 'cell') ? readCell(source) : UNKNOWN)) } : hasTag(first, 'cell') ? readCell(first) : UNKNOWN]));
    }
    case 'get':
    case 'unref':
      return hasTag(first, 'cell') ? readCell(first) : name === 'unref' ? first : UNKNOWN;
    // The object itself, observed.
    case 'reactive':
    case 'shallowReactive':
    case 'readonly':
    case 'markRaw':
    case 'toRaw':
    case 'observable':
    case 'makeAutoObservable':
    case 'makeObservable':
      return first;
    case 'action':
      return hasTag(first, 'function') ? first : second;
    case 'runInAction':
    case 'effect':
    case 'autorun':
    case 'watchEffect':
      return call(first);
    case 'reaction': {
      // `reaction(() => data, (data) => effect, { fireImmediately })`: the effect waits for a change unless told otherwise.
      const data = call(first);
      if (hasTag(third, 'object') && third.props.get('fireImmediately')?.value === true) call(second, [data]);
      else invokeCallbacks(ctx, [{ value: second }]);
      return UNKNOWN;
    }
    case 'defineStore':
      return piniaStore(ctx, callNode, values);
    // Vue 2's constructor (`new Vue(options)`), `Vue.component(name, options)`, Vue 3's
    // `defineComponent(options)` and `createApp(options)`: the component is made (vueOptions.ts).
    case 'default':
    case 'component':
    case 'defineComponent':
    case 'createApp': {
      const options = name === 'component' ? second : first;
      if (isVueOptions(options)) mountVueComponent(ctx, options, callNode);
      return name === 'defineComponent' ? options : UNKNOWN;
    }
    default:
      invokeCallbacks(ctx, args);
      return UNKNOWN;
  }
}

/**
 * `defineStore(id, { state, getters, actions })` or `defineStore(id, () => { ...; return { ... } })`:
 * a function (a computed cell, called) that makes the store once and then returns it. An options
 * store has its state's keys and its actions, bound to it; a setup store has what its setup
 * returns, its refs unwrapped. Getters and keys not written are unknown.
 */
function piniaStore(ctx: Extraction, callNode: ts.Node, values: Value[]): CellValue {
  const definition = typeof values[0] === 'string' ? values[1] : values[0];
  let store: Value;
  const useStore = computedCell(() => {
    if (store !== undefined) return store;
    store = UNKNOWN;
    const made = newObject();
    made.open = true;
    if (hasTag(definition, 'function')) {
      const setup = callValue(ctx, callNode, definition, []);
      if (!hasTag(setup, 'object')) return store;
      setup.props.forEach((member, key) => made.props.set(key, { ...member, value: unwrapped(member.value) }));
    } else if (hasTag(definition, 'object')) {
      const state = definition.props.get('state')?.value;
      if (hasTag(state, 'function')) spreadInto(made, callValue(ctx, callNode, state, []));
      const actions = definition.props.get('actions')?.value;
      // An action nothing in the file calls (the components that do are elsewhere) runs with `this` the store.
      if (hasTag(actions, 'object')) bindMethods(ctx, actions, made);
    } else {
      return store;
    }
    return (store = made);
  });
  // Made now, as the first `useStore()` would: its actions are the store's even if nothing here calls it.
  readCell(useStore);
  return useStore;
}

/** A method of a cell: `.set(v)`, `.update(fn)`, `.get()`, `.subscribe(fn)`, `.asReadonly()`. */
export function callCellMethod(ctx: Extraction, callNode: ts.Node, target: CellValue, name: string, args: Arg[]): Value {
  const [first] = args;
  switch (name) {
    case 'set':
      writeCell(ctx, target, first?.value);
      return undefined;
    case 'update':
      if (hasTag(first?.value, 'function')) writeCell(ctx, target, callValue(ctx, callNode, first.value, [{ value: readCell(target) }]));
      return undefined;
    case 'get':
    case 'peek':
      return readCell(target);
    case 'subscribe':
      // Svelte and Preact call a new subscriber with the value at once.
      if (hasTag(first?.value, 'function')) callValue(ctx, callNode, first.value, [{ value: readCell(target) }]);
      return UNKNOWN;
    case 'asReadonly':
      return target;
    default:
      invokeCallbacks(ctx, args);
      return UNKNOWN;
  }
}

/** `cell.value`: Vue's and Preact's read. */
export function cellMember(target: CellValue, name: string): Value {
  return name === 'value' ? readCell(target) : UNKNOWN;
}
