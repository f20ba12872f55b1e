/**
 * The model families of `npm run fidelity` beyond dense stacks (issue 14, item 5): convolutions
 * with strides, padding and dilation, pooling, transposed convolutions, upsampling, reshape,
 * residual blocks (plain, pre- and post-layerNormalization), recurrent layers with
 * returnSequences into a dense head, and embeddings. Each model is tfjs SOURCE TEXT as a user
 * would write it (functional blocks unrolled), read by the real extractor. Dilated convolutions are
 * not in the grid: tfjs 4.22 has no gradient for conv2d with dilation > 1, so nothing can be measured.
 */

export interface FamilyModel {
  family: string;
  name: string;
  source: string;
}

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";

function sequentialSource(layers: string[]): string {
  return `${HEADER}\nexport const model = tf.sequential({ layers: [\n${layers.map((l) => `  tf.layers.${l},`).join('\n')}\n] });\n`;
}

function convStack(activation: string, strides: number, padding: string, dilation: number): string {
  const conv = (filters: number, extra: string) =>
    `conv2d({ filters: ${filters}, kernelSize: 3, strides: ${strides}, padding: '${padding}', dilationRate: ${dilation}, activation: '${activation}'${extra} })`;
  return sequentialSource([conv(8, ', inputShape: [12, 12, 3]'), conv(16, ''), 'flatten()', 'dense({ units: 10 })']);
}

function poolingStack(activation: string, pool: string, poolSize: number, strides: number | undefined): string {
  const poolConfig = `{ poolSize: ${poolSize}${strides === undefined ? '' : `, strides: ${strides}`} }`;
  return sequentialSource([
    `conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: '${activation}', inputShape: [12, 12, 3] })`,
    `${pool}(${poolConfig})`,
    `conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: '${activation}' })`,
    `${pool}(${poolConfig})`,
    'flatten()',
    'dense({ units: 10 })',
  ]);
}

function globalPoolingStack(activation: string, pool: string): string {
  return sequentialSource([
    `conv2d({ filters: 16, kernelSize: 3, activation: '${activation}', inputShape: [12, 12, 3] })`,
    `conv2d({ filters: 32, kernelSize: 3, activation: '${activation}' })`,
    `${pool}({})`,
    'dense({ units: 10 })',
  ]);
}

function transposeStack(activation: string, padding: string, kernel: number): string {
  return sequentialSource([
    `conv2dTranspose({ filters: 16, kernelSize: ${kernel}, strides: 2, padding: '${padding}', activation: '${activation}', inputShape: [4, 4, 8] })`,
    `conv2dTranspose({ filters: 8, kernelSize: ${kernel}, strides: 2, padding: '${padding}', activation: '${activation}' })`,
    `conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: '${activation}' })`,
    'flatten()',
    'dense({ units: 10 })',
  ]);
}

function upSamplingStack(activation: string, size: number): string {
  return sequentialSource([
    `conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: '${activation}', inputShape: [6, 6, 4] })`,
    `upSampling2d({ size: [${size}, ${size}] })`,
    `conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: '${activation}' })`,
    'flatten()',
    'dense({ units: 10 })',
  ]);
}

function reshapeStack(activation: string): string {
  return sequentialSource([
    `dense({ units: 128, activation: '${activation}', inputShape: [32] })`,
    'reshape({ targetShape: [4, 4, 8] })',
    `conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: '${activation}' })`,
    'flatten()',
    'dense({ units: 10 })',
  ]);
}

type Residual = 'plain' | 'preLN' | 'postLN';

/** A functional stack of `depth` residual blocks of width 64, unrolled as a user writes it. */
function residualStack(kind: Residual, activation: string, depth: number): string {
  const lines = ["const input = tf.input({ shape: [64] });", 'let x = tf.layers.dense({ units: 64 }).apply(input) as tf.SymbolicTensor;'];
  for (let i = 0; i < depth; i++) {
    const from = kind === 'preLN' ? `tf.layers.layerNormalization().apply(x)` : 'x';
    lines.push(`const h${i} = tf.layers.dense({ units: 64, activation: '${activation}', kernelInitializer: 'heNormal' }).apply(${from});`);
    lines.push(`const r${i} = tf.layers.add().apply([x, tf.layers.dense({ units: 64 }).apply(h${i}) as tf.SymbolicTensor]);`);
    lines.push(kind === 'postLN' ? `x = tf.layers.layerNormalization().apply(r${i}) as tf.SymbolicTensor;` : `x = r${i} as tf.SymbolicTensor;`);
  }
  lines.push('const output = tf.layers.dense({ units: 10 }).apply(x) as tf.SymbolicTensor;');
  lines.push('export const model = tf.model({ inputs: input, outputs: output });');
  return `${HEADER}\n${lines.join('\n')}\n`;
}

function recurrentSequences(kind: string, steps: number): string {
  return sequentialSource([
    `${kind}({ units: 32, returnSequences: true, inputShape: [${steps}, 8] })`,
    'dense({ units: 10 })',
  ]);
}

function embeddingStack(head: string): string {
  return sequentialSource([
    "embedding({ inputDim: 100, outputDim: 32, inputLength: 12 })",
    ...(head === 'flatten' ? ['flatten()'] : [`${head}({ units: 32 })`]),
    'dense({ units: 10 })',
  ]);
}

export const FAMILY_MODELS: FamilyModel[] = [
  { family: 'conv strides/padding', name: 'relu s2 same', source: convStack('relu', 2, 'same', 1) },
  { family: 'conv strides/padding', name: 'tanh s2 valid', source: convStack('tanh', 2, 'valid', 1) },
  { family: 'conv strides/padding', name: 'relu s1 same', source: convStack('relu', 1, 'same', 1) },
  { family: 'conv strides/padding', name: 'relu s3 valid', source: convStack('relu', 3, 'valid', 1) },
  { family: 'pooling', name: 'relu maxPooling2d 2', source: poolingStack('relu', 'maxPooling2d', 2, undefined) },
  { family: 'pooling', name: 'tanh maxPooling2d 3/2', source: poolingStack('tanh', 'maxPooling2d', 3, 2) },
  { family: 'pooling', name: 'relu averagePooling2d 2', source: poolingStack('relu', 'averagePooling2d', 2, undefined) },
  { family: 'pooling', name: 'relu globalAveragePooling2d', source: globalPoolingStack('relu', 'globalAveragePooling2d') },
  { family: 'pooling', name: 'relu globalMaxPooling2d', source: globalPoolingStack('relu', 'globalMaxPooling2d') },
  { family: 'transpose conv', name: 'relu k3 same', source: transposeStack('relu', 'same', 3) },
  { family: 'transpose conv', name: 'tanh k4 valid', source: transposeStack('tanh', 'valid', 4) },
  { family: 'transpose conv', name: 'relu k2 valid', source: transposeStack('relu', 'valid', 2) },
  { family: 'upsampling', name: 'relu size 2', source: upSamplingStack('relu', 2) },
  { family: 'upsampling', name: 'tanh size 3', source: upSamplingStack('tanh', 3) },
  { family: 'reshape', name: 'relu dense → reshape → conv', source: reshapeStack('relu') },
  { family: 'residual plain', name: 'relu depth 4', source: residualStack('plain', 'relu', 4) },
  { family: 'residual plain', name: 'relu depth 8', source: residualStack('plain', 'relu', 8) },
  { family: 'residual pre-LN', name: 'relu depth 4', source: residualStack('preLN', 'relu', 4) },
  { family: 'residual pre-LN', name: 'relu depth 8', source: residualStack('preLN', 'relu', 8) },
  { family: 'residual post-LN', name: 'relu depth 4', source: residualStack('postLN', 'relu', 4) },
  { family: 'residual post-LN', name: 'tanh depth 8', source: residualStack('postLN', 'tanh', 8) },
  { family: 'RNN returnSequences', name: 'simpleRNN 10 steps', source: recurrentSequences('simpleRNN', 10) },
  { family: 'RNN returnSequences', name: 'lstm 10 steps', source: recurrentSequences('lstm', 10) },
  { family: 'RNN returnSequences', name: 'gru 20 steps', source: recurrentSequences('gru', 20) },
  { family: 'embedding', name: 'embedding → flatten', source: embeddingStack('flatten') },
  { family: 'embedding', name: 'embedding → lstm', source: embeddingStack('lstm') },
];
