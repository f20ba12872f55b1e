/**
 * tfjs-api-trap, convolution settings Keras has and tfjs 4.22 accepts but cannot run:
 * - `padding: 'causal'` (a WaveNet or TCN port): conv1d, conv2d and conv3d throw
 *   NotImplementedError ("The support for CAUSAL padding mode in conv1dWithBias is not implemented
 *   yet") the first time the layer runs, in predict or fit (tfjs-layers layers/convolutional.js);
 * - `dilationRate` above 1 in a model that is trained: the forward pass works, but the gradients
 *   of conv2d (which conv1d uses), conv3d and depthwise conv2d (which separableConv2d uses) assert
 *   "dilation rates greater than 1 are not yet supported" at the first training step (tfjs-core
 *   gradients/Conv2D_grad.js, Conv3D_grad.js, DepthwiseConv2dNative_grad.js).
 * No edit keeps what the layer computes (a causal window, a dilated receptive field), so the fixes
 * offered change it and are not preferred.
 */
import type { Finding, Fix } from '../../findings';
import type { FileIR, LayerIR, ModelIR } from '../../ir';
import { setPropertyEdit } from '../../fixes/layerProps';
import { quoted } from '../../fixes/sourceStyle';

type RuleFinding = Omit<Finding, 'severity'>;

const CAUSAL_THROWS = new Set(['conv1d', 'conv2d', 'conv3d']);
const DILATION_GRADIENT_FAILS = new Set(['conv1d', 'conv2d', 'conv3d', 'depthwiseConv2d', 'separableConv2d']);

/** Training calls that take gradients through every layer (a compile alone does not). */
const TAKES_GRADIENTS = new Set(['fit', 'fitDataset', 'trainOnBatch', 'minimize', 'variableGrads', 'computeGradients', 'grads']);

export const messages = {
  causal: (layer: string) =>
    `${layer}: tfjs does not implement padding 'causal': the layer throws NotImplementedError the first time it runs (predict or fit). tfjs has no causal padding; pad the start of the sequence yourself and use 'valid'.`,
  dilation: (layer: string, rates: number[]) =>
    `${layer}: dilationRate ${rates.every((rate) => rate === rates[0]) ? rates[0] : `[${rates.join(', ')}]`} works in predict, but tfjs cannot take the gradient of a dilated convolution: the first training step throws "dilation rates greater than 1 are not yet supported". Train with dilationRate 1 (stack layers or use strides for a wider receptive field).`,
};

function causalTrap(text: string, file: FileIR, layer: LayerIR): RuleFinding | undefined {
  if (layer.padding !== 'causal' || !CAUSAL_THROWS.has(layer.kind)) return undefined;
  const prop = layer.props.padding;
  const edit = prop && setPropertyEdit(text, layer, 'padding', quoted(text, file, 'same'));
  const fixes: Fix[] = edit ? [{ title: "Use padding 'same' (no longer causal: each step also sees later ones)", preferred: false, edits: [edit] }] : [];
  return { rule: 'tfjs-api-trap', message: messages.causal(layer.name), span: prop?.span ?? layer.span, related: [], fixes };
}

function dilationTrap(text: string, layer: LayerIR): RuleFinding | undefined {
  const rates = layer.dilationRate;
  if (!rates || !rates.some((rate) => rate > 1) || !DILATION_GRADIENT_FAILS.has(layer.kind)) return undefined;
  const prop = layer.props.dilationRate;
  const edit = prop && setPropertyEdit(text, layer, 'dilationRate', '1');
  const fixes: Fix[] = edit ? [{ title: 'Use dilationRate 1 (a narrower receptive field)', preferred: false, edits: [edit] }] : [];
  return { rule: 'tfjs-api-trap', message: messages.dilation(layer.name, rates), span: prop?.span ?? layer.span, related: [], fixes };
}

export function unsupportedConvolutionTraps(text: string, file: FileIR, model: ModelIR): RuleFinding[] {
  const trained = model.training?.calls.some((call) => TAKES_GRADIENTS.has(call.kind)) ?? false;
  const findings: RuleFinding[] = [];
  for (const layer of model.layers) {
    const causal = causalTrap(text, file, layer);
    if (causal) findings.push(causal);
    const dilation = trained ? dilationTrap(text, layer) : undefined;
    if (dilation) findings.push(dilation);
  }
  return findings;
}
