/**
 * Weight initializers as written: a string name, `tf.initializers.x({...})` with its arguments, or
 * the serialized form Keras exports, `{ className: 'VarianceScaling', config: {...} }`.
 */
import type ts from 'typescript';
import type { InitializerIR, Span } from '../ir';
import { initializerIdentifier } from '../tfjs/initializers';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { invoke } from './functions';
import { UNKNOWN, hasTag, isTagged, type InitializerValue, type Member, type Value } from './values';

export function createInitializer(ctx: Extraction, callNode: ts.Node, name: string, args: Arg[]): InitializerValue {
  return { tag: 'initializer', ir: configuredInitializer(name, args[0]?.value, ctx.spanOf(callNode)) };
}

/** An initializer and the config it is given (the factory's argument, or a serialized form's `config`). */
function configuredInitializer(name: string, config: Value, span: Span): InitializerIR {
  const ir: InitializerIR = { name, args: {}, argSpans: {}, span, form: 'call', unresolved: [] };
  if (hasTag(config, 'object')) {
    config.props.forEach((member, key) => {
      if (!member.foreign) ir.argSpans[key] = member.valueSpan;
      if (typeof member.value === 'number' || typeof member.value === 'string') ir.args[key] = member.value;
      else if (isTagged(member.value) || member.value === undefined) ir.unresolved.push(key);
    });
  } else if (config !== undefined) {
    ir.unresolved.push('config');
  }
  return ir;
}

/** The initializer of a layer config property; undefined (and the key unresolved) when unknown. */
export function initializerFromMember(member: Member): InitializerIR | undefined {
  const value = member.value;
  if (typeof value === 'string') {
    return { name: initializerIdentifier(value), args: {}, argSpans: {}, span: member.valueSpan, form: 'string', unresolved: [] };
  }
  if (hasTag(value, 'initializer')) return cloneInitializer(value.ir);
  // tfjs's getInitializer deserializes any other object by its className, with `config` as the factory's argument.
  if (hasTag(value, 'object')) {
    const className = value.props.get('className')?.value;
    if (typeof className === 'string') return configuredInitializer(initializerIdentifier(className), value.props.get('config')?.value, member.valueSpan);
  }
  return undefined;
}

export function cloneInitializer(ir: InitializerIR): InitializerIR {
  return { ...ir, args: { ...ir.args }, argSpans: { ...ir.argSpans }, unresolved: [...ir.unresolved] };
}

/**
 * `new GaussianKernel(1)` of a class extending tfjs's Initializer: tfjs calls its `apply(shape,
 * dtype)` for every weight, so it is the initializer of the random tensor apply() returns
 * (`tf.randomNormal(shape, 0, this.stddev)`); undefined when apply() draws nothing the engine reads.
 * The fix replaces the whole `new ...` (the arguments inside apply() are every layer's).
 */
export function initializerDrawnBy(ctx: Extraction, className: string | undefined, apply: Value | undefined, callNode: ts.Node | undefined): InitializerValue | undefined {
  if (!hasTag(apply, 'function') || !callNode) return undefined;
  const drawn = invoke(ctx, apply, [{ value: UNKNOWN }, { value: UNKNOWN }], callNode);
  if (!hasTag(drawn, 'tensor') || !drawn.init) return undefined;
  return { tag: 'initializer', ir: { ...cloneInitializer(drawn.init), argSpans: {}, span: ctx.spanOf(callNode), drawnBy: className ?? 'custom initializer' } };
}
