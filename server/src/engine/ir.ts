/**
 * The model intermediate representation (ModelIR): what extraction reads out of a source file
 * and what the flow engines, the rules, the fixes, the CLI and the panel all consume.
 *
 * Positions are character offsets into the analysed text ([start, end)); the engine never
 * speaks LSP positions, so the CLI, the server and the webview can share it. A value that was
 * written but could not be resolved statically is left undefined and its property name listed in
 * `unresolved`, never guessed.
 */

export interface Span {
  start: number;
  end: number;
}

export type LayerKind =
  | 'input'
  | 'dense'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv2dTranspose'
  | 'depthwiseConv2d'
  | 'separableConv2d'
  | 'simpleRNN'
  | 'lstm'
  | 'gru'
  | 'embedding'
  | 'batchNormalization'
  | 'layerNormalization'
  | 'dropout'
  | 'activation'
  | 'leakyReLU'
  | 'elu'
  | 'prelu'
  | 'reLU'
  | 'softmax'
  | 'add'
  | 'concatenate'
  | 'multiply'
  | 'average'
  | 'flatten'
  | 'reshape'
  | 'upSampling'
  | 'pooling'
  | 'opaque';

/** An initializer written by the user; absent fields on a layer mean the tfjs default. */
export interface InitializerIR {
  /** tfjs name in camelCase: 'glorotNormal', 'heUniform', 'randomNormal', 'varianceScaling', ... */
  name: string;
  /** Resolved arguments by tfjs config name: {stddev: 0.5}, {scale: 2, mode: 'fanIn', distribution: 'normal'}. */
  args: Record<string, number | string>;
  /** Spans of each written argument value (config property values, or positional core-API arguments). */
  argSpans: Record<string, Span>;
  /** The whole initializer expression: the string literal, the `tf.initializers.x({...})` or `tf.randomNormal(...)` call. */
  span: Span;
  form: 'string' | 'call';
  unresolved: string[];
  /** The custom Initializer class whose apply() draws this (`class GaussianKernel extends Initializer`). */
  drawnBy?: string;
  /** Given to a custom layer's `this.addWeight(...)`, which calls its apply(): only an Initializer object will do, never a name. */
  objectRequired?: true;
}

/** A `key: value` property of a layer's config object literal. */
export interface PropIR {
  span: Span;
  valueSpan: Span;
  /** Written `{ activation }`: the value's span is the name's. */
  shorthand?: true;
}

/** Where a layer sits in the source, which decides how a fix inserts a layer after it. */
export type LayerPlacement =
  | { kind: 'arrayElement' } // an element of `layers: [...]`
  // `receiver.add(layer);`; `inExpression`: the call is part of a larger expression (an arrow
  // function's body, an argument), with no statement after which another could be inserted.
  | { kind: 'addCall'; statement: Span; receiver: string; inExpression?: true }
  | { kind: 'apply' } // functional `layer.apply(x)`
  | { kind: 'core' } // synthesized from core-API ops (matMul + activation)
  | { kind: 'topology' }; // an entry of a Keras-style JSON topology (tf.models.modelFromJSON): no layer call to insert next to

export interface LayerIR {
  /** Position in `ModelIR.layers`, which is in topological (for sequential: source) order. */
  index: number;
  /** `name` from the config, else the tfjs-style auto name (`dense_1`, ...). */
  name: string;
  kind: LayerKind;
  /** The factory as written (`dense`, `conv2d`, or the callee text of an unknown layer). */
  factory: string;
  /** dense units, conv filters, recurrent units, embedding outputDim. */
  units?: number;
  /**
   * An opaque custom layer's last output axis, as its `computeOutputShape` returns it
   * (`[inputShape[0], 1]`, `[..., this.units]`): the flow passes its signal on at that width.
   */
  outputSize?: number;
  /**
   * How many axes, batch first, that `computeOutputShape` returns (`[inputShape[0], inputShape[2]]`
   * of a pooling over words: 2): the flow keeps that many of the input's last axes.
   */
  outputRank?: number;
  /** Which input axis (batch 0) its last output axis is (`inputShape[2]`), or 'last'. */
  outputLastAxis?: number | 'last';
  kernelSize?: number[];
  /** Convolution/pooling strides per spatial axis (a written number repeated); undefined = tfjs default. */
  strides?: number[];
  /** 'valid' or 'same' as written (anything else kept verbatim); undefined = tfjs default 'valid'. */
  padding?: string;
  /** `dataFormat: 'channelsFirst'` (channels before the spatial axes); undefined = tfjs default channelsLast. */
  dataFormat?: 'channelsFirst';
  /** Convolution dilation per spatial axis; undefined = 1. */
  dilationRate?: number[];
  /** Pooling window per spatial axis; undefined = tfjs default (2). */
  poolSize?: number[];
  /** What a pooling layer computes, from its factory; global pooling reduces every spatial axis. */
  pooling?: { mode: 'max' | 'average'; global: boolean };
  /** upSampling2d `size` (rows, columns); undefined = [2, 2]. */
  size?: number[];
  /** upSampling2d interpolation as written; undefined = 'nearest'. */
  interpolation?: string;
  /** reshape `targetShape` (without the batch axis; -1 allowed once). */
  targetShape?: number[];
  /** permute `dims`: the output's axes as 1-based axes of the input (without the batch axis). */
  permuteDims?: number[];
  /** Activation string exactly as written (invalid ones such as 'leakyRelu' kept verbatim); undefined = tfjs default. */
  activation?: string;
  recurrentActivation?: string;
  /**
   * Regularizer and constraint strings that reach the layer through a name (`kernelRegularizer:
   * PRESETS.sparse` is 'l1'), keyed by the property: the API trap checks them where tfjs takes them.
   */
  namedStrings?: Record<string, string>;
  /**
   * Regularizers given a number, string or boolean where their config belongs
   * (`kernelRegularizer: tf.regularizers.l2(0.001)`, which throws), keyed by the property.
   */
  regularizerArguments?: Record<string, { factory: string; value: number | string | boolean; span: Span }>;
  kernelInitializer?: InitializerIR;
  recurrentInitializer?: InitializerIR;
  biasInitializer?: InitializerIR;
  useBias?: boolean;
  /** Written `trainable: false`: its weights never update, so its gradient is no reference for the others'. */
  frozen?: true;
  /** A layer no model holds (FileIR.unplacedLayers) whose construction sits in code nothing runs: why, in words. */
  neverConstructed?: string;
  /** inputShape, or batchInputShape without its batch dimension. */
  inputShape?: (number | null)[];
  /** dropout rate. */
  rate?: number;
  /** leakyReLU / elu alpha. */
  alpha?: number;
  /** embedding inputDim. */
  inputDim?: number;
  returnSequences?: boolean;
  wrapper?: 'bidirectional' | 'timeDistributed';
  /** Indices of the layers feeding this one ([] for the first layer of a model). */
  inputs: number[];
  /** The layer's factory call expression. Layers added in a loop share it. */
  span: Span;
  /** The config object literal, when written. */
  configSpan?: Span;
  /**
   * The argument written where the config object belongs when it evaluates to a number, string or
   * array (Keras's positional argument, `leakyReLU(slope)` with slope = 0.2): its span and value.
   */
  positionalArgument?: { span: Span; value: string };
  props: Record<string, PropIR>;
  placement: LayerPlacement;
  /** Config properties that were written but could not be resolved statically. */
  unresolved: string[];
  /** Stated assumptions, e.g. how an opaque layer is treated. */
  notes: string[];
  /**
   * The model this layer is the output of, when that model was inlined into this one (a
   * generator inside a GAN): its activation is that model's contract, so fixes leave it alone.
   */
  nestedOutputOf?: string;
}

export type OptimizerName =
  | 'sgd'
  | 'momentum'
  | 'adam'
  | 'adamax'
  | 'adagrad'
  | 'adadelta'
  | 'rmsprop'
  | 'unknown';

export interface OptimizerIR {
  name: OptimizerName;
  form: 'string' | 'call' | 'unknown';
  /** The learning rate in effect: written, or the tfjs default for the optimizer. */
  learningRate?: number;
  learningRateSource: 'explicit' | 'default' | 'unresolved' | 'object';
  /** The optimizer expression (string literal or `tf.train.x(...)` call), after following identifiers. */
  span: Span;
  /** A compile string that is not one of the optimizer names read here ('nadam', 'Adam'), as written. */
  written?: string;
  /** The learning-rate argument as written (absent when defaulted). */
  lrSpan?: Span;
  /** Where the optimizer is used (`optimizer: opt` in compile, `opt.minimize(...)`), when it differs from `span`. */
  useSpan?: Span;
  /** Arguments of a `call`-form optimizer; absent when a spread of unknown length hides their number. */
  argumentCount?: number;
  /** `tf.train.momentum(lr, momentum)`: the momentum coefficient, when it is a number. */
  momentum?: number;
  /**
   * Assignments to the optimizer's `learningRate` (`opt.learningRate = 0.01`, `*= 0.99`), whole:
   * tfjs's sgd and momentum keep their rate in a tensor only `setLearningRate` updates.
   */
  rateAssignments?: Span[];
  /**
   * The assignment of the highest known rate, when it is above the rate the optimizer was created
   * with (`createdWith`) and the optimizer reads the field at every step (a warm-up's peak, a step
   * decay that grows): `learningRate` is that rate. `createdUnused`: a fit's callback assigns the
   * rate before its first step (a schedule's onEpochBegin), so the created rate never trains and
   * the peak is the rate whatever its size.
   */
  scheduledPeak?: { span: Span; createdWith?: number; createdUnused?: true };
  /**
   * Written in an imported file (a training helper the analysed file calls): its ranges are the
   * call or import that stands for it, so no fix edits them and no text is read from them.
   */
  foreign?: true;
}

export type TrainingCallKind =
  | 'compile'
  | 'fit'
  | 'fitDataset'
  | 'trainOnBatch'
  | 'minimize'
  | 'variableGrads'
  | 'computeGradients'
  | 'applyGradients'
  | 'grads';

export interface TrainingCallIR {
  kind: TrainingCallKind;
  /** The whole call expression. */
  span: Span;
  /** Each argument's span, in order. */
  argSpans: Span[];
}

export interface ClippingEvidenceIR {
  kind: 'clipByValue' | 'clipByNorm' | 'globalNorm' | 'wrappedApplyGradients';
  span: Span;
}

/**
 * A loss the model is trained with: a `compile({loss})` string or tfjs function reference, or a
 * `tf.losses.x(labels, predictions)` / `tf.metrics.x(...)` call whose predictions are this model's
 * output (`model.predict(x)`, `model.apply(x)`).
 */
export interface LossIR {
  /** The compile string as written ('categoricalCrossentropy', or a misspelling), or the tfjs path ('losses.softmaxCrossEntropy'). */
  name: string;
  form: 'string' | 'reference' | 'call';
  /** The string literal, the function reference or the whole call. */
  span: Span;
  /** `form: 'call'`: each argument's span. */
  argSpans?: Span[];
  /**
   * A loss for one output of several: its position in `outputs`, which is a compile loss's in
   * `loss: [...]`, or the output a loss call reads (`const [probs, mu] = vae.apply(x)`).
   */
  output?: number;
  /** A compile loss for one output of several: its key in `loss: {...}`, the output layer's name. */
  outputName?: string;
  /**
   * A loss listed as an object's member (`loss: Object.values(LOSS_BY_HEAD)`): the whole member
   * (`emotion: 'categoricalCrossentropy'`), which a swap moves with its key, so the keys still name
   * what they hold.
   */
  memberSpan?: Span;
  /** Written as the shorthand property `compile({ optimizer, loss })`: an edit writes `loss: value`. */
  shorthand?: true;
}

/** The `compile({...})` config object literal and its properties, as written. */
export interface CompileConfigIR {
  span: Span;
  props: Record<string, PropIR>;
  /** The metric names of a `metrics` list given by a name (`metrics: REPORTED_METRICS`), as they evaluate. */
  metricNames?: string[];
}

export interface TrainingIR {
  optimizer?: OptimizerIR;
  calls: TrainingCallIR[];
  clipping: ClippingEvidenceIR[];
  losses?: LossIR[];
  compile?: CompileConfigIR;
}

/**
 * One of several models the same definition builds: under a condition not known statically
 * (`switch (rnnType)`, `if (config.deep)`), or from a factory called with different arguments.
 */
export interface VariantIR {
  /** "when rnnType is 'lstm'", "when deep and not dropout", "as called at line 42: build('lstm')". */
  label: string;
  /** What the label joins: each condition or call site, in words. */
  conditions: string[];
  /** A build repeated from one call (a loop over specs): which of the definition's builds, from 1, this variant is. */
  builds?: number[];
}

export interface ModelIR {
  /** Variable name, function name for factories, or `model@<line>` when anonymous. */
  name: string;
  /** Set when this is one variant of a definition that builds several (see `variantName`). */
  variant?: VariantIR;
  api: 'sequential' | 'functional' | 'core';
  /** The defining expression (the `tf.sequential(...)` / `tf.model(...)` call, or the predict function). */
  span: Span;
  /** Where model-level diagnostics and the CodeLens go (the declared name, else the call). */
  nameSpan: Span;
  layers: LayerIR[];
  /** Input shape without the batch dimension, from the first layer or `tf.input`. */
  inputShape?: (number | null)[];
  /** Indices of output layers (the last layer for sequential models). */
  outputs: number[];
  training?: TrainingIR;
  /**
   * The imported file whose helper builds the model for a call in this file: every range of its
   * layers is that call, and findings placed there or at other calls of that file's code (its
   * training loop) are left to that file's analysis, which follows this file's calls; this file
   * reports how its own code, and a third file's trainer it hands the model to, train it.
   */
  builtIn?: string;
  /**
   * The imported file whose code this file's call ran to build the model, when not `builtIn` (a
   * trainer class whose constructor builds its networks with a third file's helpers, or a base
   * class's method that calls a subclass's build): that file's analysis runs this file's call
   * too, so findings placed at calls of its code are left to it as well.
   */
  builtThrough?: string;
  /**
   * Why the model is never built, in words, when every build of it starts in code nothing runs (a
   * function its module never names or calls only in a branch that never runs, a registry member
   * never read: extract/unusedBuilders.ts): its findings are hints.
   */
  unusedBuilder?: string;
  /**
   * Why the model, built, is never trained, when every build is bound to a name that is only
   * looked at or given other weights and then left, and the file trains another model
   * (extract/abandonedModels.ts): its gradient findings are hints; API traps, which throw when it
   * is built, stay.
   */
  neverTrained?: string;
  /**
   * Why the weights its initializers draw never train, when every build is given other weights
   * (`setWeights`) before any training step (a layers twin of trained variables, made to save
   * them): its initializer findings are hints.
   */
  initialWeightsReplaced?: string;
  /**
   * Every build of a model never trained is disposed where it is left, or left in an importer that
   * trains models of its own: no code added later in this file can train it.
   */
  staysUntrained?: boolean;
  unresolved: string[];
  notes: string[];
}

/** How the file refers to tfjs, so fixes write code in the file's own style. */
export interface TfjsImportIR {
  module: string;
  style: 'namespace' | 'named' | 'require' | 'default';
  /** Local name of the namespace (`tf`), when there is one. */
  namespace?: string;
  /** Named imports: exported name -> local name (`{layers: 'layers', sequential: 'seq'}`). */
  named: Record<string, string>;
  span: Span;
}

export interface FileIR {
  fileName: string;
  models: ModelIR[];
  tfjs?: TfjsImportIR;
  /** The file has no tfjs import and reads tfjs as the script-tag global `tf` (extract/globalTf.ts). */
  globalTf?: boolean;
  /** Offset just after the last import/require statement: where inserted helpers go. */
  afterImports: number;
  /**
   * The parser recovered from syntax errors (the analysis still runs). Whether, not how many: the
   * incremental parser's recovery may report an error twice where a fresh parse reports it once.
   */
  hasSyntaxErrors: boolean;
  /**
   * Training that belongs to no model of this file: optimizers created or used where no model is
   * extracted (a model passed in as a parameter or built in another file, a policy's variables
   * trained with `optimizer.minimize`). Rules that need no model check these too; optimizers a
   * model of the file trains with are never listed here.
   */
  detachedTraining?: TrainingIR[];
  /**
   * Layers the file's code constructs that no model of the file holds (a standard layer a custom
   * layer wraps, made in its constructor): tfjs constructs them all the same, so the checks of a
   * layer's own config (identifier strings tfjs throws on) read them too.
   */
  unplacedLayers?: LayerIR[];
  /**
   * Ranges that stand for code of imported files: the imports (what runs there when the module
   * loads, or in functions it calls from within) and the calls of imported helpers (`buildModel()`,
   * `trainLoop(model)`), where what the helpers do is placed.
   */
  importedCode?: ImportedCodeIR[];
  /** File-level extraction notes (e.g. stopped at the time budget), when there are any. */
  notes?: string[];
}

/** A range of the main file that stands for code of an imported file (FileIR.importedCode). */
export interface ImportedCodeIR extends Span {
  /** That file's name. */
  module: string;
  /**
   * That file's own analysis sees the model too, and reports what is written there: 'all' when it
   * imports this one (a subclass overriding the method that makes a layer); 'own' when the code
   * is its base class's method run on this file's subclass (which comes with that analysis as an
   * importer): that analysis sees the models its own code builds, not one this file hands it.
   */
  seesModel?: 'all' | 'own';
}

/** The model's name with its variant's condition: "model (when rnnType is 'lstm')". */
export function variantName(model: ModelIR): string {
  return model.variant ? `${model.name} (${model.variant.label})` : model.name;
}
