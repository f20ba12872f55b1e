/**
 * RxJS streams that hold settings. A `BehaviorSubject` gives a new subscriber its current value at
 * once, so `settings$.pipe(map(...)).subscribe((s) => train(s))` trains with the initial settings
 * on a first run, as a CLI option's default or React's initial state is read. Only that first
 * value is followed: `next(v)` replaces it for what subscribes or calls `getValue()` later, and a
 * subscriber gets nothing more. A stream whose first value is not known (a `Subject`, an operator
 * not modelled, `from(fetch(...))`) calls its subscriber once with an unknown value, as any
 * callback handed to code the interpreter does not model runs.
 */
import type ts from 'typescript';
import { callValue, invokeCallbacks, type Arg } from './calls';
import type { Extraction } from './context';
import { getMember } from './evaluate';
import { truthiness } from './operators';
import { noteOverwrite } from './userEvents';
import { UNKNOWN, hasTag, newObject, type ObservableValue, type RxOperatorValue, type Value } from './values';

/** The builtin path of RxJS's exports (`rxjs.BehaviorSubject`, `rxjs.map`; values.ts packageExport). */
export const RXJS = 'rxjs';

/** Import specifiers whose exports are RxJS's (operators are in both since RxJS 7). */
export function isRxjsPackage(specifier: string): boolean {
  return specifier === 'rxjs' || specifier === 'rxjs/operators';
}


/** A stream whose first value is not known: a new one each time, since `next` changes a subject in place. */
function notKnown(): ObservableValue {
  return { tag: 'observable', first: UNKNOWN, known: false };
}

function emitting(first: Value): ObservableValue {
  return { tag: 'observable', first, known: true };
}

/** Operators that pass the first value on unchanged (timing, sharing, completion, errors). */
const PASS_THROUGH = new Set([
  'distinctUntilChanged', 'distinctUntilKeyChanged', 'debounceTime', 'auditTime', 'throttleTime', 'delay',
  'share', 'shareReplay', 'takeUntil', 'first', 'observeOn', 'subscribeOn', 'finalize', 'catchError', 'retry',
]);

/** Operators whose function gets the value and returns the next stream (or a promise): `switchMap(cfg => from(train(cfg)))`. */
const FLATTENING = new Set(['switchMap', 'mergeMap', 'concatMap', 'exhaustMap']);

const VALUE_OPERATORS = new Set(['map', 'pluck', 'filter', 'tap', 'startWith']);

/**
 * A call of an RxJS export: `new BehaviorSubject(v)`, `of(v)`, `combineLatest([a$, b$])`, or an
 * operator (`map(fn)`), kept with its arguments until `pipe` applies it.
 */
export function callRxjs(ctx: Extraction, name: string, args: Arg[]): Value {
  const values = args.map((arg) => arg.value);
  if (name === 'BehaviorSubject') return emitting(values[0]);
  if (name === 'of') return values.length > 0 ? emitting(values[0]) : notKnown();
  if (name === 'combineLatest') return combineLatest(values);
  if (name === 'Subject' || name === 'ReplaySubject') return notKnown();
  if (PASS_THROUGH.has(name) || FLATTENING.has(name) || VALUE_OPERATORS.has(name)) return { tag: 'rxOperator', name, args: values };
  invokeCallbacks(ctx, args);
  return UNKNOWN;
}

/** `combineLatest([a$, b$])`, `combineLatest(a$, b$)` or `combineLatest({ a: a$ })`: the first values together. */
function combineLatest(values: Value[]): ObservableValue {
  const named = values.length === 1 && hasTag(values[0], 'object') ? values[0] : undefined;
  if (named) {
    if (named.open) return notKnown();
    const combined = newObject();
    let known = true;
    named.props.forEach((member, key) => {
      const source = member.value;
      if (hasTag(source, 'observable') && source.known) combined.props.set(key, { ...member, value: source.first });
      else known = false;
    });
    return known ? emitting(combined) : notKnown();
  }
  const sources = values.length === 1 && hasTag(values[0], 'array') ? values[0].items : values;
  const firsts: Value[] = [];
  for (const source of sources) {
    if (!hasTag(source, 'observable') || !source.known) return notKnown();
    firsts.push(source.first);
  }
  return emitting({ tag: 'array', items: firsts });
}

/** A method of a stream: `pipe`, `subscribe`, a subject's `next` and `getValue`. */
export function callObservableMethod(ctx: Extraction, callNode: ts.Node, stream: ObservableValue, name: string, args: Arg[]): Value {
  switch (name) {
    case 'pipe': {
      let piped: ObservableValue = stream;
      for (const arg of args) piped = hasTag(arg.value, 'rxOperator') ? applyOperator(ctx, callNode, piped, arg.value) : notKnown();
      return piped;
    }
    case 'subscribe': {
      const observer = args[0]?.value;
      const next = hasTag(observer, 'object') ? observer.props.get('next')?.value : observer;
      if (!hasTag(next, 'function')) return UNKNOWN;
      if (stream.known) callValue(ctx, callNode, next, [{ value: stream.first }]);
      else invokeCallbacks(ctx, [{ value: next }]);
      return UNKNOWN;
    }
    case 'next': {
      const { first, known } = stream;
      // Inside a user-event handler, what it sets is undone (userEvents.ts).
      noteOverwrite(ctx, known ? first : undefined, () => Object.assign(stream, { first, known }));
      stream.first = args[0]?.value;
      stream.known = true;
      return undefined;
    }
    case 'getValue':
      return stream.first;
    case 'asObservable':
      return stream;
    default:
      invokeCallbacks(ctx, args);
      return UNKNOWN;
  }
}

/** `subject.value`, as `getValue()`. */
export function observableMember(stream: ObservableValue, name: string): Value {
  return name === 'value' ? stream.first : UNKNOWN;
}

/** The stream an operator makes of its source, as far as its first value goes. */
function applyOperator(ctx: Extraction, callNode: ts.Node, source: ObservableValue, operator: RxOperatorValue): ObservableValue {
  const [argument] = operator.args;
  const apply = (): Value => (hasTag(argument, 'function') ? callValue(ctx, callNode, argument, [{ value: source.first }, { value: 0 }]) : UNKNOWN);
  if (operator.name === 'startWith') return emitting(argument);
  if (PASS_THROUGH.has(operator.name)) return source;
  if (!source.known) {
    // The function still runs once, on a value not known.
    apply();
    return notKnown();
  }
  switch (operator.name) {
    case 'map':
      return emitting(apply());
    case 'tap':
      apply();
      return source;
    case 'pluck':
      return emitting(operator.args.reduce((value: Value, key) => (typeof key === 'string' || typeof key === 'number' ? getMember(value, key) : UNKNOWN), source.first));
    case 'filter': {
      const kept = truthiness(apply());
      // A first value the filter drops leaves later ones, which are not known.
      return kept === true ? source : notKnown();
    }
    default: {
      // switchMap and its kin: the stream the function returns, when it is one.
      const inner = apply();
      return hasTag(inner, 'observable') ? inner : notKnown();
    }
  }
}
