/** Weight initializers as written: a string name, or `tf.initializers.x({...})` with its arguments. */
import type ts from 'typescript';
import type { InitializerIR } from '../ir';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { hasTag, isTagged, type InitializerValue, type Member } from './values';

export function createInitializer(ctx: Extraction, callNode: ts.Node, name: string, args: Arg[]): InitializerValue {
  const ir: InitializerIR = { name, args: {}, argSpans: {}, span: ctx.spanOf(callNode), form: 'call', unresolved: [] };
  const config = args[0]?.value;
  if (hasTag(config, 'object')) {
    config.props.forEach((member, key) => {
      if (!member.foreign) ir.argSpans[key] = member.valueSpan;
      if (typeof member.value === 'number' || typeof member.value === 'string') ir.args[key] = member.value;
      else if (isTagged(member.value) || member.value === undefined) ir.unresolved.push(key);
    });
  } else if (config !== undefined) {
    ir.unresolved.push('config');
  }
  return { tag: 'initializer', ir };
}

/** The initializer of a layer config property; undefined (and the key unresolved) when unknown. */
export function initializerFromMember(member: Member): InitializerIR | undefined {
  const value = member.value;
  if (typeof value === 'string') {
    return { name: value, args: {}, argSpans: {}, span: member.valueSpan, form: 'string', unresolved: [] };
  }
  if (hasTag(value, 'initializer')) return cloneInitializer(value.ir);
  return undefined;
}

export function cloneInitializer(ir: InitializerIR): InitializerIR {
  return { ...ir, args: { ...ir.args }, argSpans: { ...ir.argSpans }, unresolved: [...ir.unresolved] };
}
