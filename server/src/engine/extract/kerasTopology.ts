/**
 * `tf.models.modelFromJSON(topology)` with the topology written in the code, as Keras exports it:
 * `{ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 64,
 * kernel_initializer: { class_name: 'VarianceScaling', config: { mode: 'fan_avg' } } } }] } }`.
 * Built as tfjs builds it (tfjs-layers models.ts modelFromJSON, serialization_utils.ts
 * convertPythonicToTs): keys and string values from snake_case to camelCase (`mode: 'fanAvg'`), a
 * `name` string as written, each layer made by its class's factory, an InputLayer's shape given
 * to the layer after it. Sequential topologies only: a functional one (inbound nodes) is not read,
 * and one with weights (`weightsManifest`) is a trained model, not one being built.
 */
import type ts from 'typescript';
import { ancestorsOf } from './ancestors';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { createLayer } from './layerCalls';
import { createSequential } from './models';
import { ownEntry } from '../ownEntry';
import { UNKNOWN, copyObject, hasTag, newObject, type ObjectValue, type Value } from './values';

/** Keras class names whose tfjs factory is not the name with its first letter lowered and `2D` as `2d`. */
const FACTORY_EXCEPTIONS: Readonly<Record<string, string>> = {
  GRU: 'gru',
  LSTM: 'lstm',
  RNN: 'rnn',
  ELU: 'elu',
  PReLU: 'prelu',
  GRUCell: 'gruCell',
  LSTMCell: 'lstmCell',
  ConvLSTM2D: 'convLstm2d',
  ConvLSTM2DCell: 'convLstm2dCell',
  Cropping2D: 'cropping2D',
};

export function modelFromJson(ctx: Extraction, callNode: ts.CallExpression, args: Arg[]): Value {
  const given = args[0]?.value;
  if (!hasTag(given, 'object') || given.props.has('weightsManifest')) return UNKNOWN;
  let topology = given.props.get('modelTopology')?.value ?? given;
  if (hasTag(topology, 'object')) topology = topology.props.get('model_config')?.value ?? topology;
  const model = pythonicToTs(topology);
  if (!hasTag(model, 'object') || model.props.get('className')?.value !== 'Sequential') return UNKNOWN;
  const config = model.props.get('config')?.value;
  const entries = hasTag(config, 'array') ? config : hasTag(config, 'object') ? config.props.get('layers')?.value : undefined;
  if (!hasTag(entries, 'array')) return UNKNOWN;
  const layers: Value[] = [];
  let inputShape: ObjectValue | undefined;
  for (const entry of entries.items) {
    if (hasTag(entry, 'object') && entry.props.get('className')?.value === 'InputLayer') {
      // Its shape goes to the next layer, as `inputShape` would.
      const layerConfig = entry.props.get('config')?.value;
      if (hasTag(layerConfig, 'object')) inputShape = layerConfig;
      continue;
    }
    layers.push(hasTag(entry, 'object') ? layerOf(ctx, callNode, entry, layers.length === 0 ? inputShape : undefined) : UNKNOWN);
  }
  const at = ctx.spanOf(callNode);
  const sequentialConfig = newObject();
  sequentialConfig.props.set('layers', { value: { tag: 'array', items: layers, lengthKnown: true }, span: at, valueSpan: at });
  return createSequential(ctx, callNode, [{ value: sequentialConfig }], { kind: 'topology' });
}

/** `{ className: 'Dense', config }` as the layer tfjs deserializes; the first layer takes an InputLayer's shape. */
function layerOf(ctx: Extraction, callNode: ts.CallExpression, entry: ObjectValue, input: ObjectValue | undefined): Value {
  const className = entry.props.get('className')?.value;
  const config = entry.props.get('config')?.value;
  if (typeof className !== 'string' || !hasTag(config, 'object')) return UNKNOWN;
  const layerConfig = copyObject(config);
  for (const key of ['batchInputShape', 'inputShape']) {
    const shape = input?.props.get(key);
    if (shape && !layerConfig.props.has(key)) layerConfig.props.set(key, shape);
  }
  // Bidirectional and TimeDistributed wrap a layer given in the same form.
  const wrapped = layerConfig.props.get('layer');
  if (wrapped && hasTag(wrapped.value, 'object')) layerConfig.props.set('layer', { ...wrapped, value: layerOf(ctx, callNode, wrapped.value, undefined) });
  // The class name is the user's string: only the table's own keys count (`'constructor'` is no exception).
  const factory = ownEntry(FACTORY_EXCEPTIONS, className) ?? className.charAt(0).toLowerCase() + className.slice(1).replace(/(\d)D/g, '$1d');
  return createLayer(ctx, writtenAt(ctx, entry) ?? callNode, factory, [{ value: layerConfig }]);
}

/** The object literal a layer entry was written as, in the analysed file: findings and fixes go there. */
function writtenAt(ctx: Extraction, entry: ObjectValue): ts.Node | undefined {
  if (!ctx.module.isMain || !entry.span) return undefined;
  const path = ancestorsOf(ctx.module.sourceFile, entry.span);
  return path?.[path.length - 1];
}

/** convertPythonicToTs: keys and strings in camelCase, but the string of a `name` key. */
function pythonicToTs(value: Value): Value {
  if (typeof value === 'string') return toCamelCase(value);
  if (hasTag(value, 'array')) return { ...value, items: value.items.map(pythonicToTs) };
  if (!hasTag(value, 'object')) return value;
  const converted: ObjectValue = { ...newObject(value.span), open: value.open };
  value.props.forEach((member, key) => {
    const asWritten = key === 'name' && typeof member.value === 'string';
    converted.props.set(asWritten ? key : toCamelCase(key), asWritten ? member : { ...member, value: pythonicToTs(member.value) });
  });
  return converted;
}

/** tfjs-layers generic_utils.ts toCamelCase. */
function toCamelCase(identifier: string): string {
  if (identifier.length <= 1 || !identifier.includes('_')) return identifier;
  return identifier.replace(/_+(\w|$)/g, (_, letter: string) => letter.toUpperCase());
}
