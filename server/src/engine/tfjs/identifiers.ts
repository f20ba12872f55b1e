/**
 * Which identifier strings tfjs 4.22 resolves, per kind, and what to write instead of one it does
 * not. Checked against tfjs-layers 4.22 (activations.ts getActivation, initializers.ts
 * INITIALIZER_IDENTIFIER_REGISTRY_SYMBOL_MAP, losses.ts lossesMap, metrics.ts metricsMap plus the
 * 'accuracy'/'acc'/'crossentropy'/'ce' shorthands of training.ts compile, optimizers.ts
 * getOptimizer, regularizers.ts and constraints.ts) and by running the installed tfjs
 * (test/unit/rules/identifiers.test.ts).
 *
 * Activations, initializers, regularizers and constraints fall back to the serialization
 * registry: any registered class name resolves there (`'ReLU'`, `'HeNormal'`, `'L1L2'`), so a
 * class name is never reported. Losses, metrics and optimizers use their own maps only.
 */
import { TFJS_ACTIVATIONS } from './activations';
import { ownEntry } from '../ownEntry';

export type IdentifierKind = 'activation' | 'initializer' | 'loss' | 'metric' | 'optimizer' | 'regularizer' | 'constraint';

/** Every class registered with tfjs serialization once @tensorflow/tfjs is loaded (4.22). */
export const REGISTERED_CLASS_NAMES: readonly string[] = [
  'Adadelta', 'Adagrad', 'Adam', 'Adamax', 'Momentum', 'RMSProp', 'SGD', 'Zeros', 'Ones', 'Constant',
  'RandomUniform', 'RandomNormal', 'TruncatedNormal', 'Identity', 'VarianceScaling', 'GlorotUniform',
  'GlorotNormal', 'HeNormal', 'HeUniform', 'LeCunNormal', 'LeCunUniform', 'Orthogonal', 'InputLayer',
  'MaxNorm', 'UnitNorm', 'NonNeg', 'MinMaxNorm', 'Model', 'Functional', 'Sequential', 'elu', 'selu',
  'relu', 'relu6', 'linear', 'sigmoid', 'hardSigmoid', 'softplus', 'softsign', 'tanh', 'softmax',
  'logSoftmax', 'gelu', 'gelu_new', 'mish', 'swish', 'L1L2', 'ReLU', 'LeakyReLU', 'PReLU', 'ELU',
  'ThresholdedReLU', 'Softmax', 'Conv2D', 'Conv3D', 'Conv2DTranspose', 'Conv3DTranspose',
  'SeparableConv2D', 'Conv1D', 'Cropping2D', 'UpSampling2D', 'DepthwiseConv2D', 'RNN', 'SimpleRNNCell',
  'SimpleRNN', 'GRUCell', 'GRU', 'LSTMCell', 'LSTM', 'StackedRNNCells', 'ConvLSTM2DCell', 'ConvLSTM2D',
  'Dropout', 'SpatialDropout1D', 'Dense', 'Flatten', 'Activation', 'RepeatVector', 'Reshape', 'Permute',
  'Masking', 'Embedding', 'Add', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot',
  'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'BatchNormalization', 'LayerNormalization',
  'ZeroPadding2D', 'MaxPooling1D', 'AveragePooling1D', 'MaxPooling2D', 'AveragePooling2D',
  'MaxPooling3D', 'AveragePooling3D', 'GlobalAveragePooling1D', 'GlobalMaxPooling1D',
  'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'TimeDistributed', 'Bidirectional', 'Rescaling',
  'CenterCrop', 'CategoryEncoding', 'Resizing', 'RandomWidth',
];

export const INITIALIZER_STRINGS = [
  'constant', 'glorotNormal', 'glorotUniform', 'heNormal', 'heUniform', 'identity', 'leCunNormal',
  'leCunUniform', 'ones', 'orthogonal', 'randomNormal', 'randomUniform', 'truncatedNormal',
  'varianceScaling', 'zeros',
] as const;

export const LOSS_STRINGS = [
  'meanSquaredError', 'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredLogarithmicError',
  'squaredHinge', 'hinge', 'categoricalHinge', 'logcosh', 'categoricalCrossentropy',
  'sparseCategoricalCrossentropy', 'binaryCrossentropy', 'kullbackLeiblerDivergence', 'poisson',
  'cosineProximity',
] as const;

export const METRIC_STRINGS = [
  'accuracy', 'acc', 'crossentropy', 'ce', 'binaryAccuracy', 'categoricalAccuracy', 'precision',
  'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'mse', 'MSE', 'mae', 'MAE', 'mape', 'MAPE',
  'cosine',
] as const;

export const OPTIMIZER_STRINGS = [
  'sgd', 'SGD', 'adam', 'Adam', 'adamax', 'Adamax', 'adagrad', 'Adagrad', 'adadelta', 'Adadelta', 'rmsprop', 'RMSProp',
] as const;

const OWN_STRINGS: Record<IdentifierKind, readonly string[]> = {
  activation: TFJS_ACTIVATIONS,
  initializer: INITIALIZER_STRINGS,
  loss: LOSS_STRINGS,
  metric: METRIC_STRINGS,
  optimizer: OPTIMIZER_STRINGS,
  regularizer: ['l1l2'],
  constraint: ['maxNorm', 'minMaxNorm', 'nonNeg', 'unitNorm'],
};

const FALLS_BACK_TO_REGISTRY: ReadonlySet<IdentifierKind> = new Set(['activation', 'initializer', 'regularizer', 'constraint']);

/** Strings that resolve to a class whose constructor then throws: `'constant'` needs `{value}`. */
export const THROWS_WITHOUT_CONFIG: Partial<Record<IdentifierKind, readonly string[]>> = { initializer: ['constant', 'Constant'] };

/** Every string each kind resolves: its own, and for those that fall back, the registry's class names. */
const RESOLVING: Record<IdentifierKind, ReadonlySet<string>> = {
  activation: resolving('activation'),
  initializer: resolving('initializer'),
  loss: resolving('loss'),
  metric: resolving('metric'),
  optimizer: resolving('optimizer'),
  regularizer: resolving('regularizer'),
  constraint: resolving('constraint'),
};

function resolving(kind: IdentifierKind): ReadonlySet<string> {
  return new Set([...OWN_STRINGS[kind], ...(FALLS_BACK_TO_REGISTRY.has(kind) ? REGISTERED_CLASS_NAMES : [])]);
}

export function resolvesAs(kind: IdentifierKind, written: string): boolean {
  return RESOLVING[kind].has(written);
}

/**
 * What to write instead: another string, or a tfjs export (`tf.regularizers.l2()`,
 * `tf.metrics.recall`). `equivalent` when it is the same function under its tfjs name; a
 * suggestion that changes behaviour is offered, never applied by "fix all".
 */
export type Suggestion =
  | { form: 'string'; value: string; equivalent: boolean }
  | { form: 'export'; namespace: string; member: string; call: boolean; equivalent: boolean };

/** Keras or PyTorch names that are not a spelling of a tfjs string. */
const ALIASES: Partial<Record<IdentifierKind, Record<string, Suggestion>>> = {
  activation: { silu: { form: 'string', value: 'swish', equivalent: true } },
  initializer: {
    xavier: { form: 'string', value: 'glorotUniform', equivalent: true },
    xavierUniform: { form: 'string', value: 'glorotUniform', equivalent: true },
    xavierNormal: { form: 'string', value: 'glorotNormal', equivalent: true },
    kaimingUniform: { form: 'string', value: 'heUniform', equivalent: true },
    kaimingNormal: { form: 'string', value: 'heNormal', equivalent: true },
    normal: { form: 'string', value: 'randomNormal', equivalent: true },
    uniform: { form: 'string', value: 'randomUniform', equivalent: true },
  },
  loss: {
    mse: { form: 'string', value: 'meanSquaredError', equivalent: true },
    mae: { form: 'string', value: 'meanAbsoluteError', equivalent: true },
    mape: { form: 'string', value: 'meanAbsolutePercentageError', equivalent: true },
    msle: { form: 'string', value: 'meanSquaredLogarithmicError', equivalent: true },
    kld: { form: 'string', value: 'kullbackLeiblerDivergence', equivalent: true },
    kldivergence: { form: 'string', value: 'kullbackLeiblerDivergence', equivalent: true },
    crossentropy: { form: 'string', value: 'categoricalCrossentropy', equivalent: false },
    softmaxCrossEntropy: { form: 'string', value: 'categoricalCrossentropy', equivalent: false },
    huber: { form: 'export', namespace: 'losses', member: 'huberLoss', call: false, equivalent: true },
    huberLoss: { form: 'export', namespace: 'losses', member: 'huberLoss', call: false, equivalent: true },
  },
  metric: {
    meanSquaredError: { form: 'string', value: 'mse', equivalent: true },
    meanAbsoluteError: { form: 'string', value: 'mae', equivalent: true },
    meanAbsolutePercentageError: { form: 'string', value: 'mape', equivalent: true },
    cosineProximity: { form: 'string', value: 'cosine', equivalent: true },
    recall: { form: 'export', namespace: 'metrics', member: 'recall', call: false, equivalent: true },
    binaryCrossentropy: { form: 'export', namespace: 'metrics', member: 'binaryCrossentropy', call: false, equivalent: true },
    sparseCategoricalAccuracy: { form: 'export', namespace: 'metrics', member: 'sparseCategoricalAccuracy', call: false, equivalent: true },
    r2Score: { form: 'export', namespace: 'metrics', member: 'r2Score', call: false, equivalent: true },
  },
  optimizer: {
    nadam: { form: 'string', value: 'adam', equivalent: false },
    adamw: { form: 'string', value: 'adam', equivalent: false },
  },
  regularizer: {
    l1: { form: 'export', namespace: 'regularizers', member: 'l1', call: true, equivalent: true },
    l2: { form: 'export', namespace: 'regularizers', member: 'l2', call: true, equivalent: true },
  },
};

/** Case, `_` and `-` do not matter to a reader: `hard_sigmoid` is `hardSigmoid`. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** The tfjs string or export meant by `written`, which tfjs does not resolve; undefined when nothing is close. */
export function suggestionFor(kind: IdentifierKind, written: string): Suggestion | undefined {
  const aliases = ALIASES[kind] ?? {};
  const exact = ownEntry(aliases, written);
  if (exact) return exact;
  const key = normalized(written);
  const spelling = OWN_STRINGS[kind].find((candidate) => normalized(candidate) === key);
  if (spelling) return { form: 'string', value: spelling, equivalent: true };
  const alias = Object.keys(aliases).find((candidate) => normalized(candidate) === key);
  return alias ? aliases[alias] : undefined;
}
