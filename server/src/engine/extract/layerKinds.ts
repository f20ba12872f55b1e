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
}

const dense: LayerSpec = { kind: 'dense', unitsKey: 'units', kernelKey: 'kernelInitializer' };
const pooling: LayerSpec = { kind: 'pooling' };
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
  upSampling2d: reshape,
  zeroPadding2d: reshape,
  cropping2D: reshape,
  maxPooling1d: pooling,
  maxPooling2d: pooling,
  maxPooling3d: pooling,
  maxPool1d: pooling,
  maxPool2d: pooling,
  averagePooling1d: pooling,
  averagePooling2d: pooling,
  averagePooling3d: pooling,
  avgPool1d: pooling,
  avgPool2d: pooling,
  globalAveragePooling1d: pooling,
  globalAveragePooling2d: pooling,
  globalMaxPooling1d: pooling,
  globalMaxPooling2d: pooling,
  globalMaxPool1d: pooling,
  globalMaxPool2d: pooling,
  inputLayer: { kind: 'input' },
};

export const WRAPPERS = new Set(['bidirectional', 'timeDistributed']);
