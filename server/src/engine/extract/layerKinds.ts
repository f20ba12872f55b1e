/** The `tf.layers.*` factories extraction understands, and what each one's config means. */
import type { LayerKind } from '../ir';

export interface LayerSpec {
  kind: LayerKind;
  /** Config key holding the layer's width: dense/recurrent `units`, conv `filters`, embedding `outputDim`. */
  unitsKey?: 'units' | 'filters' | 'outputDim';
  /** Config key of the main weight initializer. */
  kernelKey?: 'kernelInitializer' | 'depthwiseInitializer' | 'embeddingsInitializer';
  /** Spatial dimensions of a convolution kernel (a number kernelSize is repeated this many times). */
  kernelDims?: number;
  /** Spatial dimensions of a pooling layer, with what it computes. */
  pool?: { dims: number; mode: 'max' | 'average'; global: boolean };
}

const dense: LayerSpec = { kind: 'dense', unitsKey: 'units', kernelKey: 'kernelInitializer' };
const pool = (dims: number, mode: 'max' | 'average', global = false): LayerSpec => ({ kind: 'pooling', pool: { dims, mode, global } });
const reshape: LayerSpec = { kind: 'reshape' };
const dropout: LayerSpec = { kind: 'dropout' };

export const LAYER_SPECS: Record<string, LayerSpec> = {
  dense,
  conv1d: { kind: 'conv1d', unitsKey: 'filters', kernelKey: 'kernelInitializer', kernelDims: 1 },
  conv2d: { kind: 'conv2d', unitsKey: 'filters', kernelKey: 'kernelInitializer', kernelDims: 2 },
  conv3d: { kind: 'conv3d', unitsKey: 'filters', kernelKey: 'kernelInitializer', kernelDims: 3 },
  conv2dTranspose: { kind: 'conv2dTranspose', unitsKey: 'filters', kernelKey: 'kernelInitializer', kernelDims: 2 },
  depthwiseConv2d: { kind: 'depthwiseConv2d', kernelKey: 'depthwiseInitializer', kernelDims: 2 },
  separableConv2d: { kind: 'separableConv2d', unitsKey: 'filters', kernelKey: 'depthwiseInitializer', kernelDims: 2 },
  simpleRNN: { kind: 'simpleRNN', unitsKey: 'units', kernelKey: 'kernelInitializer' },
  lstm: { kind: 'lstm', unitsKey: 'units', kernelKey: 'kernelInitializer' },
  gru: { kind: 'gru', unitsKey: 'units', kernelKey: 'kernelInitializer' },
  // Cells become layers through tf.layers.rnn({cell}) (layerCalls.ts).
  simpleRNNCell: { kind: 'simpleRNN', unitsKey: 'units', kernelKey: 'kernelInitializer' },
  lstmCell: { kind: 'lstm', unitsKey: 'units', kernelKey: 'kernelInitializer' },
  gruCell: { kind: 'gru', unitsKey: 'units', kernelKey: 'kernelInitializer' },
  embedding: { kind: 'embedding', unitsKey: 'outputDim', kernelKey: 'embeddingsInitializer' },
  batchNormalization: { kind: 'batchNormalization' },
  layerNormalization: { kind: 'layerNormalization' },
  dropout,
  spatialDropout1d: dropout,
  alphaDropout: dropout,
  gaussianDropout: dropout,
  activation: { kind: 'activation' },
  leakyReLU: { kind: 'leakyReLU' },
  elu: { kind: 'elu' },
  prelu: { kind: 'prelu' },
  reLU: { kind: 'reLU' },
  softmax: { kind: 'softmax' },
  add: { kind: 'add' },
  concatenate: { kind: 'concatenate' },
  multiply: { kind: 'multiply' },
  average: { kind: 'average' },
  flatten: { kind: 'flatten' },
  reshape,
  permute: reshape,
  repeatVector: reshape,
  upSampling2d: { kind: 'upSampling' },
  zeroPadding2d: reshape,
  cropping2D: reshape,
  maxPooling1d: pool(1, 'max'),
  maxPooling2d: pool(2, 'max'),
  maxPooling3d: pool(3, 'max'),
  maxPool1d: pool(1, 'max'),
  maxPool2d: pool(2, 'max'),
  averagePooling1d: pool(1, 'average'),
  averagePooling2d: pool(2, 'average'),
  averagePooling3d: pool(3, 'average'),
  avgPool1d: pool(1, 'average'),
  avgPool2d: pool(2, 'average'),
  avgPooling1d: pool(1, 'average'),
  avgPooling2d: pool(2, 'average'),
  avgPool3d: pool(3, 'average'),
  avgPooling3d: pool(3, 'average'),
  globalAveragePooling1d: pool(1, 'average', true),
  globalAveragePooling2d: pool(2, 'average', true),
  globalMaxPooling1d: pool(1, 'max', true),
  globalMaxPooling2d: pool(2, 'max', true),
  globalMaxPool1d: pool(1, 'max', true),
  globalMaxPool2d: pool(2, 'max', true),
  inputLayer: { kind: 'input' },
};

export const WRAPPERS = new Set(['bidirectional', 'timeDistributed']);
