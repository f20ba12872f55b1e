/**
 * `tf.layers.x(config)`: a layer value with its kind, its resolved config and the source range
 * of every property, so rules can point at `activation: 'sigmoid'` and fixes can rewrite it.
 */
import type ts from 'typescript';
import type { InitializerIR, LayerIR, ModelIR } from '../ir';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { initializerFromMember } from './initializerValues';
import { LAYER_SPECS, WRAPPERS, type LayerSpec } from './layerKinds';
import { newLayerIR } from './finalize';
import { isRecurrentKind } from '../tfjs/layers';
import { asShape, hasTag, inputShapeOf, isTagged, newObject, propIR, type ArrayValue, type LayerProto, type LayerValue, type Member, type ObjectValue, type Value } from './values';
import { ownEntry } from '../ownEntry';

/** What an opaque layer means for the analysis, appended to each opaque layer's note. */
export const OPAQUE_MEANING = 'the flow passes signal and gradient through it unchanged, and no gradient verdict is taken across it';

export function createLayer(ctx: Extraction, callNode: ts.Node, factory: string, args: Arg[]): LayerValue | ArrayValue {
  ctx.effects++;
  const config = args[0]?.value;
  if (WRAPPERS.has(factory)) return createWrapper(ctx, callNode, factory as 'bidirectional' | 'timeDistributed', config);
  if (factory === 'rnn') return createRnn(ctx, callNode, config);
  const stacked = factory === 'stackedRNNCells' ? stackedCells(config) : undefined;
  if (stacked) return stacked;
  const spec = ownEntry(LAYER_SPECS, factory);
  const proto = newProto(ctx, callNode, factory, spec?.kind ?? 'opaque');
  if (!spec) {
    proto.ir.notes.push(`tf.layers.${factory} is not modelled: ${OPAQUE_MEANING}`);
  }
  if (hasTag(config, 'object')) readConfig(proto, config, spec ?? { kind: 'opaque' });
  else if (config !== undefined) {
    proto.ir.unresolved.push('config');
    // A config the interpreter cannot see (`dense(cfg)` with cfg parsed at run time) may set any key.
    if (isTagged(config)) readConfig(proto, { ...newObject(), open: true }, spec ?? { kind: 'opaque' });
    const value = positionalValue(config);
    const node = args[0].node;
    if (value !== undefined && node) proto.ir.positionalArgument = { span: ctx.spanOf(node), value };
  }
  if (ctx.inMainFile && !ctx.forced) noteConstructed(ctx, proto);
  return { tag: 'layer', proto };
}

/** Layers kept per call for FileIR.unplacedLayers; a call in a loop makes many alike. */
const CONSTRUCTED_PER_CALL = 4;

/** The first run walks every branch: the layers it constructs are all the file constructs. */
function noteConstructed(ctx: Extraction, proto: LayerProto): void {
  const start = proto.ir.span.start;
  const made = ctx.constructedLayers.get(start);
  if (!made) ctx.constructedLayers.set(start, [proto]);
  else if (made.length < CONSTRUCTED_PER_CALL) made.push(proto);
}

/** FileIR.unplacedLayers: the layers `ctx` saw constructed that none of `models` holds, named as written. */
export function unplacedLayers(ctx: Extraction, models: readonly ModelIR[]): LayerIR[] {
  if (ctx.constructedLayers.size === 0) return [];
  const placed = new Set<number>();
  for (const model of models) for (const layer of model.layers) placed.add(layer.span.start);
  const unplaced: LayerIR[] = [];
  for (const [start, protos] of ctx.constructedLayers) {
    if (placed.has(start)) continue;
    for (const proto of protos) unplaced.push({ ...proto.ir, name: proto.explicitName ?? `tf.layers.${proto.ir.factory}` });
  }
  return unplaced;
}

/** A number, string or array of them, as code (what a Keras port passes positionally); else undefined. */
function positionalValue(value: Value): string | undefined {
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  if (hasTag(value, 'array') && value.items.every((item) => typeof item === 'number' || typeof item === 'string')) {
    return `[${value.items.map((item) => JSON.stringify(item)).join(', ')}]`;
  }
  return undefined;
}

export function newProto(ctx: Extraction, node: ts.Node, factory: string, kind: LayerIR['kind']): LayerProto {
  return { ir: newLayerIR(kind, factory, ctx.spanOf(node), []) };
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
    proto.ir.notes.push(`the layer wrapped by ${wrapper} could not be resolved: ${OPAQUE_MEANING}`);
    return { tag: 'layer', proto };
  }
  const ir = inner.proto.ir;
  const proto: LayerProto = {
    explicitName: inner.proto.explicitName,
    ir: { ...ir, props: { ...ir.props }, unresolved: [...ir.unresolved], notes: [...ir.notes], span: ctx.spanOf(callNode), wrapper },
  };
  if (hasTag(config, 'object')) {
    // The wrapper's own config carries the input shape and name in tfjs examples.
    const shapeAndName = config.props.filter((key) => key === 'inputShape' || key === 'batchInputShape' || key === 'name');
    readConfig(proto, { tag: 'object', props: shapeAndName }, { kind: ir.kind });
  }
  return { tag: 'layer', proto };
}

/**
 * `tf.layers.stackedRNNCells({cells})` is, for tf.layers.rnn, the same as passing the cells as an
 * array: it stands for that array. Cells that are not all known recurrent cells leave it a layer
 * that is not modelled (opaque).
 */
function stackedCells(config: Value): ArrayValue | undefined {
  const cells = hasTag(config, 'object') ? config.props.get('cells')?.value : undefined;
  if (!hasTag(cells, 'array') || cells.items.length === 0) return undefined;
  return cells.items.every((cell) => hasTag(cell, 'layer') && isRecurrentKind(cell.proto.ir.kind)) ? cells : undefined;
}

/**
 * `tf.layers.rnn({cell})`: the cell as a recurrent layer (its properties keep their ranges in the
 * cell's config); stacked cells `[lstmCell, lstmCell]` become a chain of recurrent layers, the
 * inner ones returning sequences, as tfjs runs each time step through every cell in turn.
 */
function createRnn(ctx: Extraction, callNode: ts.Node, config: Value): LayerValue {
  const cell = hasTag(config, 'object') ? config.props.get('cell')?.value : undefined;
  const cells = hasTag(cell, 'array') ? cell.items : [cell];
  const layers: LayerValue[] = [];
  for (const item of cells) {
    if (!hasTag(item, 'layer') || !isRecurrentKind(item.proto.ir.kind)) {
      const proto = newProto(ctx, callNode, 'rnn', 'opaque');
      proto.ir.notes.push(`the cell of tf.layers.rnn could not be resolved: ${OPAQUE_MEANING}`);
      return { tag: 'layer', proto };
    }
    const ir = item.proto.ir;
    const notes = [...ir.notes, cells.length > 1 ? `cell ${layers.length + 1} of ${cells.length} stacked in tf.layers.rnn` : 'the cell of tf.layers.rnn'];
    // Reported at the rnn call, so a layer inserted after it goes after the whole rnn, not into its cell list.
    const proto: LayerProto = { explicitName: item.proto.explicitName, ir: { ...ir, props: { ...ir.props }, unresolved: [...ir.unresolved], notes, factory: 'rnn', span: ctx.spanOf(callNode) } };
    if (layers.length < cells.length - 1) proto.ir.returnSequences = true;
    layers.push({ tag: 'layer', proto });
  }
  if (hasTag(config, 'object')) {
    // The rnn's own config: the input shape belongs to the first cell, returnSequences and name to the last.
    const pick = (keys: string[]): ObjectValue => ({ tag: 'object', props: config.props.filter((key) => keys.includes(key)) });
    const first = layers[0].proto;
    const last = layers[layers.length - 1].proto;
    readConfig(first, pick(['inputShape', 'batchInputShape']), { kind: first.ir.kind });
    readConfig(last, pick(['returnSequences', 'returnState', 'name']), { kind: last.ir.kind });
  }
  const [head, ...rest] = layers;
  if (rest.length > 0) head.stacked = rest;
  return head;
}

function readConfig(proto: LayerProto, config: ObjectValue, spec: LayerSpec): void {
  const ir = proto.ir;
  let foreign: string[] | undefined;
  config.props.forEach((member, key) => {
    if (member.foreign) (foreign ??= []).push(key);
    else ir.props[key] = propIR(member);
  });
  if (config.span && !ir.wrapper && !foreign) ir.configSpan = config.span;
  if (foreign) ir.notes.push(`${foreign.join(', ')} written in another file: no source range in this file`);
  const read = new ConfigReader(ir, config);
  const props = config.props;
  if (spec.unitsKey) ir.units = read.number(spec.unitsKey);
  readGeometry(ir, read, spec, props);
  if (props.has('activation')) ir.activation = read.string('activation');
  if (props.has('recurrentActivation')) ir.recurrentActivation = read.string('recurrentActivation');
  props.forEach((member, key) => {
    const value = member.value;
    if (typeof value === 'string' && (key.endsWith('Regularizer') || key.endsWith('Constraint'))) (ir.namedStrings ??= {})[key] = value;
    if (hasTag(value, 'regularizer') && value.positional && !member.foreign) (ir.regularizerArguments ??= {})[key] = { factory: value.factory, ...value.positional };
  });
  if (spec.kernelKey) ir.kernelInitializer = read.initializer(spec.kernelKey);
  if (props.has('recurrentInitializer')) ir.recurrentInitializer = read.initializer('recurrentInitializer');
  if (props.has('biasInitializer')) ir.biasInitializer = read.initializer('biasInitializer');
  if (props.has('useBias')) ir.useBias = read.boolean('useBias');
  if (props.has('trainable') && read.boolean('trainable') === false) ir.frozen = true;
  if (props.has('rate')) ir.rate = read.number('rate');
  if (props.has('alpha')) ir.alpha = read.number('alpha');
  if (props.has('returnSequences')) ir.returnSequences = read.boolean('returnSequences');
  if (props.has('returnState')) proto.returnState = read.boolean('returnState');
  if (spec.kind === 'embedding' && props.has('inputDim')) ir.inputDim = read.number('inputDim');
  if (props.has('name')) proto.explicitName = read.string('name');
  read.inputShape();
  if (config.open) markUnseenKeys(read, spec, props);
}

/**
 * An open config (`{ ...options, units: 10 }` with options not known) may hold any key it does not
 * show: the keys that decide the gradient flow are unresolved then, not taken at tfjs's defaults.
 */
function markUnseenKeys(read: ConfigReader, spec: LayerSpec, props: ObjectValue['props']): void {
  const keys: string[] = [];
  if (spec.unitsKey) keys.push(spec.unitsKey);
  if (spec.kernelKey) keys.push(spec.kernelKey, 'activation');
  if (isRecurrentKind(spec.kind)) keys.push('recurrentActivation', 'recurrentInitializer');
  if (spec.kind === 'activation') keys.push('activation');
  if (windowDims(spec)) keys.push('strides', 'padding');
  if (spec.kernelDims) keys.push('kernelSize', 'dilationRate');
  if (spec.pool && !spec.pool.global) keys.push('poolSize');
  for (const key of keys) if (!props.has(key)) read.unresolved(key);
}

/** Spatial axes of the layer's sliding window (a convolution's kernel or a pooling window), if it has one. */
function windowDims(spec: LayerSpec): number | undefined {
  return spec.kernelDims ?? spec.pool?.dims;
}

/** Strides, padding, dilation, pool and upsampling sizes, reshape's target: the shapes tfjs computes. */
function readGeometry(ir: LayerIR, read: ConfigReader, spec: LayerSpec, props: ObjectValue['props']): void {
  const dims = windowDims(spec);
  if (spec.kernelDims) ir.kernelSize = read.spatial('kernelSize', spec.kernelDims);
  if (spec.pool) {
    ir.pooling = { mode: spec.pool.mode, global: spec.pool.global };
    if (!spec.pool.global && props.has('poolSize')) ir.poolSize = read.spatial('poolSize', spec.pool.dims);
  }
  if (dims && props.has('strides')) ir.strides = read.spatial('strides', dims);
  if (dims && props.has('padding')) ir.padding = read.string('padding');
  if (spec.kernelDims && props.has('dilationRate')) ir.dilationRate = read.spatial('dilationRate', spec.kernelDims);
  if (spec.kind === 'upSampling') {
    if (props.has('size')) ir.size = read.spatial('size', 2);
    if (props.has('interpolation')) ir.interpolation = read.string('interpolation');
  }
  if (spec.kind === 'reshape' && props.has('targetShape')) ir.targetShape = read.spatial('targetShape', 1, false);
  if (ir.factory.split('.').pop() === 'permute' && props.has('dims')) ir.permuteDims = read.spatial('dims', 1, false);
  if (props.has('dataFormat') && read.string('dataFormat') === 'channelsFirst') ir.dataFormat = 'channelsFirst';
}

/** Reads typed values from a layer config; a key whose value is not a constant of its type is unresolved. */
class ConfigReader {
  constructor(
    private readonly ir: LayerIR,
    private readonly config: ObjectValue,
  ) {}

  unresolved(key: string): void {
    if (!this.ir.unresolved.includes(key)) this.ir.unresolved.push(key);
  }

  number(key: string): number | undefined {
    const member = this.config.props.get(key);
    if (!member) return undefined;
    if (typeof member.value === 'number') return member.value;
    this.unresolved(key);
    return undefined;
  }

  /**
   * The member of `key` unless its value is undefined (`activation: spec.activation` of a spec
   * without one): tfjs reads that as not given, so its default applies, as for an absent key.
   */
  private given(key: string): Member | undefined {
    const member = this.config.props.get(key);
    return member && member.value !== undefined ? member : undefined;
  }

  string(key: string): string | undefined {
    const member = this.given(key);
    if (!member) return undefined;
    if (typeof member.value === 'string') return member.value;
    this.unresolved(key);
    return undefined;
  }

  boolean(key: string): boolean | undefined {
    const member = this.given(key);
    if (!member) return undefined;
    if (typeof member.value === 'boolean') return member.value;
    this.unresolved(key);
    return undefined;
  }

  initializer(key: string): InitializerIR | undefined {
    const member = this.given(key);
    if (!member) return undefined;
    const value = initializerFromMember(member);
    if (!value) this.unresolved(key);
    return value;
  }

  /** A size per spatial axis: a number (repeated `dims` times when `repeat`) or an array of numbers. */
  spatial(key: string, dims: number, repeat = true): number[] | undefined {
    const member = this.config.props.get(key);
    if (!member) return undefined;
    if (typeof member.value === 'number') return repeat ? new Array<number>(dims).fill(member.value) : [member.value];
    const shape = asShape(member.value);
    if (shape && shape.every((d) => typeof d === 'number')) return shape as number[];
    this.unresolved(key);
    return undefined;
  }

  /** inputShape as written, an entry not known statically null (and the key unresolved); batchInputShape without its batch dimension; embedding `inputLength` as timesteps; dense `inputDim`. */
  inputShape(): void {
    const { ir, config } = this;
    const inputShape = config.props.get('inputShape');
    const batchInputShape = config.props.get('batchInputShape');
    if (inputShape) {
      const shape = typeof inputShape.value === 'number' ? { dims: [inputShape.value], complete: true } : inputShapeOf(inputShape.value);
      if (shape) ir.inputShape = shape.dims;
      if (!shape?.complete) this.unresolved('inputShape');
    } else if (batchInputShape) {
      const shape = inputShapeOf(batchInputShape.value);
      if (shape && shape.dims.length > 0) ir.inputShape = shape.dims.slice(1);
      if (!shape?.complete || shape.dims.length === 0) this.unresolved('batchInputShape');
    } else if (ir.kind === 'embedding' && config.props.has('inputLength')) {
      const length = config.props.get('inputLength')?.value;
      if (typeof length === 'number') ir.inputShape = [length];
      else this.unresolved('inputLength');
    } else if (ir.factory.split('.').pop() === 'dense' && config.props.has('inputDim')) {
      // Keras' `Dense(units, input_dim=n)`: tfjs's dense reads `inputDim` as an inputShape of [n] (tfjs-layers core.js).
      const inputDim = config.props.get('inputDim')?.value;
      if (typeof inputDim === 'number') ir.inputShape = [inputDim];
      else this.unresolved('inputDim');
    }
  }
}
