/**
 * The abstract values extraction computes while it walks a file. Extraction is a small symbolic
 * interpreter: numbers, strings, arrays and objects are evaluated where they are constant, and
 * tfjs objects (layers, models, optimizers, tensors, initializers) become values that carry the
 * source ranges the IR needs. Anything it cannot know is UNKNOWN, never a guess.
 */
import type ts from 'typescript';
import type {
  ClippingEvidenceIR,
  CompileConfigIR,
  InitializerIR,
  LayerIR,
  LossIR,
  ModelIR,
  OptimizerIR,
  PropIR,
  Span,
  TrainingCallIR,
} from '../ir';
import type { CallSite } from './callSites';
import { Properties } from './properties';
import type { Scope } from './scope';
import type { Undo } from './userEvents';

export interface UnknownValue {
  tag: 'unknown';
  /**
   * The largest value it can take, when a function that computes a number from unknown inputs
   * bounds it (a learning-rate schedule's peak, scheduleBound.ts); asked only where it matters.
   */
  bound?: () => number | undefined;
  /**
   * The decision that makes it one of known values in each variant run (a whitelist's key,
   * decisions.ts): a table read at it forks with that decision, not on its own.
   */
  pickedBy?: string;
  /**
   * Known to be a number: what `Math.min(...)`, `Number(...)` or `parseInt(...)` return of inputs
   * not known. `typeof` of it is 'number', so a deep merge's `isObject(value)` decides it.
   */
  number?: true;
}
export const UNKNOWN: UnknownValue = { tag: 'unknown' };
export const UNKNOWN_NUMBER: UnknownValue = { tag: 'unknown', number: true };

export type Primitive = number | string | boolean | null | undefined;

/** One property of an object value, with where it was written (for props, argSpans, fixes). */
export interface Member {
  value: Value;
  span: Span;
  valueSpan: Span;
  /** Written in another file: its spans point at the import, so no edit may use them. */
  foreign?: boolean;
  /** `{ activation }`: the name is the value, so an edit of the value must write `activation: ...`. */
  shorthand?: true;
  /** `set value(next) { ... }`: an assignment to the property runs it instead of replacing the member. */
  setter?: FunctionValue;
}

/** The IR of a config property: where it is written, for diagnostics and edits. */
export function propIR(member: Member): PropIR {
  return member.shorthand ? { span: member.span, valueSpan: member.valueSpan, shorthand: true } : { span: member.span, valueSpan: member.valueSpan };
}

export interface ObjectValue {
  tag: 'object';
  props: Properties;
  /** The object literal, when the object was written as one. */
  span?: Span;
  /**
   * Something not known statically was spread or assigned into it (`{ ...options, units: 10 }`):
   * keys it does not show may still exist, so a missing key is unknown, not absent.
   */
  open?: true;
  /** A module namespace that re-exports tfjs (ModuleContext.reExportsTfjs): a missing key is tfjs's. */
  tfjs?: true;
  /** The class of the file it is an instance of: its `constructor` (not an own member, so spreads do not copy it). */
  instanceOf?: ClassValue;
  /**
   * For an instance an importing file constructed (`new StudentTrainer()` in cli.ts), the call
   * sites it was made under: models its methods build when nothing calls them belong there.
   */
  constructedAt?: readonly CallSite[];
}

export interface ArrayValue {
  tag: 'array';
  items: Value[];
  /**
   * True when each item stands for exactly one element, as in an array literal without a spread of
   * unknown length (whose single UNKNOWN item stands for any number). Unset, the length is not
   * known, and a shape read from the array needs every entry known (inputShapeOf).
   */
  lengthKnown?: boolean;
  /**
   * The trainable weights of these models (`model.trainableWeights`), and lists made from them
   * (`.map((w) => w.read())`, `.concat(...)`): a gradient call given such a list trains only them.
   */
  weightsOf?: readonly ModelState[];
  /**
   * Written as a literal inside a pass that stands for many runs (context.ts `representative`,
   * a request handler's): that depth. What that same pass adds to it (a constructor's loop over
   * layer sizes) is counted; what a deeper pass adds is not.
   */
  madeInPass?: number;
  /** Members beside the items: a regular expression match's `index` and `groups`. */
  members?: Map<string, Value>;
  /**
   * The main file's array literal, without spreads, that made the array: where its items are
   * written (a list of compile losses kept in a config object). The items may have changed since.
   */
  literal?: ts.ArrayLiteralExpression;
  /**
   * Where the items were written, for a list made of a main-file object's members
   * (`Object.values(LOSS_BY_HEAD)`): each item's member (`emotion: 'categoricalCrossentropy'`)
   * and value span, and the items as they were then.
   */
  written?: { members: PropIR[]; items: Value[] };
}

/** Where a module's code lives: the main file, or a workspace file reached through an import. */
export interface ModuleContext {
  sourceFile: ts.SourceFile;
  fileName: string;
  isMain: boolean;
  /** For imported modules: the import in the main file that every span inside it maps to. */
  anchor: Span;
  scope: Scope;
  exports: Map<string, Value>;
  /** What `module.exports = ...` assigned, when it did. */
  commonJsExports?: Value;
  /** The module reads tfjs: it imports or requires it, or uses the script-tag global `tf` (globalTf.ts). */
  usesTfjs?: boolean;
  /** `export * from '@tensorflow/tfjs'` (a local `lib/tf.ts`): names the module does not export itself are tfjs's. */
  reExportsTfjs?: true;
}

export interface FunctionValue {
  tag: 'function';
  node: ts.FunctionLikeDeclaration;
  closure: Scope;
  module: ModuleContext;
  name?: string;
  nameSpan?: Span;
  thisValue?: Value;
  /** Arguments `bind` fixed (`dense.bind(null, heInit)`): passed before the call's own. */
  boundArgs?: Value[];
  /** A method of a derived class: the members `super.name(...)` calls in it (its base's, on the same instance). */
  superMembers?: Properties;
  /** Properties set on the function itself (`F.prototype.build = ...`, `F.defaults = {...}`): functionProperties. */
  properties?: ObjectValue;
  /** The `get` of a property `Object.defineProperty` defines: a read of the property runs it, as a `get` accessor's. */
  definedGetter?: true;
}

export interface ClassValue {
  tag: 'class';
  node: ts.ClassLikeDeclaration;
  closure: Scope;
  module: ModuleContext;
  name?: string;
  /** Static fields (`static LEARNING_RATE = 0.02`) as their initializers and later assignments set them. */
  statics: Map<string, Value>;
  /** The class of the file it extends, whose statics it inherits (`Fast.hiddenUnits` read from `Base`). */
  base?: ClassValue;
}

/** A reference into the tfjs namespace: `tf` is [], `tf.layers.dense` is ['layers', 'dense']. */
export interface TfRef {
  tag: 'tf';
  /** Read-only: references are shared (tfMember). */
  path: string[];
  /** The references to members read so far (tfMember). */
  members: Map<string, TfRef> | undefined;
}

/** A reference to the tfjs namespace (`path` []) or to a name imported from it. */
export function newTfRef(path: string[]): TfRef {
  return { tag: 'tf', path, members: undefined };
}

/**
 * `tf.<path>.<name>`: one reference per member, kept by its parent. Model code reads
 * `tf.layers.dense` and the like hundreds of times, and a new reference and path at each read
 * were a noticeable share of extraction's allocation. The cache lives as long as the root
 * reference, made per import in each run.
 */
export function tfMember(ref: TfRef, name: string): TfRef {
  const members = (ref.members ??= new Map());
  let member = members.get(name);
  if (!member) {
    member = newTfRef(extendPath(ref.path, name));
    members.set(name, member);
  }
  return member;
}

/**
 * The path of `tf.<path>.<name>`. Built at its exact size: a spread allocates room to grow and
 * `concat` is several times slower, and a path is built at every tfjs access.
 */
function extendPath(path: readonly string[], name: string): string[] {
  const extended = new Array<string>(path.length + 1);
  for (let i = 0; i < path.length; i++) extended[i] = path[i];
  extended[path.length] = name;
  return extended;
}

/** A regular expression (regularExpressions.ts). */
export interface RegExpValue {
  tag: 'regexp';
  source: string;
  flags: string;
  /** The pattern compiled by the linear-time engine; undefined when it refuses it. */
  linear: RegExp | undefined;
}

/** A symbol (symbols.ts): `key` is the key its members are stored under, equal for equal symbols. */
export interface SymbolValue {
  tag: 'symbol';
  key: string;
  description: string | undefined;
}

/** A JavaScript global the interpreter models (`Math.sqrt`, `Array.from`, ...). */
export interface BuiltinRef {
  tag: 'builtin';
  path: string;
  /**
   * Values a package function was made with (the functions Ramda's `pipe` chains, the slice and
   * reducer of a Redux Toolkit action creator): a call passes them before its own arguments.
   */
  bound?: Value[];
}

/** A layer object as created by its factory, before it is placed in a model. */
export interface LayerProto {
  /**
   * Its LayerIR, with every field from the start (newLayerIR); index, name, inputs, placement and
   * nestedOutputOf are filled in by the first placement in a model (finalize.ts).
   */
  ir: LayerIR;
  /** Set by that first placement: the notes the layer had before it (later placements copy from them). */
  unplacedNotes?: string[];
  /** `name` written in the config. */
  explicitName?: string;
  /** A recurrent layer's `returnState: true`: apply returns [output, ...states]. */
  returnState?: boolean;
}

export interface LayerValue {
  tag: 'layer';
  proto: LayerProto;
  /** The cells after the first of a stacked `tf.layers.rnn({cell: [...]})`: applied in order after it. */
  stacked?: LayerValue[];
  /** A custom layer's `call()` method, read through when the layer is applied (composition.ts). */
  readThrough?: FunctionValue;
  /** A custom layer's `build(inputShape)`, run once before call() is first read through: its addWeight calls make the weights call() uses. */
  buildThrough?: FunctionValue;
  /** Its application in a functional graph; null once applied again (a shared layer has no single `output`: modelParts.ts). */
  application?: GraphNode | null;
}

/** A node of a functional or core-API graph: one application of a layer. */
export interface GraphNode {
  seq: number;
  proto: LayerProto;
  inputs: GraphNode[];
  placement: 'apply' | 'core';
  /** The layer object applied (shared layers are applied more than once). */
  layer?: LayerValue;
  notes: string[];
  /** Core-API nodes: the model they belong to. */
  owner?: ModelState;
  /** A core-API first layer applied to a symbolic tensor (in a custom layer's call()): that tensor's node, where the layer is grafted (composition.ts). */
  rootInput?: GraphNode;
  /** The inlined model whose output this node is (LayerIR.nestedOutputOf). */
  nestedOutputOf?: string;
  /**
   * An application that reaches no symbolic input (a layer or model applied to concrete tensors,
   * as in a training step): no model graph can contain it.
   */
  detached?: true;
}

export interface TensorValue {
  tag: 'tensor';
  node?: GraphNode;
  /** Core API: the tensor is the raw output of a matMul/conv (plus bias), not yet activated. */
  preActivation?: boolean;
  /**
   * Core API: an op that may move or reshape the axes (`tf.reshape`, `transpose`, `sum`) ran since
   * the layer, so a softmax over the last axis is no longer over the layer's units.
   */
  axesMoved?: true;
  /** Random/constant tensors: how they were drawn (core-API weights). */
  init?: InitializerIR;
  shape?: (number | null)[];
  /** The output of a whole model (`model.predict(x)`, `model.apply(x)`), for the loss computed on it. */
  outputOf?: ModelState;
  /** Of a model with several outputs, which one (its position in `outputs`): `const [probs, mu] = vae.apply(x)`. */
  outputPosition?: number;
  /** Core API: a statistic of a core tensor on the way to normalizing it (coreNormalization.ts). */
  statisticOf?: { node: GraphNode; stat: 'mean' | 'variance' | 'sd' | 'inverseSd' | 'centred' };
}

export interface VariableValue {
  tag: 'variable';
  shape?: (number | null)[];
  init?: InitializerIR;
  /**
   * A weight computed element-wise from this variable (Bayes-by-backprop's `mu.add(softplus(rho).mul(eps))`,
   * a masked kernel): trainable through it, of its shape, its scale not known (coreApi.ts passThrough).
   */
  source?: VariableValue;
}

export interface OptimizerValue {
  tag: 'optimizer';
  ir: OptimizerIR;
  clipping: ClippingEvidenceIR[];
  /** The undo log of the user-event handler run that made it (userEvents.ts): a rate that run sets is its starting rate. */
  madeInHandler?: readonly Undo[];
  /**
   * The conditions the code that made it ran under (Extraction.conditions), when any: a rate set
   * under those same conditions, before any step, is still set on the path that made it (a worker's
   * `if (e.data.type === 'train')` handler that makes the optimizer, then sets its rate).
   */
  madeUnder?: readonly string[];
  /**
   * Objects that keep it as a member (`this.optimizer = ...` beside `this.net = ...` in a tower
   * class): a custom loop's `tower.optimizer.applyGradients(...)` trains that object's model.
   */
  holders?: ObjectValue[];
}

export interface InitializerValue {
  tag: 'initializer';
  ir: InitializerIR;
}

/**
 * `tf.regularizers.l1(...)`, `l2(...)` or `l1l2(...)`; `positional` is a number, string or boolean
 * passed where tfjs wants the config object (a Keras port's `l2(0.001)`), with its source range.
 */
export interface RegularizerValue {
  tag: 'regularizer';
  factory: string;
  positional?: { value: number | string | boolean; span: Span };
}

/** A placed sequential layer: the layer object plus how it was placed. */
export interface SequentialEntry {
  layer: LayerValue;
  placement: LayerIR['placement'];
  notes: string[];
  /** The inlined model whose output this layer is (LayerIR.nestedOutputOf). */
  nestedOutputOf?: string;
}

export interface TrainingState {
  optimizer?: OptimizerIR;
  calls: TrainingCallIR[];
  clipping: ClippingEvidenceIR[];
  losses: LossIR[];
  compile?: CompileConfigIR;
}

export function emptyTraining(): TrainingState {
  return { calls: [], clipping: [], losses: [] };
}

/** A model being built; turned into a ModelIR when the walk ends. */
export interface ModelState {
  api: ModelIR['api'];
  name: string;
  nameSpan: Span;
  span: Span;
  /** Whether this model is reported (rebuilt ones are not, nor models built in imported files unless code of the main file called the helper). */
  registered: boolean;
  /** The imported file whose helper built the model, called from the main file (ModelIR.builtIn). */
  builtIn?: string;
  /** ModelIR.builtThrough. */
  builtThrough?: string;
  /** The first model built by the same expression, when this one is a rebuild of it. */
  aliasOf?: ModelState;
  /** The calls in the main file that were running when the model was built, outermost first. */
  callSites: CallSite[];
  /** Rebuilds from other call sites (a factory called with other arguments) or again from one: candidate variants. */
  rebuilds?: ModelState[];
  /** Built more often than this many builds, the ones kept (models.ts). */
  moreBuilds?: number;
  /** A rebuild past those kept: what is done to it changes nothing reported, so a loop doing only that is idle (loops.ts). */
  discarded?: boolean;
  /** `model.trainable = false` was the last word on it: no training of its own changes its weights (a DDPG target network). */
  frozen?: boolean;
  /** `model.setWeights(...)` before any training step: the weights its initializers drew never train (ModelIR.initialWeightsReplaced). */
  weightsSetBeforeTraining?: true;
  /** Used as a layer of another model (`encoder.apply(x)`, `tf.sequential({ layers: [encoder] })`): trained when that one is. */
  nested?: boolean;
  /** The function whose invocation created the model (a factory returning it is named after it). */
  createdIn?: ts.Node;
  /** The functions running when the model was created, the top level (undefined) first: its builder and their callers. */
  createdUnder: ReadonlySet<ts.Node | undefined>;
  namedByFactory?: boolean;
  /** Core API: every function running when the model's first op ran (its predict function is one). */
  createdWithin?: Set<ts.Node>;
  sequential: SequentialEntry[];
  graphInputs: GraphNode[];
  graphOutputs: GraphNode[];
  coreNodes: GraphNode[];
  /** The training of the definition: every use of any of its builds (one model). */
  training: TrainingState;
  /**
   * The training of this build's own values, set on a definition's first build and its rebuilds:
   * when the builds differ they are variants, and each is trained as its own value is
   * (`recogniser.compile(...)` is not the discriminator's, though one factory built both).
   */
  buildTraining?: TrainingState;
  notes: string[];
  unresolved: string[];
}

export interface ModelValue {
  tag: 'model';
  state: ModelState;
}

/**
 * A command-line parser being declared (yargs, commander, argparse): the options' defaults so
 * far, the values a run without flags gets (cliOptions.ts).
 */
export interface CliParserValue {
  tag: 'cliParser';
  library: 'yargs' | 'commander' | 'argparse';
  defaults: ObjectValue;
  /** commander: the arguments a command declares (`command('train <data>')`), passed to its action before the options. */
  positionals: number;
}

/**
 * A reactive cell of a UI framework (reactiveState.ts): a signal, a ref, a store. `compute` makes
 * a computed cell's value at each read.
 */
export interface CellValue {
  tag: 'cell';
  current: Value;
  compute?: () => Value;
}

/** An RxJS stream (rxjs.ts): the first value a subscriber gets, when known. */
export interface ObservableValue {
  tag: 'observable';
  first: Value;
  known: boolean;
}

/** An RxJS operator with its arguments (`map(fn)`), waiting for `pipe` to apply it to a stream. */
export interface RxOperatorValue {
  tag: 'rxOperator';
  name: string;
  args: Value[];
}

export type Value =
  | Primitive
  | UnknownValue
  | ObjectValue
  | ArrayValue
  | FunctionValue
  | ClassValue
  | TfRef
  | BuiltinRef
  | LayerValue
  | TensorValue
  | VariableValue
  | OptimizerValue
  | InitializerValue
  | ModelValue
  | CliParserValue
  | ObservableValue
  | RxOperatorValue
  | CellValue
  | RegularizerValue
  | RegExpValue
  | SymbolValue;

export type Tagged = Exclude<Value, Primitive>;

export function isTagged(value: Value): value is Tagged {
  return typeof value === 'object' && value !== null;
}

export function hasTag<T extends Tagged['tag']>(value: Value, tag: T): value is Extract<Tagged, { tag: T }> {
  return isTagged(value) && value.tag === tag;
}

export function isKnown(value: Value): boolean {
  return !hasTag(value, 'unknown');
}

export function asNumber(value: Value): number | undefined {
  return typeof value === 'number' && !Number.isNaN(value) ? value : undefined;
}

export function asString(value: Value): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asBoolean(value: Value): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A constant shape such as `[28, 28, 1]` or `[null, 10]`; undefined when any dimension is not constant. */
export function asShape(value: Value): (number | null)[] | undefined {
  if (!hasTag(value, 'array')) return undefined;
  const dims: (number | null)[] = [];
  for (const item of value.items) {
    if (item === null || item === undefined) dims.push(null);
    else if (typeof item === 'number') dims.push(item);
    else return undefined;
  }
  return dims;
}

/** An input shape read per dimension; `complete` is false when some entries were not known statically. */
export interface InputShape {
  dims: (number | null)[];
  complete: boolean;
}

/**
 * An input shape with each dimension known or not on its own (DESIGN 3a): `[40, charsetSize]`
 * with charsetSize from data is `[40, null]`, so the 40 time steps stay known and only the
 * feature size is left to the flow's unknowns, as a written `null` is. Undefined when the
 * array's length is not known (a spread of unknown length) or the value is no array.
 */
export function inputShapeOf(value: Value): InputShape | undefined {
  if (!hasTag(value, 'array')) return undefined;
  const exact = asShape(value);
  if (exact) return { dims: exact, complete: true };
  if (!value.lengthKnown) return undefined;
  return { dims: value.items.map((item) => (typeof item === 'number' ? item : null)), complete: false };
}

/**
 * `{ ...source }` and `Object.assign(target, source)`: a known object's members are copied; null,
 * undefined and other primitives add nothing; anything else may set any key, so the target
 * becomes open and the keys it already had (which the source may overwrite) become unknown.
 */
export function spreadInto(target: ObjectValue, source: Value): void {
  const known = hasTag(source, 'object');
  if (!known && !isTagged(source)) return;
  if (!known || source.open) {
    target.open = true;
    target.props.forEach((member, key) => target.props.set(key, { ...member, value: UNKNOWN }));
  }
  if (known) source.props.forEach((member, key) => target.props.set(key, member));
}

/**
 * A function's own properties, made on first use. ES5 code keeps a constructor's methods on
 * `F.prototype` (an object from the start, as in JavaScript); any other property nobody set
 * (`name`, `length`) is unknown, not absent.
 */
export function functionProperties(fn: FunctionValue): ObjectValue {
  if (!fn.properties) {
    fn.properties = newObject();
    fn.properties.open = true;
    const span = fn.nameSpan ?? { start: fn.node.pos, end: fn.node.pos };
    fn.properties.props.set('prototype', { value: newObject(), span, valueSpan: span });
  }
  return fn.properties;
}

/** @param capacity how many properties the object is expected to get (an object literal's count). */
export function newObject(span?: Span, capacity = 0): ObjectValue {
  return { tag: 'object', props: new Properties(capacity), span };
}

/** A shallow copy of an object value: a members table of its own, holding the same members. */
export function copyObject(object: ObjectValue): ObjectValue {
  return { ...object, props: object.props.filter(() => true) };
}

/** The range of what the interpreter makes itself (a library's store, a class's hidden members): none in the file. */
export const NO_SPAN: Span = { start: 0, end: 0 };

/** Sets a member the interpreter makes, not one the code writes (no source range, no edit). */
export function setMadeMember(object: ObjectValue, key: string, value: Value): void {
  object.props.set(key, { value, span: NO_SPAN, valueSpan: NO_SPAN });
}

/** An object the interpreter makes with these members; `open`: it may hold others, unknown. */
export function madeObject(entries: [string, Value][], open = false): ObjectValue {
  const object = newObject();
  for (const [key, value] of entries) setMadeMember(object, key, value);
  if (open) object.open = true;
  return object;
}

/**
 * An export of a package the interpreter models by name (React, RxJS, UI-framework state, Redux
 * Toolkit, Vuex): the builtin `prefix.name`; the namespace and the default export are `prefix`.
 */
export function packageExport(prefix: string, name: string): BuiltinRef {
  return { tag: 'builtin', path: name === '*' || name === 'default' ? prefix : `${prefix}.${name}` };
}
