/**
 * `tf.layers.x(config)`: a layer value with its kind, its resolved config and the source range
 * of every property, so rules can point at `activation: 'sigmoid'` and fixes can rewrite it.
 */
import type ts from 'typescript';
import type { LayerIR } from '../ir';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { initializerFromMember } from './initializerValues';
import { LAYER_SPECS, WRAPPERS, type LayerSpec } from './layerKinds';
import { asShape, hasTag, type LayerProto, type LayerValue, type ObjectValue, type Value } from './values';

export function createLayer(ctx: Extraction, callNode: ts.Node, factory: string, args: Arg[]): LayerValue {
  ctx.effects++;
  const config = args[0]?.value;
  if (WRAPPERS.has(factory)) return createWrapper(ctx, callNode, factory as 'bidirectional' | 'timeDistributed', config);
  const spec = LAYER_SPECS[factory];
  const proto = newProto(ctx, callNode, factory, spec?.kind ?? 'opaque');
  if (!spec) {
    proto.ir.notes.push(`tf.layers.${factory} is not modelled: treated as passing gradients through unchanged`);
  }
  if (hasTag(config, 'object')) readConfig(proto, config, spec ?? { kind: 'opaque' });
  else if (config !== undefined) proto.ir.unresolved.push('config');
  return { tag: 'layer', proto };
}

export function newProto(ctx: Extraction, node: ts.Node, factory: string, kind: LayerIR['kind']): LayerProto {
  return { ir: { kind, factory, span: ctx.spanOf(node), props: {}, unresolved: [], notes: [] } };
}

/** An opaque layer for an expression that should be a layer but could not be resolved. */
export function opaqueLayer(ctx: Extraction, node: ts.Node, why: string): LayerValue {
  const text = ctx.textOf(node);
  const proto = newProto(ctx, node, text.length > 40 ? `${text.slice(0, 37)}...` : text, 'opaque');
  proto.ir.notes.push(why);
  return { tag: 'layer', proto };
}

/** bidirectional/timeDistributed: the wrapped layer, marked as wrapped, reported at the wrapper call. */
function createWrapper(ctx: Extraction, callNode: ts.Node, wrapper: 'bidirectional' | 'timeDistributed', config: Value): LayerValue {
  const inner = hasTag(config, 'object') ? config.props.get('layer')?.value : undefined;
  if (!hasTag(inner, 'layer')) {
    const proto = newProto(ctx, callNode, wrapper, 'opaque');
    proto.ir.notes.push(`the layer wrapped by ${wrapper} could not be resolved: treated as passing gradients through unchanged`);
    return { tag: 'layer', proto };
  }
  const ir = inner.proto.ir;
  const proto: LayerProto = {
    explicitName: inner.proto.explicitName,
    ir: { ...ir, props: { ...ir.props }, unresolved: [...ir.unresolved], notes: [...ir.notes], span: ctx.spanOf(callNode), wrapper },
  };
  if (hasTag(config, 'object')) {
    // The wrapper's own config carries the input shape and name in tfjs examples.
    const shapeAndName = new Map([...config.props].filter(([key]) => key === 'inputShape' || key === 'batchInputShape' || key === 'name'));
    readConfig(proto, { tag: 'object', props: shapeAndName }, { kind: ir.kind });
  }
  return { tag: 'layer', proto };
}

function readConfig(proto: LayerProto, config: ObjectValue, spec: LayerSpec): void {
  const ir = proto.ir;
  if (config.span && !ir.wrapper && ![...config.props.values()].some((m) => m.foreign)) ir.configSpan = config.span;
  const foreign: string[] = [];
  for (const [key, member] of config.props) {
    if (member.foreign) foreign.push(key);
    else ir.props[key] = { span: member.span, valueSpan: member.valueSpan };
  }
  if (foreign.length > 0) ir.notes.push(`${foreign.join(', ')} written in another file: no source range in this file`);
  const unresolved = (key: string) => {
    if (!ir.unresolved.includes(key)) ir.unresolved.push(key);
  };
  const number = (key: string): number | undefined => {
    const member = config.props.get(key);
    if (!member) return undefined;
    if (typeof member.value === 'number') return member.value;
    unresolved(key);
    return undefined;
  };
  const string = (key: string): string | undefined => {
    const member = config.props.get(key);
    if (!member) return undefined;
    if (typeof member.value === 'string') return member.value;
    unresolved(key);
    return undefined;
  };
  const boolean = (key: string): boolean | undefined => {
    const member = config.props.get(key);
    if (!member) return undefined;
    if (typeof member.value === 'boolean') return member.value;
    unresolved(key);
    return undefined;
  };
  const initializer = (key: string) => {
    const member = config.props.get(key);
    if (!member) return undefined;
    const value = initializerFromMember(member);
    if (!value) unresolved(key);
    return value;
  };

  if (spec.unitsKey) ir.units = number(spec.unitsKey);
  if (spec.kernelDims) ir.kernelSize = kernelSize(config, spec.kernelDims, unresolved);
  if (config.props.has('activation')) ir.activation = string('activation');
  if (config.props.has('recurrentActivation')) ir.recurrentActivation = string('recurrentActivation');
  if (spec.kernelKey) ir.kernelInitializer = initializer(spec.kernelKey);
  if (config.props.has('recurrentInitializer')) ir.recurrentInitializer = initializer('recurrentInitializer');
  if (config.props.has('biasInitializer')) ir.biasInitializer = initializer('biasInitializer');
  if (config.props.has('useBias')) ir.useBias = boolean('useBias');
  if (config.props.has('rate')) ir.rate = number('rate');
  if (config.props.has('alpha')) ir.alpha = number('alpha');
  if (config.props.has('returnSequences')) ir.returnSequences = boolean('returnSequences');
  if (spec.kind === 'embedding' && config.props.has('inputDim')) ir.inputDim = number('inputDim');
  if (config.props.has('name')) proto.explicitName = string('name');
  readInputShape(ir, config, unresolved);
}

function kernelSize(config: ObjectValue, dims: number, unresolved: (key: string) => void): number[] | undefined {
  const member = config.props.get('kernelSize');
  if (!member) return undefined;
  if (typeof member.value === 'number') return new Array<number>(dims).fill(member.value);
  const shape = asShape(member.value);
  if (shape && shape.every((d) => typeof d === 'number')) return shape as number[];
  unresolved('kernelSize');
  return undefined;
}

/** inputShape as written; batchInputShape without its batch dimension; embedding `inputLength` as timesteps. */
function readInputShape(ir: LayerProto['ir'], config: ObjectValue, unresolved: (key: string) => void): void {
  const inputShape = config.props.get('inputShape');
  const batchInputShape = config.props.get('batchInputShape');
  if (inputShape) {
    const shape = typeof inputShape.value === 'number' ? [inputShape.value] : asShape(inputShape.value);
    if (shape) ir.inputShape = shape;
    else unresolved('inputShape');
  } else if (batchInputShape) {
    const shape = asShape(batchInputShape.value);
    if (shape && shape.length > 0) ir.inputShape = shape.slice(1);
    else unresolved('batchInputShape');
  } else if (ir.kind === 'embedding' && config.props.has('inputLength')) {
    const length = config.props.get('inputLength')?.value;
    if (typeof length === 'number') ir.inputShape = [length];
    else unresolved('inputLength');
  }
}
