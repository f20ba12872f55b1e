/** Chooses the mean-field step for a layer by its kind. */
import type { LayerIR } from '../ir';
import { LEAKY_RELU_DEFAULT_ALPHA, ELU_DEFAULT_ALPHA } from '../tfjs/layers';
import { applyActivation } from './activationStep';
import { embeddingStep } from './embeddingStep';
import { kernelStep } from './kernelStep';
import { concatenateStep, multiplyStep, sumStep } from './mergeSteps';
import { batchNormalizationStep, layerNormalizationStep } from './normalizationSteps';
import { recurrentStep } from './recurrentSteps';
import type { Signal } from './signal';
import { identityStep, toInput, type LayerStep, type StepContext } from './step';
import { dropoutStep, flattenStep, opaqueStep, poolingStep, reshapeStep, upSamplingStep } from './structuralSteps';

/**
 * An activation layer (tf.layers.activation, leakyReLU, elu, reLU, prelu, softmax); its output
 * keeps the input's batchDof (applyActivation carries it over).
 */
function activationLayerStep(layer: LayerIR, input: Signal, context: StepContext, name: string, alpha?: number): LayerStep {
  const transfer = applyActivation(layer, name, input, context, alpha);
  return {
    output: transfer.output,
    backward: (g) => toInput(transfer.backward(g)),
    report: transfer.report,
  };
}

/**
 * A layer tf.layers.timeDistributed applies to every time step (axis 0 after the batch): the step
 * of one frame, with the time axis put back in front of its output. For layers whose statistics
 * depend only on the frame's own axes (pooling windows, flatten, reshape); a convolution keeps the
 * time axis instead (kernelStep), since its kernel gradient sums over the time steps too.
 */
function perTimeStep(input: Signal, frameStep: (frame: Signal) => LayerStep): LayerStep {
  if (input.shape.length < 2) return frameStep(input);
  const step = frameStep({ ...input, shape: input.shape.slice(1) });
  return { ...step, output: { ...step.output, shape: [input.shape[0], ...step.output.shape] } };
}

/**
 * A layer with `dataFormat: 'channelsFirst'`: the step of the same layer on the channels-last
 * layout (channels moved from the front to the back), its output moved back where it keeps the
 * input's rank (a convolution, pooling window or upsampling; a global pooling gives the channels).
 */
function channelsFirstStep(input: Signal, step: (channelsLast: Signal) => LayerStep): LayerStep {
  const [channels, ...spatial] = input.shape;
  const stepped = step({ ...input, shape: [...spatial, channels] });
  const shape = stepped.output.shape;
  if (shape.length !== input.shape.length) return stepped;
  // Some steps keep `backward` on a prototype: a spread would drop it.
  return { output: { ...stepped.output, shape: [shape[shape.length - 1], ...shape.slice(0, -1)] }, backward: (gradient) => stepped.backward(gradient), report: stepped.report };
}

export function layerStep(layer: LayerIR, inputs: Signal[], context: StepContext): LayerStep {
  const input = inputs[0];
  // Under timeDistributed the time axis comes before the channels: not handled here.
  if (layer.dataFormat === 'channelsFirst' && layer.wrapper === undefined && input.shape.length >= 2) return channelsFirstStep(input, (channelsLast) => frameLayerStep(layer, channelsLast, [channelsLast, ...inputs.slice(1)], context));
  if (layer.wrapper === 'timeDistributed' && (layer.kind === 'flatten' || layer.kind === 'reshape' || layer.kind === 'pooling')) {
    return perTimeStep(input, (frame) => frameLayerStep(layer, frame, inputs, context));
  }
  return frameLayerStep(layer, input, inputs, context);
}

function frameLayerStep(layer: LayerIR, input: Signal, inputs: Signal[], context: StepContext): LayerStep {
  switch (layer.kind) {
    case 'input':
      return identityStep(input);
    case 'dense':
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'conv2dTranspose':
    case 'depthwiseConv2d':
    case 'separableConv2d':
      return kernelStep(layer, input, context);
    case 'simpleRNN':
    case 'lstm':
    case 'gru':
      return recurrentStep(layer, input, context);
    case 'embedding':
      return embeddingStep(layer, input, context);
    case 'batchNormalization':
      return batchNormalizationStep(layer, input, context);
    case 'layerNormalization':
      return layerNormalizationStep(layer, input, context);
    case 'dropout':
      return dropoutStep(layer, input, context);
    case 'activation':
      return activationLayerStep(layer, input, context, layer.activation ?? 'linear');
    case 'leakyReLU':
      return activationLayerStep(layer, input, context, 'leakyReLU', layer.alpha ?? LEAKY_RELU_DEFAULT_ALPHA);
    case 'elu':
      return activationLayerStep(layer, input, context, 'elu', layer.alpha ?? ELU_DEFAULT_ALPHA);
    case 'reLU':
      return activationLayerStep(layer, input, context, 'relu');
    case 'prelu':
      // tfjs PReLU's alphaInitializer is 'zeros': at initialization it is relu.
      return activationLayerStep(layer, input, context, 'relu');
    case 'softmax':
      return activationLayerStep(layer, input, context, 'softmax');
    case 'add':
      return sumStep(inputs, 1);
    case 'average':
      return sumStep(inputs, 1 / inputs.length);
    case 'multiply':
      return multiplyStep(inputs);
    case 'concatenate':
      return concatenateStep(layer, inputs, context);
    case 'flatten':
      return flattenStep(input);
    case 'reshape':
      return reshapeStep(layer, input, context);
    case 'upSampling':
      return upSamplingStep(layer, input, context);
    case 'pooling':
      return poolingStep(layer, input, context);
    case 'opaque':
      return opaqueStep(layer, input, context);
  }
}
