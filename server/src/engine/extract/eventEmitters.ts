/**
 * Node's `EventEmitter` (`events`, `node:events`, `eventemitter3`): an emitter of the file, made
 * by `new EventEmitter()` or a class that extends it, runs a listener when the file emits its
 * event (`this.emit('epoch', logs)`), with the arguments emitted, not when it is registered. A
 * listener of an event nothing emits (a legacy 'plateau' hook that recompiles with a rescue rate)
 * never runs, unless code the interpreter does not see may emit it: an emitter whose class or
 * object is exported or that is handed to a function not modelled, or an event name not known.
 */
import type ts from 'typescript';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { invoke } from './functions';
import { UNKNOWN, hasTag, type ClassValue, type FunctionValue, type ObjectValue, type Value } from './values';

/** The prefix of the events module's exports (values.ts packageExport): the module itself is EventEmitter. */
export const EVENTS = 'node:events';

const EVENTS_PACKAGES = new Set(['events', 'node:events', 'eventemitter3']);

export function isEventsPackage(specifier: string): boolean {
  return EVENTS_PACKAGES.has(specifier);
}

/** `EventEmitter` as imported or required: the module (`require('events')`), its default or its named export. */
export function isEventEmitterClass(value: Value): boolean {
  return hasTag(value, 'builtin') && (value.path === EVENTS || value.path === `${EVENTS}.EventEmitter` || value.path === `${EVENTS}.default`);
}

interface Listener {
  event: string;
  fn: FunctionValue;
  ran: boolean;
}

/** What the run saw of one emitter (Extraction.emitters). */
export interface EmitterState {
  listeners: Listener[];
  emitted: Set<string>;
  /** Code the run does not see may emit on it: exported, handed on, or emitting an event not known. */
  reachedUnseenCode: boolean;
  /** The class of the file it is an instance of, whose export makes it reachable from other files. */
  cls?: ClassValue;
}

/** Makes `object` an emitter: `new EventEmitter()`, or an instance of a class of the file that extends it. */
export function makeEmitter(ctx: Extraction, object: ObjectValue, cls?: ClassValue): ObjectValue {
  ctx.emitters.set(object, { listeners: [], emitted: new Set(), reachedUnseenCode: false, cls });
  return object;
}

const REGISTRATIONS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Methods that return the emitter. A removed listener is kept: it may have run before its removal. */
const RETURN_THE_EMITTER = new Set(['off', 'removeListener', 'removeAllListeners', 'setMaxListeners']);

/** `emitter.on('epoch', fn)`, `emitter.emit('epoch', logs)`: the result, or undefined for a method not modelled. */
export function callEmitterMethod(ctx: Extraction, emitter: EmitterState, receiver: ObjectValue, name: string, args: Arg[], callNode: ts.Node): Value | undefined {
  const event = args[0]?.value;
  if (REGISTRATIONS.has(name)) {
    const fn = args[1]?.value;
    if (typeof event !== 'string' || !hasTag(fn, 'function')) return undefined;
    emitter.listeners.push({ event, fn, ran: false });
    ctx.eventListeners.add(fn.node);
    return receiver;
  }
  if (RETURN_THE_EMITTER.has(name)) return receiver;
  if (name !== 'emit') return undefined;
  if (typeof event !== 'string') emitter.reachedUnseenCode = true;
  else emitter.emitted.add(event);
  for (const listener of emitter.listeners) {
    if (typeof event === 'string' && listener.event !== event) continue;
    listener.ran = true;
    invoke(ctx, listener.fn, typeof event === 'string' ? args.slice(1) : [], callNode);
  }
  return UNKNOWN;
}

/** Notes the emitters among the arguments of a function not modelled: it may emit on them. */
export function noteHandedOn(ctx: Extraction, args: readonly Arg[]): void {
  if (ctx.emitters.size === 0) return;
  for (const arg of args) {
    const emitter = hasTag(arg.value, 'object') ? ctx.emitters.get(arg.value) : undefined;
    if (emitter) emitter.reachedUnseenCode = true;
  }
}

/**
 * After the run: the listeners it did not run whose event may still be emitted (by the event's
 * emits before the listener was added, or by code the run does not see), each as a callback
 * registered with a function not modelled is (`run`). The others never run.
 */
export function runListenersLeft(ctx: Extraction, exported: (value: Value) => boolean, run: (event: string, fn: FunctionValue) => void): void {
  ctx.emitters.forEach((emitter, object) => {
    const reachable = emitter.reachedUnseenCode || exported(object) || (emitter.cls !== undefined && exported(emitter.cls));
    for (const listener of emitter.listeners) {
      if (!listener.ran && (reachable || emitter.emitted.has(listener.event))) run(listener.event, listener.fn);
    }
  });
}
